// Server-only: the database client factories. Nothing connects until you call one (and then only on first query).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";

export { Prisma } from "../generated/prisma/client.ts";
export { PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/**
 * A node-postgres pool, for hot paths whose few large set-based statements cost more in Prisma's per-query work
 * (its query engine, parameter and row conversion) than in Postgres. Close it with `end()`.
 * JIT compilation is off on its connections: it pays off for long analytical queries, and these statements run in
 * milliseconds. A cost estimate far off (a young table's statistics) had Postgres spend ~50 ms compiling a 6 ms lookup.
 */
export function createPgPool(databaseUrl: string, options: { max?: number } = {}): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 4, options: "-c jit=off", types: PRISMA_LIKE_TYPES });
}

/** A `date` read as UTC midnight, as Prisma reads it (node-postgres alone makes it local midnight). */
const PRISMA_LIKE_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.DATE && format !== "binary"
      ? (value: string) => new Date(`${value}T00:00:00Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
