// Tests only: a set of articles that share stories and incidents in several ways, and a snapshot of everything
// processing stores, keyed by content rather than by generated ids, so two databases can be compared.
import { readFileSync } from "node:fs";
import type { IngestRequest } from "@frontline/model";
import type { PrismaClient } from "@frontline/model/db";
import { SEED_FILES, seedText } from "./seeds.ts";

const repoRoot = new URL("../../../../", import.meta.url);

/**
 * The project's sample articles and seeds, a syndicated copy (near-duplicate), short reports of one incident on
 * nearby days (rewrites of one story, one incident), and longer bulletins mixed from sample sentences by a seeded
 * PRNG (as the end-to-end bench does), in a fixed order.
 */
export function corpus(): IngestRequest[] {
  const samples = readFileSync(new URL("samples/articles.jsonl", repoRoot), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as IngestRequest & { text: string });
  const kursk = seedText("002-kursk-incursion.txt");
  const sentences = samples.flatMap((s) => s.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 30);
  let seed = 0x2545f491;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  return [
    ...samples,
    ...SEED_FILES.map((f) => ({ text: seedText(f), source: f })),
    { text: `${kursk.replace("APA reports citing Reuters", "the agency reported")}\nShare this article.`, source: "Syndicator" },
    ...Array.from({ length: 12 }, (_, i) => ({
      text: `Report ${i}: Russian shelling hit Nikopol in Dnipropetrovsk region overnight, officials said.`,
      publishedAt: `2025-03-${String(10 + (i % 3)).padStart(2, "0")}`,
    })),
    ...Array.from({ length: 24 }, (_, i) => ({
      text: `${Array.from({ length: 6 }, () => sentences[Math.floor(next() * sentences.length)]!).join(" ")}\n\nBulletin ${i}.`,
    })),
  ];
}

/** Everything processing stores, with ids replaced by content: articles by content hash, incidents and stories by
 * their members. Two databases that stored the same things compare equal. */
export async function storedSnapshot(db: PrismaClient) {
  const articles = await db.article.findMany({ include: { regions: true, actors: true } });
  const lshKeys = new Map<string, string[]>();
  for (const k of await db.articleLshKey.findMany()) lshKeys.set(k.articleId, [...(lshKeys.get(k.articleId) ?? []), String(k.key)]);
  const keyOf = new Map(articles.map((a) => [a.id, a.contentHash ?? a.url ?? a.id]));
  const events = await db.event.findMany();
  const eventKey = (e: { articleId: string; ordinal: number }) => `${keyOf.get(e.articleId)}#${e.ordinal}`;
  const membersOf = (ids: string[]) => ids.sort().join(" ");
  const incidentMembers = new Map<string, string[]>();
  for (const e of events) if (e.incidentId) incidentMembers.set(e.incidentId, [...(incidentMembers.get(e.incidentId) ?? []), eventKey(e)]);
  const storyMembers = new Map<string, string[]>();
  for (const a of articles) if (a.storyId) storyMembers.set(a.storyId, [...(storyMembers.get(a.storyId) ?? []), keyOf.get(a.id)!]);
  const incidentLabel = (id: string | null) => (id ? membersOf(incidentMembers.get(id) ?? [`empty ${id}`]) : null);
  const storyLabel = (id: string | null) => (id ? membersOf(storyMembers.get(id) ?? [`empty ${id}`]) : null);
  const byKey = <T extends { key: string }>(rows: T[]) => rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  return {
    articles: byKey(
      articles.map((a) => ({
        key: keyOf.get(a.id)!,
        status: a.status,
        attempts: a.attempts,
        failureReason: a.failureReason,
        duplicateOf: a.duplicateOfId ? keyOf.get(a.duplicateOfId) : null,
        language: a.language,
        sources: a.sources,
        story: storyLabel(a.storyId),
        primaryRegion: a.primaryRegion,
        storyProfile: a.storyProfile,
        minhash: a.minhash,
        regions: a.regions.map((r) => `${r.regionCode}:${r.mentions}`).sort(),
        actors: a.actors.map((r) => `${r.actorId}:${r.mentions}`).sort(),
        lshKeys: (lshKeys.get(a.id) ?? []).sort(),
      })),
    ),
    events: byKey(events.map(({ id: _id, articleId, incidentId, ...e }) => ({ ...e, key: eventKey({ articleId, ordinal: e.ordinal }), incident: incidentLabel(incidentId) }))),
    incidents: byKey(
      (await db.incident.findMany()).map(({ id, createdAt: _c, updatedAt: _u, ...i }) => ({ ...i, key: incidentLabel(id)! })),
    ),
    stories: byKey((await db.story.findMany()).map(({ id, createdAt: _c, ...s }) => ({ ...s, key: storyLabel(id)! }))),
  };
}

/** The ids each article's story and events' incidents have: a re-run must keep them. */
export async function storedIds(db: PrismaClient) {
  return {
    stories: await db.article.findMany({ select: { id: true, storyId: true }, orderBy: { id: "asc" } }),
    incidents: await db.event.findMany({ select: { articleId: true, ordinal: true, incidentId: true }, orderBy: [{ articleId: "asc" }, { ordinal: "asc" }] }),
  };
}
