CREATE TABLE "hypothesis_lifecycle" (
	"hypothesis_id" text NOT NULL,
	"symbol" text NOT NULL,
	"state" text NOT NULL,
	"paper_account_id" uuid,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hypothesis_lifecycle_hypothesis_id_symbol_pk" PRIMARY KEY("hypothesis_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "learned_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" text NOT NULL,
	"symbol" text NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"valid_from" bigint NOT NULL,
	"train_from" bigint NOT NULL,
	"train_to" bigint NOT NULL,
	"features" text[] NOT NULL,
	"params" jsonb NOT NULL,
	"model" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"batch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learned_models_version" UNIQUE("variant_id","symbol","version")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hypothesis_id" text NOT NULL,
	"symbol" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"actor" text NOT NULL,
	"job_id" uuid,
	"notification" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "research_loop_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"cron" text DEFAULT '0 */6 * * *' NOT NULL,
	"window_days" integer DEFAULT 90 NOT NULL,
	"fetch" boolean DEFAULT true NOT NULL,
	"retrain" boolean DEFAULT true NOT NULL,
	"auto_promote" boolean DEFAULT true NOT NULL,
	"auto_demote" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "learned_models" ADD CONSTRAINT "learned_models_batch_id_backtest_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."backtest_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hypothesis_lifecycle_state_idx" ON "hypothesis_lifecycle" USING btree ("state");--> statement-breakpoint
CREATE INDEX "learned_models_valid_idx" ON "learned_models" USING btree ("variant_id","symbol","valid_from");--> statement-breakpoint
CREATE INDEX "lifecycle_events_hypothesis_idx" ON "lifecycle_events" USING btree ("hypothesis_id","symbol","id");