"use client";

import { useMemo, useState } from "react";
import { PaperCandleChart } from "@/components/charts/paper-candle-chart";
import type { LiveMonitorJson } from "@/lib/contract/live";

/**
 * The decision account's candles with its paper trades, and the exchange's fills on the same bars: where live
 * followed paper, and where a real fill landed elsewhere, is seen at a glance.
 */
export function TradesOnChart({ monitor }: { monitor: LiveMonitorJson }) {
  const { account, fills } = monitor;
  const choices = useMemo(() => account.symbols.flatMap((symbol) => [...new Set(account.hypotheses.map((h) => h.timeframe))].map((timeframe) => ({ symbol, timeframe }))), [account]);
  const [chosen, setChosen] = useState(0);
  const active = choices[chosen] ?? choices[0];
  const exchangeFills = useMemo(() => fills.filter((f) => f.symbol === active?.symbol), [fills, active?.symbol]);
  if (!active) return null;
  return (
    <section className="panel" data-testid="live-chart">
      <div className="paper-head">
        <h3>Trades on the chart</h3>
        {choices.length > 1 ? (
          <select className="push-right" aria-label="Instrument and timeframe" data-testid="live-chart-instrument" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {choices.map((c, i) => (
              <option key={`${c.symbol}-${c.timeframe}`} value={i}>
                {c.symbol} {c.timeframe}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <p className="muted small">Arrows and circles: the paper account&apos;s entries and exits. Blue squares: fills on the exchange.</p>
      <PaperCandleChart accountId={account.paperAccountId} symbol={active.symbol} timeframe={active.timeframe} live={account.driven} exchangeFills={exchangeFills} />
    </section>
  );
}
