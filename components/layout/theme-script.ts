/** Where the chosen theme is kept; absent means "follow the system". */
export const THEME_STORAGE_KEY = "perp-edge-lab.theme";
/** Fired on window when the theme changes, for views that paint with colours read once (charts). */
export const THEME_CHANGE_EVENT = "perp-edge-lab:themechange";

export type Theme = "light" | "dark";

/**
 * Runs in <head> before the body is parsed, so the first paint already has the right theme (no dark flash on a
 * light system): the stored choice, else the system's preference.
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: light)").matches?"light":"dark";document.documentElement.dataset.theme=t}catch(e){document.documentElement.dataset.theme="dark"}})();`;

/** The theme the page shows now (dark when nothing set one, as on the server). */
export function currentTheme(): Theme {
  return typeof document !== "undefined" && document.documentElement.dataset.theme === "light" ? "light" : "dark";
}
