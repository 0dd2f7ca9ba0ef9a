import type { ReactNode } from "react";

/**
 * The box a wide table scrolls sideways in, inside its panel, so the page never does. Focusable and named, so a
 * keyboard or screen-reader user can scroll it too. `tall` also caps its height, with the header kept in view.
 */
export function TableScroll({ label, tall = false, children }: { label: string; tall?: boolean; children: ReactNode }) {
  return (
    <div className={`table-scroll ${tall ? "tall" : ""}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
