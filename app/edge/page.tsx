import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default function EdgePage() {
  return (
    <>
      <PageHeader title="Edge" subtitle="Which hypotheses pass the thresholds in and out of sample." />
      <EmptyState title="Nothing here yet">No edge analysis yet. It needs backtest results first; this page will show the per-timeframe threshold table, out-of-sample results and the deflated Sharpe ratio.</EmptyState>
    </>
  );
}
