import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default function FundingPage() {
  return (
    <>
      <PageHeader title="Funding" subtitle="Funding-rate history and the measured reversal after extremes." />
      <EmptyState title="Nothing here yet">No funding study yet. It will chart each instrument's funding history with neutral, moderate and extreme bands and the measured reversal probabilities.</EmptyState>
    </>
  );
}
