import { MAX_REQUEST_BODY_BYTES } from "./lib/body-limits.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native/wasm assets or large dynamic requires: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ccxt", "pg-boss", "technicalindicators"],
  typedRoutes: false,
  poweredByHeader: false,
  // Type errors are caught by `npm run typecheck` (part of `npm test`) over the whole project, CLIs included.
  typescript: { ignoreBuildErrors: true },
  // proxy.ts makes Next buffer request bodies, cut at this size: below a route's own cap, an import would arrive truncated.
  // One byte more than the cap, so a body past it (even one sent without a length) still arrives too large: 413, not
  // a truncated body that reads as broken JSON.
  experimental: { proxyClientMaxBodySize: MAX_REQUEST_BODY_BYTES + 1 },
};

export default nextConfig;
