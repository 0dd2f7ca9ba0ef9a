import { formatNumber, formatPercent, formatUtcDay } from "@/lib/format";
import type { LifecycleEventJson } from "@/lib/contract/lifecycle";

type Evidence = LifecycleEventJson["evidence"];
type Research = Extract<Evidence, { kind: "research" }>;

const VERDICT_WORDS: Record<Research["overall"], string> = { pass: "passed", fail: "failed", insufficient_data: "had too few trades to judge" };

/** The edge analysis's numbers behind a move: a sentence, the two segments side by side, and the failed checks. */
function ResearchNumbers({ research }: { research: Research }) {
  const rows = [
    ["In sample", research.inSample],
    ["Out of sample", research.outOfSample],
  ] as const;
  return (
    <div className="evidence" data-testid="evidence-research">
      <p className="small">
        The edge analysis of {formatUtcDay(research.fromTime)} – {formatUtcDay(research.toTime)} {VERDICT_WORDS[research.overall]}, with a deflated Sharpe of{" "}
        {formatNumber(research.deflatedSharpe, 3)} over {research.trials} trials.
      </p>
      <div className="table-scroll">
        <table className="data compact evidence-table">
          <thead>
            <tr>
              <th>Segment</th>
              <th className="num">Trades</th>
              <th className="num">Win rate</th>
              <th className="num">Profit factor</th>
              <th className="num">Sharpe</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, s]) => (
              <tr key={label}>
                <td>{label}</td>
                <td className="num">{s.trades}</td>
                <td className="num">{formatPercent(s.winRate)}</td>
                <td className="num">{formatNumber(s.profitFactor)}</td>
                <td className="num">{formatNumber(s.sharpe)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {research.reasons.length > 0 ? (
        <ul className="evidence-reasons small">
          {research.reasons.map((r) => (
            <li key={r} className="fail">
              {r}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The numbers behind one move, as sentences and small tables (never the stored JSON). */
export function EvidenceView({ evidence }: { evidence: Evidence }) {
  switch (evidence.kind) {
    case "research":
      return <ResearchNumbers research={evidence} />;
    case "promotion":
      return (
        <div className="evidence" data-testid="evidence-promotion">
          <p className="small">
            {evidence.paperAccountId ? (
              <>
                Now trading on <a href={`/paper?account=${evidence.paperAccountId}`}>paper account {evidence.paperAccountId.slice(0, 8)}</a>.
              </>
            ) : (
              "No paper account was opened for it."
            )}
          </p>
          <ResearchNumbers research={evidence.research} />
        </div>
      );
    case "drift":
      return (
        <p className="small evidence" data-testid="evidence-drift">
          Paper won {formatPercent(evidence.winRate)} of {evidence.trades} closed trades, {evidence.direction === "worse" ? "below" : "above"} the backtest&apos;s 95% interval of{" "}
          {formatPercent(evidence.interval.lower)} – {formatPercent(evidence.interval.upper)} (drift counts from {evidence.minTrades} trades on).
        </p>
      );
    case "armed":
      return (
        <p className="small evidence" data-testid="evidence-armed">
          {evidence.armedBy} armed live account {evidence.liveAccountName} on {formatUtcDay(evidence.armedAt)}; it trades the decisions of paper account {evidence.paperAccountId.slice(0, 8)}.
        </p>
      );
    case "manual":
      return (
        <p className="small evidence" data-testid="evidence-manual">
          Moved by hand: “{evidence.note}”.
        </p>
      );
  }
}
