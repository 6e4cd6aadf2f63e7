// Server-only: the one way an ingest enters Frontline, shared by the API, the CLI and feeds.
// The article row is written before the job is queued, so whatever is accepted survives a Redis flush.
import { createHash, randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import type { PrismaClient } from "../db/client.ts";
import { IngestJob, type IngestJobPayload } from "../queues.ts";
import type { IngestAccepted, IngestRequest } from "../schemas/ingest.ts";

/** The text as stored: Unicode NFC, Unix newlines, no NUL, no surrounding blank space. Evidence offsets index into this. */
export function normaliseArticleText(text: string): string {
  // NUL: Postgres text cannot hold it, and a page's extracted text may carry one (requests with one are refused).
  return text.normalize("NFC").replace(/\r\n?/g, "\n").replaceAll("\u0000", "").trim();
}

/** Two texts are the same article when they are equal after folding case and runs of white space. */
export function contentHash(text: string): string {
  return nfcContentHash(text.normalize("NFC"));
}

/** contentHash of a text already in NFC, e.g. from normaliseArticleText (normalising again would only copy it). */
function nfcContentHash(text: string): string {
  // Every run of white space becomes one space. Only runs that are not already a single space are matched: a text's
  // white space is mostly single spaces, and matching each of them (as /\s+/g does) costs a match and a copy apiece.
  const folded = text.toLowerCase().replace(/\s{2,}|[^\S ]/g, " ").trim();
  return createHash("sha256").update(folded).digest("hex");
}

/** A URL as stored and compared: no fragment, lower-case scheme and host (the WHATWG parser does both). */
export function normaliseUrl(url: string): string {
  const u = new URL(url);
  u.hash = "";
  return u.toString();
}

/** The key that makes one article_sources row per distinct way in: the URL, else the outlet, else "text"; per feed. */
export function sourceKey(source: { url?: string | null; source?: string | null; feedId?: string | null }): string {
  const key = source.url ? source.url : source.source ? `source:${source.source}` : "text";
  return source.feedId ? `${key} feed:${source.feedId}` : key;
}

/**
 * The articles were stored (Postgres is the outbox) but their jobs could not be queued, e.g. Redis is down. Nothing
 * is lost: the reconciler queues stored articles that have no job; `accepted` says what was stored.
 */
export class QueueUnavailableError extends Error {
  override name = "QueueUnavailableError";
  constructor(
    readonly accepted: IngestAccepted[],
    options: { cause: unknown },
  ) {
    super(`stored, but the queue is unavailable (${(options.cause as Error)?.message ?? String(options.cause)}); the reconciler will queue it`, options);
  }
}

export interface IngestDeps {
  db: PrismaClient;
  queue: Queue<IngestJobPayload>;
}

export interface AcceptOptions {
  /** The feed the request came from, recorded on the article's source. */
  feedId?: string;
  /**
   * Give up waiting for the queue after this long and throw QueueUnavailableError (the articles stay stored). For
   * callers that answer people; without it, queueing waits for Redis however long it is away.
   */
  queueTimeoutMs?: number;
}

interface ArticleRow {
  id: string;
  title: string | null;
  source: string | null;
  url: string | null;
  html: string | null;
  text: string | null;
  contentHash: string | null;
  language: string | null;
  /** YYYY-MM-DD */
  publishedAt: string | null;
}

interface SourceRow {
  id: string;
  sourceKey: string;
  url: string | null;
  source: string | null;
  title: string | null;
  feedId: string | null;
}

interface PreparedRow {
  data: ArticleRow;
  source: SourceRow;
}

function prepare(request: IngestRequest, options: AcceptOptions = {}): PreparedRow {
  const id = randomUUID();
  const text = request.text === undefined ? undefined : normaliseArticleText(request.text);
  const url = request.url === undefined ? null : normaliseUrl(request.url);
  const data = {
    id,
    title: request.title ?? null,
    source: request.source ?? null,
    url,
    html: request.html ?? null,
    text: text ?? null,
    contentHash: text === undefined ? null : nfcContentHash(text),
    language: request.language ?? null,
    publishedAt: request.publishedAt ? request.publishedAt.slice(0, 10) : null,
  };
  const source = {
    id: randomUUID(),
    sourceKey: sourceKey({ url, source: data.source, feedId: options.feedId }),
    url,
    source: data.source,
    title: data.title,
    feedId: options.feedId ?? null,
  };
  return { data, source };
}

/**
 * Inserts the articles in one set-based statement (for a batch of hundreds, Prisma's createMany costs several times
 * what Postgres does) and answers the ids of those inserted: ON CONFLICT DO NOTHING skips a text (or id) already
 * stored. Status, attempts, sources and minhash take their column defaults, as with createMany.
 */
async function insertArticles(db: PrismaClient, rows: ArticleRow[], now: Date): Promise<Set<string>> {
  const col = <K extends keyof ArticleRow>(key: K) => rows.map((r) => r[key]);
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO articles (id, title, source, url, html, text, content_hash, language, published_at, received_at, updated_at)
    SELECT r.*, ${now}::timestamptz, ${now}::timestamptz FROM unnest(
      ${col("id")}::uuid[], ${col("title")}::text[], ${col("source")}::text[], ${col("url")}::text[], ${col("html")}::text[],
      ${col("text")}::text[], ${col("contentHash")}::text[], ${col("language")}::text[], ${col("publishedAt")}::date[]) AS r
    ON CONFLICT DO NOTHING
    RETURNING id`;
  return new Set(inserted.map((r) => r.id));
}

/** Every source row, on the article that stands for it; one already there (same article and key) is kept. */
async function insertSources(db: PrismaClient, rows: (SourceRow & { articleId: string })[], now: Date): Promise<void> {
  const col = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  await db.$executeRaw`
    INSERT INTO article_sources (id, article_id, source_key, url, source, title, feed_id, received_at)
    SELECT r.*, ${now}::timestamptz FROM unnest(
      ${col("id")}::uuid[], ${col("articleId")}::uuid[], ${col("sourceKey")}::text[], ${col("url")}::text[],
      ${col("source")}::text[], ${col("title")}::text[], ${col("feedId")}::uuid[]) AS r
    ON CONFLICT DO NOTHING`;
}

/**
 * Existing articles that URL ingests repeat: same canonical URL, or the same submitted URL not failed. A URL that
 * turned out to be a duplicate answers the article it duplicates.
 */
async function findByUrl(db: PrismaClient, urls: string[]) {
  if (urls.length === 0) return [];
  const found = await db.article.findMany({
    where: {
      OR: [{ canonicalUrl: { in: urls } }, { url: { in: urls }, status: { in: ["queued", "processing", "done", "duplicate"] } }],
    },
    select: { id: true, status: true, url: true, canonicalUrl: true, duplicateOf: { select: { id: true, status: true } } },
  });
  return found.map((a) => (a.status === "duplicate" && a.duplicateOf ? { ...a, ...a.duplicateOf } : a));
}

/** The queue did not answer within the time a caller could wait (Redis down or unreachable). */
export class QueueTimeoutError extends Error {
  override name = "QueueTimeoutError";
}

/**
 * `promise`, or a QueueTimeoutError after `ms`. BullMQ waits for a Redis that is down to come back; a caller that
 * answers people turns that into an answer. The queue call itself goes on and lands if Redis returns.
 */
export function withQueueTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueTimeoutError(`the queue did not answer within ${ms} ms`)), ms);
  });
  promise.catch(() => {}); // a late failure after the timeout is nobody's to handle
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Stores the article (once per text, once per URL) and queues its job, whose id is the article id.
 * A repeat is answered `duplicate: true` with the stored article's ids, and its source is added to that article.
 */
export async function acceptIngest(
  deps: IngestDeps,
  request: IngestRequest,
  options: AcceptOptions = {},
): Promise<IngestAccepted> {
  const [result] = await acceptIngestBatch(deps, [request], options);
  return result!;
}

/**
 * acceptIngest for many requests at once (bulk import, feeds): one insert for the articles, one for their sources,
 * one addBulk for the jobs. Answers one IngestAccepted per request, in order. Requests must already be validated.
 */
export async function acceptIngestBatch(
  { db, queue }: IngestDeps,
  requests: IngestRequest[],
  options: AcceptOptions = {},
): Promise<IngestAccepted[]> {
  const rows = requests.map((r) => prepare(r, options));
  const results: (IngestAccepted | undefined)[] = new Array(rows.length);
  // Within the batch, the first row with a given text or URL stands for the others.
  const firstByKey = new Map<string, number>();
  const stand: number[] = rows.map((row, i) => {
    const key = row.data.contentHash ? `h:${row.data.contentHash}` : row.data.url ? `u:${row.data.url}` : `i:${i}`;
    const first = firstByKey.get(key);
    if (first !== undefined) return first;
    firstByKey.set(key, i);
    return i;
  });
  const leaders = rows.map((_, i) => i).filter((i) => stand[i] === i);

  // URL ingests that repeat a stored article are duplicates before any insert.
  const existingByUrl = new Map<string, { id: string; status: string }>();
  for (const a of await findByUrl(
    db,
    leaders.map((i) => rows[i]!.data.url).filter((u): u is string => typeof u === "string"),
  )) {
    if (a.canonicalUrl) existingByUrl.set(a.canonicalUrl, a);
    if (a.url && !existingByUrl.has(a.url)) existingByUrl.set(a.url, a);
  }
  const toInsert = leaders.filter((i) => {
    const row = rows[i]!;
    const url = row.data.url;
    if (row.data.contentHash !== null || !url) return true;
    const existing = existingByUrl.get(url);
    if (!existing) return true;
    results[i] = { jobId: existing.id, articleId: existing.id, duplicate: true, status: existing.status };
    return false;
  });

  // ON CONFLICT (content_hash) DO NOTHING: rows that come back were inserted, the others repeat a stored text.
  const now = new Date();
  const inserted = toInsert.length === 0 ? new Set<string>() : await insertArticles(db, toInsert.map((i) => rows[i]!.data), now);
  const conflicting = toInsert.filter((i) => !inserted.has(rows[i]!.data.id));
  if (conflicting.length > 0) {
    const hashes = conflicting.map((i) => rows[i]!.data.contentHash).filter((h): h is string => h !== null);
    const stored = await db.article.findMany({
      where: { contentHash: { in: hashes } },
      select: { id: true, status: true, contentHash: true },
    });
    const byHash = new Map(stored.map((a) => [a.contentHash!, a]));
    for (const i of conflicting) {
      const existing = byHash.get(rows[i]!.data.contentHash ?? "");
      // Conflict on a key we do not know about (or a row deleted meanwhile): let the caller see it.
      if (!existing) throw new Error(`ingest conflict for article ${rows[i]!.data.id} could not be resolved`);
      results[i] = { jobId: existing.id, articleId: existing.id, duplicate: true, status: existing.status };
    }
  }
  for (const i of toInsert) {
    if (inserted.has(rows[i]!.data.id)) {
      results[i] = { jobId: rows[i]!.data.id, articleId: rows[i]!.data.id, duplicate: false, status: "queued" };
    }
  }
  for (let i = 0; i < rows.length; i++) {
    if (stand[i] !== i) {
      const leader = results[stand[i]!]!;
      results[i] = { ...leader, duplicate: true };
    }
  }

  // Every source is kept, on the article that stands for it.
  await insertSources(
    db,
    rows.map((row, i) => ({ ...row.source, articleId: results[i]!.articleId })),
    now,
  );

  // Re-queueing a duplicate that is still queued is harmless (same jobId, idempotent processing) and heals an
  // article whose job was lost. Each article is queued once per batch.
  const queued = new Set<string>();
  const jobs: { name: typeof IngestJob.jobName; data: IngestJobPayload; opts: { jobId: string } }[] = [];
  for (const r of results) {
    if (r!.status !== "queued" || queued.has(r!.articleId)) continue;
    queued.add(r!.articleId);
    jobs.push({ name: IngestJob.jobName, data: { articleId: r!.articleId }, opts: { jobId: r!.articleId } });
  }
  if (jobs.length > 0) {
    // BullMQ waits for a connection that is down to come back; a timeout turns that into an answer. A late add
    // still lands (same job ids), which is as harmless as the reconciler's.
    const adding = queue.addBulk(jobs);
    adding.catch(() => {});
    try {
      await (options.queueTimeoutMs === undefined ? adding : withQueueTimeout(adding, options.queueTimeoutMs));
    } catch (cause) {
      throw new QueueUnavailableError(results as IngestAccepted[], { cause });
    }
  }
  return results as IngestAccepted[];
}
