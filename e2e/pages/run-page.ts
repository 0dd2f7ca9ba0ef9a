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

/** Every run of the newest batches, busiest first. */
export async function listRuns(request: APIRequestContext): Promise<RunSummary[]> {
  const { batches } = (await (await request.get("/api/backtests?limit=50")).json()) as { batches: { runs: RunSummary[] }[] };
  return batches.flatMap((b) => b.runs).sort((a, b) => b.trades - a.trades);
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
