import type { WalkForwardSettings } from "@/lib/analysis/walk-forward-stability";
import { formatPercent } from "@/lib/format";

/** Share of the period the test segments tile: k test segments of (1 − f)·W over W + (k − 1)(1 − f)·W. */
function testCoverage(s: WalkForwardSettings): number {
  const test = 1 - s.trainFraction;
  return (s.windows * test) / (1 + (s.windows - 1) * test);
}

/** How the walk-forward windows are laid out, what flags an edge as living in one window, and what the flag does. */
export function WalkForwardNote({ settings, flagged, trials }: { settings: WalkForwardSettings; flagged: number; trials: number }) {
  return (
    <p className="small" data-testid="walk-forward-note">
      <strong>Walk-forward:</strong> {settings.windows} rolling windows, each {formatPercent(settings.trainFraction, 0)} history then a test segment; the test segments tile the
      last {formatPercent(testCoverage(settings), 0)} of the period. An edge lives in one window when one window carries more than {formatPercent(settings.maxWindowProfitShare, 0)} of their
      net profit or fewer than {settings.minProfitableWindows} make money: {flagged} of {trials} trials.{" "}
      {settings.gate === "fail"
        ? "Such a pass fails, as does one whose windows made no net profit: one profitable episode is not a repeatable edge."
        : "Flagged only (gate: warn): such a pass still passes."}
    </p>
  );
}
