"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { apiJson } from "@/lib/client/api-client";
import { paperAccountsSchema } from "@/lib/contract/paper";
import { formatUtc } from "@/lib/format";
import { PaperMonitor } from "./monitor";
import { PaperStartForm } from "./start-form";

/** Paper trading: the accounts, a start form, and the followed account's monitor (kept in `?account=`). */
export function PaperDashboard({ initialAccountId }: { initialAccountId: string | null }) {
  const queryClient = useQueryClient();
  const accounts = useQuery({
    queryKey: ["paper-accounts"],
    queryFn: ({ signal }) => apiJson("/api/paper", paperAccountsSchema, { signal }),
    refetchInterval: 5_000,
  });
  const [selected, setSelected] = useState<string | null>(initialAccountId);
  const [showForm, setShowForm] = useState(false);
  const list = accounts.data?.accounts ?? [];
  const current = selected ?? list[0]?.id ?? null;

  const select = useCallback((id: string) => {
    setSelected(id);
    const url = new URL(window.location.href);
    url.searchParams.set("account", id);
    window.history.replaceState(null, "", url);
  }, []);

  const started = useCallback(
    (id: string) => {
      setShowForm(false);
      select(id);
      void queryClient.invalidateQueries({ queryKey: ["paper-accounts"] });
    },
    [queryClient, select],
  );

  const formOpen = showForm || (accounts.isSuccess && list.length === 0);
  return (
    <div className="paper-dashboard">
      <section className="panel">
        <div className="paper-head">
          <h2>Accounts</h2>
          {!formOpen ? (
            <button type="button" className="button push-right" data-testid="paper-new" onClick={() => setShowForm(true)}>
              New paper account
            </button>
          ) : list.length > 0 ? (
            <button type="button" className="link-button push-right" onClick={() => setShowForm(false)}>
              Close
            </button>
          ) : null}
        </div>
        {list.length === 0 && accounts.isSuccess ? <p className="muted small" data-testid="paper-empty">No paper account yet: start one below.</p> : null}
        {list.length > 0 ? (
          <div className="filter-bar" data-testid="paper-accounts">
            {list.map((a) => (
              <button
                key={a.id}
                type="button"
                className={`chip ${a.id === current ? "active" : ""}`}
                data-testid="paper-account-chip"
                data-account-id={a.id}
                onClick={() => select(a.id)}
                title={`created ${a.createdAt}; last bar ${a.lastProcessedTime === null ? "—" : formatUtc(a.lastProcessedTime)}`}
              >
                {a.name} <span className="muted">{a.finished ? "finished" : a.status}</span>
              </button>
            ))}
          </div>
        ) : null}
        {formOpen ? <PaperStartForm recommended={accounts.data?.recommended ?? []} onStarted={started} /> : null}
      </section>
      {current ? <PaperMonitor key={current} accountId={current} /> : null}
    </div>
  );
}
