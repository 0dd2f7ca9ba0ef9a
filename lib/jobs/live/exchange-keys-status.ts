import { credentialsFromEnvironment } from "@/lib/exchange/exchange-credentials";
import { errorMessage } from "@/lib/error-message";
import type { LiveMonitorJson } from "@/lib/contract/live";

/** Whether this process holds Kraken Futures keys, in words: never the keys, and never more of them than that. */
export function exchangeKeysStatus(): LiveMonitorJson["keys"] {
  try {
    return credentialsFromEnvironment("krakenfutures") === undefined
      ? { present: false, message: "no Kraken Futures keys in this process's environment (KRAKEN_FUTURES_API_KEY and KRAKEN_FUTURES_API_SECRET)" }
      : { present: true, message: "Kraken Futures keys are set in this process's environment" };
  } catch (error) {
    // The credentials error names the variables only, never a value.
    return { present: false, message: errorMessage(error) };
  }
}
