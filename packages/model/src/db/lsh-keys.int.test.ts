// Migration 20261205030000_lsh_keys on a database that holds bands in the old layout: every (band, hash) row becomes
// the key (band << 32) | hash, the hash read as unsigned 32 bits, as the worker computes it.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { dropDatabase, ensureDatabase, MIGRATIONS_DIR, migrate, readMigrations } from "./migrate.ts";

const LSH_KEYS = "20261205030000_lsh_keys";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

it("turns each stored band into its key and drops the old table", async () => {
  const base = new URL(
    process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  base.pathname = `/frontline_lsh_${Math.random().toString(36).slice(2, 10)}`;
  const url = base.toString();
  await ensureDatabase(url);
  cleanups.push(() => dropDatabase(url));
  // The migrations before this one, applied first.
  const before = await mkdtemp(join(tmpdir(), "frontline-migrations-"));
  cleanups.push(() => rm(before, { recursive: true, force: true }));
  for (const m of await readMigrations()) {
    if (m.name >= LSH_KEYS) continue;
    await cp(join(MIGRATIONS_DIR, m.name), join(before, m.name), { recursive: true });
  }
  await migrate(url, before);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  const id = "00000000-0000-4000-8000-000000000001";
  await client.query(`INSERT INTO articles (id, text, content_hash) VALUES ($1, 'a report', 'h')`, [id]);
  await client.query(
    `INSERT INTO article_bands (article_id, band, hash) VALUES ($1, 0, 17), ($1, 1, -1), ($1, 31, -2147483648)`,
    [id],
  );

  // This migration first, then any that came after it.
  const later = (await readMigrations()).filter((m) => m.name >= LSH_KEYS).map((m) => m.name);
  expect((await migrate(url)).applied).toEqual(later);
  expect(later[0]).toBe(LSH_KEYS);
  const { rows } = await client.query(`SELECT key::text, article_id FROM article_lsh_keys k ORDER BY k.key`);
  const key = (band: number, hash: number) => String(band * 2 ** 32 + (hash >>> 0));
  expect(rows).toEqual([
    { key: key(0, 17), article_id: id },
    { key: key(1, -1), article_id: id },
    { key: key(31, -2147483648), article_id: id },
  ]);
  expect((await client.query(`SELECT to_regclass('article_bands') AS t`)).rows).toEqual([{ t: null }]);
});
