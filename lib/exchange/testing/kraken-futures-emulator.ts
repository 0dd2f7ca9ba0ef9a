import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { timeframeMs, type Timeframe } from "../../market/timeframe";
import type { ExchangeCredentials } from "../exchange-credentials";
import { EmulatedKrakenAccount, type EmulatedAccountOptions } from "./emulated-kraken-account";
import { aggregateCandles, syntheticCandles, syntheticFundingRates, type KrakenCandle, type KrakenFundingRate } from "./emulated-kraken-history";
import { isPrivateEndpoint, KrakenPrivateApi, privateEndpointOf, type PrivateEndpoint } from "./kraken-private-api";

/**
 * A local stand-in for the Kraken Futures REST endpoints ccxt's `krakenfutures` calls for market data, answering
 * with Kraken's JSON shapes, plus scriptable faults. Point ccxt at it with `createExchange({ baseUrl })`.
 * The private trading endpoints (orders, positions, fills, balance) are answered from `account` for requests signed
 * with `credentials` (see kraken-private-api.ts).
 */

export type EmulatorEndpoint = "instruments" | "tickers" | "charts" | "historicalfundingrates" | PrivateEndpoint | "other";
/**
 * `stall`, `rate-limit`, `server-error` and `custom-body` answer without handling the request (no order is placed);
 * `malformed-json`, `drop-connection` and `accepted-then-stall` handle it first, so an order is placed and its answer lost.
 */
export type FaultKind = "rate-limit" | "server-error" | "malformed-json" | "drop-connection" | "stall" | "accepted-then-stall" | "custom-body";

export interface FaultRule {
  fault: FaultKind;
  /** Which endpoint the rule watches. Default `any`. */
  endpoint?: EmulatorEndpoint | "any";
  /** How many matching requests fail. Default 1; `Infinity` fails for good. */
  times?: number;
  /** Matching requests answered normally before the rule fires (fail the k-th request: `after: k - 1`). */
  after?: number;
  /** HTTP status for `server-error` and `custom-body`. Default 503. */
  status?: number;
  /** What `custom-body` answers with (a proxy's HTML page, a body quoting the request). Default empty. */
  body?: string;
  /** Content type of `custom-body`. Default `text/html`. */
  contentType?: string;
}

export interface EmulatorRequest {
  method: string;
  path: string;
  endpoint: EmulatorEndpoint;
  query: Record<string, string>;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
}

export interface KrakenFuturesEmulatorOptions {
  seed?: number;
  /** Candles exist with open times in [candleStartMs, candleEndMs), and never after the real clock's now. */
  candleStartMs?: number;
  candleEndMs?: number;
  fundingStartMs?: number;
  fundingEndMs?: number;
  /** Kraken's per-request cap on candles (more_candles tells the rest exists). Default 2000. */
  maxCandlesPerRequest?: number;
  /** Perpetuals listed as `flexible_futures`. Default PF_XBTUSD, PF_ETHUSD, PF_BNBUSD, PF_SOLUSD. */
  perpetuals?: string[];
  /** Port on 127.0.0.1; default a random free one. A fixed one lets a server started beforehand be pointed at it. */
  port?: number;
  /** The one key pair the private endpoints accept; without it every private request is refused. */
  credentials?: ExchangeCredentials;
  account?: EmulatedAccountOptions;
  /**
   * The market follows the candles: before each request, every perpetual's last and mark price become the close of
   * its latest 1m candle closed by this clock, so orders fill (and stops trigger) on the prices the feed serves.
   * Without it, prices are only what a test sets with `account.setPrice`.
   */
  priceClock?: () => number;
  /**
   * A fake clock another process moves: `POST /__emulator/clock?t=<epoch ms>` sets `t` (a trader in a child process
   * runs on its own fake clock and tells the emulator where it is). Pass the same object's `t` as the account's and
   * the prices' clock. Absent, the endpoint does not exist.
   */
  controlledClock?: { t: number };
  /**
   * A market a test made (a planted edge), served instead of the random walk: per perpetual, its 1m candles (the
   * coarser ones are built from them) and its funding prints. Perpetuals not named keep the random walk.
   */
  history?: Readonly<Record<string, { readonly candles1m: readonly KrakenCandle[]; readonly funding: readonly KrakenFundingRate[] }>>;
}

const DAY_MS = 86_400_000;
const DEFAULT_START_MS = Date.UTC(2024, 0, 1);
/** Kraken's chart resolutions: the system's timeframe names, without 2m (Kraken serves none; the system builds it). */
const KRAKEN_RESOLUTIONS: readonly Timeframe[] = ["1m", "5m", "15m", "30m", "1h", "4h", "12h", "1d", "1w"];
const INTERVAL_MS: Record<string, number> = Object.fromEntries(KRAKEN_RESOLUTIONS.map((tf) => [tf, timeframeMs(tf)]));

interface ActiveRule extends Required<Omit<FaultRule, "status" | "body" | "contentType">> {
  status: number;
  body: string;
  contentType: string;
  seen: number;
  fired: number;
}

/** One entry of Kraken's `instruments` list, as ccxt's fetchMarkets reads it. */
function instrument(symbol: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbol, type, tradeable: true, tickSize: 0.5, contractSize: 1, contractValueTradePrecision: 4,
    impactMidSize: 1, maxPositionSize: 1_000_000, openingDate: "2022-03-01T00:00:00.000Z",
    marginLevels: [{ numNonContractUnits: 0, initialMargin: 0.02, maintenanceMargin: 0.01 }],
    fundingRateCoefficient: 8, maxRelativeFundingRate: 0.001, postOnly: false, tags: [], ...extra,
  };
}

export class KrakenFuturesEmulator {
  readonly requests: EmulatorRequest[] = [];
  private readonly rules: ActiveRule[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly series = new Map<string, KrakenCandle[]>();
  private readonly seed: number;
  private readonly candleStartMs: number;
  private readonly candleEndMs: number;
  private readonly fundingStartMs: number;
  private readonly fundingEndMs: number;
  private readonly maxCandles: number;
  private readonly perpetuals: string[];
  private readonly privateApi: KrakenPrivateApi;
  /** The trading state behind the private endpoints: tests move prices and inspect orders through it. */
  readonly account: EmulatedKrakenAccount;
  private readonly priceClock: (() => number) | undefined;
  private readonly controlledClock: { t: number } | undefined;
  /** Per perpetual, how many 1m candles the market has been moved through. */
  private readonly followedCandles = new Map<string, number>();
  private readonly history: KrakenFuturesEmulatorOptions["history"];
  /** The market's own clock for history (see `publishUntil`); the real clock alone when unset. */
  private publishedUntilMs = Number.POSITIVE_INFINITY;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    options: KrakenFuturesEmulatorOptions,
  ) {
    this.seed = options.seed ?? 1;
    this.candleStartMs = options.candleStartMs ?? DEFAULT_START_MS;
    this.candleEndMs = options.candleEndMs ?? this.candleStartMs + 14 * DAY_MS;
    this.fundingStartMs = options.fundingStartMs ?? this.candleStartMs;
    this.fundingEndMs = options.fundingEndMs ?? this.candleEndMs;
    this.maxCandles = options.maxCandlesPerRequest ?? 2000;
    this.perpetuals = options.perpetuals ?? ["PF_XBTUSD", "PF_ETHUSD", "PF_BNBUSD", "PF_SOLUSD"];
    this.account = new EmulatedKrakenAccount(options.account);
    this.priceClock = options.priceClock;
    this.controlledClock = options.controlledClock;
    this.privateApi = new KrakenPrivateApi(options.credentials, this.account);
    this.history = options.history;
  }

  /** Listens on 127.0.0.1 at `options.port`, or a random free port. */
  static async start(options: KrakenFuturesEmulatorOptions = {}): Promise<KrakenFuturesEmulator> {
    let emulator: KrakenFuturesEmulator | undefined;
    const server = createServer((req, res) => emulator?.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", resolve);
    });
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("emulator server has no TCP address");
    const started = new KrakenFuturesEmulator(server, `http://127.0.0.1:${address.port}`, options);
    server.on("connection", (socket) => {
      started.sockets.add(socket);
      socket.on("close", () => started.sockets.delete(socket));
    });
    emulator = started;
    return started;
  }

  /** Queues a fault; rules are checked in order and the first eligible one fires. */
  inject(rule: FaultRule): void {
    this.rules.push({ endpoint: "any", times: 1, after: 0, ...rule, status: rule.status ?? 503, body: rule.body ?? "", contentType: rule.contentType ?? "text/html", seen: 0, fired: 0 });
  }

  clearFaults(): void {
    this.rules.length = 0;
  }

  requestCount(endpoint?: EmulatorEndpoint): number {
    return endpoint === undefined ? this.requests.length : this.requests.filter((r) => r.endpoint === endpoint).length;
  }

  /**
   * Serves history only up to `timeMs`, as if the market had not got further: candles that closed by then and funding
   * printed before it. Moving it on between two fetches is new data arriving.
   */
  publishUntil(timeMs: number): void {
    this.publishedUntilMs = timeMs;
  }

  /** The candles the emulator holds for a market, e.g. to compare a fetch against. */
  candles(symbolId: string, interval: string): KrakenCandle[] {
    const intervalMs = INTERVAL_MS[interval];
    if (intervalMs === undefined) return [];
    const key = `${symbolId}|${interval}`;
    let candles = this.series.get(key);
    if (candles === undefined) {
      const given = this.history?.[symbolId];
      candles =
        interval !== "1m"
          ? aggregateCandles(this.candles(symbolId, "1m"), intervalMs)
          : given
            ? [...given.candles1m]
            : syntheticCandles(this.seed, symbolId, intervalMs, this.candleStartMs, this.candleEndMs);
      this.series.set(key, candles);
    }
    return candles;
  }

  /**
   * Moves every perpetual through the 1m candles closed by `time` since the last call (see `priceClock`): each
   * candle's open, its extremes (the low first on an up candle, the high first on a down one) and its close, so a
   * resting stop or target triggers inside a bar as the backtest's bar high and low say it would.
   */
  followCandles(time: number): void {
    for (const symbol of this.perpetuals) {
      const candles = this.candles(symbol, "1m");
      let lo = 0;
      let hi = candles.length;
      // the first candle still open at `time`: the ones before it are closed
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((candles[mid]?.time ?? Infinity) + 60_000 <= time) lo = mid + 1;
        else hi = mid;
      }
      const followed = this.followedCandles.get(symbol);
      const from = followed === undefined ? Math.max(0, lo - 1) : followed;
      for (let k = from; k < lo; k++) {
        const c = candles[k];
        if (c === undefined) continue;
        const [open, high, low, close] = [c.open, c.high, c.low, c.close].map(Number) as [number, number, number, number];
        const path = followed === undefined ? [close] : close >= open ? [open, low, high, close] : [open, high, low, close];
        for (const price of path) this.account.setPrice(symbol, { last: price, mark: price });
      }
      this.followedCandles.set(symbol, lo);
    }
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const endpoint = this.endpointOf(url.pathname);
    if (url.pathname === "/__emulator/clock" && this.controlledClock !== undefined) {
      const t = Number(url.searchParams.get("t"));
      if (Number.isFinite(t) && t >= this.controlledClock.t) this.controlledClock.t = t;
      this.send(res, 200, { t: this.controlledClock.t });
      return;
    }
    const request: EmulatorRequest = { method: req.method ?? "GET", path: url.pathname, endpoint, query: Object.fromEntries(url.searchParams) };
    if (this.priceClock) this.followCandles(this.priceClock());
    this.requests.push(request);
    const rule = this.matchRule(endpoint);
    request.fault = rule?.fault;
    if (rule?.fault === "stall") return;
    if (rule?.fault === "rate-limit") {
      this.send(res, 429, { result: "error", error: "apiLimitExceeded", serverTime: new Date().toISOString() });
      return;
    }
    if (rule?.fault === "server-error") {
      res.writeHead(rule.status, { "content-type": "text/html" }).end(`<html><body>${rule.status} Service Unavailable</body></html>`);
      return;
    }
    if (rule?.fault === "custom-body") {
      res.writeHead(rule.status, { "content-type": rule.contentType, "content-length": Buffer.byteLength(rule.body) }).end(rule.body);
      return;
    }
    const [status, body] = this.route(endpoint, url, req);
    if (rule?.fault === "accepted-then-stall") return;
    const text = JSON.stringify(body);
    if (rule?.fault === "malformed-json") {
      const truncated = text.slice(0, Math.ceil(text.length / 2));
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(truncated) }).end(truncated);
      return;
    }
    if (rule?.fault === "drop-connection") {
      // promise the whole body, deliver half, then cut the socket: the client sees a truncated transfer
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.write(text.slice(0, Math.ceil(text.length / 2)), () => req.socket.destroy());
      return;
    }
    this.send(res, status, body);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
  }

  private endpointOf(path: string): EmulatorEndpoint {
    if (path === "/derivatives/api/v3/instruments") return "instruments";
    if (path.startsWith("/derivatives/api/v3/tickers/")) return "tickers";
    if (path === "/derivatives/api/v4/historicalfundingrates") return "historicalfundingrates";
    if (path.startsWith("/api/charts/v1/")) return "charts";
    return privateEndpointOf(path) ?? "other";
  }

  private matchRule(endpoint: EmulatorEndpoint): ActiveRule | undefined {
    let chosen: ActiveRule | undefined;
    for (const rule of this.rules) {
      if (rule.endpoint !== "any" && rule.endpoint !== endpoint) continue;
      rule.seen++;
      if (chosen === undefined && rule.seen > rule.after && rule.fired < rule.times) {
        rule.fired++;
        chosen = rule;
      }
    }
    return chosen;
  }

  private route(endpoint: EmulatorEndpoint, url: URL, req: IncomingMessage): [number, unknown] {
    const serverTime = new Date().toISOString();
    if (isPrivateEndpoint(endpoint)) return this.privateApi.answer(endpoint, req);
    if (endpoint === "instruments") return [200, { result: "success", instruments: this.instruments(), serverTime }];
    if (endpoint === "historicalfundingrates") {
      const symbol = url.searchParams.get("symbol") ?? "";
      const given = this.history?.[symbol]?.funding;
      const all = !this.perpetuals.includes(symbol) ? [] : given ? given : syntheticFundingRates(this.seed, symbol, this.fundingStartMs, this.fundingEndMs);
      const rates = all.filter((r) => Date.parse(r.timestamp) < this.publishedUntilMs);
      return [200, { rates, result: "success", serverTime }];
    }
    if (endpoint === "charts") return this.chartCandles(url);
    if (endpoint === "tickers") return this.ticker(url, serverTime);
    return [404, { result: "error", error: "notFound", serverTime }];
  }

  private instruments(): Record<string, unknown>[] {
    return [
      ...this.perpetuals.map((symbol) => instrument(symbol, "flexible_futures", { base: symbol.slice(3, -3), quote: "USD" })),
      instrument("PI_XBTUSD", "futures_inverse"),
      instrument("FI_XBTUSD_240628", "futures_inverse", { lastTradingTime: "2024-06-28T16:00:00.000Z" }),
      { symbol: "in_xbtusd", type: "spot index", tradeable: false },
      { symbol: "rr_xbtusd", type: "spot index", tradeable: false },
    ];
  }

  /** `GET /derivatives/api/v3/tickers/{symbol}`: the prices the test set with `account.setPrice`. */
  private ticker(url: URL, serverTime: string): [number, unknown] {
    const symbol = url.pathname.split("/").at(-1) ?? "";
    const price = this.account.price(symbol);
    if (price === undefined) return [200, { result: "error", error: "symbolNotFound", serverTime }];
    return [200, { result: "success", ticker: { tag: "perpetual", symbol, markPrice: price.mark, last: price.last, suspended: false }, serverTime }];
  }

  /** `GET /api/charts/v1/{price_type}/{symbol}/{interval}?from&to` (seconds, both inclusive). */
  private chartCandles(url: URL): [number, unknown] {
    const [, , , , , symbol = "", interval = ""] = url.pathname.split("/");
    if (INTERVAL_MS[interval] === undefined) return [400, { result: "error", error: "invalidUnit" }];
    const from = url.searchParams.get("from");
    const to = url.searchParams.get("to");
    const nowMs = Date.now();
    const toMs = Math.min(to === null ? nowMs : Number(to) * 1000, nowMs);
    const known = this.perpetuals.includes(symbol) ? this.candles(symbol, interval) : [];
    const intervalMs = INTERVAL_MS[interval];
    const inRange = known.filter((c) => (from === null || c.time >= Number(from) * 1000) && c.time <= toMs && c.time + intervalMs <= this.publishedUntilMs);
    // with no `from`, Kraken answers with the newest bars; with one, it pages forward from it
    const page = from === null ? inRange.slice(-this.maxCandles) : inRange.slice(0, this.maxCandles);
    return [200, { candles: page, more_candles: page.length < inRange.length }];
  }
}

export function startKrakenFuturesEmulator(options: KrakenFuturesEmulatorOptions = {}): Promise<KrakenFuturesEmulator> {
  return KrakenFuturesEmulator.start(options);
}
