// The ingest hot path's SQL, sent straight through node-postgres. Each batch runs a dozen large set-based statements;
// through Prisma, its per-query work (the query engine, converting every parameter and row) cost the worker more
// CPU than Postgres spent on them. Queries are still composed with Prisma.sql, whose `text` has $n placeholders.
import type { Prisma } from "@frontline/model/db";
import type { Pool, PoolClient } from "pg";

export interface Sql {
  /** The rows a query answers. */
  rows<T>(query: Prisma.Sql): Promise<T[]>;
  /** Runs a statement, answering how many rows it wrote. */
  run(query: Prisma.Sql): Promise<number>;
}

export function sqlOn(client: Pool | PoolClient): Sql {
  return {
    async rows<T>(query: Prisma.Sql) {
      return (await client.query(query.text, query.values)).rows as T[];
    },
    async run(query: Prisma.Sql) {
      return (await client.query(query.text, query.values)).rowCount ?? 0;
    },
  };
}

/** Guards a transaction (lock waits included) against hanging forever, as Prisma's transaction timeout did. */
const TRANSACTION_STATEMENT_TIMEOUT = "60s";

/**
 * Runs `fn` in one transaction on one pooled connection: committed when it resolves, rolled back when it throws.
 * The commit does not wait for the WAL to reach disk (synchronous_commit off, for this transaction only): a batch holds
 * its region locks until then, and the other workers wait for them. What these transactions store is computed from
 * articles accepted earlier with a synchronous commit, so a crash can only lose the last moments' results: those
 * articles are left as their claim made them (processing), and the reconciler runs them again (their jobs completed).
 */
export async function inTransaction<T>(pool: Pool, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = '${TRANSACTION_STATEMENT_TIMEOUT}'; SET LOCAL synchronous_commit = off`);
    const result = await fn(sqlOn(client));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query("ROLLBACK").catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}
