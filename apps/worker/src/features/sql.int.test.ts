// The hot path's SQL through node-postgres: array parameters read back as the values they were built from (the
// batches pass every column as one array), and a transaction commits, rolls back and gives its connection back.
import { createPgPool, Prisma } from "@frontline/model/db";
import { createTestDatabase, type TestDatabase } from "@frontline/model/testing";
import type { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction, sqlOn } from "./sql.ts";

let database: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  database = await createTestDatabase("sql");
  pool = createPgPool(database.url, { max: 2 });
  await pool.query("CREATE TABLE notes (id int PRIMARY KEY, body text)");
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe("array parameters", () => {
  it("round-trip text (quotes, backslashes, braces, commas, NULL as a word, Unicode), numbers, nulls, uuids and JSON", async () => {
    const sql = sqlOn(pool);
    const texts = ['say "hi"', "back\\slash\\", "{a, b}", "  padded  ", "", "NULL", "Київ — Харків", "line\nbreak", null];
    const [t] = await sql.rows<{ v: (string | null)[] }>(Prisma.sql`SELECT ${texts}::text[] AS v`);
    expect(t!.v).toEqual(texts);
    const floats = [1.5, -0.25, 1e-7, 48.4647, null];
    const [f] = await sql.rows<{ v: (number | null)[] }>(Prisma.sql`SELECT ${floats}::float8[] AS v`);
    expect(f!.v).toEqual(floats);
    const [u] = await sql.rows<{ v: string[] }>(Prisma.sql`SELECT ${["00000000-0000-4000-8000-000000000001"]}::uuid[] AS v`);
    expect(u!.v).toEqual(["00000000-0000-4000-8000-000000000001"]);
    const doc = { 'a"b': [1, "x\\y", "{}"] };
    const [j] = await sql.rows<{ v: unknown }>(Prisma.sql`SELECT (${[JSON.stringify(doc)]}::jsonb[])[1] AS v`);
    expect(j!.v).toEqual(doc);
    const [e] = await sql.rows<{ n: number }>(Prisma.sql`SELECT cardinality(${[]}::int[])::int AS n`);
    expect(e!.n).toBe(0);
  });

  it("read a date column as UTC midnight, as Prisma does, whatever the process's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const [row] = await sqlOn(pool).rows<{ d: Date; none: Date | null }>(Prisma.sql`SELECT '2025-03-01'::date AS d, NULL::date AS none`);
      expect(row!.d.toISOString()).toBe("2025-03-01T00:00:00.000Z");
      expect(row!.none).toBeNull();
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe("inTransaction", () => {
  it("commits what its function wrote", async () => {
    const written = await inTransaction(pool, (tx) => tx.run(Prisma.sql`INSERT INTO notes VALUES (1, ${"kept"})`));
    expect(written).toBe(1);
    expect((await pool.query("SELECT body FROM notes WHERE id = 1")).rows).toEqual([{ body: "kept" }]);
  });

  it("rolls everything back when its function throws, and the connections stay usable", async () => {
    const failing = inTransaction(pool, async (tx) => {
      await tx.run(Prisma.sql`INSERT INTO notes VALUES (2, ${"lost"})`);
      await tx.run(Prisma.sql`INSERT INTO notes VALUES (1, ${"duplicate key"})`);
    });
    await expect(failing).rejects.toThrow(/duplicate key/);
    expect((await pool.query("SELECT count(*)::int AS n FROM notes WHERE id = 2")).rows[0].n).toBe(0);
    // More transactions than the pool has connections: each got its connection back, none is left mid-transaction.
    for (let i = 0; i < 4; i++) expect(await inTransaction(pool, (tx) => tx.rows(Prisma.sql`SELECT 1`))).toHaveLength(1);
    expect(pool.totalCount).toBeLessThanOrEqual(2);
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it("runs without JIT compilation, which cost the batches' short statements more than they took", async () => {
    expect(await inTransaction(pool, (tx) => tx.rows(Prisma.sql`SELECT current_setting('jit') AS jit`))).toEqual([{ jit: "off" }]);
  });

  it("commits without waiting for the WAL flush (what it stores can be computed again; see sql.ts)", async () => {
    expect(await inTransaction(pool, (tx) => tx.rows(Prisma.sql`SELECT current_setting('synchronous_commit') AS s`))).toEqual([{ s: "off" }]);
    expect((await pool.query("SELECT current_setting('synchronous_commit') AS s")).rows).toEqual([{ s: "on" }]);
  });

  it("runs its statements under a timeout, so a lock wait cannot hang a batch forever", async () => {
    const timeout = await inTransaction(pool, (tx) => tx.rows<{ t: string }>(Prisma.sql`SELECT current_setting('statement_timeout') AS t`));
    expect(timeout).toEqual([{ t: "1min" }]);
  });
});
