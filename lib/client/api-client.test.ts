import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, apiJson, ContractMismatchError, fieldMessages, generalMessage } from "./api-client";

const schema = z.object({ id: z.string(), step: z.string().nullable() });

function answer(status: number, body: unknown) {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })));
}

afterEach(() => vi.unstubAllGlobals());

describe("apiJson", () => {
  it("returns the body the schema reads", async () => {
    answer(200, { id: "a", step: null, extra: 1 });
    expect(await apiJson("/api/x", schema)).toEqual({ id: "a", step: null });
  });

  it("fails loudly, naming the route and the field, when a success body drifts from the contract", async () => {
    answer(200, { id: 7, step: null });
    const error = await apiJson("/api/x", schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractMismatchError);
    expect(String((error as Error).message)).toMatch(/^\/api\/x answered in an unexpected shape \(id: /);
  });

  it("turns a refusal into an ApiError whose field the form shows its message beside", async () => {
    answer(422, { error: "stopLoss: not a stop", field: "stopLoss" });
    const error = await apiJson("/api/x", schema, { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(fieldMessages(error), "a refusal with a field but no issues list still claims that field").toEqual({ stopLoss: "stopLoss: not a stop" });
    expect(generalMessage(error, ["stopLoss"])).toBeNull();
    expect(generalMessage(error, [])).toBe("stopLoss: not a stop");
  });

  it("says only the status when a refusal has no error body", async () => {
    answer(502, "gateway");
    const error = await apiJson("/api/x", schema).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, issues: [] });
    expect(String((error as Error).message)).toMatch(/^the server answered 502/);
  });
});
