import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default function PaperTradingPage() {
  return (
    <>
      <PageHeader title="Paper trading" subtitle="Survivors trading on paper, tracked against their backtest." />
      <EmptyState title="Nothing here yet">No paper-trading account yet. Paper trading starts once hypotheses have passed the edge analysis.</EmptyState>
    </>
  );
}
