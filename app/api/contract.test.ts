import { describe, expect, it } from "vitest";
import { createJob } from "@/db/queries/jobs";
import { jsonPost, useRouteDatabase } from "@/db/testing/route-database";
import { apiErrorBodySchema } from "@/lib/contract/errors";
import { hypothesisListSchema, ruleCheckSchema, savedHypothesisSchema } from "@/lib/contract/hypotheses";
import { jobAnswerSchema, jobDetailSchema, jobListSchema } from "@/lib/contract/jobs";
import { liveAccountsSchema } from "@/lib/contract/live";
import { paperAccountsSchema } from "@/lib/contract/paper";
import { GET as listHypotheses, POST as saveHypothesis } from "./hypotheses/route";
import { VALID_HYPOTHESIS } from "./hypotheses/testing/valid-hypothesis";
import { POST as checkRules } from "./hypotheses/validate/route";
import { POST as cancelJob } from "./jobs/[id]/cancel/route";
import { GET as getJob } from "./jobs/[id]/route";
import { GET as listJobs } from "./jobs/route";
import { GET as listLive } from "./live/route";
import { GET as listPaper } from "./paper/route";

const BASE = "http://127.0.0.1/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

/** A route's JSON body once its status is the expected one; each test then reads it through the route's schema. */
async function answered(response: Response, status: number) {
  expect(response.status, "the route's status").toBe(status);
  return (await response.json()) as unknown;
}

describe("the routes answer what lib/contract says they send", () => {
  const store = useRouteDatabase();

  it("hypotheses: save, list and the live rule check", async () => {
    const saved = savedHypothesisSchema.parse(await answered(await saveHypothesis(jsonPost(`${BASE}/hypotheses`, VALID_HYPOTHESIS)), 201));
    expect(saved.replaced).toBe(false);
    const list = hypothesisListSchema.parse(await answered(await listHypotheses(), 200));
    expect(list.hypotheses.map((h) => h.id)).toEqual([saved.hypothesis.id]);
    const check = ruleCheckSchema.parse(await answered(await checkRules(jsonPost(`${BASE}/hypotheses/validate`, { direction: "long", entryConditions: ["RSI(14) <"], stopLoss: "", target: "" })), 200));
    expect(check.issues.map((i) => i.field)).toEqual(["entryConditions[0]"]);
  });

  it("jobs: the list, one job with its logs, and a cancel", async () => {
    const job = await createJob(store().db, "generate", { seed: 1 });
    expect(jobListSchema.parse(await answered(await listJobs(new Request(`${BASE}/jobs`)), 200)).jobs.map((j) => j.id)).toContain(job.id);
    expect(jobDetailSchema.parse(await answered(await getJob(new Request(`${BASE}/jobs/${job.id}`), params({ id: job.id })), 200)).job.status).toBe("queued");
    expect(jobAnswerSchema.parse(await answered(await cancelJob(jsonPost(`${BASE}/jobs/${job.id}/cancel`, {}), params({ id: job.id })), 202)).job.status).toBe("cancelled");
  });

  it("paper: the account list before any account exists", async () => {
    expect(paperAccountsSchema.parse(await answered(await listPaper(), 200))).toEqual({ accounts: [], recommended: [] });
  });

  it("live: the account list before any account exists", async () => {
    expect(liveAccountsSchema.parse(await answered(await listLive(), 200))).toEqual({ accounts: [] });
  });

  it("a refusal: the error body forms read their field from", async () => {
    const refusal = apiErrorBodySchema.parse(await answered(await getJob(new Request(`${BASE}/jobs/x`), params({ id: "x" })), 400));
    expect(refusal.field).toBe("id");
  });
});
