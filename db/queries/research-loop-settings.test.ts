import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { RESEARCH_LOOP_DEFAULTS } from "@/lib/contract/lifecycle";
import type { DatabaseHandle } from "../client";
import { openTestDatabase } from "../testing/test-databases";
import { cronRefusal, nextCronRun, readResearchLoopSettings, researchLoopSettingsJson, saveResearchLoopSettings } from "./research-loop-settings";

describe("the research loop's settings on PostgreSQL", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("reads the defaults, off, before anyone saved any", async () => {
    const settings = await readResearchLoopSettings(handle.db);
    expect(settings).toEqual({ ...RESEARCH_LOOP_DEFAULTS, updatedAt: null, updatedBy: null });
    expect(settings.enabled).toBe(false);
    expect(researchLoopSettingsJson(settings).nextRunAt, "no next run while off").toBeNull();
  });

  it("saves the settings, says which fields changed and who saved them", async () => {
    const saved = await saveResearchLoopSettings(handle.db, { ...RESEARCH_LOOP_DEFAULTS, enabled: true, cron: "15  3 * * 1", windowDays: 60 }, "Ada");
    expect(saved.changed).toEqual(["enabled", "cron", "windowDays"]);
    expect(saved.settings).toMatchObject({ enabled: true, cron: "15 3 * * 1", windowDays: 60, updatedBy: "Ada" });
    const json = researchLoopSettingsJson(saved.settings, new Date(Date.UTC(2026, 0, 1)));
    expect(json.nextRunAt, "Mondays at 03:15 UTC: the first after Thursday 1 January 2026").toBe("2026-01-05T03:15:00.000Z");
    expect((await saveResearchLoopSettings(handle.db, { ...RESEARCH_LOOP_DEFAULTS, enabled: true, cron: "15 3 * * 1", windowDays: 60 }, "Ada")).changed).toEqual([]);
  });

  it("refuses a cron expression it cannot read with an error on the cron field, and saves nothing", async () => {
    const before = await readResearchLoopSettings(handle.db);
    for (const cron of ["every six hours", "61 * * * *", "0 0 */6 * * *"]) {
      const refusal = await saveResearchLoopSettings(handle.db, { ...RESEARCH_LOOP_DEFAULTS, cron }, "Eve").catch((e: unknown) => e);
      expect(refusal, cron).toBeInstanceOf(ZodError);
      expect((refusal as ZodError).issues.map((i) => i.path.join("."))).toEqual(["cron"]);
    }
    expect(cronRefusal("0 0 */6 * * *")).toMatch(/^a cron expression has five fields .* not 6/);
    expect(cronRefusal("61 * * * *")).toMatch(/^not a cron expression pg-boss can read: .*61/);
    expect(await readResearchLoopSettings(handle.db)).toEqual(before);
  });

  it("reads the next run in UTC whatever the server's zone", () => {
    expect(nextCronRun("0 */6 * * *", new Date(Date.UTC(2026, 5, 1, 7, 30))).toISOString()).toBe("2026-06-01T12:00:00.000Z");
  });
});
