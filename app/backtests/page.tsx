import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export default function BacktestsPage() {
  return (
    <>
      <PageHeader title="Backtests" subtitle="Runs, trades and equity curves." />
      <EmptyState title="Nothing here yet">No backtest runs yet. Once the backtest engine lands, each run appears here with its metrics, equity curve and every trade on a candlestick chart.</EmptyState>
    </>
  );
}
