"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiError, apiJson } from "@/lib/client/api-client";
import { liveMonitorSchema, type LiveAccountSummary } from "@/lib/contract/live";
import { AccountHeader } from "./account-header";
import { ComparisonTable } from "./comparison-table";
import { EventLog } from "./event-log";
import { ExchangePanel } from "./exchange-panel";
import { FillsTable } from "./fills-table";
import { OrdersTable } from "./orders-table";
import { ReconciliationPanel } from "./reconciliation-panel";
import { TradesOnChart } from "./trades-on-chart";

/** Live money moves between two looks: the page asks again every 3 s. */
export const LIVE_POLL_MS = 3_000;

/**
 * One live account. The header (and its kill switch) renders from the list's summary until the monitor answers, and
 * stays when the monitor fails: halting must never wait on the rest of the page.
 */
export function LiveAccountView({ summary }: { summary: LiveAccountSummary }) {
  const query = useQuery({
    queryKey: ["live", summary.id],
    queryFn: ({ signal }) => apiJson(`/api/live/${summary.id}`, liveMonitorSchema, { signal }),
    refetchInterval: LIVE_POLL_MS,
    staleTime: 0,
  });
  const data = query.data;
  return (
    <div className="live-account" data-testid="live-account" data-account-id={summary.id}>
      <AccountHeader account={data?.account ?? summary} keys={data?.keys ?? null} />
      {query.isError ? (
        <p className="field-error" role="alert" data-testid="live-monitor-error">
          {query.error instanceof ApiError && query.error.status === 404 ? "This live account does not exist." : query.error.message}
        </p>
      ) : null}
      {!data ? (
        query.isError ? null : <p className="muted" data-testid="live-monitor-loading">Loading account…</p>
      ) : (
        <>
          <div className="live-grid">
            <ExchangePanel account={data.account} balance={data.balance} limits={data.limits} />
            <ReconciliationPanel reconciliation={data.reconciliation} />
          </div>
          <TradesOnChart monitor={data} />
          <section className="panel">
            <h3>Paper vs live</h3>
            <p className="muted small">Each entry the engine decided, as its paper account traded it and as the exchange filled it.</p>
            <ComparisonTable rows={data.comparison} />
          </section>
          <div className="live-grid">
            <section className="panel">
              <h3>Orders</h3>
              <OrdersTable orders={data.orders} />
            </section>
            <section className="panel">
              <h3>Fills</h3>
              <FillsTable fills={data.fills} />
            </section>
          </div>
          <section className="panel">
            <h3>Event log</h3>
            <EventLog events={data.events} />
          </section>
        </>
      )}
    </div>
  );
}
