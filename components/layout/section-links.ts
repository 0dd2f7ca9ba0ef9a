/** The dashboard's sections, in navigation order. */
export const SECTIONS = [
  { href: "/", label: "Overview", testId: "nav-overview" },
  { href: "/data", label: "Data", testId: "nav-data" },
  { href: "/signals", label: "Signals", testId: "nav-signals" },
  { href: "/backtests", label: "Backtests", testId: "nav-backtests" },
  { href: "/edge", label: "Edge", testId: "nav-edge" },
  { href: "/funding", label: "Funding", testId: "nav-funding" },
  { href: "/paper", label: "Paper trading", testId: "nav-paper" },
  { href: "/lifecycle", label: "Lifecycle", testId: "nav-lifecycle" },
  { href: "/live", label: "Live", testId: "nav-live" },
] as const;
