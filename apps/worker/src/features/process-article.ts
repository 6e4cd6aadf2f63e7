// Turns stored articles into their events, replacing whatever a previous run stored. Running an article twice
// leaves the same rows: jobs may be retried or re-queued freely.
// Each job goes through two micro-batchers, so many jobs at once cost a few round trips, not a few each: a claim
// (load the articles and mark them processing, in one query each) and, after enrichment (pure CPU, per job), a
// persist (a whole batch in one transaction, see persist-articles.ts). URL ingests are fetched first and HTML
// ingests extracted, per job; an article whose text or canonical URL is already stored becomes a `duplicate` of it
// (its sources move to the stored one).
import { randomUUID } from "node:crypto";
import { enrichArticle } from "@frontline/enrich";
import { EnrichedArticle, IngestRequest } from "@frontline/model";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { contentHash, normaliseArticleText, normaliseUrl } from "@frontline/model/ingest";
import type { Pool } from "pg";
import { z } from "zod";
import { createBatcher } from "./batcher.ts";
import { decodeHtml } from "./decode-html.ts";
import { extractArticle, NoArticleText } from "./extract-article.ts";
import { FetchError, type FetchOptions, fetchPage } from "./fetch-page.ts";
import {
  type PersistItem,
  type ProcessedArticle,
  persistArticles,
  preparePersist,
  SignatureCache,
} from "./persist-articles.ts";
import { sqlOn } from "./sql.ts";

export type { ProcessedArticle };

/** A failure that retrying cannot fix: the article is marked failed with this message. */
export class ArticleRejected extends Error {
  override name = "ArticleRejected";
}

export interface BatchOptions {
  /** Most articles claimed, or persisted, together. */
  maxSize: number;
  /** How long the first article of a batch waits for company when the batcher is idle. */
  maxWaitMs: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxSize: 200, maxWaitMs: 5 };

export interface ProcessOptions {
  /** How URL ingests are fetched; without it a URL ingest is rejected. */
  fetch?: FetchOptions;
  batch?: BatchOptions;
  /** Called after each batch (logging, tests). */
  onBatch?: (batch: BatchReport) => void;
}

export interface BatchReport {
  stage: "claim" | "persist";
  size: number;
  ms: number;
  /** Why the batch's transaction failed, when its articles were then stored one by one. */
  split?: string;
}

export interface ArticleProcessor {
  process(articleId: string): Promise<ProcessedArticle>;
}

/** What processing reads of an article (not its stored results: loading those for every claim costs time). */
const ARTICLE_FIELDS = {
  id: true,
  status: true,
  duplicateOfId: true,
  text: true,
  url: true,
  html: true,
  title: true,
  source: true,
  publishedAt: true,
  language: true,
  receivedAt: true,
} as const satisfies Prisma.ArticleSelect;
type ArticleRow = Prisma.ArticleGetPayload<{ select: typeof ARTICLE_FIELDS }>;

/** What a claim found: an article now marked processing, or the outcome of one that is a duplicate already. */
type Claimed = { article: ArticleRow } | { done: ProcessedArticle };

/** Where articles are read and stored: Prisma for the rare per-article paths, the pool for the batches' set-based SQL. */
export interface ArticleStores {
  db: PrismaClient;
  pool: Pool;
}

export function createArticleProcessor({ db, pool }: ArticleStores, options: ProcessOptions = {}): ArticleProcessor {
  const batch = options.batch ?? DEFAULT_BATCH;
  const timed =
    <In, Out>(stage: "claim" | "persist", run: (items: In[], report: BatchReport) => Promise<(Out | Error)[]>) =>
    async (items: In[]) => {
      const report: BatchReport = { stage, size: items.length, ms: 0 };
      const start = performance.now();
      try {
        return await run(items, report);
      } finally {
        report.ms = performance.now() - start;
        options.onBatch?.(report);
      }
    };
  const claims = createBatcher({ ...batch, run: timed("claim", (ids: string[]) => claimArticles(pool, ids)) });
  const signatures = new SignatureCache();
  const writes = createBatcher({
    ...batch,
    run: timed("persist", (items: PersistItem[], report) =>
      persistArticles(pool, items, (err) => (report.split = err.message), signatures),
    ),
  });

  return {
    async process(articleId) {
      const claimed = await claims.add(articleId);
      if ("done" in claimed) return claimed.done;
      let article = claimed.article;
      if (article.text === null) {
        const extracted = await extract(article, options);
        const original = await findStoredCopy(db, article.id, extracted.contentHash, extracted.canonicalUrl);
        if (original) return markDuplicate(db, article.id, original);
        try {
          article = await db.article.update({
            where: { id: article.id },
            data: {
              text: extracted.text,
              contentHash: extracted.contentHash,
              canonicalUrl: extracted.canonicalUrl,
              title: article.title ?? extracted.title,
              byline: extracted.byline,
              publishedAt:
                article.publishedAt ?? (extracted.publishedAt ? new Date(`${extracted.publishedAt}T00:00:00Z`) : null),
              language: article.language ?? extracted.language,
              source: article.source ?? extracted.siteName,
              fetchedAt: extracted.fetched ? new Date() : null,
            },
            select: ARTICLE_FIELDS,
          });
        } catch (err) {
          // Another worker stored the same text or canonical URL between our check and our write.
          if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
          const winner = await findStoredCopy(db, article.id, extracted.contentHash, extracted.canonicalUrl);
          if (!winner) throw err;
          return markDuplicate(db, article.id, winner);
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
      // Background sentences ("withdrew from Kherson in November 2022") are not new events: they are not stored.
      const enriched = { ...checked.data, events: checked.data.events.filter((e) => !e.background) };
      return writes.add(preparePersist({ article, text, enriched }));
    },
  };
}

/**
 * Loads the articles and marks the ones to process `processing` (one query each for the whole batch). Answers, per
 * id in order, the article, the outcome of one that is a duplicate already, or an ArticleRejected for one that does
 * not exist or whose stored row breaks the ingest contract (rows written by older code or by hand may).
 */
async function claimArticles(pool: Pool, ids: string[]): Promise<(Claimed | Error)[]> {
  const unique = [...new Set(ids)];
  const sql = sqlOn(pool);
  const found = await sql.rows<ArticleRow>(Prisma.sql`
    SELECT id, status::text AS status, duplicate_of_id AS "duplicateOfId", text, url, html, title, source,
           published_at AS "publishedAt", language, received_at AS "receivedAt"
    FROM articles WHERE id = ANY(${unique}::uuid[])`);
  const rows = new Map(found.map((a) => [a.id, a]));
  const claimed = new Map<string, Claimed | Error>();
  for (const id of unique) claimed.set(id, claim(id, rows.get(id)));
  const toMark = unique.filter((id) => {
    const c = claimed.get(id);
    return c !== undefined && !(c instanceof Error) && "article" in c;
  });
  if (toMark.length > 0) {
    await sql.run(Prisma.sql`UPDATE articles SET status = 'processing', attempts = attempts + 1, updated_at = ${new Date()}
      WHERE id = ANY(${toMark}::uuid[])`);
  }
  return ids.map((id) => claimed.get(id)!);
}

function claim(articleId: string, article: ArticleRow | undefined): Claimed | Error {
  if (!article) return new ArticleRejected(`article ${articleId} does not exist`);
  if (article.status === "duplicate" && article.duplicateOfId) {
    return { done: { articleId, events: 0, regions: 0, actors: 0, duplicateOf: article.duplicateOfId } };
  }
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
  if (!request.success) return new ArticleRejected(`invalid article: ${z.prettifyError(request.error)}`);
  return { article };
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
  // A page's metadata may carry NUL characters too, which Postgres cannot store.
  const storable = (s: string | null) => s?.replaceAll("\u0000", "") || null;
  return {
    ...page,
    title: storable(page.title),
    byline: storable(page.byline),
    siteName: storable(page.siteName),
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
      data: sources.map(({ id: _id, articleId: _a, ...rest }) => ({
        ...rest,
        id: randomUUID(),
        articleId: originalId,
      })),
      skipDuplicates: true,
    });
    await tx.article.update({
      where: { id: articleId },
      data: { status: "duplicate", duplicateOfId: originalId, failureReason: null, processedAt: new Date() },
    });
  });
  return { articleId, events: 0, regions: 0, actors: 0, duplicateOf: originalId };
}

export async function markArticleFailed(db: PrismaClient, articleId: string, reason: string): Promise<void> {
  await db.article.updateMany({ where: { id: articleId }, data: { status: "failed", failureReason: reason } });
}
