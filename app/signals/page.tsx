import { Suspense } from "react";
import { getDatabase } from "@/db/connection";
import { listHypotheses } from "@/db/queries/hypotheses";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { CustomHypothesisForm } from "@/components/signals/custom-hypothesis-form";
import { DiscoveryPanel } from "@/components/signals/discovery-panel";
import { HypothesesTable } from "@/components/signals/hypotheses-table";
import { getConfig } from "@/lib/config";
import type { HypothesisRow } from "@/lib/contract/hypotheses";
import { regimeSchema, signalTypeSchema } from "@/lib/signals/hypothesis";
import { compareTimeframes } from "@/lib/market/timeframe";
import { indicatorNames } from "@/lib/signals/indicator-registry";

export const dynamic = "force-dynamic";

export default async function SignalsPage() {
  const { db } = await getDatabase();
  const config = getConfig();
  // Stored order is by timeframe text ("15m" before "2m"); show them shortest timeframe first, in the table and the form.
  const timeframes = [...config.timeframes].sort(compareTimeframes);
  const stored = (await listHypotheses(db)).sort((a, b) => compareTimeframes(a.timeframe, b.timeframe) || a.name.localeCompare(b.name));
  const rows: HypothesisRow[] = stored.map((h) => ({
    id: h.id,
    name: h.name,
    timeframe: h.timeframe,
    direction: h.direction,
    signalType: h.signalType,
    entryConditions: h.entryConditions,
    stopLoss: h.stopLoss,
    target: h.target,
    expectedAccuracy: h.expectedAccuracy,
    typicalHoldMinutes: h.typicalHoldMinutes,
    regimeBest: h.regimeBest,
    description: h.description,
    source: h.source,
  }));
  const bySource = (s: HypothesisRow["source"]) => rows.filter((r) => r.source === s).length;
  return (
    <>
      <PageHeader title="Signals" subtitle="Hypotheses written as rules, generated from the catalog or your own." />
      <section className="panel">
        <h2>
          Hypotheses <span className="muted" data-testid="hypotheses-count">{rows.length}</span>
        </h2>
        {rows.length > 0 ? (
          <>
            <p className="muted small">
              {bySource("discovery")} from discovery · {bySource("custom")} custom · {bySource("file")} from files. Expected accuracy is the author&apos;s prior, not a
              measured result.
            </p>
            <HypothesesTable rows={rows} timeframes={timeframes} />
          </>
        ) : (
          <EmptyState title="No hypotheses yet">
            Run discovery below to generate them from the catalog, or write your own. Each becomes testable on {timeframes.join(", ")} candles.
          </EmptyState>
        )}
      </section>
      <div className="split">
        <div className="split-main">
          <CustomHypothesisForm
            options={{ timeframes, signalTypes: signalTypeSchema.options, regimes: regimeSchema.options, indicators: indicatorNames() }}
          />
        </div>
        <aside className="split-side">
          {/* useSearchParams (the followed ?job=) needs a Suspense boundary. */}
          <Suspense fallback={<section className="panel muted">Loading jobs…</section>}>
            <DiscoveryPanel />
          </Suspense>
        </aside>
      </div>
    </>
  );
}
