import type { ReactNode } from "react";

/** An honest "nothing here yet": what the section will hold and how to fill it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>{title}</h2>
      <div>{children}</div>
    </div>
  );
}
