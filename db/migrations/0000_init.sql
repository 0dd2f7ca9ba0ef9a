CREATE TABLE "candles" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"time" bigint NOT NULL,
	"open" double precision NOT NULL,
	"high" double precision NOT NULL,
	"low" double precision NOT NULL,
	"close" double precision NOT NULL,
	"volume" double precision NOT NULL,
	CONSTRAINT "candles_symbol_timeframe_time_pk" PRIMARY KEY("symbol","timeframe","time")
);
--> statement-breakpoint
CREATE TABLE "data_sources" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"source" text NOT NULL,
	"detail" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_sources_symbol_timeframe_pk" PRIMARY KEY("symbol","timeframe")
);
--> statement-breakpoint
CREATE TABLE "funding_rates" (
	"symbol" text NOT NULL,
	"time" bigint NOT NULL,
	"rate" double precision NOT NULL,
	CONSTRAINT "funding_rates_symbol_time_pk" PRIMARY KEY("symbol","time")
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"symbol" text PRIMARY KEY NOT NULL,
	"base" text NOT NULL,
	"quote" text DEFAULT 'USDT' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"time" timestamp with time zone DEFAULT now() NOT NULL,
	"level" text DEFAULT 'info' NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"step" text,
	"error" text,
	"result" jsonb,
	"cancel_requested" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "backtest_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid,
	"label" text NOT NULL,
	"settings" jsonb NOT NULL,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backtest_equity" (
	"run_id" uuid NOT NULL,
	"time" bigint NOT NULL,
	"equity" double precision NOT NULL,
	CONSTRAINT "backtest_equity_run_id_time_pk" PRIMARY KEY("run_id","time")
);
--> statement-breakpoint
CREATE TABLE "backtest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"hypothesis_id" text,
	"hypothesis_name" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"kind" text DEFAULT 'single' NOT NULL,
	"from_time" bigint NOT NULL,
	"to_time" bigint NOT NULL,
	"metrics" jsonb NOT NULL,
	"diagnostics" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backtest_trades" (
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"leg_id" text NOT NULL,
	"side" text NOT NULL,
	"entry_time" bigint NOT NULL,
	"entry_price" double precision NOT NULL,
	"exit_time" bigint NOT NULL,
	"exit_price" double precision NOT NULL,
	"qty" double precision NOT NULL,
	"stop" double precision NOT NULL,
	"target" double precision NOT NULL,
	"reason" text NOT NULL,
	"entry_fee" double precision NOT NULL,
	"exit_fee" double precision NOT NULL,
	"funding" double precision NOT NULL,
	"slippage" double precision NOT NULL,
	"gross_pnl" double precision NOT NULL,
	"net_pnl" double precision NOT NULL,
	"r" double precision NOT NULL,
	"regime" text NOT NULL,
	"bars_held" integer NOT NULL,
	"ambiguity" text NOT NULL,
	CONSTRAINT "backtest_trades_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "hypotheses" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timeframe" text NOT NULL,
	"direction" text NOT NULL,
	"signal_type" text NOT NULL,
	"definition" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "research_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"batch_id" uuid,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starting_equity" double precision NOT NULL,
	"cash" double precision NOT NULL,
	"status" text DEFAULT 'stopped' NOT NULL,
	"feed" text NOT NULL,
	"settings" jsonb NOT NULL,
	"state" jsonb,
	"last_processed_time" bigint,
	"error" text,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_equity" (
	"account_id" uuid NOT NULL,
	"time" bigint NOT NULL,
	"equity" double precision NOT NULL,
	CONSTRAINT "paper_equity_account_id_time_pk" PRIMARY KEY("account_id","time")
);
--> statement-breakpoint
CREATE TABLE "paper_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"time" bigint NOT NULL,
	"kind" text NOT NULL,
	"leg_id" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "paper_fills" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"order_id" uuid,
	"leg_id" text NOT NULL,
	"kind" text NOT NULL,
	"side" text NOT NULL,
	"time" bigint NOT NULL,
	"price" double precision NOT NULL,
	"qty" double precision NOT NULL,
	"fee" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"position_id" uuid,
	"kind" text NOT NULL,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"qty" double precision NOT NULL,
	"price" double precision,
	"status" text NOT NULL,
	"created_time" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"leg_id" text NOT NULL,
	"hypothesis_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"side" text NOT NULL,
	"qty" double precision NOT NULL,
	"entry_time" bigint NOT NULL,
	"entry_price" double precision NOT NULL,
	"stop" double precision NOT NULL,
	"target" double precision NOT NULL,
	"status" text NOT NULL,
	"exit_time" bigint,
	"exit_price" double precision,
	"exit_reason" text,
	"fees" double precision DEFAULT 0 NOT NULL,
	"funding" double precision DEFAULT 0 NOT NULL,
	"net_pnl" double precision
);
--> statement-breakpoint
ALTER TABLE "job_logs" ADD CONSTRAINT "job_logs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backtest_batches" ADD CONSTRAINT "backtest_batches_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backtest_equity" ADD CONSTRAINT "backtest_equity_run_id_backtest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."backtest_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backtest_runs" ADD CONSTRAINT "backtest_runs_batch_id_backtest_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."backtest_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backtest_trades" ADD CONSTRAINT "backtest_trades_run_id_backtest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."backtest_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_reports" ADD CONSTRAINT "research_reports_batch_id_backtest_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."backtest_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_equity" ADD CONSTRAINT "paper_equity_account_id_paper_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."paper_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_events" ADD CONSTRAINT "paper_events_account_id_paper_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."paper_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_fills" ADD CONSTRAINT "paper_fills_account_id_paper_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."paper_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_fills" ADD CONSTRAINT "paper_fills_order_id_paper_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."paper_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_orders" ADD CONSTRAINT "paper_orders_account_id_paper_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."paper_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_orders" ADD CONSTRAINT "paper_orders_position_id_paper_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."paper_positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_positions" ADD CONSTRAINT "paper_positions_account_id_paper_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."paper_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_sources_source_idx" ON "data_sources" USING btree ("source");--> statement-breakpoint
CREATE INDEX "job_logs_job_idx" ON "job_logs" USING btree ("job_id","id");--> statement-breakpoint
CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "backtest_batches_created_idx" ON "backtest_batches" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "backtest_runs_batch_idx" ON "backtest_runs" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "backtest_runs_hypothesis_idx" ON "backtest_runs" USING btree ("hypothesis_id","symbol");--> statement-breakpoint
CREATE INDEX "backtest_trades_entry_idx" ON "backtest_trades" USING btree ("run_id","entry_time");--> statement-breakpoint
CREATE INDEX "hypotheses_timeframe_idx" ON "hypotheses" USING btree ("timeframe");--> statement-breakpoint
CREATE INDEX "research_reports_kind_idx" ON "research_reports" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "paper_events_account_idx" ON "paper_events" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "paper_fills_account_idx" ON "paper_fills" USING btree ("account_id","time");--> statement-breakpoint
CREATE INDEX "paper_orders_account_idx" ON "paper_orders" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "paper_positions_account_idx" ON "paper_positions" USING btree ("account_id","status");