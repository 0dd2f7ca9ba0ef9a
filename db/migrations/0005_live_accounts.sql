CREATE TABLE "live_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"paper_account_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"limits" jsonb NOT NULL,
	"armed_at" timestamp with time zone,
	"armed_by" text,
	"mode" text DEFAULT 'active' NOT NULL,
	"mode_reason" text,
	"last_reconciliation" jsonb,
	"last_reconciled_at" timestamp with time zone,
	"balance" jsonb,
	"dms_refreshed_at" timestamp with time zone,
	"dms_cancels_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_accounts_paper_account_id_unique" UNIQUE("paper_account_id")
);
--> statement-breakpoint
CREATE TABLE "live_intents" (
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"leg_id" text NOT NULL,
	"bar_close_time" bigint NOT NULL,
	"intent" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_intents_account_id_kind_leg_id_bar_close_time_pk" PRIMARY KEY("account_id","kind","leg_id","bar_close_time")
);
--> statement-breakpoint
ALTER TABLE "live_accounts" ADD CONSTRAINT "live_accounts_paper_account_id_paper_accounts_id_fk" FOREIGN KEY ("paper_account_id") REFERENCES "public"."paper_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_intents" ADD CONSTRAINT "live_intents_account_id_live_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."live_accounts"("id") ON DELETE cascade ON UPDATE no action;