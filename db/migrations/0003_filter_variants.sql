CREATE TABLE "backtest_filter_variants" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"hypothesis_id" text NOT NULL,
	"filter" text[] NOT NULL,
	"net_pnl" double precision[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "backtest_filter_variants" ADD CONSTRAINT "backtest_filter_variants_run_id_backtest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."backtest_runs"("id") ON DELETE cascade ON UPDATE no action;