import { EmptyState } from "@/components/layout/empty-state";

/** No live account yet: how to make one, from a terminal (keys live only in the trading process's environment). */
export function EmptyLiveState() {
  return (
    <EmptyState title="No live account yet">
      <p>A live account trades a paper account&apos;s decisions on Kraken Futures. Create one from a terminal, where the exchange keys are set:</p>
      <ol className="live-steps">
        <li>
          <code>npm run live -- create --hypotheses &lt;id1,id2&gt; --symbols BTCUSDT.P</code>: a disarmed account on Kraken&apos;s demo environment (<code>--production</code> for real funds)
        </li>
        <li>
          <code>npm run live -- arm --account &lt;id&gt;</code>: a person checks the limits and the balance and arms it; nothing is sent before
        </li>
        <li>
          <code>npm run live -- start --account &lt;id&gt;</code>: a worker runs the trader, and this page follows it
        </li>
      </ol>
    </EmptyState>
  );
}
