"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PaperCandleChart } from "@/components/charts/paper-candle-chart";
import { PaperEquityChart } from "@/components/charts/paper-equity-chart";
import { ApiError, apiJson } from "@/lib/client/api-client";
import { paperMonitorSchema, paperStatusSchema, type PaperMonitorJson } from "@/lib/contract/paper";
import { formatUtc } from "@/lib/format";
import { baseAsset } from "@/lib/market/instruments";
import { PaperComparisonTable } from "./comparison-table";
import { HypothesisName } from "./hypothesis-name";

/** The monitor polls about once a second: live enough to watch, light enough for a 2-core machine. */
export const PAPER_POLL_MS = 1_000;

const money = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (n: number) => `${n >= 0 ? "+" : ""}${money(n)}`;
const when = (ms: number | null) => (ms === null ? "—" : formatUtc(ms));

function BreakerPanel({ breaker }: { breaker: PaperMonitorJson["breaker"] }) {
  const blocked = breaker.blocked ? Object.entries(breaker.blocked).filter(([, n]) => n > 0) : [];
  return (
    <div className="paper-breakers" data-testid="paper-breakers">
      <div data-testid="paper-breaker-daily" data-state={breaker.dailyHalted ? "paused" : "ok"}>
        <span className="field-label">Daily loss limit</span>
        {breaker.dailyHalted ? (
          <strong className="warn">entries paused until {when(breaker.dailyPausedUntil)}</strong>
        ) : (
          <strong className="pass">ok</strong>
        )}
        <span className="muted small">
          {breaker.lastDailyLimitAt !== null ? `last tripped ${when(breaker.lastDailyLimitAt)}` : "never tripped"}
          {breaker.dayStartEquity !== null ? ` · day started at ${money(breaker.dayStartEquity)} USDT` : ""}
        </span>
      </div>
      <div data-testid="paper-breaker-drawdown" data-state={breaker.drawdownHaltedAt !== null ? "halted" : "ok"}>
        <span className="field-label">Max drawdown</span>
        {breaker.drawdownHaltedAt !== null ? <strong className="fail">entries halted at {when(breaker.drawdownHaltedAt)}</strong> : <strong className="pass">ok</strong>}
        <span className="muted small">{breaker.peakEquity !== null ? `peak equity ${money(breaker.peakEquity)} USDT` : ""}</span>
      </div>
      <div>
        <span className="field-label">Entries blocked</span>
        <span className="small" data-testid="paper-blocked">
          {blocked.length === 0 ? "none" : blocked.map(([reason, n]) => `${reason.replaceAll("_", " ")} ${n}`).join(" · ")}
        </span>
      </div>
    </div>
  );
}

function FeedStatus({ data }: { data: PaperMonitorJson }) {
  const f = data.feed;
  const waiting = data.account.status === "running" && data.job?.status === "queued";
  // "live" only for the exchange feed: a replay that is running says so, whatever its speed.
  const moving = f.kind === "live" ? "live" : "replaying";
  const state = f.finished ? "finished" : waiting ? "queued" : data.account.status === "running" ? (f.stale ? "stale" : moving) : data.account.status;
  return (
    <div className="paper-feed" data-testid="paper-feed" data-state={state}>
      <span className={`badge ${state === "stale" ? "status-failed" : state === moving ? "status-succeeded" : ""}`} data-testid="paper-feed-badge">
        {state}
      </span>
      {f.kind === "live" ? (
        <span className="small">
          live exchange feed:{" "}
          <span
            data-testid="feed-status"
            data-state={f.live?.state ?? "live"}
            className={`badge ${f.live?.state === "live" || !f.live ? "status-succeeded" : "status-failed"}`}
            title={f.live?.message}
          >
            {f.live?.state === "stale" ? "stale" : f.live?.state === "error" ? "error" : "live"}
          </span>
          {f.live?.state === "stale" && f.live.sinceMs !== undefined ? ` · feed stale: no new 1m bar for ${Math.round(f.live.sinceMs / 1000)} s` : ""}
          {f.live?.state === "error" && f.live.message ? ` · ${f.live.message}` : ""}
        </span>
      ) : (
        <span className="small">
          replay {f.speedMs === 0 ? "as fast as possible" : `${f.speedMs} ms per 1m bar`}
          {f.barsPerSecond !== null ? ` · ${f.barsPerSecond.toFixed(0)} bars/s` : ""}
        </span>
      )}
      <span className="small" data-testid="paper-last-bar">
        last bar {when(f.lastBarTime)}
      </span>
      {data.job && data.job.progressTotal > 0 ? (
        <span className="muted small" data-testid="paper-progress">
          {Math.floor((data.job.progressDone / data.job.progressTotal) * 100)}% of the period
        </span>
      ) : null}
    </div>
  );
}

/** The API's answer for an id that is not an account: malformed (400) or unknown (404). */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 400 || error.status === 404);
}

/** One account, live: controls, equity, breakers, feed, positions, signals, fills, the candle chart and paper vs backtest. */
export function PaperMonitor({ accountId }: { accountId: string }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["paper", accountId],
    queryFn: ({ signal }) => apiJson(`/api/paper/${accountId}`, paperMonitorSchema, { signal }),
    // A refused id (malformed or unknown) stays refused: no retries, no polling, so the page says so at once.
    retry: (count, error) => !isRefusal(error) && count < 3,
    // quick while a job drives it (a stopping account included), slow once nothing does
    refetchInterval: (q) => (isRefusal(q.state.error) ? false : q.state.data && !q.state.data.account.driven ? 5_000 : PAPER_POLL_MS),
    staleTime: 0,
  });
  const [chartLeg, setChartLeg] = useState<string | null>(null);
  const control = useMutation({
    mutationFn: (status: "paused" | "running" | "stopped") => apiJson(`/api/paper/${accountId}/status`, paperStatusSchema, { body: { status } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["paper", accountId] });
      void queryClient.invalidateQueries({ queryKey: ["paper-accounts"] });
    },
  });

  if (query.isError && !query.data) {
    return isRefusal(query.error) ? (
      <section className="panel" data-testid="paper-no-account">
        <h2>No such account</h2>
        <p className="muted small">
          There is no paper account <span className="mono">{accountId}</span>: pick one above or start a new one.
        </p>
      </section>
    ) : (
      <p className="field-error" role="alert" data-testid="paper-monitor-error">
        {query.error.message}
      </p>
    );
  }
  const data = query.data;
  if (!data) return <p className="muted" data-testid="paper-monitor-loading">Loading account…</p>;
  const a = data.account;
  const live = a.status === "running" || a.status === "paused";
  const legs = a.legs;
  const active = legs.find((l) => l.id === chartLeg) ?? legs[0];
  const instruments = [...new Map(legs.map((l) => [`${l.symbol}|${l.timeframe}`, l])).values()];
  const legNames = new Map(legs.map((l) => [l.id, `${l.hypothesisName} · ${l.symbol}`]));
  const legName = (legId: string | null) => <HypothesisName name={legId === null ? "account" : (legNames.get(legId) ?? legId)} />;
  const legSymbols = new Map(legs.map((l) => [l.id, l.symbol]));
  const legBase = (legId: string) => baseAsset(legSymbols.get(legId) ?? "");

  return (
    <div className="paper-monitor" data-testid="paper-monitor" data-account-id={a.id} data-status={a.status}>
      <section className="panel">
        <div className="paper-head">
          <div>
            <h2>{a.name}</h2>
            <p className="muted small">
              {/* A live feed has no end: its period is open (stored as the largest time, which no date can show). */}
              {legs.length} leg{legs.length === 1 ? "" : "s"} · {a.feed === "live" ? `live since ${when(a.from)}` : `period ${when(a.from)} → ${when(a.to)}`}
            </p>
          </div>
          <span className={`badge status-${a.status === "running" ? "succeeded" : a.status === "halted" ? "failed" : "cancelled"}`} data-testid="paper-status">
            {a.finished ? "finished" : a.status}
          </span>
          <div className="paper-controls push-right">
            {a.status === "running" ? (
              <button type="button" className="button secondary" data-testid="paper-pause" disabled={control.isPending} onClick={() => control.mutate("paused")}>
                Pause
              </button>
            ) : null}
            {a.resumable ? (
              <button type="button" className="button secondary" data-testid="paper-resume" disabled={control.isPending} onClick={() => control.mutate("running")}>
                Resume
              </button>
            ) : null}
            {live ? (
              <button type="button" className="button danger" data-testid="paper-stop" disabled={control.isPending} onClick={() => control.mutate("stopped")}>
                Stop
              </button>
            ) : null}
          </div>
        </div>
        {control.isError ? <p className="field-error" role="alert">{control.error.message}</p> : null}
        {a.error ? <p className="job-error" role="alert" data-testid="paper-error">{a.error}</p> : null}
        {live && data.job?.status === "queued" ? (
          <p className="muted small" data-testid="paper-waiting">Queued: waiting for a worker process to take it.</p>
        ) : null}
        {!live && a.driven ? (
          <p className="muted small" data-testid="paper-stopping">Stopping: its worker ends the run after the bar in hand.</p>
        ) : null}
        <div className="paper-stats">
          <div>
            <span className="field-label">Equity</span>
            <span className="nowrap">
              <strong data-testid="paper-equity">{money(data.summary.equity)}</strong> <span className="muted small">USDT</span>
            </span>
            <span className={data.summary.returnPct >= 0 ? "pass small" : "fail small"}>{(data.summary.returnPct * 100).toFixed(2)}%</span>
          </div>
          <div>
            <span className="field-label">Realised</span>
            <span className="nowrap">
              <strong>{money(data.summary.realised)}</strong> <span className="muted small">USDT</span>
            </span>
          </div>
          <div>
            <span className="field-label">Trades closed</span>
            <strong data-testid="paper-trades">{data.summary.trades}</strong>
          </div>
          <div>
            <span className="field-label">Open positions</span>
            <strong data-testid="paper-open-count">{data.summary.openPositions}</strong>
          </div>
        </div>
        <FeedStatus data={data} />
      </section>

      <div className="paper-grid">
        <section className="panel">
          <h3>Equity</h3>
          <PaperEquityChart points={data.equity} startingEquity={a.startingEquity} />
        </section>
        <section className="panel">
          <h3>Circuit breakers</h3>
          <BreakerPanel breaker={data.breaker} />
        </section>
      </div>

      <section className="panel">
        <div className="paper-head">
          <h3>Chart</h3>
          <select className="push-right" data-testid="paper-chart-instrument" value={active?.id ?? ""} onChange={(e) => setChartLeg(e.target.value)}>
            {instruments.map((l) => (
              <option key={l.id} value={l.id}>
                {l.symbol} {l.timeframe}
              </option>
            ))}
          </select>
        </div>
        {active ? <PaperCandleChart accountId={a.id} symbol={active.symbol} timeframe={active.timeframe} live={live} legNames={legNames} /> : null}
      </section>

      <section className="panel">
        <h3>Open positions</h3>
        {data.positions.length === 0 ? (
          <p className="muted small" data-testid="paper-positions-empty">No open position.</p>
        ) : (
          <div className="table-scroll">
            <table className="data compact" data-testid="paper-positions">
              <thead>
                <tr>
                  <th>Leg</th>
                  <th>Side</th>
                  <th>Entry (USDT)</th>
                  <th>Qty</th>
                  <th>Stop / target (USDT)</th>
                  <th>Funding (USDT)</th>
                  <th>Unrealised PnL (USDT)</th>
                </tr>
              </thead>
              <tbody>
                {data.positions.map((p) => (
                  <tr key={p.id} data-testid="paper-position-row">
                    <td>{legName(p.legId)}</td>
                    <td>{p.side}</td>
                    <td className="nowrap">
                      {p.entryPrice.toFixed(2)} <span className="muted small">{when(p.entryTime)}</span>
                    </td>
                    <td className="nowrap">
                      {p.qty.toPrecision(4)} {baseAsset(p.symbol)}
                    </td>
                    <td className="nowrap">
                      {p.stop.toFixed(2)} / {p.target.toFixed(2)}
                    </td>
                    <td>{money(p.funding)}</td>
                    <td className={p.unrealised >= 0 ? "pass" : "fail"} data-testid="paper-unrealised">
                      {signed(p.unrealised)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="paper-grid">
        <section className="panel">
          <h3>Latest signals</h3>
          {data.signals.length === 0 ? <p className="muted small">No signal yet.</p> : null}
          <ul className="paper-list" data-testid="paper-signals">
            {data.signals.map((s) => (
              <li key={s.id} data-testid="paper-signal-row" data-kind={s.kind}>
                <span className="muted small nowrap">{when(s.time)}</span> <span className="small">{legName(s.legId)}</span>{" "}
                {s.kind === "signal" ? <span className="badge status-succeeded">fired</span> : <span className="badge status-failed">blocked: {(s.reason ?? "?").replaceAll("_", " ")}</span>}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h3>Recent fills</h3>
          {data.fills.length === 0 ? <p className="muted small">No fill yet.</p> : null}
          <ul className="paper-list" data-testid="paper-fills">
            {data.fills.map((f) => (
              <li key={f.id} data-testid="paper-fill-row">
                <span className="muted small nowrap">{when(f.time)}</span> <span className="small">{legName(f.legId)}</span> {f.side} {f.qty.toPrecision(4)} {legBase(f.legId)} @ {f.price.toFixed(2)} USDT{" "}
                <span className="badge">{f.kind.replaceAll("_", " ")}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="panel">
        <h3>Paper vs backtest</h3>
        <PaperComparisonTable accountId={a.id} live={live} />
      </section>
    </div>
  );
}
