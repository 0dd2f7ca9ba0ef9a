import type { MarketBundle } from "../../hypothesis-runs/market-bundle";
import type { PaperEngine } from "../paper-engine";
import { replayTicks, type ReplayOptions } from "../replay-feed";
import type { PaperEvent } from "../types";

/** Feeds every tick of the replay into `engine`, returning all events. */
export function replayInto(engine: PaperEngine, bundles: readonly MarketBundle[], options: ReplayOptions = { endOfData: true }): PaperEvent[] {
  const events: PaperEvent[] = [];
  for (const tick of replayTicks(bundles, options)) for (const e of engine.onTick(tick)) events.push(e);
  return events;
}

/** The closed trades among `events`. */
export const tradesOf = (events: readonly PaperEvent[]) => events.flatMap((e) => (e.type === "position_closed" ? [e.trade] : []));
