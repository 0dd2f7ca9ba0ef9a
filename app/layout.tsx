import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
// The base and every area's stylesheet, in cascade order (app/globals.css imports them).
import "./globals.css";
import { NavBar } from "@/components/layout/nav-bar";
import { QueryProvider } from "@/components/layout/query-provider";
import { THEME_SCRIPT } from "@/components/layout/theme-script";

export const metadata: Metadata = {
  title: "Perp Edge Lab",
  description: "Test trading ideas on perpetual futures honestly; trade only what has a measured edge.",
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" }, apple: "/apple-touch-icon.png" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: dark)", color: "#161b22" },
    { media: "(prefers-color-scheme: light)", color: "#f6f8fa" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The head script sets data-theme before React hydrates, so the attribute legitimately differs from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <QueryProvider>
          <NavBar />
          <main className="main">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
