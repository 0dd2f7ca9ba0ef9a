"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { apiJson } from "@/lib/client/api-client";
import { liveAccountsSchema } from "@/lib/contract/live";
import { LIVE_POLL_MS, LiveAccountView } from "./account-view";
import { EmptyLiveState } from "./empty-live-state";

/** Live trading: the accounts, and the followed one (kept in `?account=`). */
export function LiveDashboard({ initialAccountId }: { initialAccountId: string | null }) {
  const accounts = useQuery({
    queryKey: ["live-accounts"],
    queryFn: ({ signal }) => apiJson("/api/live", liveAccountsSchema, { signal }),
    refetchInterval: LIVE_POLL_MS,
  });
  const [selected, setSelected] = useState<string | null>(initialAccountId);
  const select = useCallback((id: string) => {
    setSelected(id);
    const url = new URL(window.location.href);
    url.searchParams.set("account", id);
    window.history.replaceState(null, "", url);
  }, []);

  if (accounts.isError && !accounts.data) {
    return (
      <p className="field-error" role="alert" data-testid="live-accounts-error">
        {accounts.error.message}
      </p>
    );
  }
  if (!accounts.data) return <p className="muted">Loading live accounts…</p>;
  const list = accounts.data.accounts;
  if (list.length === 0) return <EmptyLiveState />;
  const current = list.find((a) => a.id === selected) ?? list[0];
  return (
    <div className="live-dashboard">
      {list.length > 1 ? (
        <div className="filter-bar" data-testid="live-accounts">
          {list.map((a) => (
            <button key={a.id} type="button" className={`chip ${a.id === current?.id ? "active" : ""}`} data-testid="live-account-chip" data-account-id={a.id} onClick={() => select(a.id)}>
              {a.name} <span className={a.environment === "production" ? "fail" : "muted"}>{a.environment}</span> <span className="muted">{a.mode}</span>
            </button>
          ))}
        </div>
      ) : null}
      {selected !== null && current?.id !== selected ? <p className="muted small">No live account {selected}: showing the newest.</p> : null}
      {current ? <LiveAccountView key={current.id} summary={current} /> : null}
    </div>
  );
}
