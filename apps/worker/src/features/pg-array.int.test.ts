// The literals pgArray builds read back in Postgres as the values they were built from.
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createTestDatabase, type TestDatabase } from "@frontline/model/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgArray } from "./pg-array.ts";

let database: TestDatabase;
let db: PrismaClient;
beforeAll(async () => {
  database = await createTestDatabase("pgarray");
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("pgArray in Postgres", () => {
  it("round-trips text (quotes, backslashes, braces, commas, spaces, NULL as a word, Unicode), numbers and nulls", async () => {
    const texts = ['say "hi"', "back\\slash\\", "{a, b}", "  padded  ", "", "NULL", "Київ — Харків", "line\nbreak", null];
    const [t] = await db.$queryRaw<{ v: (string | null)[] }[]>`SELECT ${pgArray(texts)}::text[] AS v`;
    expect(t!.v).toEqual(texts);
    const floats = [0.1, -33.875, 1e-7, 123456789.123, 48.4647, null];
    const [f] = await db.$queryRaw<{ v: (number | null)[] }[]>`SELECT ${pgArray(floats)}::float8[] AS v`;
    expect(f!.v).toEqual(floats);
    const [u] = await db.$queryRaw<{ v: string[] }[]>`SELECT ${pgArray(["00000000-0000-4000-8000-000000000001"])}::uuid[] AS v`;
    expect(u!.v).toEqual(["00000000-0000-4000-8000-000000000001"]);
    const [j] = await db.$queryRaw<{ v: string }[]>`SELECT (${pgArray([JSON.stringify({ "a\"b": [1, "x\\y"] })])}::jsonb[])[1]::text AS v`;
    expect(JSON.parse(j!.v)).toEqual({ "a\"b": [1, "x\\y"] });
    const [e] = await db.$queryRaw<{ n: number }[]>`SELECT cardinality(${pgArray([])}::int[])::int AS n`;
    expect(e!.n).toBe(0);
  });
});
