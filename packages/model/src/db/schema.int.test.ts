// The SQL migrations are hand-written, so this test holds them to the Prisma schema: every model, column,
// nullability, type, enum and index Prisma expects must exist after migrating an empty database.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import wasm from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { createPrismaClient, type PrismaClient } from "./client.ts";

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
}
interface Dmmf {
  datamodel: {
    models: { name: string; dbName: string | null; fields: DmmfField[] }[];
    enums: { name: string; values: { name: string }[] }[];
    indexes: { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] }[];
  };
}

const SCHEMA = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));
const PG_TYPES: Record<string, string[]> = {
  String: ["text", "uuid"],
  Int: ["int4"],
  BigInt: ["int8"],
  Float: ["float8"],
  DateTime: ["date", "timestamptz", "timestamp"],
  Json: ["jsonb"],
  Boolean: ["bool"],
};

let db: TestDatabase;
let sql: pg.Client;
let dmmf: Dmmf;

beforeAll(async () => {
  db = await createTestDatabase("schema");
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: await readFile(SCHEMA, "utf8") })));
});
afterAll(async () => {
  await sql?.end();
  await db?.drop();
});

const tableOf = (model: string) => {
  const m = dmmf.datamodel.models.find((x) => x.name === model)!;
  return { model: m, table: m.dbName ?? m.name };
};
const columnOf = (f: DmmfField) => f.dbName ?? f.name;

describe("migrations match the Prisma schema", () => {
  it("has every table and column, with Prisma's types and nullability, and nothing extra", async () => {
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const { rows } = await sql.query<{ column_name: string; is_nullable: string; udt_name: string }>(
        `SELECT column_name, is_nullable, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      expect(rows.length, `table ${table}`).toBeGreaterThan(0);
      const columns = new Map(rows.map((r) => [r.column_name, r]));
      const scalars = model.fields.filter((f) => f.kind !== "object");
      expect([...columns.keys()].sort(), `columns of ${table}`).toEqual(scalars.map(columnOf).sort());
      for (const f of scalars) {
        const col = columns.get(columnOf(f))!;
        const expectedUdt = f.kind === "enum" ? [f.type] : PG_TYPES[f.type]!;
        const udt = f.isList ? col.udt_name.replace(/^_/, "") : col.udt_name;
        expect(expectedUdt, `${table}.${columnOf(f)} type`).toContain(udt);
        if (!f.isList) expect(col.is_nullable, `${table}.${columnOf(f)} nullability`).toBe(f.isRequired ? "NO" : "YES");
      }
    }
  });

  it("has every enum with Prisma's values", async () => {
    for (const e of dmmf.datamodel.enums) {
      const { rows } = await sql.query<{ v: string }>(
        `SELECT enumlabel AS v FROM pg_enum JOIN pg_type t ON t.oid = enumtypid WHERE t.typname = $1 ORDER BY enumsortorder`,
        [e.name],
      );
      expect(
        rows.map((r) => r.v),
        `enum ${e.name}`,
      ).toEqual(e.values.map((v) => v.name));
    }
  });

  it("has every index, primary key and unique constraint the schema declares", async () => {
    const { rows } = await sql.query<{ table: string; unique: boolean; primary: boolean; columns: string[] }>(`
      SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
             array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      -- Key columns only: Prisma cannot declare INCLUDE columns (the rollup's read index has one).
      JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON k.ord <= i.indnkeyatts
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`);
    const present = rows.map(
      (r) => `${r.table}(${r.columns.join(",")})${r.primary ? " pk" : r.unique ? " unique" : ""}`,
    );
    for (const index of dmmf.datamodel.indexes) {
      const { model, table } = tableOf(index.model);
      const cols = index.fields.map((f) => columnOf(model.fields.find((x) => x.name === f.name)!));
      const suffix = index.type === "id" ? " pk" : index.type === "unique" ? " unique" : "";
      expect(present, `${index.type} index on ${table}(${cols.join(",")})`).toContain(
        `${table}(${cols.join(",")})${suffix}`,
      );
    }
  });
});

describe("every model through the generated client", () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it("creates, reads, updates and cascades articles, events, regions and actors", async () => {
    const article = await prisma.article.create({
      data: {
        text: "Drones struck a depot near Kharkiv overnight.",
        contentHash: "h1",
        publishedAt: new Date("2025-03-01T00:00:00Z"),
        sources: ["Example Wire"],
        events: {
          create: {
            ordinal: 0,
            type: "air-drone-strike",
            acledEventType: "Explosions/Remote violence",
            acledSubEventType: "Air/drone strike",
            actor1Id: "ru-military",
            regionCode: "UA-63",
            placeName: "Kharkiv",
            lat: 49.99,
            lon: 36.23,
            date: new Date("2025-02-28T00:00:00Z"),
            datePrecision: "day",
            claimStatus: "reported",
            quantities: [{ value: 3, unit: "drones", text: "3 drones" }],
            evidenceText: "Drones struck a depot near Kharkiv overnight.",
            evidenceStart: 0,
            evidenceEnd: 46,
            confidence: 0.9,
          },
        },
        regions: { create: { regionCode: "UA-63", mentions: 2 } },
        actors: { create: { actorId: "ru-military", mentions: 1 } },
      },
    });
    expect(article.status).toBe("queued");
    const loaded = await prisma.article.findUniqueOrThrow({
      where: { id: article.id },
      include: { events: true, regions: true, actors: true },
    });
    expect(loaded.events[0]).toMatchObject({ regionCode: "UA-63", datePrecision: "day", claimStatus: "reported" });
    expect(loaded.events[0]!.quantities).toEqual([{ value: 3, unit: "drones", text: "3 drones" }]);
    expect(loaded.regions).toEqual([{ articleId: article.id, regionCode: "UA-63", mentions: 2, role: "event" }]);
    expect(loaded.actors).toEqual([{ articleId: article.id, actorId: "ru-military", mentions: 1 }]);
    expect(loaded.publishedAt?.toISOString().slice(0, 10)).toBe("2025-03-01");

    await prisma.article.update({ where: { id: article.id }, data: { status: "done", processedAt: new Date() } });
    await expect(prisma.article.create({ data: { text: "another copy", contentHash: "h1" } })).rejects.toMatchObject({
      code: "P2002",
    });

    // LSH keys have no foreign key: a trigger deletes a deleted article's keys, and only its.
    const other = await prisma.article.create({ data: { text: "an unrelated report", contentHash: "h2" } });
    await prisma.articleLshKey.createMany({
      data: [
        { key: 5n * 2n ** 32n + 7n, articleId: article.id },
        { key: 5n * 2n ** 32n + 7n, articleId: other.id },
        { key: 9n, articleId: article.id },
      ],
    });

    await prisma.article.delete({ where: { id: article.id } });
    expect(await prisma.event.count()).toBe(0);
    expect(await prisma.articleRegion.count()).toBe(0);
    expect(await prisma.articleActor.count()).toBe(0);
    expect(await prisma.articleLshKey.findMany()).toEqual([{ key: 5n * 2n ** 32n + 7n, articleId: other.id }]);
  });
});
