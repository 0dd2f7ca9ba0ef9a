import { formatNumber, formatPrice, formatUtc, formatUtcSeconds } from "@/lib/format";

/** Shared by the Live page's sections: how a time, a size, a price and a sum of dollars read there. */
export const when = (ms: number | null) => (ms === null ? "—" : formatUtc(ms));
/** To the second: the timers (reconciliation, the dead man's switch) and the event log run on seconds. */
export const whenSeconds = (ms: number | null) => (ms === null ? "—" : formatUtcSeconds(new Date(ms).toISOString()));
/** The exchange account is margined in USD; the paper side keeps its books in USDT. */
export const usd = (n: number) => `${formatNumber(n, 2)} USD`;
export const usdt = (n: number) => `${formatNumber(n, 2)} USDT`;
export const price = (n: number | null) => (n === null ? "—" : formatPrice(n));
/** A size with the decimals it has (contracts are often 0.0001 BTC); null is a size nobody knows, never 0. */
export const qty = (n: number | null) => (n === null ? "unknown" : String(Number(n.toFixed(8))));
/** A signed position (long > 0) as a person reads it. */
export const signedQty = (n: number | null) => (n === null ? "unknown" : n === 0 ? "flat" : `${n > 0 ? "long" : "short"} ${qty(Math.abs(n))}`);
