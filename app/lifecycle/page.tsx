import { LifecycleDashboard } from "@/components/lifecycle/lifecycle-dashboard";
import { PageHeader } from "@/components/layout/page-header";

export const dynamic = "force-dynamic";

export default function LifecyclePage() {
  return (
    <>
      <PageHeader title="Lifecycle" subtitle="Every hypothesis from candidate to paper and out again, with the reason and the numbers behind each move." />
      <LifecycleDashboard />
    </>
  );
}
