import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import "./styles/run-chart.css";
import "./styles/run-results.css";
import "./styles/tables.css";
import "./styles/forms.css";
import "./styles/funding.css";
import "./styles/paper.css";
import { NavBar } from "@/components/layout/nav-bar";
import { QueryProvider } from "@/components/layout/query-provider";

export const metadata: Metadata = {
  title: "Perp Edge Lab",
  description: "Test trading ideas on perpetual futures honestly; trade only what has a measured edge.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <QueryProvider>
          <NavBar />
          <main className="main">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
