import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { migrationStatus } from "@/db/queries/health";

export const dynamic = "force-dynamic";

/** Liveness and store status: which driver is in use and whether every committed migration is applied. */
export async function GET() {
  try {
    const { db, driver, location } = await getDatabase();
    const migrations = await migrationStatus(db);
    return NextResponse.json({ ok: migrations.upToDate, driver, location, migrations }, { status: migrations.upToDate ? 200 : 503 });
  } catch (error) {
    return NextResponse.json({ ok: false, error: error instanceof Error ? error.message : String(error) }, { status: 503 });
  }
}
