import cliProgress from "cli-progress";
import type { ProgressReporter } from "@/lib/jobs/progress-reporter";

/**
 * A progress bar on stderr for long CLI work: a live bar in a terminal, a line per 10% when piped (logs stay
 * readable), nothing with --json so stdout stays machine-readable.
 */
export function terminalProgress(options: { quiet: boolean }): { update: ProgressReporter; stop: () => void } {
  if (options.quiet) return { update: async () => {}, stop: () => {} };
  if (!process.stderr.isTTY) {
    let lastDecile = -1;
    let lastStep: string | undefined;
    return {
      update: async (done, total, step) => {
        const decile = total > 0 ? Math.floor((done / total) * 10) : 0;
        if (decile !== lastDecile || step !== lastStep) {
          lastDecile = decile;
          lastStep = step;
          process.stderr.write(`  ${Math.round((done / Math.max(total, 1)) * 100)}% ${step ?? ""}\n`);
        }
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: "  {bar} {percentage}% | {value}/{total} | {step}", hideCursor: true, stream: process.stderr, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: async (done, total, step) => {
      if (!started) {
        bar.start(total, done, { step: step ?? "" });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { step: step ?? "" });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
