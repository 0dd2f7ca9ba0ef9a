/** How one synthetic instrument behaves. */
export interface SyntheticInstrumentParams {
  startPrice: number;
  /** Price increment; prices are rounded to it as an exchange's would be. */
  tick: number;
  /** Typical 1m log-return standard deviation (BTC ≈ 3% a day). */
  minuteVol: number;
  /** Share of return variance from the common market factor: sets the correlation with other instruments. */
  marketShare: number;
  /** How strongly the instrument follows market trends. */
  trendBeta: number;
  /** Typical base-asset volume per minute. */
  minuteVolume: number;
  volumeDecimals: number;
}

const KNOWN: Record<string, SyntheticInstrumentParams> = {
  "BTCUSDT.P": { startPrice: 60_000, tick: 0.1, minuteVol: 0.0008, marketShare: 0.9, trendBeta: 1.0, minuteVolume: 150, volumeDecimals: 3 },
  "ETHUSDT.P": { startPrice: 3_000, tick: 0.01, minuteVol: 0.001, marketShare: 0.65, trendBeta: 1.2, minuteVolume: 1_800, volumeDecimals: 3 },
  "BNBUSDT.P": { startPrice: 550, tick: 0.01, minuteVol: 0.0009, marketShare: 0.58, trendBeta: 0.9, minuteVolume: 300, volumeDecimals: 2 },
};

/** Any other symbol gets a generic mid-cap altcoin. */
const GENERIC: SyntheticInstrumentParams = {
  startPrice: 100,
  tick: 0.001,
  minuteVol: 0.0012,
  marketShare: 0.5,
  trendBeta: 1.0,
  minuteVolume: 20_000,
  volumeDecimals: 1,
};

export function syntheticInstrumentParams(symbol: string): SyntheticInstrumentParams {
  return KNOWN[symbol] ?? GENERIC;
}
