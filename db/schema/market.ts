import { bigint, doublePrecision, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Market times are epoch milliseconds (UTC) in bigint columns: the unit ccxt and the engine use, no conversions. */
const epochMs = (name: string) => bigint(name, { mode: "number" });

export const instruments = pgTable("instruments", {
  symbol: text("symbol").primaryKey(),
  base: text("base").notNull(),
  quote: text("quote").notNull().default("USDT"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const candles = pgTable(
  "candles",
  {
    symbol: text("symbol").notNull(),
    timeframe: text("timeframe").notNull(),
    time: epochMs("time").notNull(),
    open: doublePrecision("open").notNull(),
    high: doublePrecision("high").notNull(),
    low: doublePrecision("low").notNull(),
    close: doublePrecision("close").notNull(),
    volume: doublePrecision("volume").notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.timeframe, t.time] })],
);

export const fundingRates = pgTable(
  "funding_rates",
  {
    symbol: text("symbol").notNull(),
    time: epochMs("time").notNull(),
    rate: doublePrecision("rate").notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.time] })],
);

/** Where each stored series came from (exchange, file, synthetic seed), so results can say what they ran on. */
export const dataSources = pgTable(
  "data_sources",
  {
    symbol: text("symbol").notNull(),
    timeframe: text("timeframe").notNull(),
    source: text("source").notNull(),
    detail: text("detail"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.timeframe] }), index("data_sources_source_idx").on(t.source)],
);
