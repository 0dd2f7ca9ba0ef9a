import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { checkedAt } from "./checked-at";
import { MARKET_REGIMES } from "./market-regime";
import { FUNDING_INTERVAL_MS } from "./synthetic-funding";
import { SyntheticMarketError, generateSyntheticMarket, type SyntheticInstrument, type SyntheticMarket } from "./synthetic-market";
import { validateCandleSeries } from "./validate-candles";
import { validateFundingRates } from "./validate-funding-rates";

const SYMBOLS = ["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"];
const START = Date.UTC(2024, 0, 1);

function logReturns(close: Float64Array, from = 1, to = close.length): Float64Array {
  const out = new Float64Array(Math.max(0, to - from));
  for (let i = from; i < to; i++) out[i - from] = Math.log(checkedAt(close, i) / checkedAt(close, i - 1));
  return out;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function correlation(a: Float64Array, b: Float64Array): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = checkedAt(a, i) - ma;
    const y = checkedAt(b, i) - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

function kurtosis(values: Float64Array): number {
  const m = mean(values);
  let m2 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = (v - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= values.length;
  m4 /= values.length;
  return m4 / (m2 * m2);
}

/** SHA-256 of every column, funding print and regime: equal digests, byte-identical markets. */
function digest(market: SyntheticMarket): string {
  const hash = createHash("sha256");
  for (const { candles1m: c, funding } of market.instruments) {
    for (const column of [c.time, c.open, c.high, c.low, c.close, c.volume]) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
    hash.update(JSON.stringify(funding));
  }
  hash.update(JSON.stringify(market.regimes));
  return hash.digest("hex");
}

function instrument(market: SyntheticMarket, symbol: string): SyntheticInstrument {
  const found = market.instruments.find((i) => i.symbol === symbol);
  if (found === undefined) throw new Error(`no ${symbol}`);
  return found;
}

describe("generateSyntheticMarket: determinism and API", () => {
  const short = { seed: 7, symbols: SYMBOLS, startMs: START, endMs: START + 3 * 86_400_000 };

  it("gives identical output for the same seed and different output for another", () => {
    const a = generateSyntheticMarket(short);
    const b = generateSyntheticMarket(short);
    const c = generateSyntheticMarket({ ...short, seed: 8 });
    for (const symbol of SYMBOLS) {
      expect(instrument(b, symbol).candles1m).toEqual(instrument(a, symbol).candles1m);
      expect(instrument(b, symbol).funding).toEqual(instrument(a, symbol).funding);
      expect(instrument(c, symbol).candles1m.close).not.toEqual(instrument(a, symbol).candles1m.close);
    }
    expect(b.regimes).toEqual(a.regimes);
  });

  it("makes each symbol depend only on the seed and the symbol", () => {
    const trio = generateSyntheticMarket(short);
    const alone = generateSyntheticMarket({ ...short, symbols: ["ETHUSDT.P"] });
    expect(checkedAt(alone.instruments, 0).candles1m).toEqual(instrument(trio, "ETHUSDT.P").candles1m);
  });

  it("covers calendar months, reports progress up to the total, and refuses bad spans", () => {
    const calls: [number, number][] = [];
    const market = generateSyntheticMarket({ seed: "abc", symbols: ["BTCUSDT.P", "XRPUSDT.P"], startMs: START + 30_123, months: 1, onProgress: (d, t) => calls.push([d, t]) });
    expect(market.startMs).toBe(START);
    expect(market.endMs).toBe(Date.UTC(2024, 1, 1));
    const bars = 31 * 1440;
    expect(checkedAt(market.instruments, 1).candles1m.length).toBe(bars);
    expect(calls.at(-1)).toEqual([2 * bars, 2 * bars]);
    expect(calls.every(([done], i) => i === 0 || done >= checkedAt(calls, i - 1)[0])).toBe(true);
    expect(calls.length).toBeGreaterThan(4);
    expect(() => generateSyntheticMarket({ seed: 1, symbols: [], startMs: START, months: 1 })).toThrow(SyntheticMarketError);
    expect(() => generateSyntheticMarket({ seed: 1, symbols: SYMBOLS, startMs: START })).toThrow(/Give either endMs or months/);
    expect(() => generateSyntheticMarket({ seed: 1, symbols: SYMBOLS, startMs: START, endMs: START })).toThrow(/must end after it starts/);
  });
});

describe("generateSyntheticMarket: six months of three instruments", () => {
  let market: SyntheticMarket;
  beforeAll(() => {
    market = generateSyntheticMarket({ seed: 42, symbols: SYMBOLS, startMs: START, months: 6 });
  });

  it("is byte-identical to the market before planted effects existed (the demo's results stay as they were)", () => {
    expect(digest(market)).toBe("d07926b060df9da90f610ffc19f9bbc8eb45941140dcf7cae811978d44f28ab2");
  });

  it("produces valid, gap-free 1m candles at realistic price levels", () => {
    const bars = (Date.UTC(2024, 6, 1) - START) / 60_000;
    for (const [symbol, price] of [["BTCUSDT.P", 60_000], ["ETHUSDT.P", 3_000], ["BNBUSDT.P", 550]] as const) {
      const { candles1m } = instrument(market, symbol);
      expect(candles1m.length).toBe(bars);
      const report = validateCandleSeries(candles1m);
      expect(report.issues).toEqual([]);
      expect(report.gaps).toEqual([]);
      expect(checkedAt(candles1m.open, 0) / price).toBeCloseTo(1, 1);
      let sameOpen = 0;
      for (let i = 1; i < bars; i++) if (candles1m.open[i] === candles1m.close[i - 1]) sameOpen++;
      expect(sameOpen / bars).toBeGreaterThan(0.95);
      expect(sameOpen / bars).toBeLessThan(1);
    }
  });

  it("has fat tails, volatility clustering and volume that follows |return|", () => {
    const { candles1m } = instrument(market, "BTCUSDT.P");
    const r = logReturns(candles1m.close);
    expect(kurtosis(r)).toBeGreaterThan(6);
    const abs = r.map(Math.abs);
    expect(correlation(abs.subarray(0, -1), abs.subarray(1))).toBeGreaterThan(0.1);
    expect(correlation(abs, candles1m.volume.subarray(1))).toBeGreaterThan(0.3);
  });

  it("is busiest at the US open and quietest in the Asian night", () => {
    const { candles1m } = instrument(market, "ETHUSDT.P");
    const byHour = new Float64Array(24);
    for (let i = 0; i < candles1m.length; i++) {
      const hour = new Date(checkedAt(candles1m.time, i)).getUTCHours();
      byHour[hour] = checkedAt(byHour, hour) + checkedAt(candles1m.volume, i);
    }
    expect(checkedAt(byHour, 14)).toBeGreaterThan(1.8 * checkedAt(byHour, 4));
    expect(checkedAt(byHour, 8)).toBeGreaterThan(checkedAt(byHour, 4));
  });

  it("correlates ETH and BNB with BTC", () => {
    const btc = logReturns(instrument(market, "BTCUSDT.P").candles1m.close);
    const eth = correlation(btc, logReturns(instrument(market, "ETHUSDT.P").candles1m.close));
    const bnb = correlation(btc, logReturns(instrument(market, "BNBUSDT.P").candles1m.close));
    expect(eth).toBeGreaterThan(0.5);
    expect(eth).toBeLessThan(0.9);
    expect(bnb).toBeGreaterThan(0.5);
    expect(bnb).toBeLessThan(0.9);
  });

  it("goes through every regime, each behaving as named", () => {
    expect(new Set(market.regimes.map((s) => s.regime))).toEqual(new Set(MARKET_REGIMES));
    expect(checkedAt(market.regimes, 0).startIndex).toBe(0);
    expect(market.regimes.at(-1)?.endMs).toBe(market.endMs);
    const close = instrument(market, "BTCUSDT.P").candles1m.close;
    const stats = (regime: string) => {
      let drift = 0;
      let squares = 0;
      let n = 0;
      for (const s of market.regimes.filter((seg) => seg.regime === regime)) {
        const r = logReturns(close, Math.max(1, s.startIndex), s.endIndex);
        for (const v of r) {
          drift += v;
          squares += v * v;
        }
        n += r.length;
      }
      return { drift: drift / n, vol: Math.sqrt(squares / n) };
    };
    expect(stats("trending-up").drift).toBeGreaterThan(0);
    expect(stats("trending-down").drift).toBeLessThan(0);
    expect(stats("choppy").vol).toBeGreaterThan(1.5 * stats("ranging").vol);
  });

  it("charges funding on the 8-hour grid, responding to momentum with occasional extremes", () => {
    const all = market.instruments.flatMap((i) => i.funding);
    for (const { funding } of market.instruments) {
      expect(funding).toHaveLength(182 * 3);
      expect(validateFundingRates(funding).ok).toBe(true);
      expect(funding.every((f) => f.time % FUNDING_INTERVAL_MS === 0 && [0, 8, 16].includes(new Date(f.time).getUTCHours()))).toBe(true);
      expect(checkedAt(funding, 0).time).toBe(START);
      expect(funding.every((f) => Math.abs(f.rate) <= 0.0075)).toBe(true);
    }
    const high = all.filter((f) => f.rate > 0.0003).length / all.length;
    const low = all.filter((f) => f.rate < -0.0002).length / all.length;
    expect(high).toBeGreaterThan(0.005);
    expect(high).toBeLessThan(0.25);
    expect(low).toBeGreaterThan(0.005);
    expect(low).toBeLessThan(0.25);
    // Momentum: funding after a rally is higher than after a sell-off.
    const btc = instrument(market, "BTCUSDT.P");
    const momentum = btc.funding.slice(4).map((f) => {
      const last = (f.time - START) / 60_000 - 1;
      return Math.log(checkedAt(btc.candles1m.close, last) / checkedAt(btc.candles1m.close, last - 1440));
    });
    expect(correlation(Float64Array.from(momentum), Float64Array.from(btc.funding.slice(4).map((f) => f.rate)))).toBeGreaterThan(0.5);
  });
});
