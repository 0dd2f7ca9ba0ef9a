import { requestJobCancel } from "@/db/queries/jobs";
import { getAccount, setAccountStatus, type PaperAccountRow } from "@/db/queries/paper";
import type { JobStore } from "../run-job";
import { isAccountDriven } from "./account-driver";
import { PaperAccountError } from "./errors";
import { launchPaperJob, requirePaperAccount } from "./launch-paper-job";

/**
 * Pause, resume or stop, from any process. Pause is a status write the running loop notices between ticks; resuming
 * a paused account flips it back, resuming one that nothing drives launches a new job from its saved state. Stop
 * writes the status and also cancels the job, so a worker waiting on the live feed stops at once, not at its next poll.
 */
export async function changePaperStatus(store: JobStore, accountId: string, status: "paused" | "running" | "stopped"): Promise<PaperAccountRow> {
  const { db } = store;
  const account = await requirePaperAccount(db, accountId);
  const driven = await isAccountDriven(db, account);
  if (status === "running") {
    // A stopped account still driven is one whose job has not ended yet: the launch refuses it as still stopping.
    if (!driven || account.status === "stopped" || account.status === "halted") return (await launchPaperJob(store, accountId)).account;
    await setAccountStatus(db, accountId, "running", { from: ["paused", "running"] });
  } else if (status === "paused") {
    if (!driven || (account.status !== "running" && account.status !== "paused")) {
      throw new PaperAccountError("PAPER_INVALID_STATUS", `paper account ${account.name} is not running, so it cannot be paused`, { field: "status" });
    }
    await setAccountStatus(db, accountId, "paused", { from: ["running", "paused"] });
  } else {
    await setAccountStatus(db, accountId, "stopped", {});
    if (account.jobId) await requestJobCancel(db, account.jobId);
  }
  return (await getAccount(db, accountId)) ?? account;
}
