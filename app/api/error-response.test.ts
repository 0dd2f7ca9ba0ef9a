import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ImportFormatError } from "@/lib/market/import-format-error";
import { RuleSyntaxError } from "@/lib/signals/errors";
import { errorResponse, formatIssuePath, HttpError, readJsonBody } from "./error-response";

const bodyOf = async (r: Response) => (await r.json()) as { error: string; field?: string };

describe("errorResponse", () => {
  it("maps a ZodError to 400 naming the field path", async () => {
    const result = z.object({ symbols: z.array(z.string().min(3)) }).safeParse({ symbols: ["ok!", "x"] });
    expect(result.success).toBe(false);
    const response = errorResponse(result.error);
    expect(response.status).toBe(400);
    expect(await bodyOf(response)).toMatchObject({ field: "symbols[1]" });
  });

  it("names an unknown key of a strict schema as the field", async () => {
    const result = z.strictObject({ params: z.strictObject({ months: z.number() }) }).safeParse({ params: { months: 1, baseUrl: "http://x" } });
    expect(result.success).toBe(false);
    expect(await bodyOf(errorResponse(result.error))).toMatchObject({ field: "params.baseUrl" });
  });

  it("maps typed domain errors to 422 with their human message", async () => {
    const response = errorResponse(new ImportFormatError('"abc" is not a number', { line: 3, column: "open" }));
    expect(response.status).toBe(422);
    expect(await bodyOf(response)).toEqual({ error: 'Line 3, column open: "abc" is not a number' });
    expect(errorResponse(new RuleSyntaxError("bad", "x", 1)).status).toBe(422);
  });

  it("keeps internals out of unknown failures", async () => {
    const dbError = Object.assign(new Error('relation "jobs" does not exist at /srv/db'), { code: "42P01" });
    const nodeError = Object.assign(new Error("ENOENT: /etc/secret"), { code: "ENOENT" });
    for (const error of [dbError, nodeError, new Error("boom at /srv/app")]) {
      const original = console.error;
      console.error = () => {};
      const response = errorResponse(error);
      console.error = original;
      expect(response.status, "unknown errors are 500s").toBe(500);
      expect((await bodyOf(response)).error, "no internal message leaks").not.toMatch(/srv|secret|relation/);
    }
  });

  it("uses an HttpError's own status and field", async () => {
    const response = errorResponse(new HttpError(404, "no job x", "id"));
    expect(response.status).toBe(404);
    expect(await bodyOf(response)).toEqual({ error: "no job x", field: "id" });
  });
});

describe("readJsonBody", () => {
  it("refuses bodies over the cap and text that is not JSON", async () => {
    const big = new Request("http://x/", { method: "POST", body: JSON.stringify({ text: "a".repeat(200) }) });
    await expect(readJsonBody(big, 100, { field: "text" })).rejects.toMatchObject({ status: 413, field: "text" });
    await expect(readJsonBody(new Request("http://x/", { method: "POST", body: "{nope" }), 100)).rejects.toMatchObject({ status: 400 });
    expect(await readJsonBody(new Request("http://x/", { method: "POST", body: '{"a":1}' }), 100)).toEqual({ a: 1 });
  });
});

describe("formatIssuePath", () => {
  it("spells paths as hypothesisRuleIssues does", () => {
    expect(formatIssuePath(["entryConditions", 0])).toBe("entryConditions[0]");
    expect(formatIssuePath(["typicalHoldMinutes", 1])).toBe("typicalHoldMinutes[1]");
    expect(formatIssuePath(["a", "b"])).toBe("a.b");
  });
});
