import type { BlockedCounts } from "./types";

export function emptyBlockedCounts(): BlockedCounts {
  return {
    position_open: 0,
    max_concurrent: 0,
    daily_loss_limit: 0,
    max_drawdown: 0,
    invalid_stop: 0,
    insufficient_equity: 0,
  };
}
