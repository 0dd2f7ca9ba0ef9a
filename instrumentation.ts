/**
 * Runs once when the Next server starts, however it was started: from here on its output passes redactSecrets, and
 * a server listening beyond loopback without an access token, a bad configuration or an unreachable store stops it
 * with one line and a non-zero exit instead of serving. Jobs are worked by worker processes (`npm start` runs one),
 * never here: the dashboard only queues them, so it warms up its queue connection.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installOutputRedaction } = await import("@/lib/security/install-output-redaction");
  installOutputRedaction();
  const { getConfig, loadRuntimeEnv } = await import("@/lib/config");
  const { assertListeningAllowed } = await import("@/lib/access/bind-policy");
  const { listeningAddresses } = await import("@/lib/access/listening-addresses");
  const { getDatabase } = await import("@/db/connection");
  const { jobQueue } = await import("@/lib/jobs/job-queue");
  const { errorMessage } = await import("@/lib/error-message");
  try {
    const env = loadRuntimeEnv();
    assertListeningAllowed(listeningAddresses(), env.ACCESS_TOKEN);
    getConfig();
    const { url } = await getDatabase();
    await jobQueue(url, "sender");
  } catch (error) {
    process.stderr.write(`error: ${errorMessage(error)}\n`);
    process.exit(1);
  }
}
