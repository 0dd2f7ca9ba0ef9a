import { TRADE_REASONS, type TradeJson } from "@/lib/contract/backtests";

export const SORT_KEYS = ["seq", "entryTime", "side", "entryPrice", "exitPrice", "reason", "netPnl", "r", "mae", "mfe", "barsHeld", "regime"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The trades table's filter and order: kept in the URL so a shared link or a reload shows the same rows. */
export interface TradesView {
  side: "all" | TradeJson["side"];
  reason: "all" | TradeJson["reason"];
  sort: SortKey;
  desc: boolean;
}

export const DEFAULT_VIEW: TradesView = { side: "all", reason: "all", sort: "seq", desc: false };

const oneOf = <T extends string>(options: readonly T[], value: string | null): T | undefined => options.find((o) => o === value);

/** `?side=short&reason=stop&sort=-netPnl`; anything unknown falls back to the default. */
export function readTradesView(params: URLSearchParams): TradesView {
  const sort = params.get("sort") ?? "";
  const desc = sort.startsWith("-");
  const key = oneOf(SORT_KEYS, desc ? sort.slice(1) : sort);
  return {
    side: oneOf(["long", "short"] as const, params.get("side")) ?? "all",
    reason: oneOf(TRADE_REASONS, params.get("reason")) ?? "all",
    sort: key ?? DEFAULT_VIEW.sort,
    desc: key ? desc : DEFAULT_VIEW.desc,
  };
}

/** Writes the view into `params`, leaving defaults out so a plain run link stays plain. */
export function writeTradesView(params: URLSearchParams, view: TradesView): void {
  const set = (name: string, value: string, fallback: string) => (value === fallback ? params.delete(name) : params.set(name, value));
  set("side", view.side, DEFAULT_VIEW.side);
  set("reason", view.reason, DEFAULT_VIEW.reason);
  set("sort", `${view.desc ? "-" : ""}${view.sort}`, DEFAULT_VIEW.sort);
}

/** The value a column sorts by; a trade without MAE/MFE (candles gone) sorts before every measured one. */
function sortValue(t: TradeJson, key: SortKey): number | string {
  if (key === "mae" || key === "mfe") return t[key]?.usdt ?? Number.NEGATIVE_INFINITY;
  return t[key];
}

/** The rows the table shows, in its order: filtered by side and exit reason, sorted, ties by trade number. */
export function shownTrades(trades: readonly TradeJson[], view: TradesView): TradeJson[] {
  const filtered = trades.filter((t) => (view.side === "all" || t.side === view.side) && (view.reason === "all" || t.reason === view.reason));
  const dir = view.desc ? -1 : 1;
  return filtered.sort((a, b) => {
    const x = sortValue(a, view.sort);
    const y = sortValue(b, view.sort);
    const c = typeof x === "number" && typeof y === "number" ? (x === y ? 0 : x < y ? -1 : 1) : String(x).localeCompare(String(y));
    return dir * c || a.seq - b.seq;
  });
}
