import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listJobs } from "@/db/queries/jobs";
import { readResearchLoopSettings } from "@/db/queries/research-loop-settings";
import { openTestDatabase } from "@/db/testing/test-databases";
import { RESEARCH_LOOP_DEFAULTS } from "@/lib/contract/lifecycle";
import { jobQueue, RESEARCH_LOOP_SCHEDULE_QUEUE, stopJobQueue } from "../job-queue";
import { saveLoopSettings, startScheduledLoop } from "./loop-schedule";

describe("the research loop's schedule", () => {
  let handle: DatabaseHandle;
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await stopJobQueue();
    await handle?.close();
  });

  it("a schedule firing while the loop is off starts nothing, and says so", async () => {
    expect(await startScheduledLoop(handle, { trigger: "schedule" }, log)).toBeNull();
    expect(lines.at(-1)).toBe("research loop: the schedule fired while the loop is off; nothing started");
    expect(await listJobs(handle.db, { kind: "research-loop" })).toEqual([]);
  });

  it("once on, a firing starts a loop job, and the next while it waits is skipped with a line naming it", async () => {
    await saveLoopSettings(handle, { ...RESEARCH_LOOP_DEFAULTS, enabled: true }, "test");
    const job = await startScheduledLoop(handle, { trigger: "schedule" }, log);
    expect(job).toMatchObject({ kind: "research-loop", status: "queued", params: { trigger: "schedule" } });
    expect(await startScheduledLoop(handle, { trigger: "schedule" }, log)).toBeNull();
    expect(lines.at(-1)).toBe(`research loop: skipped the scheduled run, as loop job ${job?.id} is still queued`);
    expect(await listJobs(handle.db, { kind: "research-loop" })).toHaveLength(1);
  });

  it("a schedule that cannot be saved leaves the old settings in place", async () => {
    const boss = await jobQueue(handle.url, "sender");
    await boss.deleteQueue(RESEARCH_LOOP_SCHEDULE_QUEUE);
    const refusal = await saveLoopSettings(handle, { ...RESEARCH_LOOP_DEFAULTS, enabled: true, cron: "5 4 * * *" }, "test").catch((e: unknown) => e);
    expect((refusal as Error).message).toContain(`Queue ${RESEARCH_LOOP_SCHEDULE_QUEUE} not found`);
    expect((await readResearchLoopSettings(handle.db)).cron, "the transaction was rolled back").toBe(RESEARCH_LOOP_DEFAULTS.cron);
    await boss.createQueue(RESEARCH_LOOP_SCHEDULE_QUEUE);
  });
});
