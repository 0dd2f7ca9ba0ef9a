import { PageHeader } from "@/components/layout/page-header";
import { PaperDashboard } from "@/components/paper/dashboard";

export const dynamic = "force-dynamic";

export default async function PaperTradingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { account } = await searchParams;
  return (
    <>
      <PageHeader title="Paper trading" subtitle="Survivors trading on paper, tracked against their backtest." />
      <PaperDashboard initialAccountId={typeof account === "string" ? account : null} />
    </>
  );
}
