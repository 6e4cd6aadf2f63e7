import { defineConfig } from "prisma/config";

// Only `prisma generate` runs here; migrations go through src/db/migrate.ts, so no URL is needed to generate.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/frontline" },
});
