import type { ReactNode } from "react";
import { BreakableName } from "./breakable-name";

export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>
          {/* A run's title is a hypothesis name: on a phone it wraps after its underscores. */}
          <BreakableName name={title} />
        </h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {children}
    </header>
  );
}
