/**
 * What a browser without a session sees in token mode: plain HTML with no scripts and no data, so it tells a person
 * what to do and an attacker nothing.
 */
export function unauthorisedPage(message: string): string {
  const escaped = message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Perp Edge Lab — access token required</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#0f1115;color:#e6e6e6;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:34rem;padding:1.5rem}h1{font-size:1.25rem}code{background:#1c2030;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><main><h1>Access token required</h1><p>${escaped}.</p>
<p>Ask whoever runs this dashboard for the link with its token (<code>/?token=…</code>); it signs this browser in for 7 days.</p></main></body></html>`;
}
