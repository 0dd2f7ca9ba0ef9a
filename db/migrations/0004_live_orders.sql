CREATE TABLE "live_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"client_order_id" text,
	"message" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "live_orders" (
	"client_order_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"purpose" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"qty" double precision NOT NULL,
	"reduce_only" boolean NOT NULL,
	"status" text NOT NULL,
	"sent_at" timestamp with time zone,
	"exchange_order_id" text,
	"fills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "live_events_account_idx" ON "live_events" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "live_orders_account_status_idx" ON "live_orders" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "live_orders_exchange_order_idx" ON "live_orders" USING btree ("account_id","exchange_order_id");