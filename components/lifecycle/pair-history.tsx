"use client";

import { useQuery } from "@tanstack/react-query";
import { apiJson } from "@/lib/client/api-client";
import { lifecycleHistorySchema, type LifecycleEventJson } from "@/lib/contract/lifecycle";
import { formatUtcSeconds } from "@/lib/format";
import { EvidenceView } from "./evidence-view";
import { StateChip } from "./state-chip";

function NotificationNote({ notification }: { notification: LifecycleEventJson["notification"] }) {
  if (notification === null) return null;
  return notification.delivered ? <span className="muted small">webhook: delivered</span> : <span className="warn small">webhook: not delivered ({notification.reason})</span>;
}

/** One hypothesis × instrument's moves, oldest first, each with who, when, why and the numbers behind it. */
export function PairHistory({ hypothesisId, symbol }: { hypothesisId: string; symbol: string }) {
  const history = useQuery({
    queryKey: ["lifecycle", "history", hypothesisId, symbol],
    queryFn: ({ signal }) => apiJson(`/api/lifecycle/${encodeURIComponent(hypothesisId)}?symbol=${encodeURIComponent(symbol)}`, lifecycleHistorySchema, { signal }),
  });
  if (history.isPending) return <p className="muted small">Loading the history…</p>;
  if (history.isError) return <p className="field-error">Could not load the history: {history.error.message}</p>;
  return (
    <ol className="lifecycle-history" data-testid="lifecycle-history">
      {history.data.events.map((e) => (
        <li key={e.id} data-testid="lifecycle-event">
          <div className="lifecycle-move">
            {e.from ? <StateChip state={e.from} /> : <span className="muted small">untracked</span>}
            <span aria-label="to">→</span>
            <StateChip state={e.to} />
            <span className="muted small">
              {formatUtcSeconds(e.createdAt)} · by {e.actor}
            </span>
            <NotificationNote notification={e.notification} />
          </div>
          <p className="lifecycle-reason">{e.reason}</p>
          <EvidenceView evidence={e.evidence} />
        </li>
      ))}
    </ol>
  );
}
