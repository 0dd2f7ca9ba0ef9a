import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCrossExchangeCsv } from "@/lib/market/parse-cross-exchange-csv";
import { studyPerpetualMarkets } from "./cross-exchange-funding-study";
import { twoProportionTest } from "./two-proportion-test";
import { wilsonInterval } from "./wilson-interval";

const slice = readFileSync(path.join(import.meta.dirname, "..", "market", "testing", "fixtures", "all_exchanges.2024-03-28_to_2024-04-02.csv"), "utf8");
const EIGHT_HOURS = 8 * 3_600_000;

describe("funding reversal study per perpetual market of a cross-exchange file", () => {
  const studies = studyPerpetualMarkets(parseCrossExchangeCsv(slice, { timeZone: "Europe/London" }), { horizonsHours: [8, 24] });

  it("studies the 12 perpetuals (not the spot markets) on their own 8-hour bars", () => {
    expect(studies.map((s) => `${s.exchange} ${s.pair}`)).toHaveLength(12);
    for (const s of studies) {
      expect(s.barMs, `${s.exchange} ${s.pair}`).toBe(EIGHT_HOURS);
      expect(s.eventsOffUtcGrid).toBe(0);
      expect(s.from).toBe(Date.UTC(2024, 2, 28));
      expect(s.to).toBe(Date.UTC(2024, 3, 3));
    }
  });

  it("Binance BTCUSDT: the counts of the slice, checked by hand", () => {
    // Eight settlements above 0.0003 (03-29 16:00 … 04-01 08:00 UTC). Over 8h each is priced from the close before it
    // to its own bar's close: 3 fell. The nine other settlements with a close before them: 6 fell.
    const binance = studies.find((s) => s.exchange === "binance" && s.pair === "BTCUSDT");
    const [h8, h24] = binance?.study.reversal.extreme_bullish ?? [];
    expect(binance?.study.classCounts.extreme_bullish).toBe(8);
    expect([h8?.events, h8?.reversals, h8?.baseline.events, h8?.baseline.moves]).toEqual([8, 3, 9, 6]);
    expect(h8?.ci).toEqual(wilsonInterval(3, 8));
    expect(h8?.versusBaseline).toEqual(twoProportionTest(3, 8, 6, 9));
    expect(h8?.firstOfRun, "two runs: 03-29 16:00 alone, then 03-30 08:00 → 04-01 08:00").toMatchObject({ events: 2 });
    expect([h24?.events, h24?.reversals, h24?.baseline.events, h24?.baseline.moves]).toEqual([8, 4, 7, 6]);
  });
});
