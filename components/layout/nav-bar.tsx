"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SECTIONS } from "./section-links";

export function NavBar() {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <nav className="nav" aria-label="Sections">
      <Link href="/" className="brand">
        Perp Edge Lab
      </Link>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} data-testid={s.testId} aria-current={isActive(s.href) ? "page" : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
