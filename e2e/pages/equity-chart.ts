import type { Locator } from "@playwright/test";

export interface EquityChartState {
  equitySeries: number;
  drawdownSeries: number;
  visibleFrom: number;
  visibleTo: number;
  curves: { label: string; points: number; firstTime: number; firstValue: number; lastTime: number }[];
}

/** What components/charts/equity-chart.tsx publishes from the chart's own API: series per pane, visible range, each curve's ends. */
export async function equityChartState(chart: Locator): Promise<EquityChartState> {
  return chart.evaluate((el) => {
    const data = (el as HTMLElement).dataset;
    const curves = Array.from(el.querySelectorAll<HTMLElement>("[data-testid=equity-legend-item]")).map((item) => ({
      label: item.dataset.label ?? "",
      points: Number(item.dataset.points),
      firstTime: Number(item.dataset.firstTime),
      firstValue: Number(item.dataset.firstValue),
      lastTime: Number(item.dataset.lastTime),
    }));
    return { equitySeries: Number(data.equitySeries), drawdownSeries: Number(data.drawdownSeries), visibleFrom: Number(data.visibleFrom), visibleTo: Number(data.visibleTo), curves };
  });
}
