import { cp, mkdtemp, readdir, rm, writeFile, appendFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { dropDatabase, ensureDatabase, MIGRATIONS_DIR, migrate } from "./migrate.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDatabase(): Promise<string> {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  base.pathname = `/frontline_migrate_${Math.random().toString(36).slice(2, 10)}`;
  const url = base.toString();
  await ensureDatabase(url);
  cleanups.push(() => dropDatabase(url));
  return url;
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "frontline-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("db:migrate runner", () => {
  it("applies every migration to an empty database once, recording checksums", async () => {
    const url = await emptyDatabase();
    const names = (await readdir(MIGRATIONS_DIR)).sort();
    const first = await migrate(url);
    expect(first.applied).toEqual(names);
    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    const ledger = await query<{ name: string; checksum: string }>(url, `SELECT name, checksum FROM "_frontline_migrations" ORDER BY name`);
    expect(ledger.map((r) => r.name)).toEqual(names);
    for (const row of ledger) expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, dir);
    const [firstName] = (await readdir(dir)).sort();
    await appendFile(join(dir, firstName!, "migration.sql"), "\n-- an innocent-looking edit\n");
    await expect(migrate(url, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it("rolls back a failing migration whole and does not record it", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await mkdir(join(dir, "99990101000000_broken"));
    await writeFile(
      join(dir, "99990101000000_broken", "migration.sql"),
      `CREATE TABLE "half_done" (id INT);\nSELECT * FROM "no_such_table";`,
    );
    await expect(migrate(url, dir)).rejects.toThrow(/99990101000000_broken failed and was rolled back/);
    const tables = await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM pg_tables WHERE tablename = 'half_done'`);
    expect(tables[0]!.n).toBe("0");
    const ledger = await query<{ name: string }>(url, `SELECT name FROM "_frontline_migrations"`);
    expect(ledger.map((r) => r.name)).not.toContain("99990101000000_broken");
  });

  it("is safe when several processes migrate the same database at once", async () => {
    const url = await emptyDatabase();
    const names = (await readdir(MIGRATIONS_DIR)).sort();
    // Each call holds its own connection, so Postgres sees separate sessions competing for the advisory lock.
    const results = await Promise.all([migrate(url), migrate(url), migrate(url), migrate(url)]);
    const appliedTotal = results.flatMap((r) => r.applied).sort();
    expect(appliedTotal).toEqual(names);
  });
});

describe("createTestDatabase", () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
  });
  it("gives a migrated database that drop() removes", async () => {
    db = await createTestDatabase("selftest");
    const tables = await query<{ tablename: string }>(db.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.tablename)).toContain("articles");
    await db.drop();
    await expect(query(db.url, "SELECT 1")).rejects.toThrow(/does not exist/);
    db = undefined;
  });
});
