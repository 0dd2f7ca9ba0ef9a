import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { SECTIONS } from "@/components/layout/section-links";

/** Any unknown address (or a page calling notFound()): say so, and offer the way back. */
export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" subtitle="There is nothing at this address: it may have been a run or account that no longer exists." />
      <section className="panel" data-testid="not-found">
        <h2>Where to go instead</h2>
        <ul className="link-list">
          {SECTIONS.map((s) => (
            <li key={s.href}>
              <Link href={s.href}>{s.label}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
