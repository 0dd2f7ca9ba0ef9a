import type { Database } from "@/db/client";
import { upsertCandles } from "@/db/queries/candles";
import { recordDataSource, type DataSourceKind } from "@/db/queries/data-sources";
import { upsertFundingRates } from "@/db/queries/funding-rates";
import type { FundingRate } from "@/lib/market/candle";
import type { RowOrigins } from "@/lib/market/row-origins";
import type { CandleSeries } from "@/lib/market/series";
import { assertValidCandleSeries } from "@/lib/market/validate-candles";
import { assertValidFundingRates } from "@/lib/market/validate-funding-rates";

/** Where rows come from: the kind and detail recorded with them, and for a file where each row sat in it. */
export interface RowSource {
  readonly kind: DataSourceKind;
  readonly detail?: string;
  /** A file's lines or entries, so a refusal names the line an editor shows. */
  readonly origins?: RowOrigins;
}

/**
 * The one write path for candles, whatever their origin (exchange, file, synthetic): validate, then upsert and record
 * the source in one transaction. Invalid data throws before anything is written. The source's `updated_at` changes
 * with every write that commits, which is what lets workers keep loaded series (series-cache.ts).
 */
export async function storeCandleSeries(db: Database, series: CandleSeries, source: RowSource, onBatch?: (written: number, total: number) => Promise<void> | void): Promise<number> {
  assertValidCandleSeries(series, source.origins);
  return db.transaction(async (tx) => {
    const written = await upsertCandles(tx, series.symbol, series.timeframe, series, onBatch);
    if (written > 0) await recordDataSource(tx, series.symbol, series.timeframe, source.kind, source.detail);
    return written;
  });
}

/** The one write path for funding rates: validate, then upsert in one transaction. */
export async function storeFundingRates(db: Database, symbol: string, rates: readonly FundingRate[], source: RowSource): Promise<number> {
  assertValidFundingRates(rates, source.origins);
  const written = await upsertFundingRates(db, symbol, rates);
  if (written > 0) await recordDataSource(db, symbol, "funding", source.kind, source.detail);
  return written;
}
