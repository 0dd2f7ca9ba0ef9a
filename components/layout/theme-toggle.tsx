"use client";

import { currentTheme, THEME_CHANGE_EVENT, THEME_STORAGE_KEY } from "./theme-script";

/**
 * Switches between the light and dark theme and remembers the choice. The label comes from CSS on <html
 * data-theme>, which the head script sets before paint, so the server's HTML never disagrees with the client's.
 */
export function ThemeToggle() {
  const toggle = () => {
    const next = currentTheme() === "light" ? "dark" : "light";
    document.documentElement.dataset.theme = next;
    localStorage.setItem(THEME_STORAGE_KEY, next);
    window.dispatchEvent(new CustomEvent(THEME_CHANGE_EVENT, { detail: next }));
  };
  return (
    <button type="button" className="theme-toggle" onClick={toggle} data-testid="theme-toggle" aria-label="Switch between light and dark theme" title="Switch between light and dark theme">
      <span className="when-dark" aria-hidden="true">
        ☀ Light
      </span>
      <span className="when-light" aria-hidden="true">
        ☾ Dark
      </span>
    </button>
  );
}
