import type { Exchange } from "ccxt";
import { causeText } from "./describe-remote-failure";
import { withRetry, type RetryOptions } from "./with-retry";

/** The margin account's balance in USD, as Kraken's flex (multi-collateral) account reports it. */
export interface AccountBalance {
  readonly balance: number;
  readonly availableMargin: number;
  readonly initialMargin: number;
  readonly unrealizedPnl: number;
  readonly readAt: number;
}

export type BalanceReading = { readonly kind: "known"; readonly balance: AccountBalance } | { readonly kind: "unknown"; readonly reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function amount(flex: Record<string, unknown>, field: string): number | null {
  const value = Number(flex[field]);
  return flex[field] !== undefined && flex[field] !== null && Number.isFinite(value) ? value : null;
}

/**
 * Reads the flex account from ccxt's fetchBalance answer: ccxt's unified balance keeps the per-currency totals and
 * drops the margin figures a trader needs (available margin, initial margin, unrealised PnL), so `info` is read.
 */
export function parseAccountBalance(answer: unknown, readAt: number): BalanceReading {
  const info = isRecord(answer) ? answer.info : undefined;
  const accounts = isRecord(info) ? info.accounts : undefined;
  const flex = isRecord(accounts) ? accounts.flex : undefined;
  if (!isRecord(flex)) return { kind: "unknown", reason: "the answer held no flex margin account" };
  const balance = amount(flex, "balanceValue");
  const availableMargin = amount(flex, "availableMargin");
  const initialMargin = amount(flex, "initialMargin");
  const unrealizedPnl = amount(flex, "totalUnrealized") ?? amount(flex, "pnl");
  if (balance === null || availableMargin === null || initialMargin === null || unrealizedPnl === null) {
    return { kind: "unknown", reason: "the flex account lacked its balance, available margin, initial margin or unrealised PnL" };
  }
  return { kind: "known", balance: { balance, availableMargin, initialMargin, unrealizedPnl, readAt } };
}

/** The account's balance (a private read: it also proves the keys work), or unknown with why. Retried: reads repeat safely. */
export async function readAccountBalance(exchange: Exchange, now: () => number, retry?: RetryOptions): Promise<BalanceReading> {
  try {
    const answer = await withRetry({ exchange: "krakenfutures", what: "balance", symbol: "account" }, () => exchange.fetchBalance(), retry);
    return parseAccountBalance(answer, now());
  } catch (error) {
    return { kind: "unknown", reason: `reading the balance failed: ${causeText(error)}` };
  }
}
