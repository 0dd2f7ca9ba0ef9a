import { fnv1a } from "../../market/seeded-random";

/** The history the Kraken Futures emulator serves: the same seed always yields the same candles and funding rates. */

export interface KrakenCandle {
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: number;
}

export interface KrakenFundingRate {
  timestamp: string;
  fundingRate: number;
  relativeFundingRate: number;
}

interface Contract {
  price: number;
  tick: number;
}

/** Rough price levels and tick sizes of the emulated perpetuals (early 2024). */
const CONTRACTS: Record<string, Contract> = {
  PF_XBTUSD: { price: 42_000, tick: 1 },
  PF_ETHUSD: { price: 2_300, tick: 0.1 },
  PF_BNBUSD: { price: 310, tick: 0.01 },
  PF_SOLUSD: { price: 100, tick: 0.01 },
};
const FALLBACK: Contract = { price: 100, tick: 0.01 };

/**
 * mulberry32, kept rather than the market generator's SeededRandom (sfc32): another algorithm, so switching would
 * change every candle the emulator serves and what the tests built on it see.
 */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Kraken prints prices as decimal strings with 11 fractional digits. */
const price = (value: number, tick: number): string => (Math.round(value / tick) * tick).toFixed(11);

/** A random walk of candles with open times in [startMs, endMs), aligned on `intervalMs`. */
export function syntheticCandles(seed: number, symbolId: string, intervalMs: number, startMs: number, endMs: number): KrakenCandle[] {
  const { price: start, tick } = CONTRACTS[symbolId] ?? FALLBACK;
  const random = mulberry32(fnv1a(`${seed}|${symbolId}|${intervalMs}`));
  const volatility = 0.002 * Math.sqrt(intervalMs / 300_000);
  const candles: KrakenCandle[] = [];
  let close = start;
  for (let time = Math.ceil(startMs / intervalMs) * intervalMs; time < endMs; time += intervalMs) {
    const open = close;
    close = Math.max(tick, open * (1 + volatility * (random() * 2 - 1)));
    const high = Math.max(open, close) * (1 + volatility * random() * 0.5);
    const low = Math.min(open, close) * (1 - volatility * random() * 0.5);
    candles.push({
      time,
      open: price(open, tick),
      // rounding can pull high/low inside open/close: widen them back to stay a sane bar
      high: price(Math.max(high, Math.round(Math.max(open, close) / tick) * tick), tick),
      low: price(Math.min(low, Math.round(Math.min(open, close) / tick) * tick), tick),
      close: price(close, tick),
      volume: Math.round(random() * 50_000) / 1000,
    });
  }
  return candles;
}

/** Hourly funding rates (Kraken publishes one per hour) in [startMs, endMs). */
export function syntheticFundingRates(seed: number, symbolId: string, startMs: number, endMs: number): KrakenFundingRate[] {
  const hourMs = 3_600_000;
  const { price: level } = CONTRACTS[symbolId] ?? FALLBACK;
  const random = mulberry32(fnv1a(`${seed}|${symbolId}|funding`));
  const rates: KrakenFundingRate[] = [];
  for (let time = Math.ceil(startMs / hourMs) * hourMs; time < endMs; time += hourMs) {
    const relative = Math.round((random() * 4 - 1) * 1e9) / 1e14;
    rates.push({ timestamp: new Date(time).toISOString(), fundingRate: relative * level, relativeFundingRate: relative });
  }
  return rates;
}

/**
 * Coarser candles built from 1m ones (open of the first, close of the last, extremes, summed volume), aligned on
 * `intervalMs`: every resolution the emulator serves then describes one market, as an exchange's do, so a leg on 5m
 * bars and an order filled at the 1m price see the same prices.
 */
export function aggregateCandles(minute: readonly KrakenCandle[], intervalMs: number): KrakenCandle[] {
  const out: KrakenCandle[] = [];
  for (const c of minute) {
    const time = Math.floor(c.time / intervalMs) * intervalMs;
    const last = out.at(-1);
    if (last === undefined || last.time !== time) {
      out.push({ ...c, time });
      continue;
    }
    if (Number(c.high) > Number(last.high)) last.high = c.high;
    if (Number(c.low) < Number(last.low)) last.low = c.low;
    last.close = c.close;
    last.volume = Math.round((last.volume + c.volume) * 1000) / 1000;
  }
  return out;
}
