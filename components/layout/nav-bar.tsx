"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { SECTIONS } from "./section-links";
import { ThemeToggle } from "./theme-toggle";

/**
 * The sections, in a row on a wide screen and behind a Menu button on a phone. The menu is open only on the page it
 * was opened on, so any navigation (a link, back/forward) folds it away.
 */
export function NavBar() {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpenOn(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  const current = SECTIONS.find((s) => isActive(s.href));
  return (
    <nav className={`nav ${open ? "open" : ""}`} aria-label="Sections">
      <Link href="/" className="brand">
        Perp Edge Lab
      </Link>
      <button type="button" className="nav-menu-button" aria-expanded={open} aria-controls="nav-sections" onClick={() => setOpenOn(open ? null : pathname)} data-testid="nav-menu-button">
        <span aria-hidden="true">{open ? "✕" : "☰"}</span> Menu
        {current ? <span className="nav-current"> · {current.label}</span> : null}
      </button>
      <ul id="nav-sections">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} data-testid={s.testId} aria-current={isActive(s.href) ? "page" : undefined} onClick={() => setOpenOn(null)}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
      <ThemeToggle />
    </nav>
  );
}
