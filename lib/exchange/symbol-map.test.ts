import { describe, expect, it } from "vitest";
import { DEFAULT_INSTRUMENTS } from "@/lib/market/instruments";
import { createExchange } from "./create-exchange";
import { UnsupportedInstrumentError } from "./errors";
import { resolveMarket } from "./resolve-market";
import { exchangeSymbol, mappedSymbols, systemSymbol } from "./symbol-map";
import { instantRetry } from "./testing/instant-retry";
import { startKrakenFuturesEmulator } from "./testing/kraken-futures-emulator";

describe("symbol map", () => {
  it("maps every default instrument to a Kraken Futures perpetual", () => {
    expect(DEFAULT_INSTRUMENTS.map((s) => exchangeSymbol("krakenfutures", s))).toEqual(["BTC/USD:USD", "ETH/USD:USD", "BNB/USD:USD"]);
    expect(exchangeSymbol("gemini", "BTCUSDT.P")).toBe("BTC/GUSD:GUSD");
  });

  it("maps an exchange market back to its system symbol, and one the system does not trade to nothing", () => {
    expect(DEFAULT_INSTRUMENTS.map((s) => systemSymbol("krakenfutures", exchangeSymbol("krakenfutures", s)))).toEqual(DEFAULT_INSTRUMENTS);
    expect(systemSymbol("krakenfutures", "SOL/USD:USD")).toBeUndefined();
    expect(systemSymbol("krakenfutures", "BTC/GUSD:GUSD"), "another exchange's market").toBeUndefined();
  });

  it("explains which exchange lacks which instrument and what it can serve", () => {
    expect(() => exchangeSymbol("gemini", "BNBUSDT.P")).toThrow(
      new UnsupportedInstrumentError("gemini", "BNBUSDT.P", "gemini has no perpetual for BNBUSDT.P; instruments it can serve: BTCUSDT.P, ETHUSDT.P"),
    );
    expect(() => exchangeSymbol("krakenfutures", "DOGEUSDT.P")).toThrow("krakenfutures has no perpetual for DOGEUSDT.P");
    expect(mappedSymbols("krakenfutures")).toEqual([...DEFAULT_INSTRUMENTS]);
  });

  it("verifies the mapped markets against what ccxt parses from Kraken's instruments list", async () => {
    const emulator = await startKrakenFuturesEmulator();
    try {
      const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1 });
      for (const symbol of DEFAULT_INSTRUMENTS) await resolveMarket(exchange, symbol);
      expect(exchange.market("BTC/USD:USD")).toMatchObject({ id: "PF_XBTUSD", swap: true, linear: true, settle: "USD" });
      expect(emulator.requestCount("instruments")).toBe(1);
    } finally {
      await emulator.stop();
    }
  });

  it("retries loading markets (ccxt caches a failed load, so retries reload)", async () => {
    const emulator = await startKrakenFuturesEmulator();
    try {
      emulator.inject({ fault: "rate-limit", endpoint: "instruments", times: 2 });
      const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1 });
      await expect(resolveMarket(exchange, "ETHUSDT.P", instantRetry())).resolves.toBe("ETH/USD:USD");
      expect(emulator.requestCount("instruments")).toBe(3);
    } finally {
      await emulator.stop();
    }
  });
});
