import { stopEmbeddedServer } from "../embedded/embedded-server";
import { TEST_DATA_DIR } from "./test-databases";

/**
 * Without TEST_DATABASE_URL the test files share one embedded PostgreSQL in `.data-test/` (the first to need it
 * starts it); it outlives the processes that started it, so it is stopped once every file has run.
 */
export default function setup(): () => Promise<void> {
  return async () => {
    await stopEmbeddedServer(TEST_DATA_DIR);
  };
}
