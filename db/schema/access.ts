import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Dashboard sessions: opening `/?token=…` trades the access token for a random session id, so the cookie a browser
 * carries (and sends to every port on the host) never holds the token. Only a hash of the id is stored, and the
 * token's fingerprint, so changing ACCESS_TOKEN ends every session made with the old one.
 */
export const accessSessions = pgTable("access_sessions", {
  idHash: text("id_hash").primaryKey(),
  tokenFingerprint: text("token_fingerprint").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
