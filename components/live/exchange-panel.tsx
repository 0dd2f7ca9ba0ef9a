import type { LiveAccountSummary, LiveMonitorJson } from "@/lib/contract/live";
import { usd, whenSeconds } from "./live-format";

/** The exchange account's balance and margin, and the timers that keep it safe: last reconciliation, the dead man's switch. */
export function ExchangePanel({ account, balance, limits }: { account: LiveAccountSummary; balance: LiveMonitorJson["balance"]; limits: LiveMonitorJson["limits"] }) {
  const dms = account.deadMansSwitch;
  return (
    <section className="panel" data-testid="live-exchange">
      <h3>Exchange account</h3>
      {balance === null ? (
        <p className="muted small" data-testid="live-balance-none">No balance read yet: the trader reads it at its first reconciliation.</p>
      ) : (
        <div className="paper-stats" data-testid="live-balance">
          <div>
            <span className="field-label">Balance</span>
            <strong>{usd(balance.balance)}</strong>
          </div>
          <div>
            <span className="field-label">Available margin</span>
            <strong>{usd(balance.availableMargin)}</strong>
          </div>
          <div>
            <span className="field-label">Initial margin</span>
            <strong>{usd(balance.initialMargin)}</strong>
          </div>
          <div>
            <span className="field-label">Unrealised PnL</span>
            <strong className={balance.unrealizedPnl >= 0 ? "pass" : "fail"}>{usd(balance.unrealizedPnl)}</strong>
            <span className="muted small">read {whenSeconds(balance.readAt)}</span>
          </div>
        </div>
      )}
      <div className="live-facts">
        <span data-testid="live-last-reconciled">
          <span className="field-label">Last reconciliation</span> {account.lastReconciledAt === null ? "never" : whenSeconds(account.lastReconciledAt)}{" "}
          <span className="muted small">(every {limits.reconcileSeconds} s)</span>
        </span>
        <span data-testid="live-dms">
          <span className="field-label">Dead man&apos;s switch</span>{" "}
          {dms.refreshedAt === null ? "not set yet: the trader sets it when it starts" : `refreshed ${whenSeconds(dms.refreshedAt)} · cancels all orders at ${whenSeconds(dms.cancelsAt)}`}{" "}
          <span className="muted small">
            ({limits.deadMansSwitchSeconds} s timeout, refreshed every {limits.deadMansSwitchRefreshSeconds} s)
          </span>
        </span>
        <span>
          <span className="field-label">Caps</span> {usd(limits.maxOrderNotional)} per order · {usd(limits.maxAccountNotional)} per account · {limits.maxOrdersPerMinute} orders/min
        </span>
      </div>
    </section>
  );
}
