import type { LiveAccountSummary, LiveMonitorJson } from "@/lib/contract/live";
import { when } from "./live-format";
import { ModeControls } from "./mode-controls";

const MODE_CLASS = { active: "status-succeeded", reducing: "status-cancelled", halted: "status-failed" } as const;

/** Who and where: the environment (PRODUCTION in large red), armed or not, the mode, the trader, the keys; and the mode buttons. */
export function AccountHeader({ account, keys }: { account: LiveAccountSummary; keys: LiveMonitorJson["keys"] | null }) {
  const production = account.environment === "production";
  return (
    <section className="panel" data-testid="live-header" data-account-id={account.id}>
      <div className="paper-head">
        <span className={`live-env ${production ? "live-env-production" : "live-env-demo"}`} data-testid="live-environment" data-environment={account.environment}>
          {production ? "PRODUCTION · real funds" : "demo"}
        </span>
        <h2 className="live-name">{account.name}</h2>
        <span className={`badge ${account.armed ? "status-running" : ""}`} data-testid="live-armed" data-armed={String(account.armed)} title={account.armed ? `armed ${when(account.armedAt)}` : undefined}>
          {account.armed ? `armed by ${account.armedBy ?? "?"}` : "disarmed: nothing is sent"}
        </span>
        <span className={`badge live-mode ${MODE_CLASS[account.mode]}`} data-testid="live-mode" data-mode={account.mode}>
          {account.mode}
        </span>
      </div>
      {account.modeReason ? (
        <p className="muted small" data-testid="live-mode-reason">
          {account.mode}: {account.modeReason}
        </p>
      ) : null}
      <div className="live-facts">
        <span data-testid="live-trader" data-driven={String(account.driven)}>
          <span className="field-label">Trader</span> <span className={account.driven ? "pass" : "warn"}>{account.driven ? "running" : `not running (${account.status})`}</span>
        </span>
        <span>
          <span className="field-label">Keys</span> <span className={keys?.present ? "" : "warn"} data-testid="live-keys">{keys ? keys.message : "…"}</span>
        </span>
        <span>
          <span className="field-label">Trades</span> {account.symbols.join(", ")} · {account.hypotheses.map((h) => `${h.name} (${h.timeframe})`).join(", ")}
        </span>
      </div>
      {account.error ? (
        <p className="job-error" role="alert" data-testid="live-trader-error">
          {account.error}
        </p>
      ) : null}
      <ModeControls account={account} />
    </section>
  );
}
