import { SESSION_TTL_MS } from "./session-cookie";

/**
 * What a browser without a session sees in token mode: plain HTML with no scripts and no data, so it tells a person
 * what to do and an attacker nothing.
 */
export function unauthorisedPage(): string {
  const days = SESSION_TTL_MS / 86_400_000;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Perp Edge Lab — access token required</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#0f1115;color:#e6e6e6;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:34rem;padding:1.5rem}h1{font-size:1.25rem}code{background:#1c2030;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><main><h1>Access token required</h1>
<p>This dashboard is protected by an access token. Open it once with the token in the address, as <code>/?token=…</code>, and this browser stays signed in for ${days} days.</p>
<p>Scripts send the token as <code>Authorization: Bearer …</code> instead.</p></main></body></html>`;
}
