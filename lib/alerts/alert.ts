import { z } from "zod";

/** What a person must hear of at once, beyond the account's event log. */
export const alertKindSchema = z.enum(["halt", "reconciliation-mismatch", "missing-stop", "order-rejected", "feed-failure", "dead-mans-switch", "promotion", "demotion"]);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertSchema = z.object({
  /** The account alerted on; absent for a hypothesis's lifecycle move, which no single account owns. */
  accountId: z.string().min(1).optional(),
  kind: alertKindSchema,
  message: z.string(),
  /** Epoch milliseconds of the event alerted on. */
  time: z.number().int().nonnegative(),
});
export type Alert = z.infer<typeof alertSchema>;

/** The kinds as a line of a chat message reads them. */
const KIND_WORDS: Record<AlertKind, string> = {
  halt: "halt",
  "reconciliation-mismatch": "reconciliation mismatch",
  "missing-stop": "missing stop",
  "order-rejected": "order rejected",
  "feed-failure": "feed failure",
  "dead-mans-switch": "dead man's switch not refreshed",
  promotion: "lifecycle promotion",
  demotion: "lifecycle demotion",
};

/** The one line a Slack/Discord-style hook shows: "Perp Edge Lab · account X · missing stop: …" (no account part for a lifecycle move). */
export function alertText(alert: Alert): string {
  const account = alert.accountId === undefined ? "" : `account ${alert.accountId} · `;
  return `Perp Edge Lab · ${account}${KIND_WORDS[alert.kind]}: ${alert.message}`;
}
