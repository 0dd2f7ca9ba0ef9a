import { describe, expect, it } from "vitest";
import { hashSeed } from "@/lib/market/seeded-random";
import { anySignal, memberVoteColumns } from "./ensembles";
import { metaLabelReport } from "./meta-label-report";
import { metaLabelFlow } from "./testing/meta-label-flow";
import { plantedOutcomeMarket } from "./testing/planted-outcome-market";

/** Which of two members a signal bar belongs to: a fixed pseudo-random split of the bars. */
const memberOf = (closeTime: number) => hashSeed(closeTime, "member") % 2;

describe("stacked ensemble on members of planted quality", () => {
  // Member h_good's signals win 85 % of the time, h_bad's 15 %; the candidates are either's.
  const market = plantedOutcomeMarket(9_000, 3, (closeTime) => (memberOf(closeTime) === 0 ? 0.85 : 0.15));
  const closeOf = (bar: number) => (market.series.time[bar] ?? 0) + 300_000;
  const members = [0, 1].map((m) => market.entrySignal.map((s, bar) => (s === 1 && memberOf(closeOf(bar)) === m ? 1 : 0)));
  const candidates = anySignal(members);
  const flow = metaLabelFlow(market.series, candidates, { extra: memberVoteColumns(["h_good", "h_bad"], members) });

  it("learns from the members' votes and keeps the good member's signals out of sample", () => {
    expect([...candidates]).toEqual([...market.entrySignal]);
    const { result, variant } = flow;
    if (result.kind !== "trained" || !variant) throw new Error(`expected a trained result, got ${JSON.stringify(result)}`);
    const report = metaLabelReport({ result, plainTrades: flow.plain.trades, variantTrades: variant.trades });
    const top = Object.entries(report.importances).sort((x, y) => y[1] - x[1])[0]?.[0];
    expect(["vote:h_good", "vote:h_bad"]).toContain(top);
    expect(report.filtered.winRate ?? 0).toBeGreaterThan((report.plain.winRate ?? 0) + 0.2);
    expect(report.filtered.netPnl).toBeGreaterThan(report.plain.netPnl);
    const kept = variant.trades.filter((t) => memberOf(closeOf(t.entryIndex - 1)) === 0).length;
    expect(kept / variant.trades.length).toBeGreaterThan(0.9);
  });
});
