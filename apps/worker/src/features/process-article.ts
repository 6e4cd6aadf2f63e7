// Turns one stored article into its events, in one transaction, replacing whatever a previous run stored.
// Running it twice on the same article leaves the same rows: jobs may be retried or re-queued freely.
// URL ingests are fetched first and HTML ingests extracted; an article whose text or canonical URL is already
// stored becomes a `duplicate` of it (its sources move to the stored one). Each article joins a story (near-
// duplicates, rewrites) and each event an incident (the same real-world incident across articles and stories).
import { randomUUID } from "node:crypto";
import { enrichArticle } from "@frontline/enrich";
import { EnrichedArticle, IngestRequest } from "@frontline/model";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { contentHash, normaliseArticleText, normaliseUrl } from "@frontline/model/ingest";
import { z } from "zod";
import { decodeHtml } from "./decode-html.ts";
import { extractArticle, NoArticleText } from "./extract-article.ts";
import { FetchError, type FetchOptions, fetchPage } from "./fetch-page.ts";
import { assignIncidents, INCIDENT_WINDOW_DAYS, type IncidentEvent, type IncidentSummary } from "./incident-match.ts";
import {
  bands,
  matchStory,
  minhash,
  primaryRegion,
  STORY_WINDOW_DAYS,
  type StoryCandidate,
  type StoryProfile,
  storyProfile,
} from "./story-match.ts";

/** A failure that retrying cannot fix: the article is marked failed with this message. */
export class ArticleRejected extends Error {
  override name = "ArticleRejected";
}

export interface ProcessedArticle {
  articleId: string;
  events: number;
  regions: number;
  actors: number;
  /** Set when the article turned out to be one already stored. */
  duplicateOf?: string;
  storyId?: string;
  incidents?: number;
}

export interface ProcessOptions {
  /** How URL ingests are fetched; without it a URL ingest is rejected. */
  fetch?: FetchOptions;
}

type ArticleRow = NonNullable<Awaited<ReturnType<PrismaClient["article"]["findUnique"]>>>;

export async function processArticle(db: PrismaClient, articleId: string, options: ProcessOptions = {}): Promise<ProcessedArticle> {
  let article = await db.article.findUnique({ where: { id: articleId } });
  if (!article) throw new ArticleRejected(`article ${articleId} does not exist`);
  if (article.status === "duplicate" && article.duplicateOfId) {
    return { articleId, events: 0, regions: 0, actors: 0, duplicateOf: article.duplicateOfId };
  }

  // The stored row must still satisfy the ingest contract: rows written by older code or by hand may not.
  // Once a URL or HTML ingest has been extracted, its text is what is checked.
  const request = IngestRequest.safeParse({
    text: article.text ?? undefined,
    url: article.text === null ? (article.url ?? undefined) : undefined,
    html: article.text === null ? (article.html ?? undefined) : undefined,
    title: article.title ?? undefined,
    source: article.source ?? undefined,
    publishedAt: article.publishedAt?.toISOString().slice(0, 10),
    language: article.language ?? undefined,
  });
  if (!request.success) throw new ArticleRejected(`invalid article: ${z.prettifyError(request.error)}`);

  await db.article.update({ where: { id: articleId }, data: { status: "processing", attempts: { increment: 1 } } });

  if (article.text === null) {
    const extracted = await extract(article, options);
    const original = await findStoredCopy(db, articleId, extracted.contentHash, extracted.canonicalUrl);
    if (original) return markDuplicate(db, articleId, original);
    try {
      article = await db.article.update({
        where: { id: articleId },
        data: {
          text: extracted.text,
          contentHash: extracted.contentHash,
          canonicalUrl: extracted.canonicalUrl,
          title: article.title ?? extracted.title,
          byline: extracted.byline,
          publishedAt: article.publishedAt ?? (extracted.publishedAt ? new Date(`${extracted.publishedAt}T00:00:00Z`) : null),
          language: article.language ?? extracted.language,
          source: article.source ?? extracted.siteName,
          fetchedAt: extracted.fetched ? new Date() : null,
        },
      });
    } catch (err) {
      // Another worker stored the same text or canonical URL between our check and our write.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
      const winner = await findStoredCopy(db, articleId, extracted.contentHash, extracted.canonicalUrl);
      if (!winner) throw err;
      return markDuplicate(db, articleId, winner);
    }
  }
  const text = article.text!;

  const output = enrichArticle({
    id: article.id,
    text,
    publishedAt: article.publishedAt?.toISOString().slice(0, 10),
    title: article.title ?? undefined,
    source: article.source ?? undefined,
    language: article.language ?? undefined,
  });
  // The enricher's output is a contract too: never store what the schema would reject.
  const checked = EnrichedArticle.safeParse(output);
  if (!checked.success) throw new ArticleRejected(`enricher output is invalid: ${z.prettifyError(checked.error)}`);
  return persist(db, article, text, checked.data);
}

interface Extracted {
  text: string;
  contentHash: string;
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  language: string | null;
  siteName: string | null;
  fetched: boolean;
}

async function extract(article: ArticleRow, options: ProcessOptions): Promise<Extracted> {
  let html: string;
  let pageUrl: string | undefined = article.url ?? undefined;
  let fetched = false;
  if (article.html !== null) {
    html = article.html;
  } else if (article.url !== null) {
    if (!options.fetch) throw new ArticleRejected("this worker is not configured to fetch URL ingests");
    try {
      const page = await fetchPage(article.url, options.fetch);
      html = decodeHtml(page.body, page.contentType).text;
      pageUrl = page.url;
      fetched = true;
    } catch (err) {
      if (err instanceof FetchError && err.permanent) throw new ArticleRejected(err.message);
      throw err;
    }
  } else {
    throw new ArticleRejected("invalid article: give exactly one of text, url or html");
  }
  let page: ReturnType<typeof extractArticle>;
  try {
    page = extractArticle(html, pageUrl);
  } catch (err) {
    if (err instanceof NoArticleText) throw new ArticleRejected(err.message);
    throw err;
  }
  const text = normaliseArticleText(page.text);
  return {
    ...page,
    text,
    contentHash: contentHash(text),
    canonicalUrl: page.canonicalUrl ?? (pageUrl ? normaliseUrl(pageUrl) : null),
    fetched,
  };
}

async function findStoredCopy(db: PrismaClient, articleId: string, hash: string, canonicalUrl: string | null) {
  const found = await db.article.findFirst({
    where: {
      id: { not: articleId },
      OR: [{ contentHash: hash }, ...(canonicalUrl ? [{ canonicalUrl }] : [])],
    },
    select: { id: true },
    orderBy: { receivedAt: "asc" },
  });
  return found?.id ?? null;
}

/** The article repeats `originalId`: its sources move there and it becomes a pointer (text stored once). */
async function markDuplicate(db: PrismaClient, articleId: string, originalId: string): Promise<ProcessedArticle> {
  await db.$transaction(async (tx) => {
    const sources = await tx.articleSource.findMany({ where: { articleId } });
    await tx.articleSource.createMany({
      data: sources.map(({ id: _id, articleId: _a, ...rest }) => ({ ...rest, id: randomUUID(), articleId: originalId })),
      skipDuplicates: true,
    });
    await tx.article.update({
      where: { id: articleId },
      data: { status: "duplicate", duplicateOfId: originalId, failureReason: null, processedAt: new Date() },
    });
  });
  return { articleId, events: 0, regions: 0, actors: 0, duplicateOf: originalId };
}

type Enriched = z.infer<typeof EnrichedArticle>;
type EnrichedEvent = Enriched["events"][number];
type Tx = Prisma.TransactionClient;

const LOCK_NAMESPACE = 727_140_002;
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000);

async function persist(db: PrismaClient, article: ArticleRow, text: string, enriched: Enriched): Promise<ProcessedArticle> {
  const articleId = article.id;
  const articleDay = day(article.publishedAt ?? article.receivedAt);
  const incidentEvents: IncidentEvent[] = enriched.events.map((e) => ({
    family: e.acled.eventType,
    type: e.type,
    regionCode: e.region?.code ?? null,
    placeName: e.place?.name ?? null,
    actor1Id: e.actor1?.id ?? null,
    actor2Id: e.actor2?.id ?? null,
    date: e.date?.value ?? articleDay,
  }));
  const signature = minhash(text);
  const profile = storyProfile(enriched);
  const primary = primaryRegion(enriched.regions);

  return db.$transaction(
    async (tx) => {
      const previous = await tx.event.findMany({ where: { articleId }, select: { incidentId: true, ordinal: true } });
      await tx.event.deleteMany({ where: { articleId } });
      await tx.articleRegion.deleteMany({ where: { articleId } });
      await tx.articleActor.deleteMany({ where: { articleId } });
      await tx.articleBand.deleteMany({ where: { articleId } });
      await tx.articleRegion.createMany({ data: enriched.regions.map((r) => ({ articleId, regionCode: r.code, mentions: r.mentions })) });
      await tx.articleActor.createMany({ data: enriched.actors.map((a) => ({ articleId, actorId: a.id, mentions: a.mentions })) });

      // Concurrent workers serialise on what they may both create: incidents per region, stories per primary region.
      // Taken as late as possible (held until commit), in one order everywhere.
      const keys = [...new Set([`story:${primary ?? "-"}`, ...incidentEvents.flatMap((e) => (e.regionCode ? [`incident:${e.regionCode}`] : []))])].sort();
      for (const key of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${key}))`;

      const previousByEvent: (string | null)[] = [];
      for (const p of previous) previousByEvent[p.ordinal] = p.incidentId;
      const emptied = [...new Set(previous.flatMap((p) => (p.incidentId ? [p.incidentId] : [])))];
      const incidentIds = await assignAndWriteIncidents(tx, incidentEvents, previousByEvent);
      await tx.event.createMany({ data: enriched.events.map((event, ordinal) => eventRow(articleId, ordinal, event, incidentIds[ordinal]!)) });
      if (emptied.length > 0) {
        await tx.incident.deleteMany({ where: { id: { in: emptied }, events: { none: {} } } });
      }

      const storyId = await assignStory(tx, article, articleDay, { minhash: signature, primaryRegion: primary, profile });
      const articleBands = bands(signature);
      if (articleBands.length > 0) await tx.articleBand.createMany({ data: articleBands.map((b) => ({ articleId, ...b })) });

      await tx.article.update({
        where: { id: articleId },
        data: {
          status: "done",
          language: enriched.language,
          sources: enriched.sources ?? [],
          failureReason: null,
          processedAt: new Date(),
          storyId,
          primaryRegion: primary,
          storyProfile: profile,
          minhash: signature,
        },
      });
      return {
        articleId,
        events: enriched.events.length,
        regions: enriched.regions.length,
        actors: enriched.actors.length,
        storyId,
        incidents: new Set(incidentIds).size,
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Finds candidate incidents, assigns every event to one (creating what is new) and answers each event's incident id. */
async function assignAndWriteIncidents(tx: Tx, events: IncidentEvent[], previousByEvent: (string | null)[]): Promise<string[]> {
  const previous = new Set(previousByEvent.filter((id): id is string => !!id));
  const located = events.filter((e) => e.regionCode !== null);
  let candidates: IncidentSummary[] = [];
  if (located.length > 0 || previous.size > 0) {
    const dates = located.map((e) => e.date).sort();
    const pairs = [...new Set(located.map((e) => `${e.regionCode}\u0000${e.family}`))].map((k) => k.split("\u0000"));
    const rows = await tx.incident.findMany({
      where: {
        OR: [
          ...(located.length > 0
            ? [
                {
                  OR: pairs.map(([regionCode, family]) => ({ regionCode, family })),
                  dateEnd: { gte: addDays(dates[0]!, -INCIDENT_WINDOW_DAYS) },
                  dateStart: { lte: addDays(dates.at(-1)!, INCIDENT_WINDOW_DAYS) },
                },
              ]
            : []),
          { id: { in: [...previous] } },
        ],
      },
      orderBy: { id: "asc" },
    });
    candidates = rows.map((r) => ({
      id: r.id,
      family: r.family,
      type: r.type,
      regionCode: r.regionCode,
      placeName: r.placeName,
      actor1Id: r.actor1Id,
      actor2Id: r.actor2Id,
      dateStart: day(r.dateStart!),
      dateEnd: day(r.dateEnd!),
    }));
  }
  const { eventIncident, incidents } = assignIncidents(events, candidates, INCIDENT_WINDOW_DAYS, previousByEvent);
  const ids = incidents.map((i) => i.id ?? randomUUID());
  const fields = (i: IncidentSummary) => ({
    placeName: i.placeName,
    actor1Id: i.actor1Id,
    actor2Id: i.actor2Id,
    dateStart: new Date(`${i.dateStart}T00:00:00Z`),
    dateEnd: new Date(`${i.dateEnd}T00:00:00Z`),
  });
  const created = incidents.flatMap((i, index) =>
    i.id ? [] : [{ id: ids[index]!, family: i.family, type: i.type, regionCode: i.regionCode, ...fields(i) }],
  );
  if (created.length > 0) await tx.incident.createMany({ data: created });
  for (const i of incidents) {
    if (i.id && i.changed) await tx.incident.update({ where: { id: i.id }, data: fields(i) });
  }
  return eventIncident.map((index) => ids[index]!);
}

async function assignStory(
  tx: Tx,
  article: ArticleRow,
  articleDay: string,
  signature: { minhash: number[]; primaryRegion: string | null; profile: StoryProfile },
): Promise<string> {
  const candidates: StoryCandidate[] = [];
  const seen = new Set<string>([article.id]);
  const collect = (rows: { id: string; storyId: string | null; minhash: number[]; primaryRegion: string | null; storyProfile: unknown }[]) => {
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      candidates.push({
        articleId: r.id,
        storyId: r.storyId,
        minhash: r.minhash,
        primaryRegion: r.primaryRegion,
        profile: (r.storyProfile as StoryProfile | null) ?? null,
      });
    }
  };
  const select = { id: true, storyId: true, minhash: true, primaryRegion: true, storyProfile: true } as const;
  const articleBands = bands(signature.minhash);
  if (articleBands.length > 0) {
    const sharing = await tx.articleBand.findMany({
      where: { OR: articleBands.map((b) => ({ band: b.band, hash: b.hash })), articleId: { not: article.id } },
      select: { articleId: true },
      distinct: ["articleId"],
      take: 100,
    });
    if (sharing.length > 0) {
      // "processing" too: an article being re-enriched keeps its signature and story until its own run replaces them.
      collect(await tx.article.findMany({ where: { id: { in: sharing.map((s) => s.articleId) }, status: { in: ["done", "processing"] } }, select }));
    }
  }
  if (signature.primaryRegion) {
    const from = addDays(articleDay, -STORY_WINDOW_DAYS);
    const to = addDays(articleDay, STORY_WINDOW_DAYS);
    collect(
      await tx.article.findMany({
        where: {
          primaryRegion: signature.primaryRegion,
          status: { in: ["done", "processing"] },
          storyId: { not: null },
          OR: [{ publishedAt: { gte: from, lte: to } }, { publishedAt: null, receivedAt: { gte: from, lte: addDays(articleDay, STORY_WINDOW_DAYS + 1) } }],
        },
        select,
        orderBy: { receivedAt: "desc" },
        take: 100,
      }),
    );
  }
  const match = matchStory(signature, candidates, article.storyId);
  const lastSeenOn = new Date(`${articleDay}T00:00:00Z`);
  let storyId: string;
  if (match) {
    storyId = match.storyId;
    await tx.$executeRaw`UPDATE stories SET last_seen_on = GREATEST(last_seen_on, ${lastSeenOn}::date) WHERE id = ${storyId}::uuid`;
  } else if (article.storyId && (await tx.article.count({ where: { storyId: article.storyId, id: { not: article.id } } })) === 0) {
    storyId = article.storyId; // a re-run keeps the story it started
  } else {
    storyId = (await tx.story.create({ data: { title: article.title, lastSeenOn }, select: { id: true } })).id;
  }
  if (article.storyId && article.storyId !== storyId) {
    await tx.story.deleteMany({ where: { id: article.storyId, articles: { none: { id: { not: article.id } } } } });
  }
  return storyId;
}

export async function markArticleFailed(db: PrismaClient, articleId: string, reason: string): Promise<void> {
  await db.article.updateMany({ where: { id: articleId }, data: { status: "failed", failureReason: reason } });
}

function eventRow(articleId: string, ordinal: number, e: EnrichedEvent, incidentId: string): Prisma.EventCreateManyInput {
  return {
    articleId,
    ordinal,
    type: e.type,
    acledEventType: e.acled.eventType,
    acledSubEventType: e.acled.subEventType,
    actor1Id: e.actor1?.id ?? null,
    actor2Id: e.actor2?.id ?? null,
    regionCode: e.region?.code ?? null,
    placeName: e.place?.name ?? null,
    lat: e.place?.lat ?? null,
    lon: e.place?.lon ?? null,
    date: e.date ? new Date(`${e.date.value}T00:00:00Z`) : null,
    datePrecision: e.date?.precision ?? null,
    claimStatus: e.claim?.status ?? null,
    claimBy: e.claim?.by ?? null,
    quantities: e.quantities ?? undefined,
    evidenceText: e.evidence.text,
    evidenceStart: e.evidence.start,
    evidenceEnd: e.evidence.end,
    confidence: e.confidence,
    incidentId,
  };
}
