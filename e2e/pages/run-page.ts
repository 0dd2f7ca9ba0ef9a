import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export interface RunSummary {
  id: string;
  hypothesisId: string | null;
  hypothesisName: string;
  symbol: string;
  timeframe: string;
  kind: string;
  trades: number;
}
export interface Trade {
  seq: number;
  side: "long" | "short";
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  reason: string;
  netPnl: number;
  mae: { fraction: number; usdt: number } | null;
  mfe: { fraction: number; usdt: number } | null;
}

/** One marker as the chart's markers plugin holds it, with the y pixel the candle series gives its price. */
export interface DrawnMarker {
  id: string;
  time: number;
  position: string;
  price: number | null;
  y: number | null;
  x: number | null;
}

const BAR_MS: Record<string, number> = { "2m": 120_000, "5m": 300_000, "15m": 900_000, "30m": 1_800_000 };

/** Whether a trade's entry fill lies within its bar's range as the store holds it now (1% for slippage). */
export async function fillOnItsBar(request: APIRequestContext, run: RunSummary, trade: Trade): Promise<boolean> {
  const barMs = BAR_MS[run.timeframe];
  if (!barMs) return false;
  const bar = Math.floor(trade.entryTime / barMs) * barMs;
  const search = new URLSearchParams({ symbol: run.symbol, timeframe: run.timeframe, from: String(bar), to: String(bar + barMs - 1) });
  const candles = (await (await request.get(`/api/market/candles?${search}`)).json()) as { low?: number[]; high?: number[] };
  const [low, high] = [candles.low?.[0], candles.high?.[0]];
  return low !== undefined && high !== undefined && trade.entryPrice >= low * 0.99 && trade.entryPrice <= high * 1.01;
}

/**
 * Whether the store still holds the candles a batch's runs on one instrument were tested on: other specs regenerate
 * part of an instrument's market (data-page, paper), after which an older run's fills no longer lie on the candles
 * drawn. Checked on the busiest run's first, middle and last entries.
 */
async function onTheirCandles(request: APIRequestContext, run: RunSummary): Promise<boolean> {
  const trades = await tradesOf(request, run.id);
  if (trades.length === 0) return false;
  for (const trade of [trades[0], trades[Math.floor(trades.length / 2)], trades[trades.length - 1]]) {
    if (!trade || !(await fillOnItsBar(request, run, trade))) return false;
  }
  return true;
}

/** Every run of the newest batches whose instrument still has the candles it was tested on, busiest first. */
export async function listRuns(request: APIRequestContext): Promise<RunSummary[]> {
  const { batches } = (await (await request.get("/api/backtests?limit=50")).json()) as { batches: { runs: RunSummary[] }[] };
  const kept: RunSummary[] = [];
  for (const batch of batches) {
    for (const symbol of new Set(batch.runs.map((r) => r.symbol))) {
      const runs = batch.runs.filter((r) => r.symbol === symbol).sort((a, b) => b.trades - a.trades);
      const busiest = runs[0];
      if (busiest && (await onTheirCandles(request, busiest))) kept.push(...runs);
    }
  }
  return kept.sort((a, b) => b.trades - a.trades);
}

export async function tradesOf(request: APIRequestContext, runId: string): Promise<Trade[]> {
  return ((await (await request.get(`/api/backtests/runs/${runId}/trades`)).json()) as { trades: Trade[] }).trades;
}

/** A backtest run's page: its candle chart (read through the chart's own API, exposed as window.__tradeChart) and trades. */
export class RunPage {
  readonly chart: Locator;
  readonly selected: Locator;
  constructor(readonly page: Page) {
    this.chart = page.getByTestId("chart-canvas-container");
    this.selected = page.getByTestId("selected-trade");
  }

  async goto(runId: string, query = ""): Promise<void> {
    await this.page.goto(`/backtests/${runId}${query}`);
    await expect.poll(async () => Number(await this.chart.getAttribute("data-candles")), { timeout: 30_000 }).toBeGreaterThan(10);
  }

  /** The markers the chart draws now, from its markers plugin, with their pixel position from the chart's scales. */
  async markers(): Promise<DrawnMarker[]> {
    return this.page.evaluate(() => {
      const api = window.__tradeChart;
      if (!api) return [];
      return api.markers.markers().map((m) => {
        const price = "price" in m && typeof m.price === "number" ? m.price : null;
        return {
          id: String(m.id),
          time: Number(m.time),
          position: m.position,
          price,
          y: price === null ? null : api.candles.priceToCoordinate(price),
          x: api.chart.timeScale().timeToCoordinate(m.time),
        };
      });
    });
  }

  /** Series titles per pane and the price lines drawn on each, as the chart reports them. */
  async panes(): Promise<{ titles: string[]; lines: number[] }[]> {
    return this.page.evaluate(() => {
      const api = window.__tradeChart;
      if (!api) return [];
      return api.chart.panes().map((pane) => ({
        titles: pane.getSeries().map((s) => s.options().title),
        lines: pane.getSeries().flatMap((s) => s.priceLines().map((l) => l.options().price)),
      }));
    });
  }

  /** The visible time range in epoch ms. */
  async visibleRange(): Promise<{ from: number; to: number } | null> {
    return this.page.evaluate(() => {
      const range = window.__tradeChart?.chart.timeScale().getVisibleRange();
      return range ? { from: Number(range.from) * 1000, to: Number(range.to) * 1000 } : null;
    });
  }
}
