import { BacktestError } from "./errors";
import { DAY_MS } from "./metrics/daily-returns";
import type { BlockReason } from "./types";

export interface RiskLimits {
  /** Open positions (and placed entry orders) across every leg. */
  readonly maxConcurrent: number;
  /** Negative fraction: −0.03 pauses entries once the UTC day is down 3 % from its starting equity. */
  readonly dailyLossLimit: number;
  /** Positive fraction: 0.15 halts entries for good once equity is 15 % below its peak. */
  readonly maxDrawdown: number;
}

export interface EntryCandidate {
  readonly legId: string;
}

export type RiskBlockReason = Extract<BlockReason, "position_open" | "max_concurrent" | "daily_loss_limit" | "max_drawdown">;

export type EntryDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: RiskBlockReason };

export interface RiskSnapshot {
  readonly openLegs: readonly string[];
  readonly dayStartEquity: number;
  readonly lastEquity: number;
  readonly peakEquity: number;
  readonly dailyHalted: boolean;
  readonly drawdownTrippedAt: number | null;
  /** UTC day index (epoch ms / DAY_MS) of the last event, null before the first: restoring needs it to roll days alike. */
  readonly day: number | null;
}

const ALLOWED: EntryDecision = { allowed: true };

/**
 * Account-level entry gate, an explicit state machine fed one event at a time so the backtest and paper trading
 * drive the same code:
 * - `onMark(equity, now)` with marked-to-market equity (realised + open) after every price update;
 * - `onOpen(legId)` when an entry order is placed (it takes a slot at once), `onClose(legId)` when the position
 *   closes or the order is refused;
 * - `canEnter(candidate, now)` to ask, which never changes state except rolling the UTC day.
 * A UTC day starts with the equity known at 00:00 (the last mark at or before midnight); the daily pause and its
 * reset follow that day. The drawdown halt is permanent and records when it tripped.
 */
export class RiskManager {
  private readonly limits: RiskLimits;
  private readonly open = new Set<string>();
  private day = Number.NaN;
  private dayStartEquity: number;
  private lastEquity: number;
  private peakEquity: number;
  private dailyHalted = false;
  private trippedAt: number | null = null;

  constructor(limits: RiskLimits, startingEquity: number) {
    this.limits = limits;
    this.dayStartEquity = startingEquity;
    this.lastEquity = startingEquity;
    this.peakEquity = startingEquity;
  }

  canEnter(candidate: EntryCandidate, now: number): EntryDecision {
    this.rollDay(now, null);
    if (this.open.has(candidate.legId)) return { allowed: false, reason: "position_open" };
    if (this.trippedAt !== null) return { allowed: false, reason: "max_drawdown" };
    if (this.dailyHalted) return { allowed: false, reason: "daily_loss_limit" };
    if (this.open.size >= this.limits.maxConcurrent) return { allowed: false, reason: "max_concurrent" };
    return ALLOWED;
  }

  onOpen(legId: string): void {
    if (this.open.has(legId)) throw new BacktestError("INVALID_RISK_EVENT", `leg ${legId} already has a position`);
    this.open.add(legId);
  }

  onClose(legId: string): void {
    if (!this.open.delete(legId)) throw new BacktestError("INVALID_RISK_EVENT", `leg ${legId} has no position to close`);
  }

  onMark(equity: number, now: number): void {
    this.rollDay(now, equity);
    this.lastEquity = equity;
    if (equity > this.peakEquity) this.peakEquity = equity;
    if (this.dayStartEquity > 0 && equity / this.dayStartEquity - 1 <= this.limits.dailyLossLimit) this.dailyHalted = true;
    if (this.trippedAt === null && equity <= this.peakEquity * (1 - this.limits.maxDrawdown)) this.trippedAt = now;
  }

  get drawdownTrippedAt(): number | null {
    return this.trippedAt;
  }

  snapshot(): RiskSnapshot {
    return {
      openLegs: [...this.open].sort(),
      dayStartEquity: this.dayStartEquity,
      lastEquity: this.lastEquity,
      peakEquity: this.peakEquity,
      dailyHalted: this.dailyHalted,
      drawdownTrippedAt: this.trippedAt,
      day: Number.isNaN(this.day) ? null : this.day,
    };
  }

  /** A manager in exactly the state `snapshot()` described (JSON-safe), for resuming paper trading. */
  static restore(limits: RiskLimits, snapshot: RiskSnapshot): RiskManager {
    const rm = new RiskManager(limits, snapshot.dayStartEquity);
    for (const legId of snapshot.openLegs) rm.open.add(legId);
    rm.day = snapshot.day ?? Number.NaN;
    rm.dayStartEquity = snapshot.dayStartEquity;
    rm.lastEquity = snapshot.lastEquity;
    rm.peakEquity = snapshot.peakEquity;
    rm.dailyHalted = snapshot.dailyHalted;
    rm.trippedAt = snapshot.drawdownTrippedAt;
    return rm;
  }

  /** Entering a new UTC day resets the pause; a mark exactly at 00:00 is that day's starting equity. */
  private rollDay(now: number, equityAtNow: number | null): void {
    const day = Math.floor(now / DAY_MS);
    if (day === this.day) return;
    this.dayStartEquity = equityAtNow !== null && now === day * DAY_MS ? equityAtNow : this.lastEquity;
    this.day = day;
    this.dailyHalted = false;
  }
}
