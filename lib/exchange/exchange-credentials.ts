import { isLoopbackHost } from "@/lib/access/bind-policy";
import type { ExchangeId } from "./symbol-map";

/** An exchange API key pair: read from the environment only, never stored, passed in a job or shown. */
export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
}

/** The environment variables holding each exchange's key pair; Gemini is a market-data backup and trades with none. */
const CREDENTIAL_ENV: Partial<Record<ExchangeId, { apiKey: string; secret: string }>> = {
  krakenfutures: { apiKey: "KRAKEN_FUTURES_API_KEY", secret: "KRAKEN_FUTURES_API_SECRET" },
};

/** One of a key pair set without the other: the message names the variables, never their values. */
export class ExchangeCredentialsError extends Error {
  readonly code = "EXCHANGE_CREDENTIALS_INCOMPLETE";
  constructor(message: string) {
    super(message);
    this.name = "ExchangeCredentialsError";
  }
}

/** The key pair of `id` from the environment, or undefined when neither variable is set (market data needs none). */
export function credentialsFromEnvironment(id: ExchangeId): ExchangeCredentials | undefined {
  const names = CREDENTIAL_ENV[id];
  if (!names) return undefined;
  const apiKey = process.env[names.apiKey]?.trim() || undefined;
  const secret = process.env[names.secret]?.trim() || undefined;
  if (apiKey === undefined && secret === undefined) return undefined;
  if (apiKey === undefined || secret === undefined) {
    const [set, missing] = apiKey === undefined ? [names.secret, names.apiKey] : [names.apiKey, names.secret];
    throw new ExchangeCredentialsError(`${set} is set but ${missing} is not: set both (or neither, for market data only)`);
  }
  return { apiKey, secret };
}

/** A key pair that would be sent somewhere other than the exchange or an emulator on this machine. */
export class CredentialsDestinationError extends Error {
  readonly code = "EXCHANGE_CREDENTIALS_DESTINATION";
  constructor(message: string) {
    super(message);
    this.name = "CredentialsDestinationError";
  }
}

/**
 * Keys travel to the exchange itself, or to an emulator on this machine (EXCHANGE_BASE_URL on loopback, for tests):
 * ccxt signs private requests with them wherever its URLs point, so a base URL elsewhere would receive them.
 */
export function assertCredentialsMayGoTo(baseUrl: string | undefined, credentials: ExchangeCredentials | undefined): void {
  if (baseUrl === undefined || credentials === undefined) return;
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    throw new CredentialsDestinationError("the exchange base URL is not a URL, and exchange keys are set: refusing to send them there");
  }
  if (!isLoopbackHost(host)) {
    throw new CredentialsDestinationError(`exchange keys are set and the exchange base URL points at ${host}, not the exchange or this machine: unset EXCHANGE_BASE_URL (or the keys) so they cannot be sent there`);
  }
}
