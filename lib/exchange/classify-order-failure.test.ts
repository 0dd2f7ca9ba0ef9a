import { AuthenticationError, BadRequest, BadResponse, DuplicateOrderId, ExchangeError, ExchangeNotAvailable, InsufficientFunds, InvalidOrder, NetworkError, RequestTimeout } from "ccxt";
import { describe, expect, it } from "vitest";
import { classifyOrderFailure } from "./classify-order-failure";

describe("classifyOrderFailure", () => {
  it("reads Kraken's sendStatus words as refusals, whichever ccxt class carries them", () => {
    expect(classifyOrderFailure(new ExchangeError("krakenfutures: createOrder failed due to wouldNotReducePosition"))).toEqual({ kind: "refused", reason: "Kraken did not place it: wouldNotReducePosition" });
    expect(classifyOrderFailure(new ExchangeNotAvailable("krakenfutures: createOrder failed due to marketSuspended")), "a suspended market answered: nothing was placed").toMatchObject({ kind: "refused" });
    for (const error of [new InvalidOrder("x"), new InsufficientFunds("x"), new BadRequest("x"), new AuthenticationError("x")]) {
      expect(classifyOrderFailure(error).kind, error.constructor.name).toBe("refused");
    }
  });

  it("a duplicate client id is looked up, never taken for a refusal", () => {
    expect(classifyOrderFailure(new DuplicateOrderId("krakenfutures: createOrder failed due to clientOrderIdAlreadyExist")).kind).toBe("duplicate-id");
  });

  it("anything that may have reached the exchange is no-answer", () => {
    const maybePlaced = [new NetworkError("x"), new RequestTimeout("x"), new ExchangeNotAvailable("x"), new BadResponse("x"), new ExchangeError("x"), new TypeError("terminated"), "a string"];
    for (const error of maybePlaced) expect(classifyOrderFailure(error).kind, String(error)).toBe("no-answer");
  });

  it("a status quoted inside a 5xx body does not pass for Kraken's answer", () => {
    const quoted = new ExchangeNotAvailable('krakenfutures POST /derivatives/api/v3/sendorder answered 502 (60 bytes): "krakenfutures: createOrder failed due to invalidPrice"');
    expect(classifyOrderFailure(quoted).kind).toBe("no-answer");
  });
});
