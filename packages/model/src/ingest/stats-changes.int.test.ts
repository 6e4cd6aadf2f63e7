// The stats change log: what its triggers record (the web's stats index follows it) and how the maintenance job
// prunes it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { pruneStatsChanges } from "./reconcile.ts";

let database: TestDatabase;
let db: PrismaClient;
beforeAll(async () => {
  database = await createTestDatabase("statschanges");
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const logged = async () =>
  (await db.statsChange.findMany({ orderBy: { seq: "asc" } })).map((c) => c.articleId ?? `incident ${c.incidentId}`);

describe("stats_changes", () => {
  it("records articles entering, changing in and leaving the counted set, and moved incident starts", async () => {
    const id = randomUUID();
    await db.article.create({ data: { id, text: "x", contentHash: id, status: "processing" } });
    await db.event.create({
      data: {
        articleId: id, ordinal: 0, type: "shelling", acledEventType: "Explosions/Remote violence",
        acledSubEventType: "Shelling/artillery/missile attack", evidenceText: "x", evidenceStart: 0, evidenceEnd: 1, confidence: 1,
      },
    });
    expect(await logged(), "nothing counted changes while the article is processing").toEqual([]);

    await db.article.update({ where: { id }, data: { status: "done" } });
    await db.article.update({ where: { id }, data: { title: "a title the stats do not count" } });
    await db.event.updateMany({ where: { articleId: id }, data: { regionCode: "UA-12" } });
    await db.article.update({ where: { id }, data: { status: "processing" } });
    expect(await logged()).toEqual([id, id, id]);

    const incident = await db.incident.create({ data: { family: "Battles", type: "armed-clash", dateStart: new Date("2025-01-01") } });
    await db.incident.update({ where: { id: incident.id }, data: { placeName: "Sumy" } });
    await db.incident.update({ where: { id: incident.id }, data: { dateStart: new Date("2024-12-30") } });
    expect((await logged()).at(-1)).toBe(`incident ${incident.id}`);
    expect(await logged()).toHaveLength(4);
  });

  it("is pruned of rows older than a day", async () => {
    await db.statsChange.deleteMany();
    const old = await db.statsChange.create({ data: { articleId: randomUUID(), changedAt: new Date(Date.now() - 2 * 86_400_000) } });
    const recent = await db.statsChange.create({ data: { articleId: randomUUID() } });
    expect(await pruneStatsChanges(db)).toBe(1);
    const left = await db.statsChange.findMany();
    expect(left.map((c) => c.seq)).toEqual([recent.seq]);
    expect(left.map((c) => c.seq)).not.toContain(old.seq);
  });
});
