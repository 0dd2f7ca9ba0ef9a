"use client";

import { Fragment, useState } from "react";
import { BreakableName } from "@/components/layout/breakable-name";
import { LIFECYCLE_STATES, type LifecyclePairJson, type LifecycleState } from "@/lib/contract/lifecycle";
import { formatUtcSeconds } from "@/lib/format";
import { ManualMoveForm } from "./manual-move-form";
import { PairHistory } from "./pair-history";
import { StateChip } from "./state-chip";

const key = (p: LifecyclePairJson) => `${p.hypothesisId}|${p.symbol}`;

/** Every tracked hypothesis × instrument: filter by state or name, expand a row for its history and the moves a person may make. */
export function LifecycleTable({ pairs }: { pairs: readonly LifecyclePairJson[] }) {
  const [state, setState] = useState<LifecycleState | "">("");
  const [text, setText] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const counts = Object.fromEntries(LIFECYCLE_STATES.map((s) => [s, pairs.filter((p) => p.state === s).length])) as Record<LifecycleState, number>;
  const needle = text.trim().toLowerCase();
  const shown = pairs.filter((p) => (state === "" || p.state === state) && (needle === "" || p.hypothesisName.toLowerCase().includes(needle) || p.symbol.toLowerCase().includes(needle)));
  if (pairs.length === 0) {
    return (
      <p className="muted small" data-testid="lifecycle-empty">
        No hypothesis is tracked yet: the first research loop run enters every hypothesis × instrument it judges as a candidate.
      </p>
    );
  }
  return (
    <>
      <div className="filter-bar" role="search" aria-label="Filter the lifecycle" data-testid="lifecycle-filters">
        <input type="search" className="table-search" placeholder="search by name or instrument" aria-label="Search by name or instrument" value={text} onChange={(e) => setText(e.target.value)} data-testid="lifecycle-search" />
        <div className="filter-bar" role="group" aria-label="State">
          {(["", ...LIFECYCLE_STATES] as const).map((s) => (
            <button key={s || "all"} type="button" className={`chip ${state === s ? "active" : ""}`} aria-pressed={state === s} onClick={() => setState(s)} data-testid={`lifecycle-filter-${s || "all"}`}>
              {s || "all"}
              <span className="muted">{s === "" ? pairs.length : counts[s]}</span>
            </button>
          ))}
        </div>
      </div>
      <div className="table-scroll">
        <table className="data compact lifecycle-table" data-testid="lifecycle-table">
          <thead>
            <tr>
              <th>State</th>
              <th className="lifecycle-hypothesis-col">Hypothesis</th>
              <th>Instrument</th>
              <th>Since (UTC)</th>
              <th className="lifecycle-reason-col">Last move</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => {
              const expanded = open === key(p);
              return (
                <Fragment key={key(p)}>
                  <tr className={expanded ? "selected" : undefined} data-testid="lifecycle-row" data-hypothesis={p.hypothesisId} data-symbol={p.symbol} data-state={p.state}>
                    <td>
                      <StateChip state={p.state} />
                    </td>
                    <td className="lifecycle-hypothesis-col">
                      <button type="button" className="link-button lifecycle-expand" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : key(p))} data-testid="lifecycle-expand">
                        <span aria-hidden="true">{expanded ? "▾" : "▸"}</span> <BreakableName name={p.hypothesisName} />
                      </button>
                      {p.timeframe ? <span className="muted small"> {p.timeframe}</span> : null}
                    </td>
                    <td className="nowrap" data-label="Instrument">{p.symbol}</td>
                    <td className="nowrap" data-label="Since (UTC)">{formatUtcSeconds(p.since).replace(" UTC", "")}</td>
                    <td className="lifecycle-reason-col small" data-label="Last move">{p.lastReason ?? "—"}</td>
                  </tr>
                  {expanded ? (
                    <tr className="lifecycle-detail">
                      <td colSpan={5}>
                        <PairHistory hypothesisId={p.hypothesisId} symbol={p.symbol} />
                        <ManualMoveForm pair={p} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown.length === 0 ? <p className="muted small">Nothing matches the filter.</p> : null}
    </>
  );
}
