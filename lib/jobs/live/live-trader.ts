import type { Database } from "@/db/client";
import { findEnterIntent, getLiveAccount, listEntryIntents, recordDeadMansSwitch, recordLiveIntent, recordReconciliation, type LiveAccountRow } from "@/db/queries/live-accounts";
import { recordLiveEvents, type NewLiveEvent } from "@/db/queries/live-events";
import { listLiveOrders } from "@/db/queries/live-orders";
import type { Alert } from "@/lib/alerts/alert";
import { alertOfBrokerEvent } from "@/lib/exchange/alert-of-broker-event";
import type { BrokerEvent } from "@/lib/exchange/broker-event";
import type { KrakenFuturesBroker } from "@/lib/exchange/kraken-futures-broker";
import type { AccountBalance } from "@/lib/exchange/read-account-balance";
import { reconcileAccount } from "@/lib/exchange/reconcile-account";
import { closeLegAtMarket } from "@/lib/exchange/close-leg-at-market";
import { errorMessage } from "@/lib/error-message";
import { formatNumber } from "@/lib/format";
import type { OrderPlacedEvent, PaperEngine, PaperEvent, PositionClosedEvent } from "@/lib/paper";
import type { AccountMode } from "@/lib/trading/account-mode";
import { clientOrderId } from "@/lib/trading/client-order-id";
import type { ExchangePositions } from "@/lib/trading/exchange-positions";
import { closingSide, enterIntentSchema, type EnterIntent } from "@/lib/trading/intents";
import { legOrderId, legPositions } from "@/lib/trading/leg-positions";
import { liveLimitsSchema, orderLimitsOf, type LiveLimits } from "@/lib/trading/live-settings";
import { checkOrderLimits } from "@/lib/trading/order-limits";
import { filledQty, isTerminal, type TrackedOrder } from "@/lib/trading/order-state";
import { TradingGate } from "@/lib/trading/trading-gate";
import { changeLiveMode } from "./change-live-mode";
import { reconciliationJson } from "./reconciliation-json";
import type { LiveFeedStatus } from "../paper/live-feed";
import type { TickTrader } from "../paper/drive-account";

/** What the trader itself decided, beside what its broker did (BrokerEvent kinds). */
const TRADER_EVENT_KINDS = ["entry-refused", "halt-flatten", "balance-unknown", "feed-failure", "feed-restored", "trader-started", "trader-stopped"] as const;
export type TraderEventKind = (typeof TRADER_EVENT_KINDS)[number];

export interface LiveTraderOptions {
  readonly db: Database;
  readonly account: LiveAccountRow;
  readonly broker: KrakenFuturesBroker;
  /** Delivers an alert (a webhook POST when configured); failures are the sender's to report. */
  readonly alert?: (alert: Alert) => Promise<void>;
  readonly log?: (message: string) => Promise<void>;
}

/** How often the account's mode and arming are read back between ticks (a halt from the page acts within this). */
const ACCOUNT_READ_MS = 1_000;

/**
 * Executes a paper engine's decisions on Kraken Futures for one live account, inside the live feed's loop
 * (runPaperAccount's TickTrader): an accepted entry becomes a market order sized and protected as the fill model
 * would at the exchange's price, with a reduce-only stop and take-profit once it fills; a position the engine closes
 * for any reason its exchange orders did not already act on is closed at market. Between ticks it keeps the dead
 * man's switch armed, reconciles the ledger with the exchange on a timer (nothing enters before the first clean one),
 * and on a halt cancels everything and closes every position. Every action is an event in the account's log.
 */
export class LiveTrader implements TickTrader {
  private readonly db: Database;
  private readonly broker: KrakenFuturesBroker;
  private readonly accountId: string;
  private readonly limits: LiveLimits;
  private readonly gate = new TradingGate();
  private readonly alert: ((alert: Alert) => Promise<void>) | undefined;
  private readonly log: ((message: string) => Promise<void>) | undefined;
  private engine: PaperEngine | null = null;
  private mode: AccountMode;
  private armed: boolean;
  private positions: ExchangePositions = { kind: "unknown", reason: "not read yet" };
  private balance: AccountBalance | null = null;
  private nextAccountRead = 0;
  private nextSwitchRefresh = 0;
  private nextReconcile = 0;
  private feedState: LiveFeedStatus["state"] | null = null;
  /** A halt's cancel-and-close still has something to do (retried at every reconciliation until flat). */
  private flattenPending = false;

  constructor(options: LiveTraderOptions) {
    this.db = options.db;
    this.broker = options.broker;
    this.accountId = options.account.id;
    this.limits = liveLimitsSchema.parse(options.account.limits);
    this.mode = options.account.mode;
    this.armed = options.account.armedAt !== null;
    this.alert = options.alert;
    this.log = options.log;
    this.flattenPending = this.mode === "halted";
  }

  async begin(engine: PaperEngine): Promise<void> {
    this.engine = engine;
    const environment = (await getLiveAccount(this.db, this.accountId))?.environment ?? "unknown";
    await this.record([this.traderEvent("trader-started", null, `trader started on ${environment} (${this.armed ? "armed" : "disarmed: nothing is sent until a person arms it"}), mode ${this.mode}`)]);
    await this.refreshSwitch();
    await this.reconcile();
  }

  async onTick(events: readonly PaperEvent[], engine: PaperEngine): Promise<void> {
    this.engine = engine;
    await this.readAccount();
    for (const event of events) {
      if (event.type === "order_placed") await this.enter(event);
      else if (event.type === "position_closed") await this.followExit(event);
    }
  }

  async heartbeat(): Promise<void> {
    const now = this.broker.now();
    if (now >= this.nextAccountRead) await this.readAccount();
    if (now >= this.nextSwitchRefresh) await this.refreshSwitch();
    if (now >= this.nextReconcile || this.flattenPending) await this.reconcile();
  }

  /**
   * A stale or failing feed means the engine decides on nothing new while positions move: a person hears of it once
   * when it goes wrong and once when it is back (the feed reports its state at every poll).
   */
  async feedStatus(status: LiveFeedStatus): Promise<void> {
    if (status.state === this.feedState) return;
    const was = this.feedState;
    this.feedState = status.state;
    if (status.state === "live") {
      if (was !== null) await this.record([this.traderEvent("feed-restored", null, "the live feed is live again")]);
      return;
    }
    const why = status.state === "error" ? `the live feed failed: ${status.message}` : `the live feed is stale: no new 1m bar for ${Math.round(status.sinceMs / 60_000)} min`;
    await this.record([this.traderEvent("feed-failure", null, `${why}; the engine decides nothing new until it recovers, resting stops stay on the exchange`)], "feed-failure");
  }

  async end(clean: boolean): Promise<void> {
    // A trader stopped on request leaves its stops resting; one that failed leaves the switch to cancel everything.
    const events = clean ? [...(await this.broker.disarmDeadMansSwitch())] : [];
    const how = clean ? "on request" : "on a failure: the dead man's switch cancels its orders unless a trader restarts first";
    // The trader is stopping, maybe because the store failed: a last event that cannot be written is said in the log.
    await this.record([...events, this.traderEvent("trader-stopped", null, `trader stopped ${how}`)]).catch((error: unknown) => this.log?.(`the trader's stop could not be recorded: ${errorMessage(error)}`));
  }

  /**
   * An entry the engine accepted: checked, sized at the mark price, logged, stored, sent once, then protected. A tick
   * replayed after a crash finds its decision in the intent log and carries that on instead of deciding again: the
   * order it stored is then sent only if it never was, and protected if it filled.
   */
  private async enter(decision: OrderPlacedEvent): Promise<void> {
    const entry = (await findEnterIntent(this.db, this.accountId, decision.legId, decision.time)) ?? (await this.decideEntry(decision));
    if (entry === null) return;
    const id = legOrderId(entry, "entry");
    const side = entry.direction === "long" ? "buy" : "sell";
    const registration = await this.broker.register({ clientOrderId: id, purpose: "entry", symbol: entry.symbol, side, qty: entry.qty, reduceOnly: false, createdAt: this.broker.now() });
    if (registration.kind === "conflict") return this.record([this.traderEvent("entry-refused", id, registration.message)]);
    const sent = await this.broker.submit(id, { kind: "market" });
    await this.record(sent.events);
    // An unanswered entry is settled at the next reconciliation, which places its stop if it turns out filled.
    if (sent.order !== undefined && filledQty(sent.order) > 0) await this.record((await this.broker.protectPosition(entry)).events);
  }

  /** The entry to send for a new decision, logged in the intent log; null (with the refusal recorded) when none is. */
  private async decideEntry(decision: OrderPlacedEvent): Promise<EnterIntent | null> {
    const { legId, symbol } = decision;
    // The decision's leg and bar ride along, so the paper-vs-live comparison can tell a refused entry from a lost one.
    const decided = { legId, barCloseTime: decision.time };
    const refusal = (why: string): NewLiveEvent => ({ ...this.traderEvent("entry-refused", null, `entry on ${symbol} (${legId}) not sent: ${why}`), detail: decided });
    // A refusal by a cap is alerted on (something sized wrong, or the account is fuller than it should be); the
    // others follow from a state a person already knows of (disarmed, reducing, blocked by reconciliation).
    const refuse = async (why: string, alert = false) => {
      await this.record([refusal(why)], alert ? "order-rejected" : undefined);
      return null;
    };
    if (!this.armed) return refuse("the account is not armed; nothing is sent until a person arms it (npm run live -- arm)");
    if (this.mode !== "active") return refuse(`the account is ${this.mode}`);
    const gate = this.gate.entryPermission(symbol);
    if (!gate.allowed) return refuse(gate.reason);
    // Kraken nets each instrument into one position: a leg entering against another's open position would close it
    // instead of opening its own, and both legs' stops would protect a position that is not there.
    const orders = await listLiveOrders(this.db, this.accountId);
    const opposite = legPositions(await listEntryIntents(this.db, this.accountId), orders).find(
      (l) => l.qty > 0 && l.entry.symbol === symbol && l.entry.direction !== decision.side,
    );
    if (opposite !== undefined) return refuse(`leg ${opposite.entry.legId} holds a ${opposite.entry.direction} position on ${symbol}, and the exchange nets an instrument into one position`);
    const mark = await this.broker.readMarkPrice(symbol);
    if (mark.markPrice === null) {
      await this.record([...mark.events, refusal("its mark price could not be read")]);
      return null;
    }
    const plan = this.engine?.entryPlan(legId, mark.markPrice) ?? null;
    if (plan === null || typeof plan === "string") return refuse(plan === null ? "the engine holds no pending entry for the leg" : `the engine cannot size it (${plan})`);
    const qty = await this.broker.orderQty(symbol, plan.qty);
    if (qty === 0) return refuse(`${formatNumber(plan.qty, 8)} is below the instrument's smallest size`);
    const parsed = enterIntentSchema.safeParse({ kind: "enter", accountId: this.accountId, legId, symbol, barCloseTime: decision.time, direction: decision.side, qty, stopPrice: plan.stop, targetPrice: plan.target });
    if (!parsed.success) return refuse(parsed.error.issues.map((i) => i.message).join("; "));
    const side = decision.side === "long" ? "buy" : "sell";
    const limit = checkOrderLimits({ symbol, side, qty, price: mark.markPrice, reduceOnly: false }, await this.exposure(symbol, mark.markPrice, orders), orderLimitsOf(this.limits));
    if (!limit.ok) return refuse(limit.refusals.map((r) => r.message).join("; "), true);
    await recordLiveIntent(this.db, this.accountId, parsed.data);
    return parsed.data;
  }

  /** The engine closed a position: whatever of it the exchange's own stop or target did not close is closed at market. */
  private async followExit(closed: PositionClosedEvent): Promise<void> {
    const entry = (await listEntryIntents(this.db, this.accountId)).find((e) => e.legId === closed.legId && e.barCloseTime === closed.trade.entryTime);
    if (entry === undefined) return;
    const events: (BrokerEvent | NewLiveEvent)[] = [...(await this.broker.cancelOtherProtection(entry))];
    const [leg] = legPositions([entry], await listLiveOrders(this.db, this.accountId));
    if (leg !== undefined && leg.qty > 0) events.push(...(await closeLegAtMarket(this.broker, leg, "engine-exit", `the engine closed the position (${closed.reason})`)).events);
    await this.record(events);
  }

  /** The account as the limits value it: the exchange's equity and positions (each at its mark), recent orders. */
  private async exposure(symbol: string, price: number, orders: readonly TrackedOrder[]) {
    const positions = new Map<string, { qty: number; price: number }>();
    if (this.positions.kind === "known") {
      for (const [s, qty] of this.positions.positions) {
        const mark = s === symbol ? price : ((await this.broker.readMarkPrice(s)).markPrice ?? price);
        positions.set(s, { qty, price: mark });
      }
    }
    const recentOrderTimes = orders.flatMap((o) => (o.sentAt === null ? [] : [o.sentAt]));
    const equity = this.balance === null ? 0 : this.balance.balance + this.balance.unrealizedPnl;
    return { equity, positions, recentOrderTimes, now: this.broker.now() };
  }

  /** Reads back the mode and arming a person (page, CLI) may have changed; a new halt flattens at once. */
  private async readAccount(): Promise<void> {
    this.nextAccountRead = this.broker.now() + ACCOUNT_READ_MS;
    const row = await getLiveAccount(this.db, this.accountId);
    if (row === undefined) return;
    if (row.mode === "halted" && this.mode !== "halted") this.flattenPending = true;
    this.mode = row.mode;
    this.armed = row.armedAt !== null;
  }

  private async refreshSwitch(): Promise<void> {
    this.nextSwitchRefresh = this.broker.now() + this.limits.deadMansSwitchRefreshSeconds * 1000;
    const refreshed = await this.broker.refreshDeadMansSwitch(this.limits.deadMansSwitchSeconds);
    if (refreshed.cancelsAt !== null) await recordDeadMansSwitch(this.db, this.accountId, this.broker.now(), refreshed.cancelsAt);
    // A routine refresh every few seconds would bury the log; only failures are recorded.
    await this.record(refreshed.events.filter((e) => e.kind !== "dead-mans-switch"));
  }

  /**
   * Compares the ledger with the exchange (settling what needs it, putting back missing stops and take-profits), tidies protection
   * left over by a closed position, opens or closes the gate, tightens the mode when the findings call for it, and
   * stores what it saw for the page. While halted, it closes whatever is still open.
   */
  private async reconcile(): Promise<void> {
    this.nextReconcile = this.broker.now() + this.limits.reconcileSeconds * 1000;
    const entries = await listEntryIntents(this.db, this.accountId);
    const result = await reconcileAccount(this.broker, { orders: await listLiveOrders(this.db, this.accountId), entries });
    const events: (BrokerEvent | NewLiveEvent)[] = [...result.events];
    this.positions = result.positions;
    // Kraken has no one-cancels-other: once a stop or target closed a leg, the other order is cancelled here.
    for (const leg of result.legs) {
      if (leg.qty > 0) continue;
      for (const o of [...leg.stops, ...leg.takeProfits]) {
        if (!isTerminal(o.status)) events.push(...(await this.broker.cancel(o.clientOrderId, "its position is closed")).events);
      }
    }
    this.gate.record(result.reconciliation, result.unprotected);
    const balance = await this.broker.readBalance();
    if (balance.kind === "known") this.balance = balance.balance;
    else events.push(this.traderEvent("balance-unknown", null, `the exchange balance is unknown (${balance.reason}); entries are sized against no equity until it is read`));
    await recordReconciliation(this.db, this.accountId, reconciliationJson(result, this.broker.now()), balance.kind === "known" ? balance.balance : null);
    await this.record(events);
    const suggested = result.reconciliation.suggestedMode;
    if (suggested !== "active" && suggested !== this.mode) {
      const changed = await changeLiveMode(this.db, { accountId: this.accountId, to: suggested, by: { kind: "system", component: "reconciliation" }, reason: result.reconciliation.reasons.join("; ") });
      if (changed.ok) await this.raise(suggested === "halted" ? "halt" : "reconciliation-mismatch", changed.message);
      await this.readAccount();
    }
    if (this.mode === "halted" && this.flattenPending) await this.flatten(entries);
  }

  /**
   * The halt: the ledger's resting orders are cancelled by id (so the ledger learns it), then every other order on
   * the account; each open leg is closed at market, then any position the ledger does not explain. Retried at each
   * reconciliation until the exchange reads flat.
   */
  private async flatten(entries: readonly EnterIntent[]): Promise<void> {
    const why = "the account is halted";
    const events: (BrokerEvent | NewLiveEvent)[] = [];
    for (const order of await listLiveOrders(this.db, this.accountId)) {
      if (!isTerminal(order.status) && order.sentAt !== null) events.push(...(await this.broker.cancel(order.clientOrderId, why)).events);
    }
    events.push(...(await this.broker.cancelAllOrders(why)));
    for (const leg of legPositions(entries, await listLiveOrders(this.db, this.accountId))) {
      if (leg.qty > 0) events.push(...(await closeLegAtMarket(this.broker, leg, "halt-exit", why)).events);
    }
    const after = await this.broker.readPositions();
    events.push(...after.events);
    if (after.positions.kind === "known") {
      const decidedAt = this.broker.now();
      for (const [symbol, qty] of after.positions.positions) events.push(...(await this.closeUnexplained(symbol, qty, decidedAt)));
      const flat = [...after.positions.positions.values()].every((q) => q === 0);
      this.flattenPending = !flat;
    }
    events.push(this.traderEvent("halt-flatten", null, `halt: orders cancelled and positions closed at market${this.flattenPending ? "; something is still open, retried at the next reconciliation" : "; the exchange reads flat"}`));
    await this.record(events, "halt");
  }

  /** A position the ledger has no leg for, closed reduce-only at market under a flatten id of its own. */
  private async closeUnexplained(symbol: string, qty: number, decidedAt: number): Promise<readonly BrokerEvent[]> {
    const id = clientOrderId({ accountId: this.accountId, legId: `flatten:${symbol}`, barCloseTime: decidedAt, purpose: "flatten" });
    const side = closingSide(qty > 0 ? "long" : "short");
    const registration = await this.broker.register({ clientOrderId: id, purpose: "flatten", symbol, side, qty: Math.abs(qty), reduceOnly: true, createdAt: decidedAt });
    if (registration.kind === "conflict") return [];
    return (await this.broker.submit(id, { kind: "market" })).events;
  }

  private traderEvent(kind: TraderEventKind, clientOrderId: string | null, message: string): NewLiveEvent {
    return { time: this.broker.now(), kind, clientOrderId, message };
  }

  /** Stores the events and raises the alerts they call for; `alertAs` turns the trader's own events into one alert. */
  private async record(events: readonly (BrokerEvent | NewLiveEvent)[], alertAs?: Alert["kind"]): Promise<void> {
    if (events.length === 0) return;
    await recordLiveEvents(this.db, this.accountId, events);
    for (const event of events) {
      const alert = isBrokerEvent(event) ? alertOfBrokerEvent(this.accountId, event) : alertAs === undefined ? null : { accountId: this.accountId, kind: alertAs, message: event.message, time: event.time };
      if (alert !== null) await this.alert?.(alert);
      await this.log?.(event.message);
    }
  }

  private async raise(kind: Alert["kind"], message: string): Promise<void> {
    await this.alert?.({ accountId: this.accountId, kind, message, time: this.broker.now() });
  }
}

const TRADER_KINDS = new Set<string>(TRADER_EVENT_KINDS);

function isBrokerEvent(event: BrokerEvent | NewLiveEvent): event is BrokerEvent {
  return !TRADER_KINDS.has(event.kind);
}
