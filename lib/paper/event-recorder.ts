import type { PortfolioLegState, PortfolioObserver } from "../backtest/portfolio-step";
import type { RiskSnapshot } from "../backtest/risk-manager";
import type { Trade } from "../backtest/types";
import type { Timeframe } from "../market/timeframe";
import type { LegRuntime } from "./leg-runtime";
import type { PaperEvent } from "./types";

function legRef(leg: LegRuntime): { legId: string; symbol: string; timeframe: Timeframe } {
  return { legId: leg.config.id, symbol: leg.config.symbol, timeframe: leg.series.timeframe };
}

/**
 * A tick's PaperEvents, in the order things happened: the book's callbacks (fills, refusals, closes, signals,
 * decisions) as they come, plus the funding each settled bar charged and the account mark's halts and equity.
 */
export class EventRecorder {
  /** Trades closed since the account opened (kept in the snapshot). */
  tradeCount = 0;
  private out: PaperEvent[] = [];
  private now = 0;
  private equityAt = -1;
  /** Funding total of each leg whose position closed in the current settle. */
  private readonly closedFunding = new Map<string, number>();

  constructor(private readonly legs: readonly LegRuntime[]) {}

  /** Starts the tick at `now`; the returned list fills as it runs. */
  begin(now: number): PaperEvent[] {
    this.now = now;
    this.out = [];
    return this.out;
  }

  end(): void {
    this.out = [];
  }

  /** Runs `settle` (the book settling the leg's bar) and reports the funding it charged. */
  settling(leg: LegRuntime, settle: () => void): void {
    const pos = leg.st.pos;
    const before = pos.open ? pos.funding : 0;
    this.closedFunding.delete(leg.config.id);
    settle();
    const after = pos.open ? pos.funding : (this.closedFunding.get(leg.config.id) ?? before);
    if (after === before) return;
    this.out.splice(this.fundingInsertAt(leg.config.id), 0, {
      type: "funding",
      time: this.now,
      ...legRef(leg),
      amount: after - before,
      total: after,
    });
  }

  /**
   * The account mark: halts and resets between the risk manager's states `before` and `after` it, then the equity
   * (its pendingOrders set by `decided`).
   */
  marked(before: RiskSnapshot, after: RiskSnapshot, equity: number, realised: number, openPositions: number): void {
    const time = this.now;
    const dayRolled = after.day !== before.day;
    if (before.dailyHalted && dayRolled) this.out.push({ type: "daily_loss_reset", time, dayStartEquity: after.dayStartEquity });
    if (after.dailyHalted && (!before.dailyHalted || dayRolled)) {
      this.out.push({ type: "daily_loss_limit", time, equity, dayStartEquity: after.dayStartEquity });
    }
    if (before.drawdownTrippedAt === null && after.drawdownTrippedAt !== null) {
      this.out.push({ type: "drawdown_halt", time, equity, peakEquity: after.peakEquity });
    }
    this.out.push({ type: "equity", time, equity, realised, openPositions, pendingOrders: 0 });
    this.equityAt = this.out.length - 1;
  }

  /** The orders pending once the tick's decisions are made, reported on its equity event. */
  decided(pendingOrders: number): void {
    const eq = this.out[this.equityAt];
    if (eq?.type === "equity") this.out[this.equityAt] = { ...eq, pendingOrders };
  }

  /** Funding is reported before the position_closed event of the same leg in the same tick. */
  private fundingInsertAt(legId: string): number {
    for (let k = this.out.length - 1; k >= 0; k--) {
      const e = this.out[k];
      if (e?.type === "position_closed" && e.legId === legId) return k;
    }
    return this.out.length;
  }

  private legOf(st: PortfolioLegState): LegRuntime {
    const leg = this.legs.find((l) => l.st === st);
    if (!leg) throw new Error(`unknown leg ${st.ctx.id}`);
    return leg;
  }

  /** The book's callbacks, recorded into the current tick. */
  observer(): PortfolioObserver {
    return {
      filled: (st) => {
        const p = st.pos;
        this.out.push({
          type: "fill",
          time: this.now,
          ...legRef(this.legOf(st)),
          side: st.ctx.direction,
          entryIndex: p.entryIndex,
          entryTime: p.entryTime,
          price: p.entryPrice,
          qty: p.qty,
          stop: p.stop,
          target: p.target,
          fee: p.entryFee,
          slippageCost: p.slippageCost,
        });
      },
      refused: (st, reason, signalIndex) => {
        this.out.push({ type: "entry_blocked", time: this.now, ...legRef(this.legOf(st)), reason, stage: "fill", signalIndex });
      },
      closed: (st, trade: Trade) => {
        this.tradeCount++;
        this.closedFunding.set(st.ctx.id, trade.funding);
        this.out.push({ type: "position_closed", time: this.now, ...legRef(this.legOf(st)), reason: trade.reason, ambiguity: trade.ambiguity, trade });
      },
      signal: (st, i) => {
        this.out.push({ type: "signal", time: this.now, ...legRef(this.legOf(st)), barIndex: i, barTime: st.ctx.series.time[i] ?? NaN });
      },
      blocked: (st, reason, i) => {
        this.out.push({ type: "entry_blocked", time: this.now, ...legRef(this.legOf(st)), reason, stage: "decision", signalIndex: i });
      },
      placed: (st, i) => {
        this.out.push({
          type: "order_placed",
          time: this.now,
          ...legRef(this.legOf(st)),
          side: st.ctx.direction,
          signalIndex: i,
          signalTime: st.ctx.series.time[i] ?? NaN,
          sizingEquity: st.pendingEquity,
          riskScale: st.pendingScale,
        });
      },
    };
  }
}
