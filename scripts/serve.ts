import { spawn } from "node:child_process";
import { assertBindAllowed } from "@/lib/access-policy";
import { getConfig, loadRuntimeEnv } from "@/lib/config";

/** `npm start` / `npm run dev`: checks the configuration and the bind policy, then runs Next on HOST:PORT. */
const mode = process.argv[2] === "dev" ? "dev" : "start";
try {
  const env = loadRuntimeEnv();
  getConfig();
  assertBindAllowed(env.HOST, env.ACCESS_TOKEN);
  const child = spawn("npx", ["next", mode, "-H", env.HOST, "-p", String(env.PORT)], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
