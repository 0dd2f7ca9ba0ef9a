import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { migrationStatus } from "@/db/queries/health";
import { AUTHORISED_HEADER } from "@/lib/access/session-cookie";
import { errorMessage } from "@/lib/error-message";
import { redactSecrets } from "@/lib/security/redact-secrets";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

/**
 * Liveness and store status for everyone: the driver, whether every committed migration is applied, the version.
 * Where the store lives (a path, a host) is shown only to an authorised caller (see proxy.ts), with credentials
 * already removed (db/client.ts redactUrl), and so is a failure's reason.
 */
export async function GET(request: Request) {
  const authorised = request.headers.get(AUTHORISED_HEADER) === "1";
  const version = packageJson.version;
  try {
    const { db, driver, location } = await getDatabase();
    const migrations = await migrationStatus(db);
    return NextResponse.json({ ok: migrations.upToDate, version, driver, migrations, ...(authorised ? { location } : {}) }, { status: migrations.upToDate ? 200 : 503 });
  } catch (error) {
    return NextResponse.json({ ok: false, version, error: authorised ? redactSecrets(errorMessage(error)) : "the store is unreachable" }, { status: 503 });
  }
}
