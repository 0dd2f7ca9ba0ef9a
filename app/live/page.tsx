import { PageHeader } from "@/components/layout/page-header";
import { LiveDashboard } from "@/components/live/live-dashboard";

export const dynamic = "force-dynamic";

export default async function LiveTradingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { account } = await searchParams;
  return (
    <>
      <PageHeader title="Live trading" subtitle="Paper accounts' decisions on Kraken Futures: the exchange beside the ledger, and the kill switch." />
      <LiveDashboard initialAccountId={typeof account === "string" ? account : null} />
    </>
  );
}
