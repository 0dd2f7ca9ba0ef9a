import type { IncomingMessage } from "node:http";
import type { ExchangeCredentials } from "../exchange-credentials";
import type { EmulatedKrakenAccount } from "./emulated-kraken-account";
import { isAuthentic, signedEndpointPath } from "./kraken-authent";
import { accounts, actionStatus, cancelAllStatus, fill, openOrder, openPosition, orderStatus } from "./kraken-private-json";

/** The private Kraken Futures endpoints the emulator answers, by the path ccxt requests. */
export const PRIVATE_ENDPOINTS = {
  "/derivatives/api/v3/sendorder": "sendorder",
  "/derivatives/api/v3/cancelorder": "cancelorder",
  "/derivatives/api/v3/cancelallorders": "cancelallorders",
  "/derivatives/api/v3/cancelallordersafter": "cancelallordersafter",
  "/derivatives/api/v3/editorder": "editorder",
  "/derivatives/api/v3/openorders": "openorders",
  "/derivatives/api/v3/openpositions": "openpositions",
  "/derivatives/api/v3/fills": "fills",
  "/derivatives/api/v3/accounts": "accounts",
  "/derivatives/api/v3/orders/status": "orders/status",
} as const;

export type PrivateEndpoint = (typeof PRIVATE_ENDPOINTS)[keyof typeof PRIVATE_ENDPOINTS];

export function privateEndpointOf(path: string): PrivateEndpoint | undefined {
  return (PRIVATE_ENDPOINTS as Record<string, PrivateEndpoint>)[path];
}

const PRIVATE_NAMES: ReadonlySet<string> = new Set(Object.values(PRIVATE_ENDPOINTS));

export function isPrivateEndpoint(endpoint: string): endpoint is PrivateEndpoint {
  return PRIVATE_NAMES.has(endpoint);
}

const POSTS: ReadonlySet<PrivateEndpoint> = new Set(["sendorder", "cancelorder", "cancelallorders", "cancelallordersafter", "editorder"]);

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function optionalNumber(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  return value === null ? undefined : Number(value);
}

/**
 * Answers the private endpoints from an emulated account, after checking the request's signature the way Kraken does:
 * a missing or wrong Authent, or a key other than the accepted one, gets Kraken's `authenticationError` body, which
 * ccxt's exceptions map turns into AuthenticationError. ccxt sends the parameters in the query string, POST included.
 */
export class KrakenPrivateApi {
  constructor(
    private readonly accepted: ExchangeCredentials | undefined,
    readonly account: EmulatedKrakenAccount,
  ) {}

  answer(endpoint: PrivateEndpoint, req: IncomingMessage): [number, unknown] {
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const postData = queryAt < 0 ? "" : rawUrl.slice(queryAt + 1);
    const serverTime = new Date(this.account.now()).toISOString();
    const signed = { apiKey: header(req, "apikey"), authent: header(req, "authent"), nonce: header(req, "nonce"), postData, endpointPath: signedEndpointPath(path) };
    if (!isAuthentic(signed, this.accepted)) return [401, { result: "error", error: "authenticationError", serverTime }];
    if (POSTS.has(endpoint) !== (req.method === "POST")) return [405, { result: "error", error: "Bad Request", serverTime }];
    return [200, { result: "success", ...this.dispatch(endpoint, new URLSearchParams(postData)), serverTime }];
  }

  private dispatch(endpoint: PrivateEndpoint, params: URLSearchParams): Record<string, unknown> {
    const account = this.account;
    const orderId = params.get("order_id") ?? params.get("orderId") ?? undefined;
    const cliOrdId = params.get("cliOrdId") ?? undefined;
    switch (endpoint) {
      case "sendorder":
        return {
          sendStatus: actionStatus(account.sendOrder({
            symbol: params.get("symbol") ?? "", side: params.get("side") ?? "", orderType: params.get("orderType") ?? "",
            size: Number(params.get("size")), limitPrice: optionalNumber(params, "limitPrice"), stopPrice: optionalNumber(params, "stopPrice"),
            triggerSignal: params.get("triggerSignal") ?? undefined, reduceOnly: params.get("reduceOnly") === "true", cliOrdId,
          })),
        };
      case "cancelorder":
        return { cancelStatus: actionStatus(account.cancelOrder(orderId, cliOrdId)) };
      case "cancelallorders": {
        const symbol = params.get("symbol") ?? undefined;
        return { cancelStatus: cancelAllStatus(account.cancelAll(symbol), symbol, account.now()) };
      }
      case "cancelallordersafter": {
        const triggerTime = account.cancelAllAfter(Number(params.get("timeout") ?? 0));
        return { status: { currentTime: new Date(account.now()).toISOString(), triggerTime: triggerTime === null ? "0" : new Date(triggerTime).toISOString() } };
      }
      case "editorder":
        return {
          editStatus: actionStatus(account.editOrder({
            orderId, cliOrdId, size: optionalNumber(params, "size"), limitPrice: optionalNumber(params, "limitPrice"), stopPrice: optionalNumber(params, "stopPrice"),
          }), "orderId"),
        };
      case "openorders":
        return { openOrders: account.reportedOpenOrders().map(openOrder) };
      case "openpositions":
        return { openPositions: account.positions().map(openPosition) };
      case "fills":
        return { fills: account.fills.map(fill) };
      case "accounts":
        return { accounts: accounts(account.summary()) };
      case "orders/status": {
        const ids = new Set(params.getAll("orderIds"));
        const cliIds = new Set(params.getAll("cliOrdIds"));
        const wanted = account.knownOrders().filter((o) => ids.has(o.orderId) || (o.cliOrdId !== null && cliIds.has(o.cliOrdId)));
        return { orders: wanted.map(orderStatus) };
      }
    }
  }
}
