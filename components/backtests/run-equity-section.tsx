import { CHART_COLORS } from "@/components/charts/chart-theme";
import { EquityChart, type EquityCurve } from "@/components/charts/equity-chart";
import type { RunEquityJson } from "@/lib/contract/backtests";
import { formatNumber, formatPercent } from "@/lib/format";

const finalOf = (points: RunEquityJson["strategy"]) => points[points.length - 1]?.equity ?? null;

/** The run's equity from its starting capital, buy & hold of the same instrument and capital beside it, drawdowns below. */
export function RunEquitySection({ equity, symbol }: { equity: RunEquityJson | null; symbol: string }) {
  if (!equity || equity.strategy.length < 2) {
    return (
      <section className="panel">
        <h2>Equity and drawdown</h2>
        <p className="muted">No equity curve stored.</p>
      </section>
    );
  }
  const hold = equity.buyAndHold;
  const holdLabel = hold ? `buy & hold ${symbol} (${hold.fundingIncluded ? "price and funding" : "price only"})` : null;
  const curves: EquityCurve[] = [{ label: "strategy", axisLabel: "strategy", color: CHART_COLORS.accent, points: equity.strategy }];
  if (hold && holdLabel) curves.push({ label: holdLabel, axisLabel: "buy & hold", color: CHART_COLORS.text, points: hold.points, dashed: true });
  const holdFinal = hold ? finalOf(hold.points) : null;
  return (
    <section className="panel" data-testid="run-equity">
      <h2>
        Equity (USDT) and drawdown (%) <span className="muted">{equity.strategy.length.toLocaleString("en-US")} points, marked at bar closes</span>
      </h2>
      <EquityChart curves={curves} drawdown height={380} />
      {hold && holdFinal !== null ? (
        <p className="muted small" data-testid="buy-and-hold-note">
          Buy & hold: {formatNumber(equity.startingEquity, 0)} USDT of {symbol} bought at the period&apos;s first open at 1× and held to the end ends at {formatNumber(holdFinal, 0)} USDT (
          {formatPercent(holdFinal / equity.startingEquity - 1, 2)}); {hold.fundingIncluded ? "the funding a long pays (or receives) is included" : "no funding rates stored for the period, so price only"}; no fees.
        </p>
      ) : (
        <p className="muted small">No buy & hold curve: the run&apos;s first candle is no longer stored.</p>
      )}
    </section>
  );
}
