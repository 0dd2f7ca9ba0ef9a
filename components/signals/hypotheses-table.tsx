"use client";

import { useState } from "react";
import { BreakableName } from "@/components/layout/breakable-name";
import { TableScroll } from "@/components/layout/table-scroll";
import type { HypothesisRow } from "@/lib/contract/hypotheses";

/** Every stored hypothesis with a timeframe filter; rules shown as written, so what is tested is what you read. */
export function HypothesesTable({ rows, timeframes }: { rows: HypothesisRow[]; timeframes: readonly string[] }) {
  const [filter, setFilter] = useState<string>("all");
  const shown = filter === "all" ? rows : rows.filter((h) => h.timeframe === filter);
  const countOf = (tf: string) => rows.filter((h) => h.timeframe === tf).length;
  return (
    <>
      <div className="filter-bar" role="group" aria-label="Filter by timeframe">
        {["all", ...timeframes].map((tf) => (
          <button
            key={tf}
            type="button"
            className={`chip ${filter === tf ? "active" : ""}`}
            aria-pressed={filter === tf}
            data-testid={`filter-${tf}`}
            onClick={() => setFilter(tf)}
          >
            {tf === "all" ? "All" : tf} <span className="muted">{tf === "all" ? rows.length : countOf(tf)}</span>
          </button>
        ))}
        <span className="muted small push-right" data-testid="hypotheses-shown">
          {shown.length} shown
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No hypotheses on {filter}.</p>
      ) : (
        <TableScroll label="Hypotheses" tall>
          <table className="data hypotheses" data-testid="hypotheses-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>TF</th>
                <th>Side</th>
                <th>Type</th>
                <th className="rules-col">Entry conditions (all must hold)</th>
                <th>Stop</th>
                <th>Target</th>
                <th className="num" title="The author's prior, not a measured result">Exp. acc.</th>
                <th>Source</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((h) => (
                <tr key={h.id} data-testid="hypothesis-row" data-id={h.id} data-timeframe={h.timeframe}>
                  <td title={h.description}>
                    <div className="strong" data-testid="hypothesis-name">
                      <BreakableName name={h.name} />
                    </div>
                    <div className="muted mono small">
                      <BreakableName name={h.id} />
                    </div>
                  </td>
                  <td>{h.timeframe}</td>
                  <td className={h.direction === "long" ? "pass" : "fail"}>{h.direction}</td>
                  <td>{h.signalType.replace("_", " ")}</td>
                  <td>
                    <ul className="rules">
                      {h.entryConditions.map((c, i) => (
                        <li key={i} className="mono">
                          {c}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="mono">{h.stopLoss}</td>
                  <td className="mono">{h.target}</td>
                  <td className="num">{(h.expectedAccuracy * 100).toFixed(0)}%</td>
                  <td>
                    <span className={`badge source-${h.source}`}>{h.source}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
