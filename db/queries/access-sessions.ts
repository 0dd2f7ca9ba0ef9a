import { and, eq, gt, lt } from "drizzle-orm";
import type { Database } from "../client";
import { accessSessions } from "../schema";

/** Stores a new session (by its id's hash) and drops the expired ones, so the table never grows past the live set. */
export async function createAccessSession(db: Database, session: { idHash: string; tokenFingerprint: string; expiresAt: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(accessSessions).where(lt(accessSessions.expiresAt, new Date()));
    await tx.insert(accessSessions).values(session);
  });
}

/** Whether a session exists, has not expired, and was made with the token configured now. */
export async function accessSessionIsValid(db: Database, idHash: string, tokenFingerprint: string): Promise<boolean> {
  const [row] = await db
    .select({ idHash: accessSessions.idHash })
    .from(accessSessions)
    .where(and(eq(accessSessions.idHash, idHash), eq(accessSessions.tokenFingerprint, tokenFingerprint), gt(accessSessions.expiresAt, new Date())))
    .limit(1);
  return row !== undefined;
}
