import type { TradeJson } from "@/lib/contract/backtests";

/** The number a trader sees and types (`#1`, `?trade=1`): the store counts trades from 0, people from 1. */
export const tradeNumber = (t: Pick<TradeJson, "seq">) => t.seq + 1;
