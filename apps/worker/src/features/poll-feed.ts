// Polls one feed: conditional GET (ETag / Last-Modified), parse RSS, Atom, RDF or JSON Feed, and turn the items not
// seen before into URL ingests through acceptIngestBatch (the same door as the API). A failing poll records its error
// and backs the feed's scheduler off; the next success restores the configured interval. Either way the next poll is
// one (new) interval after this one.
import { IngestRequest } from "@frontline/model";
import type { PrismaClient } from "@frontline/model/db";
import { acceptIngestBatch } from "@frontline/model/ingest";
import { type createFeedsQueue, feedPollEverySeconds, type IngestJobPayload, upsertFeedScheduler } from "@frontline/model/queues";
import type { Queue } from "bullmq";
import { parseFeed } from "feedsmith";
import { decodeHtml } from "./decode-html.ts";
import { FEED_TYPES, type FetchOptions, fetchPage } from "./fetch-page.ts";

export interface FeedItemLink {
  /** guid / id, else the link: what makes an item "seen". */
  key: string;
  url: string;
  title?: string;
  publishedAt?: string;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItemLink[];
}

const text = (v: unknown): string | undefined => {
  if (typeof v === "string") return v.trim() || undefined;
  if (v && typeof v === "object" && "value" in v) return text((v as { value: unknown }).value);
  return undefined;
};

function isoDateTime(v: unknown): string | undefined {
  const s = text(v);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function httpUrl(v: string | undefined, base: string): string | undefined {
  if (!v) return undefined;
  try {
    const u = new URL(v, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The items of an RSS, Atom, RDF or JSON feed document with an http(s) link. Throws on a document that is not a feed. */
export function parseFeedItems(document: string, feedUrl: string): ParsedFeed {
  const { format, feed } = parseFeed(document) as { format: string; feed: Record<string, unknown> };
  const raw = ((format === "atom" ? feed.entries : feed.items) ?? []) as Record<string, unknown>[];
  const items: FeedItemLink[] = [];
  for (const item of raw) {
    let link: string | undefined;
    if (format === "atom") {
      const links = (item.links ?? []) as { href?: string; rel?: string }[];
      link = (links.find((l) => !l.rel || l.rel === "alternate") ?? links[0])?.href;
    } else if (format === "json") {
      link = text(item.url) ?? text(item.external_url);
    } else {
      link = text(item.link);
      const guid = item.guid as { value?: string; isPermaLink?: boolean } | undefined;
      if (!link && guid?.isPermaLink !== false) link = text(guid?.value);
    }
    const url = httpUrl(link, feedUrl);
    if (!url) continue;
    const key = text((item.guid as { value?: string } | undefined)?.value) ?? text(item.id) ?? url;
    items.push({
      key,
      url,
      title: text(item.title),
      publishedAt: isoDateTime(item.pubDate ?? item.published ?? item.date_published ?? item.updated ?? (item.dc as { date?: string } | undefined)?.date),
    });
  }
  return { title: text(feed.title) ?? null, items };
}

export interface PollDeps {
  db: PrismaClient;
  ingestQueue: Queue<IngestJobPayload>;
  feedsQueue: ReturnType<typeof createFeedsQueue>;
  fetch: FetchOptions;
}

export type PollResult =
  | { feedId: string; status: "gone" }
  | { feedId: string; status: "not-modified" }
  | { feedId: string; status: "polled"; items: number; accepted: number; duplicates: number; skipped: number };

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

export async function pollFeed(deps: PollDeps, feedId: string): Promise<PollResult> {
  const { db, feedsQueue } = deps;
  const feed = await db.feed.findUnique({ where: { id: feedId } });
  if (!feed) {
    await feedsQueue.removeJobScheduler(`feed:${feedId}`).catch(() => {});
    return { feedId, status: "gone" };
  }
  const now = new Date();
  try {
    const page = await fetchPage(feed.url, {
      ...deps.fetch,
      accept: [...FEED_TYPES, "text/plain"],
      headers: {
        ...(feed.etag ? { "if-none-match": feed.etag } : {}),
        ...(feed.lastModified ? { "if-modified-since": feed.lastModified } : {}),
      },
    });
    const success = {
      failures: 0,
      lastError: null,
      lastPolledAt: now,
      lastSuccessAt: now,
      nextPollAt: new Date(now.getTime() + feed.intervalSeconds * 1000),
    };
    if (page.status === 304) {
      await db.feed.update({ where: { id: feedId }, data: success });
      if (feed.failures > 0) await upsertFeedScheduler(feedsQueue, { ...feed, ...success });
      return { feedId, status: "not-modified" };
    }
    const parsed = parseFeedItems(decodeHtml(page.body, page.contentType).text, page.url);
    const result = await ingestNewItems(deps, feed.id, feed.title ?? parsed.title, parsed.items);
    await db.feed.update({
      where: { id: feedId },
      data: {
        ...success,
        etag: header(page.headers, "etag"),
        lastModified: header(page.headers, "last-modified"),
        ...(feed.title ? {} : { title: parsed.title }),
      },
    });
    if (feed.failures > 0) await upsertFeedScheduler(feedsQueue, { ...feed, ...success });
    return { feedId, status: "polled", items: parsed.items.length, ...result };
  } catch (err) {
    const failures = feed.failures + 1;
    const nextPollAt = new Date(now.getTime() + feedPollEverySeconds(feed.intervalSeconds, failures) * 1000);
    await db.feed.update({
      where: { id: feedId },
      data: { failures, lastError: (err as Error).message, lastPolledAt: now, nextPollAt },
    });
    // Re-timed to start at nextPollAt: an interval from now, not at once.
    await upsertFeedScheduler(feedsQueue, { ...feed, failures, nextPollAt });
    throw err;
  }
}

/** Accepts the items not seen before, then marks them seen (in that order: a crash between re-accepts, never loses). */
async function ingestNewItems(deps: PollDeps, feedId: string, feedTitle: string | null, items: FeedItemLink[]) {
  const { db, ingestQueue } = deps;
  const unique = [...new Map(items.map((i) => [i.key, i])).values()];
  const seen = new Set(
    (
      await db.feedItem.findMany({ where: { feedId, itemKey: { in: unique.map((i) => i.key) } }, select: { itemKey: true } })
    ).map((r) => r.itemKey),
  );
  const fresh: { item: FeedItemLink; request: IngestRequest }[] = [];
  let skipped = 0;
  for (const item of unique) {
    if (seen.has(item.key)) continue;
    const request = IngestRequest.safeParse({
      url: item.url,
      ...(item.title ? { title: item.title.slice(0, 500) } : {}),
      ...(feedTitle ? { source: feedTitle.slice(0, 200) } : {}),
      ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
    });
    if (request.success) fresh.push({ item, request: request.data });
    else skipped += 1;
  }
  const accepted = fresh.length === 0 ? [] : await acceptIngestBatch({ db, queue: ingestQueue }, fresh.map((f) => f.request), { feedId });
  await db.feedItem.createMany({
    data: fresh.map((f, i) => ({ feedId, itemKey: f.item.key, url: f.item.url, articleId: accepted[i]!.articleId })),
    skipDuplicates: true,
  });
  return {
    accepted: accepted.filter((a) => !a.duplicate).length,
    duplicates: accepted.filter((a) => a.duplicate).length,
    skipped,
  };
}
