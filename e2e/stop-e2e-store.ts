import path from "node:path";
import { stopEmbeddedServer } from "../db/embedded/embedded-server";

/** The dashboard under test ran on its own embedded PostgreSQL, which outlives the server process: stop it too. */
export default async function stopE2eStore(): Promise<void> {
  await stopEmbeddedServer(path.resolve(import.meta.dirname, "..", ".data-e2e"));
}
