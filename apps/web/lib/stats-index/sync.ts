// Server-only: fills a StatsStore from Postgres and keeps it current by following the stats_changes log (written by
// triggers, migration 20261205010000_stats_changes). Every read first applies what changed since the last one (one
// small indexed query when nothing did), so a count never lags behind what the database has committed.
import "server-only";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { type ArticleRecord, type DayNumber, StatsStore } from "./store.ts";

/** Articles per query of a full load (about five times as many events). */
const LOAD_CHUNK = 20_000;
/**
 * A sequence number below the newest one that is not in the log yet belongs to a transaction still running (or one
 * rolled back): it is read again until it shows up or is this old. Longer than any writer's transaction.
 */
const GAP_TTL_MS = 5 * 60_000;
/** At a full load, sequence numbers this far below the newest are checked for such gaps. */
const GAP_LOOKBACK = 10_000;
/** The log keeps a day (the maintenance job prunes it); a reader idle for longer than this loads afresh. */
const MAX_IDLE_MS = 6 * 3_600_000;

const ARTICLE_DAY = Prisma.sql`COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)`;

/**
 * Processed articles as one JSON array of [id, day, source, processedAt, regions, actors, events], each event
 * [incidentId, incidentDay, day, region, type, actor1, actor2, claim, place]. Days are days since 1970-01-01.
 * JSON built by Postgres and parsed once is far cheaper than a row object per event.
 */
function articlesJson(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(json_agg(json_build_array(
      a.id, ${ARTICLE_DAY} - DATE '1970-01-01', a.source, round(extract(epoch FROM a.processed_at) * 1000)::float8,
      ARRAY(SELECT r.region_code FROM article_regions r WHERE r.article_id = a.id AND r.role = 'event'),
      ARRAY(SELECT x.actor_id FROM article_actors x WHERE x.article_id = a.id),
      (SELECT coalesce(json_agg(json_build_array(
          e.incident_id, i.date_start - DATE '1970-01-01', COALESCE(e.date, ${ARTICLE_DAY}) - DATE '1970-01-01',
          e.region_code, e.type, e.actor1_id, e.actor2_id, e.claim_status::text,
          CASE WHEN e.place_name IS NOT NULL AND e.lat IS NOT NULL AND e.lon IS NOT NULL THEN
            e.place_name || '|' || COALESCE(e.region_code, '') || '|' || round(e.lat::numeric, 4)::text || '|'
            || round(e.lon::numeric, 4)::text END
        )), '[]'::json)
       FROM events e LEFT JOIN incidents i ON i.id = e.incident_id WHERE e.article_id = a.id)
    ) ORDER BY a.id), '[]'::json)::text AS rows
    FROM articles a WHERE a.status = 'done' AND ${where}`;
}

type EventTuple = [
  string | null,
  number | null,
  number,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
];
type ArticleTuple = [string, number, string | null, number | null, string[], string[], EventTuple[]];

function toRecord([id, day, source, processedAt, regions, actors, events]: ArticleTuple): ArticleRecord {
  return {
    id,
    day,
    source,
    processedAt,
    regions,
    actors,
    events: events.map(([incidentId, incidentDay, eventDay, region, type, actor1, actor2, claim, place]) => ({
      incidentId,
      incidentDay,
      day: eventDay,
      region,
      type,
      actor1,
      actor2,
      claim,
      place,
    })),
  };
}

type Db = Pick<PrismaClient, "$queryRaw">;

async function loadArticles(db: Db, where: Prisma.Sql): Promise<ArticleRecord[]> {
  const [result] = await db.$queryRaw<{ rows: string }[]>(articlesJson(where));
  return (JSON.parse(result!.rows) as ArticleTuple[]).map(toRecord);
}

export interface StatsIndexOptions {
  /** Refresh in the background this often, so an idle process stays close to the log (0: never). */
  refreshEveryMs?: number;
  /** More changes than this since the last read (a bulk re-enrichment, say) load everything afresh instead. */
  maxChanges?: number;
}

/** Past this many changes one refresh would read hundreds of MB as one JSON document; a chunked full load is safer. */
const MAX_CHANGES = 50_000;

/** A StatsStore that follows the database. `current()` answers the store with every committed change applied. */
export class StatsIndex {
  private store: StatsStore | null = null;
  private lastSeq = 0n;
  /** Sequence numbers not seen yet below lastSeq, with when they were first missed. */
  private gaps = new Map<bigint, number>();
  private lastRefreshAt = 0;
  private running: Promise<StatsStore> | null = null;
  private again: Promise<StatsStore> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: PrismaClient,
    private readonly options: StatsIndexOptions = {},
  ) {}

  /**
   * The store, current as of this call: a refresh that was already running when it was made may have missed a
   * change committed just before, so a call made during one waits for the next.
   */
  current(): Promise<StatsStore> {
    if (!this.running) {
      this.running = this.refresh().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.again ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.again = null;
        return this.current();
      });
    return this.again;
  }

  /** Stops the background refresh. */
  close(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<StatsStore> {
    const now = Date.now();
    if (!this.store || now - this.lastRefreshAt > MAX_IDLE_MS) await this.loadAll();
    else await this.applyChanges();
    this.lastRefreshAt = now;
    if (this.options.refreshEveryMs && !this.timer) {
      this.timer = setInterval(() => void this.current().catch(() => {}), this.options.refreshEveryMs);
      this.timer.unref();
    }
    return this.store!;
  }

  /** Everything, from one snapshot, with the log position that snapshot had. */
  private async loadAll(): Promise<void> {
    const store = new StatsStore();
    const { lastSeq, gaps } = await this.db.$transaction(
      async (tx) => {
        const [head] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT COALESCE(max(seq), 0) AS seq FROM stats_changes`;
        const lastSeq = head!.seq;
        const visible = new Set(
          (
            await tx.$queryRaw<
              { seq: bigint }[]
            >`SELECT seq FROM stats_changes WHERE seq > ${lastSeq - BigInt(GAP_LOOKBACK)}`
          ).map((r) => r.seq),
        );
        const gaps = new Map<bigint, number>();
        for (let s = lastSeq - BigInt(GAP_LOOKBACK) + 1n; s <= lastSeq; s++)
          if (s > 0n && !visible.has(s)) gaps.set(s, Date.now());
        let after: string | null = null;
        for (;;) {
          const chunk: ArticleRecord[] = await loadArticles(
            tx,
            Prisma.sql`a.id IN (SELECT id FROM articles WHERE status = 'done' AND id > COALESCE(${after}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
              ORDER BY id LIMIT ${LOAD_CHUNK})`,
          );
          for (const article of chunk) store.putArticle(article);
          if (chunk.length < LOAD_CHUNK) break;
          after = chunk[chunk.length - 1]!.id;
        }
        return { lastSeq, gaps };
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 600_000, maxWait: 30_000 },
    );
    this.store = store;
    this.lastSeq = lastSeq;
    this.gaps = gaps;
  }

  private async applyChanges(): Promise<void> {
    const store = this.store!;
    const missing = [...this.gaps.keys()];
    const maxChanges = this.options.maxChanges ?? MAX_CHANGES;
    const changes = await this.db.$queryRaw<{ seq: bigint; articleId: string | null; incidentId: string | null }[]>`
      SELECT seq, article_id AS "articleId", incident_id AS "incidentId" FROM stats_changes
      WHERE seq > ${this.lastSeq} OR seq = ANY(${missing}::bigint[]) ORDER BY seq LIMIT ${maxChanges + 1}`;
    if (changes.length === 0) return this.expireGaps();
    if (changes.length > maxChanges) return this.loadAll();

    const articleIds = new Set<string>();
    const incidentIds = new Set<string>();
    for (const c of changes) {
      if (c.articleId) articleIds.add(c.articleId);
      if (c.incidentId) incidentIds.add(c.incidentId);
    }
    // Read the rows before touching the store, so a failed query leaves it as it was (and the log where it was).
    const ids = [...articleIds];
    const articles = ids.length === 0 ? [] : await loadArticles(this.db, Prisma.sql`a.id = ANY(${ids}::uuid[])`);
    const incidents =
      incidentIds.size === 0
        ? []
        : await this.db.$queryRaw<{ id: string; day: DayNumber | null }[]>`
            SELECT id, date_start - DATE '1970-01-01' AS day FROM incidents WHERE id = ANY(${[...incidentIds]}::uuid[])`;

    for (const id of ids) store.removeArticle(id);
    for (const article of articles) store.putArticle(article);
    const found = new Map(incidents.map((i) => [i.id, i.day]));
    for (const id of incidentIds) store.setIncidentDay(id, found.get(id) ?? null);

    const now = Date.now();
    for (const c of changes) {
      this.gaps.delete(c.seq);
      if (c.seq > this.lastSeq) {
        for (let s = this.lastSeq + 1n; s < c.seq; s++) this.gaps.set(s, now);
        this.lastSeq = c.seq;
      }
    }
    this.expireGaps();
  }

  private expireGaps() {
    const now = Date.now();
    for (const [seq, since] of this.gaps) if (now - since > GAP_TTL_MS) this.gaps.delete(seq);
  }
}
