import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and committed; the embedded server and a server of your own apply the same files.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
