// Server-only: feed subscriptions, shared by the REST API (/api/feeds), the CLI (`frontline feeds`) and the worker.
// Postgres holds the feeds; each has a BullMQ job scheduler on the feeds queue that polls it.
import type { PrismaClient } from "../db/client.ts";
import { type createFeedsQueue, feedPollEverySeconds, removeFeedScheduler, upsertFeedScheduler } from "../queues.ts";
import { DEFAULT_FEED_INTERVAL_SECONDS, type FeedCreate, type FeedView } from "../schemas/feed.ts";
import { normaliseUrl } from "./accept.ts";

export interface FeedDeps {
  db: PrismaClient;
  feedsQueue: ReturnType<typeof createFeedsQueue>;
}

const feedSelect = {
  id: true,
  url: true,
  title: true,
  intervalSeconds: true,
  failures: true,
  lastError: true,
  lastPolledAt: true,
  lastSuccessAt: true,
  nextPollAt: true,
  createdAt: true,
  _count: { select: { items: true } },
} as const;

type FeedRow = {
  id: string;
  url: string;
  title: string | null;
  intervalSeconds: number;
  failures: number;
  lastError: string | null;
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  nextPollAt: Date | null;
  createdAt: Date;
  _count: { items: number };
};

function toView(f: FeedRow): FeedView {
  return {
    id: f.id,
    url: f.url,
    title: f.title,
    intervalSeconds: f.intervalSeconds,
    failures: f.failures,
    lastError: f.lastError,
    lastPolledAt: f.lastPolledAt?.toISOString() ?? null,
    lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
    nextPollAt: f.nextPollAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
    items: f._count.items,
  };
}

/** Subscribes to a feed (or updates the interval/title of one already subscribed) and schedules its polls. */
export async function addFeed(
  { db, feedsQueue }: FeedDeps,
  request: FeedCreate,
  defaultIntervalSeconds = DEFAULT_FEED_INTERVAL_SECONDS,
): Promise<{ feed: FeedView; created: boolean }> {
  const url = normaliseUrl(request.url);
  const existing = await db.feed.findUnique({
    where: { url },
    select: { id: true, intervalSeconds: true, failures: true, lastPolledAt: true },
  });
  const intervalSeconds = request.intervalSeconds ?? defaultIntervalSeconds;
  const now = new Date();
  // A new feed is polled at once. A changed interval re-times the scheduler (see upsertFeedScheduler): one new interval
  // after the last poll, at once if that is past; otherwise the pending poll stands.
  let nextPollAt: Date | undefined;
  if (existing && request.intervalSeconds !== undefined) {
    const every = feedPollEverySeconds(intervalSeconds, existing.failures);
    if (every !== feedPollEverySeconds(existing.intervalSeconds, existing.failures)) {
      const due = (existing.lastPolledAt?.getTime() ?? 0) + every * 1000;
      nextPollAt = new Date(Math.max(due, now.getTime()));
    }
  }
  const feed = await db.feed.upsert({
    where: { url },
    create: { url, title: request.title ?? null, intervalSeconds, nextPollAt: now },
    update: {
      ...(request.intervalSeconds !== undefined ? { intervalSeconds } : {}),
      ...(request.title !== undefined ? { title: request.title } : {}),
      ...(nextPollAt ? { nextPollAt } : {}),
    },
    select: feedSelect,
  });
  // Postgres first: should Redis fail here, the reconciler re-creates the scheduler from the row.
  await upsertFeedScheduler(feedsQueue, feed);
  return { feed: toView(feed), created: !existing };
}

/** Unsubscribes: removes the scheduler and the feed (its seen items go with it; ingested articles stay). */
export async function removeFeed({ db, feedsQueue }: FeedDeps, feedId: string): Promise<boolean> {
  await removeFeedScheduler(feedsQueue, feedId);
  const { count } = await db.feed.deleteMany({ where: { id: feedId } });
  return count > 0;
}

export async function listFeeds({ db }: Pick<FeedDeps, "db">): Promise<FeedView[]> {
  const feeds = await db.feed.findMany({ select: feedSelect, orderBy: { createdAt: "asc" } });
  return feeds.map(toView);
}

export async function getFeed({ db }: Pick<FeedDeps, "db">, feedId: string): Promise<FeedView | null> {
  const feed = await db.feed.findUnique({ where: { id: feedId }, select: feedSelect });
  return feed ? toView(feed) : null;
}

/** Re-creates every feed's job scheduler from Postgres (after a Redis flush); returns how many feeds there are. */
export async function ensureFeedSchedulers({ db, feedsQueue }: FeedDeps): Promise<number> {
  const feeds = await db.feed.findMany({
    select: { id: true, intervalSeconds: true, failures: true, nextPollAt: true },
  });
  for (const feed of feeds) await upsertFeedScheduler(feedsQueue, feed);
  return feeds.length;
}
