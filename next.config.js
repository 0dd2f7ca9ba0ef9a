/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native/wasm assets or large dynamic requires: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ccxt", "pg-boss", "technicalindicators"],
  typedRoutes: false,
  poweredByHeader: false,
  // Type errors are caught by `npm run typecheck` (part of `npm test`) over the whole project, CLIs included.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
