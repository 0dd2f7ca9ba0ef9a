import type { Database } from "@/db/client";
import { getLiveAccount, listEntryIntents } from "@/db/queries/live-accounts";
import { listNewestLiveEvents } from "@/db/queries/live-events";
import { listLiveOrders } from "@/db/queries/live-orders";
import { getAccountJob, listPaperPositions } from "@/db/queries/paper";
import { liveBalanceSchema, liveReconciliationSchema, type LiveMonitorJson } from "@/lib/contract/live";
import { liveLimitsSchema } from "@/lib/trading/live-settings";
import { averageFillPrice, filledQty, orderFees, type TrackedOrder } from "@/lib/trading/order-state";
import { LiveAccountError } from "./errors";
import { exchangeKeysStatus } from "./exchange-keys-status";
import { pairOf, readColumn, summaryOf } from "./live-account-summary";
import { liveComparison } from "./live-comparison";

export { listLiveAccountSummaries } from "./live-account-summary";

/** How many orders, fills, events and comparison rows the page gets: the newest, enough to read, small enough to poll. */
export const LIVE_MONITOR_ROWS = 200;

function fillsOf(orders: readonly TrackedOrder[], limit: number): LiveMonitorJson["fills"] {
  return orders
    .flatMap((o) => o.fills.map((f) => ({ fillId: f.fillId, clientOrderId: o.clientOrderId, purpose: o.purpose, symbol: o.symbol, side: o.side, qty: f.qty, price: f.price, fillType: f.fillType, time: f.time })))
    .sort((a, b) => b.time - a.time)
    .slice(0, limit);
}

/** Everything the Live page shows of one account, read in one go; the page polls it every few seconds. */
export async function liveMonitor(db: Database, accountId: string, options: { rows?: number } = {}): Promise<LiveMonitorJson> {
  const rows = options.rows ?? LIVE_MONITOR_ROWS;
  const live = await getLiveAccount(db, accountId);
  if (!live) throw new LiveAccountError("LIVE_ACCOUNT_NOT_FOUND", `no live account ${accountId}`);
  const pair = await pairOf(db, live);
  const [job, orders, intents, paperPositions, events] = await Promise.all([
    getAccountJob(db, pair.paper.jobId),
    listLiveOrders(db, accountId),
    listEntryIntents(db, accountId),
    listPaperPositions(db, pair.paper.id),
    listNewestLiveEvents(db, accountId, rows),
  ]);
  const fees = pair.settings.portfolio.fees;
  return {
    account: summaryOf(pair, job),
    limits: readColumn(live, "limits", liveLimitsSchema, live.limits),
    keys: exchangeKeysStatus(),
    balance: live.balance === null ? null : readColumn(live, "balance", liveBalanceSchema, live.balance),
    reconciliation: live.lastReconciliation === null ? null : readColumn(live, "last reconciliation", liveReconciliationSchema, live.lastReconciliation),
    orders: orders
      .slice()
      .reverse()
      .slice(0, rows)
      .map((o) => ({
        clientOrderId: o.clientOrderId,
        purpose: o.purpose,
        symbol: o.symbol,
        side: o.side,
        qty: o.qty,
        reduceOnly: o.reduceOnly,
        status: o.status,
        sentAt: o.sentAt,
        exchangeOrderId: o.exchangeOrderId,
        filledQty: filledQty(o),
        averagePrice: averageFillPrice(o),
        fees: orderFees(o, fees),
        note: o.note,
        updatedAt: o.updatedAt,
      })),
    fills: fillsOf(orders, rows),
    events: events.map((e) => ({ id: e.id, time: e.time, kind: e.kind, clientOrderId: e.clientOrderId, message: e.message })),
    comparison: liveComparison(intents, orders, paperPositions, rows),
  };
}
