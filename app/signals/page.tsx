import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default function SignalsPage() {
  return (
    <>
      <PageHeader title="Signals" subtitle="Hypotheses written as rules, generated from the catalog or your own." />
      <EmptyState title="Nothing here yet">No hypotheses yet. The rule language and the discovery of 30–50 hypotheses across 2m, 5m, 15m and 30m arrive with the signals phase; this page will list each hypothesis with its rules and let you write your own.</EmptyState>
    </>
  );
}
