import type { CSSProperties } from "react";
import { tradeNumber } from "@/components/backtests/trade-number";
import type { TradeJson } from "@/lib/contract/backtests";
import type { CandleWindowJson } from "@/lib/contract/market";
import { formatNumber, formatPercent, formatPrice, formatUtcMinute } from "@/lib/format";

/**
 * Open, high, low, close, volume and every drawn indicator of one bar (the hovered one, else the last loaded), so a
 * trader reads the exact values the rule compared without hunting along the axes.
 */
export function OhlcvLegend({ data, index }: { data: CandleWindowJson; index: number }) {
  const time = data.time[index];
  if (time === undefined) return null;
  const v = (column: readonly number[]) => formatPrice(column[index] ?? Number.NaN);
  return (
    <div className="ohlcv-legend small" data-testid="ohlcv-legend" data-time={time}>
      <span className="muted">{formatUtcMinute(time)} UTC</span>
      <span>
        O <b>{v(data.open)}</b> H <b>{v(data.high)}</b> L <b>{v(data.low)}</b> C <b>{v(data.close)}</b> <span className="muted">USDT</span>
      </span>
      <span>
        Vol <b>{formatNumber(data.volume[index], 0)}</b>
      </span>
      {data.overlays.map((o) => {
        const value = o.values[index];
        return (
          <span key={o.label} data-testid="legend-indicator">
            {o.label} <b>{value === null || value === undefined ? "—" : formatPrice(value)}</b>
          </span>
        );
      })}
    </div>
  );
}

/**
 * Where a hover box goes beside the crosshair at `x` in a chart `width` wide: on the side with more room, `gap` px
 * off, so it never covers the hovered bar nor sticks out of the chart (or a phone's screen). `room` is the width left
 * on that side.
 */
export function besideCrosshair(x: number, width: number, gap: number): { place: { left: number } | { right: number }; room: number } {
  return x > width / 2 ? { place: { right: width - x + gap }, room: x - 2 * gap } : { place: { left: x + gap }, room: width - x - 2 * gap };
}

/** The trades entering or exiting on the hovered bar, with what a marker cannot say. */
export function TradeTooltip({ trades, style }: { trades: readonly TradeJson[]; style: CSSProperties }) {
  return (
    <div className="trade-tooltip small" data-testid="trade-tooltip" style={style} role="tooltip">
      {trades.map((t) => (
        <div key={t.seq} className="trade-tooltip-row">
          <b>#{tradeNumber(t)}</b> <span className={t.side === "long" ? "pass" : "fail"}>{t.side}</span> · entry {formatPrice(t.entryPrice)} → exit {formatPrice(t.exitPrice)} USDT ·{" "}
          {t.reason.replace(/_/g, " ")} · net <span className={t.netPnl > 0 ? "pass" : "fail"}>{formatNumber(t.netPnl, 2)} USDT</span>
          {t.mae && t.mfe ? (
            <>
              {" "}
              · MAE {formatPercent(t.mae.fraction, 2)} ({formatNumber(t.mae.usdt, 2)} USDT) · MFE {formatPercent(t.mfe.fraction, 2)} ({formatNumber(t.mfe.usdt, 2)} USDT)
            </>
          ) : null}
        </div>
      ))}
    </div>
  );
}
