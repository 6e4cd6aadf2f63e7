// Stores a batch of enriched articles in ONE transaction with set-based SQL, replacing whatever a previous run
// stored for them: their regions, actors, LSH bands and events, each event's incident and each article's story.
// Incidents and stories are assigned in memory, article by article in batch order, with the same pure functions
// and the same candidate rules as storing the articles one at a time, so an article can join an incident or a
// story that an earlier article of the same batch created.
// The articles stay `processing` while that transaction writes their rows and become `done` in its last UPDATE of
// them, so they are counted (the stats change log follows status) exactly when their rows commit; a crash before
// the commit leaves them `processing` for their job's retry (or the reconciler) to store again.
import { randomUUID } from "node:crypto";
import type { EnrichedArticle } from "@frontline/model";
import { Prisma } from "@frontline/model/db";
import type { Pool } from "pg";
import { assignIncidents, INCIDENT_WINDOW_DAYS, type IncidentEvent, type IncidentSummary } from "./incident-match.ts";
import { inTransaction, type Sql } from "./sql.ts";
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

type Tx = Sql;

const LOCK_NAMESPACE = 727_140_002;
/** Most candidates looked at per article and signal, as when storing one article at a time. */
const STORY_CANDIDATES = 100;
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => day(new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000));
const midnight = (d: string) => new Date(`${d}T00:00:00Z`);
/** A band as article_lsh_keys stores it: (band << 32) | hash, the hash as unsigned 32 bits (exact in a double). */
const lshKey = (b: { band: number; hash: number }) => b.band * 2 ** 32 + (b.hash >>> 0);

export interface ArticleToPersist {
  article: { id: string; title: string | null; publishedAt: Date | null; receivedAt: Date };
  /** The stored text the events' evidence offsets index into. */
  text: string;
  /** Already checked against the EnrichedArticle schema. */
  enriched: EnrichedArticle;
}

/** What an article contributes, computed per job before it joins a batch (pure CPU). */
export interface PersistItem {
  id: string;
  title: string | null;
  enriched: EnrichedArticle;
  articleDay: string;
  incidentEvents: IncidentEvent[];
  signature: number[];
  bands: { band: number; hash: number }[];
  profile: StoryProfile;
  primary: string | null;
}

export function preparePersist({ article, text, enriched }: ArticleToPersist): PersistItem {
  const articleDay = day(article.publishedAt ?? article.receivedAt);
  const signature = minhash(text);
  return {
    id: article.id,
    title: article.title,
    enriched,
    articleDay,
    incidentEvents: enriched.events.map((e) => ({
      family: e.acled.eventType,
      type: e.type,
      regionCode: e.region?.code ?? null,
      placeName: e.place?.name ?? null,
      actor1Id: e.actor1?.id ?? null,
      actor2Id: e.actor2?.id ?? null,
      date: e.date?.value ?? articleDay,
    })),
    signature,
    bands: bands(signature),
    profile: storyProfile(enriched),
    primary: primaryRegion(enriched.regions),
  };
}

/**
 * Stores the items, answering one result per item in order: its outcome, or an Error for it alone. The same
 * article twice is stored once and both get its outcome. If the batch transaction fails (a value the database
 * refuses, a deadlock), each article is tried on its own, so one article's trouble does not fail the others.
 */
export async function persistArticles(
  pool: Pool,
  items: PersistItem[],
  /** Told when the batch transaction failed and the articles are stored one by one. */
  onSplit?: (err: Error) => void,
  /** Candidates' signatures read by earlier batches (one cache per processor); without it, none are reused. */
  signatures: SignatureCache = new SignatureCache(),
): Promise<(ProcessedArticle | Error)[]> {
  const slotOf = new Map<string, number>();
  const unique: PersistItem[] = [];
  const slots = items.map((item) => {
    let slot = slotOf.get(item.id);
    if (slot === undefined) {
      slot = unique.length;
      slotOf.set(item.id, slot);
      unique.push(item);
    }
    return slot;
  });
  let results: (ProcessedArticle | Error)[];
  try {
    results = await persistBatch(pool, unique, signatures);
  } catch (err) {
    if (unique.length === 1) throw err;
    onSplit?.(err as Error);
    results = [];
    for (const p of unique)
      results.push(
        await persistBatch(pool, [p], signatures).then(
          (r) => r[0]!,
          (e: Error) => e,
        ),
      );
  }
  return slots.map((slot) => results[slot]!);
}

/** A stored article as story matching sees it. */
interface StoryState extends StoryCandidate {
  /** Epoch ms: compared and sorted for every article of a batch, so a number, not a Date. */
  receivedAt: number;
  publishedAt: string | null;
  /** Status done or processing: only those are candidates. */
  eligible: boolean;
}

/** Story-matching columns of articles `a`. */
const CANDIDATE_COLUMNS = Prisma.raw(`a.id, a.story_id AS "storyId", a.minhash, a.primary_region AS "primaryRegion",
  a.story_profile AS profile, a.received_at AS "receivedAt", a.published_at AS "publishedAt"`);

/** A CANDIDATE_COLUMNS row as JSON has it. */
interface CandidateRow {
  id: string;
  storyId: string | null;
  minhash: number[] | null;
  primaryRegion: string | null;
  profile: StoryProfile | null;
  receivedAt: string;
  publishedAt: string | null;
}

function storyState(r: CandidateRow, eligible: boolean): StoryState {
  return {
    articleId: r.id,
    storyId: r.storyId,
    minhash: r.minhash ?? [],
    primaryRegion: r.primaryRegion,
    profile: r.profile,
    receivedAt: Date.parse(r.receivedAt),
    publishedAt: r.publishedAt,
    eligible,
  };
}

/**
 * The rows of a query, as one JSON document: for the hundreds of candidate rows (each with a 128-number signature)
 * a batch reads, Postgres' JSON and JSON.parse cost a fraction of decoding every value of every row. Dates come as
 * 'YYYY-MM-DD' strings, timestamps as ISO strings.
 */
async function jsonRows<T>(tx: Tx, query: Prisma.Sql): Promise<T[]> {
  const [result] = await tx.rows<{ rows: string }>(
    Prisma.sql`SELECT coalesce(json_agg(q), '[]')::text AS rows FROM (${query}) AS q`,
  );
  return JSON.parse(result!.rows) as T[];
}

/**
 * The signatures and profiles (by far the bulk of a candidate row) of candidates read before, per article and row
 * version (xmin: any update of the row changes it), so a batch reads again only those of candidates it has not seen
 * as they are: most of a region's newest articles are the same from one batch to the next. Least recently used go
 * first past `capacity`.
 */
export class SignatureCache {
  private readonly entries = new Map<
    string,
    { version: string; minhash: number[] | null; profile: StoryProfile | null }
  >();
  /** The candidates the last region query answered per region: what the next batch in that region may know. */
  private readonly lastInRegion = new Map<string, string[]>();

  constructor(private readonly capacity = 20_000) {}

  /** Ids and versions cached for these articles (unknown ids are left out). */
  known(ids: Iterable<string>): { ids: string[]; versions: string[] } {
    const out = { ids: [] as string[], versions: [] as string[] };
    for (const id of new Set(ids)) {
      const e = this.entries.get(id);
      if (e) {
        out.ids.push(id);
        out.versions.push(e.version);
      }
    }
    return out;
  }

  knownInRegions(regions: Iterable<string>): { ids: string[]; versions: string[] } {
    return this.known([...new Set(regions)].flatMap((r) => this.lastInRegion.get(r) ?? []));
  }

  /** The cached signature and profile of a known row (it becomes the most recently used). */
  take(id: string): { minhash: number[] | null; profile: StoryProfile | null } {
    const e = this.entries.get(id)!;
    this.entries.delete(id);
    this.entries.set(id, e);
    return e;
  }

  put(id: string, version: string, minhash: number[] | null, profile: StoryProfile | null) {
    this.entries.delete(id);
    this.entries.set(id, { version, minhash, profile });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  rememberRegion(region: string, ids: string[]) {
    this.lastInRegion.set(region, ids);
  }
}

/** A candidate row as cachedCandidates answers it: minhash and profile are null when `known`. */
type CachedCandidateRow = CandidateRow & { version: string; known: boolean };

/**
 * Candidate rows of `query` (which selects CANDIDATE_COLUMNS, "window" and the row's xmin as "version"), in its
 * order, with the signature and profile of the rows the cache knows in that version left out by Postgres and filled
 * in from the cache.
 */
async function cachedCandidates<T extends { window: number }>(
  tx: Tx,
  signatures: SignatureCache,
  known: { ids: string[]; versions: string[] },
  query: Prisma.Sql,
): Promise<(T & CandidateRow)[]> {
  const rows = await jsonRows<T & CachedCandidateRow>(
    tx,
    Prisma.sql`SELECT q."window", q.id, q."storyId", q."primaryRegion", q."receivedAt", q."publishedAt", q.version,
        k.id IS NOT NULL AS known,
        CASE WHEN k.id IS NULL THEN q.minhash END AS minhash,
        CASE WHEN k.id IS NULL THEN q.profile END AS profile
      FROM (SELECT c.*, row_number() OVER () AS n FROM (${query}) AS c) AS q
      LEFT JOIN unnest(${known.ids}::uuid[], ${known.versions}::text[]) AS k(id, version) ON k.id = q.id AND k.version = q.version
      ORDER BY q.n`,
  );
  // Known rows first, so that caching the others cannot evict one of them before it is read.
  const hits = rows.map((r) => (r.known ? signatures.take(r.id) : undefined));
  return rows.map(({ known: _known, version, ...row }, i) => {
    const hit = hits[i];
    if (hit) return { ...row, minhash: hit.minhash, profile: hit.profile };
    signatures.put(row.id, version, row.minhash, row.profile);
    return row;
  }) as (T & CandidateRow)[];
}

async function persistBatch(
  pool: Pool,
  batch: PersistItem[],
  signatures: SignatureCache,
): Promise<(ProcessedArticle | Error)[]> {
  return inTransaction(pool, (tx) => persistInTransaction(tx, batch, signatures));
}

async function persistInTransaction(
  tx: Tx,
  batch: PersistItem[],
  signatures: SignatureCache,
): Promise<(ProcessedArticle | Error)[]> {
  // Lock the articles first (in id order), so two runs of the same article never interleave their writes.
  const locked = await jsonRows<CandidateRow & { status: string; processedAt: string | null }>(
    tx,
    Prisma.sql`SELECT ${CANDIDATE_COLUMNS}, a.status, a.processed_at AS "processedAt"
      FROM articles a WHERE a.id = ANY(${batch.map((p) => p.id)}::uuid[]) ORDER BY a.id FOR UPDATE`,
  );
  const lockedById = new Map(locked.map((r) => [r.id, r]));
  const live = batch.filter((p) => lockedById.has(p.id));
  const ids = live.map((p) => p.id);
  if (live.length === 0) return batch.map((p) => missing(p.id));

  // The batch's own rows first, before any shared lock: no other transaction sees them before commit, and none of
  // them depends on what other articles are stored. (Events go after assignment: they carry their incident.)
  // Only an article stored before (processed_at is set by every run that stored rows) has rows to replace.
  const rerun = live.filter((p) => lockedById.get(p.id)!.processedAt !== null).map((p) => p.id);
  let previous: { articleId: string; ordinal: number; incidentId: string | null }[] = [];
  if (rerun.length > 0) {
    previous = await tx.rows(Prisma.sql`
      SELECT article_id AS "articleId", ordinal, incident_id AS "incidentId" FROM events WHERE article_id = ANY(${rerun}::uuid[])`);
    await tx.run(Prisma.sql`DELETE FROM events WHERE article_id = ANY(${rerun}::uuid[])`);
    await tx.run(Prisma.sql`DELETE FROM article_regions WHERE article_id = ANY(${rerun}::uuid[])`);
    await tx.run(Prisma.sql`DELETE FROM article_actors WHERE article_id = ANY(${rerun}::uuid[])`);
    // By key (the table's only index), from the signature the article was stored with.
    const stale = rerun.flatMap((id) => bands(lockedById.get(id)!.minhash ?? []).map((b) => ({ id, key: lshKey(b) })));
    if (stale.length > 0) {
      await tx.run(Prisma.sql`DELETE FROM article_lsh_keys AS k
        USING unnest(${stale.map((s) => s.key)}::bigint[], ${stale.map((s) => s.id)}::uuid[]) AS o(key, article_id)
        WHERE k.key = o.key AND k.article_id = o.article_id`);
    }
  }
  await insertOwnRows(tx, live);

  // Concurrent batches serialise on what they may both create: incidents per region, stories per primary region.
  // Held to commit. One sorted list for the whole batch (unnest keeps the array's order), so lock order is the
  // same everywhere.
  const keys = [
    ...new Set(
      live.flatMap((p) => [
        `story:${p.primary ?? "-"}`,
        ...p.incidentEvents.flatMap((e) => (e.regionCode ? [`incident:${e.regionCode}`] : [])),
      ]),
    ),
  ].sort();
  await tx.run(
    Prisma.sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(k)) FROM unnest(${keys}::text[]) AS k`,
  );

  const incidents = await loadIncidents(tx, live, previous);
  const stories = await loadStories(tx, live, locked, signatures);

  // Assign, article by article, as if they were stored one after the other.
  const outcome = new Map<string, { incidentIds: string[]; storyId: string }>();
  live.forEach((p, index) => {
    outcome.set(p.id, { incidentIds: incidents.assign(p), storyId: stories.assign(p, index) });
  });

  await incidents.insertCreated(tx);
  await insertEvents(tx, live, outcome);
  await incidents.deleteEmptied(tx);
  await stories.write(tx);
  // Widened incidents last but one: their stats trigger may take the rollup's lock, held to commit.
  await incidents.updateChanged(tx);

  // What the articles are now (processed_at also marks them as having rows to replace next time), and done.
  const now = new Date();
  await tx.run(Prisma.sql`UPDATE articles AS a SET
      status = 'done', failure_reason = NULL, processed_at = ${now}, updated_at = ${now},
      language = v.language, sources = ARRAY(SELECT jsonb_array_elements_text(v.sources)),
      story_id = v.story_id, primary_region = v.primary_region, story_profile = v.profile, minhash = v.minhash::int[]
    FROM unnest(
      ${ids}::uuid[], ${live.map((p) => p.enriched.language)}::text[], ${live.map((p) => JSON.stringify(p.enriched.sources ?? []))}::jsonb[],
      ${live.map((p) => outcome.get(p.id)!.storyId)}::uuid[], ${live.map((p) => p.primary)}::text[],
      ${live.map((p) => JSON.stringify(p.profile))}::jsonb[], ${live.map((p) => `{${p.signature.join(",")}}`)}::text[]
    ) AS v(id, language, sources, story_id, primary_region, profile, minhash)
    WHERE a.id = v.id`);
  await stories.deleteEmptied(tx);

  return batch.map((p) => {
    const o = outcome.get(p.id);
    if (!o) return missing(p.id);
    return {
      articleId: p.id,
      events: p.enriched.events.length,
      regions: p.enriched.regions.length,
      actors: p.enriched.actors.length,
      storyId: o.storyId,
      incidents: new Set(o.incidentIds).size,
    };
  });
}

/** Deleted while it was being processed: only its own job fails (and its retry finds the article gone). */
function missing(id: string): Error {
  return new Error(`article ${id} does not exist`);
}

/** Regions, actors and LSH bands: what the articles contribute whatever else is stored. */
async function insertOwnRows(tx: Tx, live: PersistItem[]) {
  const regions = live.flatMap((p) =>
    p.enriched.regions.map((r) => ({ id: p.id, code: r.code, mentions: r.mentions, role: r.role ?? "event" })),
  );
  if (regions.length > 0) {
    await tx.run(Prisma.sql`INSERT INTO article_regions (article_id, region_code, mentions, role)
      SELECT * FROM unnest(${regions.map((r) => r.id)}::uuid[], ${regions.map((r) => r.code)}::text[], ${regions.map((r) => r.mentions)}::int[], ${regions.map((r) => r.role)}::"RegionRole"[])`);
  }
  const actors = live.flatMap((p) => p.enriched.actors.map((a) => ({ id: p.id, actor: a.id, mentions: a.mentions })));
  if (actors.length > 0) {
    await tx.run(Prisma.sql`INSERT INTO article_actors (article_id, actor_id, mentions)
      SELECT * FROM unnest(${actors.map((a) => a.id)}::uuid[], ${actors.map((a) => a.actor)}::text[], ${actors.map((a) => a.mentions)}::int[])`);
  }
  const keys = live.flatMap((p) => p.bands.map((b) => ({ id: p.id, key: lshKey(b) })));
  if (keys.length > 0) {
    await tx.run(Prisma.sql`INSERT INTO article_lsh_keys (key, article_id)
      SELECT * FROM unnest(${keys.map((k) => k.key)}::bigint[], ${keys.map((k) => k.id)}::uuid[])`);
  }
}

async function insertEvents(tx: Tx, live: PersistItem[], outcome: Map<string, { incidentIds: string[] }>) {
  const rows = live.flatMap((p) =>
    p.enriched.events.map((e, ordinal) => ({
      id: p.id,
      ordinal,
      e,
      incidentId: outcome.get(p.id)!.incidentIds[ordinal]!,
    })),
  );
  if (rows.length === 0) return;
  const col = (f: (r: (typeof rows)[number]) => string | number | null) => rows.map(f);
  await tx.run(Prisma.sql`INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, actor1_id, actor2_id,
      region_code, place_name, lat, lon, date, date_precision, claim_status, claim_by, claim_disputed_by, quantities,
      evidence_text, evidence_start, evidence_end, confidence, incident_id)
    SELECT gen_random_uuid(), v.* FROM unnest(
      ${col((r) => r.id)}::uuid[], ${col((r) => r.ordinal)}::int[], ${col((r) => r.e.type)}::text[],
      ${col((r) => r.e.acled.eventType)}::text[], ${col((r) => r.e.acled.subEventType)}::text[],
      ${col((r) => r.e.actor1?.id ?? null)}::text[], ${col((r) => r.e.actor2?.id ?? null)}::text[],
      ${col((r) => r.e.region?.code ?? null)}::text[], ${col((r) => r.e.place?.name ?? null)}::text[],
      ${col((r) => r.e.place?.lat ?? null)}::float8[], ${col((r) => r.e.place?.lon ?? null)}::float8[],
      ${col((r) => r.e.date?.value ?? null)}::date[], ${col((r) => r.e.date?.precision ?? null)}::text[]::"DatePrecision"[],
      ${col((r) => r.e.claim?.status ?? null)}::text[]::"ClaimStatus"[], ${col((r) => r.e.claim?.by ?? null)}::text[],
      ${col((r) => r.e.claim?.disputedBy ?? null)}::text[],
      ${col((r) => (r.e.quantities ? JSON.stringify(r.e.quantities) : null))}::jsonb[],
      ${col((r) => r.e.evidence.text)}::text[], ${col((r) => r.e.evidence.start)}::int[], ${col((r) => r.e.evidence.end)}::int[],
      ${col((r) => r.e.confidence)}::float8[], ${col((r) => r.incidentId)}::uuid[]
    ) AS v`);
}

type StoredIncident = IncidentSummary & { id: string };

/**
 * The incidents the batch may touch: candidates for every (region, family) pair of its events within the window,
 * and the incidents its articles' events had before (a re-run keeps them). `assign` works on this in-memory copy;
 * `insertCreated` and `updateChanged` store what was created or widened.
 */
async function loadIncidents(
  tx: Tx,
  live: PersistItem[],
  previous: { articleId: string; ordinal: number; incidentId: string | null }[],
) {
  const previousByArticle = new Map<string, (string | null)[]>();
  for (const r of previous) {
    const list = previousByArticle.get(r.articleId) ?? [];
    list[r.ordinal] = r.incidentId;
    previousByArticle.set(r.articleId, list);
  }
  const previousIds = [...new Set(previous.flatMap((r) => (r.incidentId ? [r.incidentId] : [])))];

  // An article's candidates are exactly those storing it alone would fetch (assignIncidents breaks some ties by
  // position among them): its (region, family) pairs, overlapping the span of its located events' dates widened
  // by the window, and its previous incidents. Loaded for the whole batch: per pair, the union of those spans.
  const spanOf = (p: PersistItem) => {
    const dates = p.incidentEvents.flatMap((e) => (e.regionCode === null ? [] : [e.date])).sort();
    return dates.length === 0
      ? null
      : { from: addDays(dates[0]!, -INCIDENT_WINDOW_DAYS), to: addDays(dates.at(-1)!, INCIDENT_WINDOW_DAYS) };
  };
  const ranges = new Map<string, { region: string; family: string; from: string; to: string }>();
  for (const p of live) {
    const span = spanOf(p);
    for (const e of p.incidentEvents) {
      if (e.regionCode === null) continue;
      const key = `${e.regionCode}\u0000${e.family}`;
      const r = ranges.get(key);
      if (!r) ranges.set(key, { region: e.regionCode, family: e.family, ...span! });
      else {
        if (span!.from < r.from) r.from = span!.from;
        if (span!.to > r.to) r.to = span!.to;
      }
    }
  }
  const pairs = [...ranges.values()];
  const rows = await jsonRows<StoredIncident>(
    tx,
    Prisma.sql`SELECT i.id, i.family, i.type, i.region_code AS "regionCode", i.place_name AS "placeName", i.actor1_id AS "actor1Id",
             i.actor2_id AS "actor2Id", i.date_start AS "dateStart", i.date_end AS "dateEnd"
      FROM incidents i
      JOIN unnest(${pairs.map((p) => p.region)}::text[], ${pairs.map((p) => p.family)}::text[], ${pairs.map((p) => p.from)}::date[], ${pairs.map((p) => p.to)}::date[])
           AS q(region, family, d_from, d_to)
        ON i.region_code = q.region AND i.family = q.family AND i.date_end >= q.d_from AND i.date_start <= q.d_to
      UNION
      SELECT i.id, i.family, i.type, i.region_code, i.place_name, i.actor1_id, i.actor2_id, i.date_start, i.date_end
      FROM incidents i WHERE i.id = ANY(${previousIds}::uuid[])`,
  );
  // How many events refer to each previous incident: one that loses its last event is deleted, as it would be
  // when the articles are stored one at a time, and later articles of the batch can no longer join it. The batch's
  // old events are deleted already; they count until their article's turn.
  const counts = new Map(previousIds.map((id) => [id, 0]));
  if (previousIds.length > 0) {
    for (const r of await tx.rows<{ id: string; n: number }>(Prisma.sql`
      SELECT incident_id AS id, count(*)::int AS n FROM events WHERE incident_id = ANY(${previousIds}::uuid[]) GROUP BY incident_id`)) {
      counts.set(r.id, r.n);
    }
  }
  for (const r of previous) if (r.incidentId) counts.set(r.incidentId, counts.get(r.incidentId)! + 1);

  const byId = new Map<string, StoredIncident>();
  const byPair = new Map<string, Set<string>>();
  const put = (i: StoredIncident) => {
    byId.set(i.id, i);
    const key = `${i.regionCode}\u0000${i.family}`;
    if (!byPair.has(key)) byPair.set(key, new Set());
    byPair.get(key)!.add(i.id);
  };
  for (const r of rows) put(r);
  const created = new Set<string>();
  const changed = new Set<string>();
  const emptied = new Set<string>();

  return {
    /** Each event's incident id for this article, updating the in-memory incidents. */
    assign(p: PersistItem): string[] {
      const previousByEvent = previousByArticle.get(p.id) ?? [];
      const ids = new Set(previousByEvent.filter((id): id is string => !!id && byId.has(id)));
      const span = spanOf(p);
      for (const e of p.incidentEvents) {
        if (e.regionCode === null) continue;
        for (const id of byPair.get(`${e.regionCode}\u0000${e.family}`) ?? []) {
          const i = byId.get(id)!;
          if (i.dateEnd >= span!.from && i.dateStart <= span!.to) ids.add(id);
        }
      }
      const candidates = [...ids].sort().map((id) => byId.get(id)!);
      const { eventIncident, incidents } = assignIncidents(
        p.incidentEvents,
        candidates,
        INCIDENT_WINDOW_DAYS,
        previousByEvent,
      );
      const incidentIds = incidents.map((i) => i.id ?? randomUUID());
      incidents.forEach(({ changed: isChanged, ...i }, index) => {
        const id = incidentIds[index]!;
        if (!i.id) created.add(id);
        else if (isChanged) changed.add(id);
        if (!i.id || isChanged) put({ ...i, id });
      });
      const assigned = eventIncident.map((index) => incidentIds[index]!);
      for (const id of previousByEvent) if (id && counts.has(id)) counts.set(id, counts.get(id)! - 1);
      for (const id of assigned) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
      for (const id of new Set(previousByEvent)) {
        if (!id || counts.get(id) !== 0) continue;
        emptied.add(id);
        const gone = byId.get(id);
        byId.delete(id);
        if (gone) byPair.get(`${gone.regionCode}\u0000${gone.family}`)?.delete(id);
      }
      return assigned;
    },

    async insertCreated(tx: Tx) {
      const fresh = [...created].filter((id) => byId.has(id)).map((id) => byId.get(id)!);
      if (fresh.length > 0) {
        await tx.run(Prisma.sql`INSERT INTO incidents (id, family, type, region_code, place_name, actor1_id, actor2_id, date_start, date_end)
          SELECT * FROM unnest(${fresh.map((i) => i.id)}::uuid[], ${fresh.map((i) => i.family)}::text[], ${fresh.map((i) => i.type)}::text[],
            ${fresh.map((i) => i.regionCode)}::text[], ${fresh.map((i) => i.placeName)}::text[], ${fresh.map((i) => i.actor1Id)}::text[],
            ${fresh.map((i) => i.actor2Id)}::text[], ${fresh.map((i) => i.dateStart)}::date[], ${fresh.map((i) => i.dateEnd)}::date[])`);
      }
    },

    async updateChanged(tx: Tx) {
      const widened = [...changed]
        .filter((id) => byId.has(id) && !created.has(id))
        .sort()
        .map((id) => byId.get(id)!);
      if (widened.length > 0) {
        await tx.run(Prisma.sql`UPDATE incidents AS i SET place_name = v.place_name, actor1_id = v.actor1_id, actor2_id = v.actor2_id,
            date_start = v.date_start, date_end = v.date_end, updated_at = ${new Date()}
          FROM unnest(${widened.map((i) => i.id)}::uuid[], ${widened.map((i) => i.placeName)}::text[], ${widened.map((i) => i.actor1Id)}::text[],
            ${widened.map((i) => i.actor2Id)}::text[], ${widened.map((i) => i.dateStart)}::date[], ${widened.map((i) => i.dateEnd)}::date[])
            AS v(id, place_name, actor1_id, actor2_id, date_start, date_end)
          WHERE i.id = v.id`);
      }
    },

    /** After the new events are in: incidents that lost their last event go. */
    async deleteEmptied(tx: Tx) {
      if (emptied.size === 0) return;
      await tx.run(Prisma.sql`DELETE FROM incidents AS i WHERE i.id = ANY(${[...emptied]}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM events e WHERE e.incident_id = i.id)`);
    },
  };
}

/**
 * Story candidates for the batch: stored articles sharing an LSH band with one of its articles, and stored articles
 * of the same primary region within the window (the newest STORY_CANDIDATES per region and day), outside the batch.
 * The batch's own articles are candidates too, in their state at that point of the batch (before or after their
 * own turn). `assign` picks each article's story; `write` creates and touches stories.
 */
async function loadStories(
  tx: Tx,
  live: PersistItem[],
  locked: (CandidateRow & { status: string })[],
  signatures: SignatureCache,
) {
  const ids = live.map((p) => p.id);
  // Band sharers outside the batch, per article (at most STORY_CANDIDATES each, before the status filter, as before).
  const bandRows = live.flatMap((p, index) => p.bands.map((b) => ({ index, key: lshKey(b) })));
  // One index probe per band (LATERAL … OFFSET 0 keeps Postgres from flattening it into a join): as a plain join it
  // sorts or hashes the whole article_lsh_keys table for a batch's few thousand bands, a cost that grows with the table.
  // A key matches a row or two, but until the table is first analysed Postgres guesses hundreds and probes through a
  // bitmap, at twice the cost (23 against 12 ms for 100 articles' bands): bitmap scans are off for this statement.
  await tx.run(Prisma.sql`SET LOCAL enable_bitmapscan = off`);
  const sharing = await tx.rows<{ index: number; articleId: string }>(Prisma.sql`
    SELECT DISTINCT q.n AS "index", b.article_id AS "articleId"
    FROM unnest(${bandRows.map((b) => b.index)}::int[], ${bandRows.map((b) => b.key)}::bigint[]) AS q(n, key)
    CROSS JOIN LATERAL (SELECT b.article_id FROM article_lsh_keys b WHERE b.key = q.key OFFSET 0) AS b
    WHERE b.article_id <> ALL(${ids}::uuid[])`);
  await tx.run(Prisma.sql`SET LOCAL enable_bitmapscan TO DEFAULT`);
  const sharersOf = new Map<number, string[]>();
  for (const s of sharing) {
    const list = sharersOf.get(s.index) ?? [];
    if (list.length < STORY_CANDIDATES) list.push(s.articleId);
    sharersOf.set(s.index, list);
  }
  const sharerIds = [...new Set([...sharersOf.values()].flat())];
  const sharerRows =
    sharerIds.length === 0
      ? []
      : await cachedCandidates<{ window: number }>(
          tx,
          signatures,
          signatures.known(sharerIds),
          Prisma.sql`SELECT 0 AS "window", ${CANDIDATE_COLUMNS}, a.xmin::text AS version
            FROM articles a WHERE a.id = ANY(${sharerIds}::uuid[]) AND a.status IN ('done', 'processing')`,
        );
  const sharerById = new Map(sharerRows.map((r) => [r.id, storyState(r, true)]));

  // Same primary region within the window, per (region, day) of the batch's articles.
  const windowOf = (p: PersistItem) => ({
    key: `${p.primary}\u0000${p.articleDay}`,
    region: p.primary!,
    from: addDays(p.articleDay, -STORY_WINDOW_DAYS),
    to: addDays(p.articleDay, STORY_WINDOW_DAYS),
    receivedTo: addDays(p.articleDay, STORY_WINDOW_DAYS + 1),
  });
  const windows = [...new Map(live.filter((p) => p.primary).map((p) => [windowOf(p).key, windowOf(p)])).values()];
  const regionRows =
    windows.length === 0
      ? []
      : await cachedCandidates<{ window: number }>(
          tx,
          signatures,
          signatures.knownInRegions(windows.map((w) => w.region)),
          Prisma.sql`SELECT w.n::int AS "window", ${CANDIDATE_COLUMNS}, a.version
          FROM unnest(${windows.map((w) => w.region)}::text[], ${windows.map((w) => w.from)}::date[], ${windows.map((w) => w.to)}::date[],
                      ${windows.map((w) => midnight(w.from))}::timestamptz[], ${windows.map((w) => midnight(w.receivedTo))}::timestamptz[])
               WITH ORDINALITY AS w(region, d_from, d_to, t_from, t_to, n)
          CROSS JOIN LATERAL (
            SELECT a.*, a.xmin::text AS version FROM articles a
            WHERE a.primary_region = w.region AND a.status IN ('done', 'processing') AND a.story_id IS NOT NULL
              AND a.id <> ALL(${ids}::uuid[])
              AND ((a.published_at >= w.d_from AND a.published_at <= w.d_to)
                OR (a.published_at IS NULL AND a.received_at >= w.t_from AND a.received_at <= w.t_to))
            ORDER BY a.received_at DESC
            LIMIT ${STORY_CANDIDATES}::int
          ) AS a`,
        );
  const inRegion = new Map<string, string[]>(windows.map((w) => [w.region, []]));
  for (const r of regionRows) inRegion.get(windows[r.window - 1]!.region)!.push(r.id);
  for (const [region, seen] of inRegion) signatures.rememberRegion(region, seen);
  const inWindow = new Map<string, StoryState[]>();
  for (const r of regionRows) {
    const key = windows[r.window - 1]!.key;
    const list = inWindow.get(key) ?? [];
    list.push(storyState(r, true));
    inWindow.set(key, list);
  }

  // The batch's own articles, as they are before their turn.
  const state = new Map<string, StoryState>();
  for (const r of locked) state.set(r.id, storyState(r, r.status === "done" || r.status === "processing"));
  const bandIndex = new Map<string, Set<string>>();
  const bandKey = (b: { band: number; hash: number }) => `${b.band}:${b.hash}`;
  const indexBands = (id: string, articleBands: { band: number; hash: number }[], add: boolean) => {
    for (const b of articleBands) {
      const key = bandKey(b);
      if (add) {
        if (!bandIndex.has(key)) bandIndex.set(key, new Set());
        bandIndex.get(key)!.add(id);
      } else bandIndex.get(key)?.delete(id);
    }
  };
  // The batch's articles by primary region, before or after their turn (in batch order): an article looks only at
  // those of its own region, not at the whole batch, for each article of the batch.
  const batchInRegion = new Map<string, string[]>();
  for (const p of live) {
    for (const region of new Set([state.get(p.id)!.primaryRegion, p.primary])) {
      if (region === null) continue;
      const ids = batchInRegion.get(region) ?? [];
      ids.push(p.id);
      batchInRegion.set(region, ids);
    }
  }
  // Before their turn, the batch's articles have the bands of the signature they had (stored ones are replaced).
  const oldBands = new Map(live.map((p) => [p.id, bands(state.get(p.id)!.minhash)]));
  for (const p of live) indexBands(p.id, oldBands.get(p.id)!, true);

  // Articles per story, for the stories the batch's articles are in before: a re-run keeps its story when it is
  // the only article left in it, and a story left empty is deleted.
  const members = new Map<string, number>();
  const previousStories = [...new Set(locked.flatMap((r) => (r.storyId ? [r.storyId] : [])))];
  if (previousStories.length > 0) {
    for (const r of await tx.rows<{ id: string; n: number }>(Prisma.sql`
      SELECT story_id AS id, count(*)::int AS n FROM articles WHERE story_id = ANY(${previousStories}::uuid[]) GROUP BY story_id`)) {
      members.set(r.id, r.n);
    }
  }
  const created = new Map<string, { title: string | null; lastSeenOn: string }>();
  const touched = new Map<string, string>();
  const left = new Set<string>();

  return {
    assign(p: PersistItem, index: number): string {
      const self = state.get(p.id)!;
      const candidates: StoryCandidate[] = [];
      const seen = new Set<string>([p.id]);
      const collect = (c: StoryCandidate | undefined) => {
        if (!c || seen.has(c.articleId)) return;
        seen.add(c.articleId);
        candidates.push(c);
      };
      for (const id of sharersOf.get(index) ?? []) collect(sharerById.get(id));
      const batchSharers = new Set(p.bands.flatMap((b) => [...(bandIndex.get(bandKey(b)) ?? [])]));
      for (const id of batchSharers) if (state.get(id)!.eligible) collect(state.get(id));
      if (p.primary) {
        const w = windowOf(p);
        const [receivedFrom, receivedTo] = [midnight(w.from).getTime(), midnight(w.receivedTo).getTime()];
        const fromBatch = (batchInRegion.get(p.primary) ?? [])
          .map((id) => state.get(id)!)
          .filter(
            (s) =>
              s.articleId !== p.id &&
              s.eligible &&
              s.storyId !== null &&
              s.primaryRegion === p.primary &&
              (s.publishedAt !== null
                ? s.publishedAt >= w.from && s.publishedAt <= w.to
                : s.receivedAt >= receivedFrom && s.receivedAt <= receivedTo),
          );
        const newest = [...(inWindow.get(w.key) ?? []), ...fromBatch]
          .sort((a, b) => b.receivedAt - a.receivedAt)
          .slice(0, STORY_CANDIDATES);
        for (const c of newest) collect(c);
      }

      const previous = self.storyId;
      const match = matchStory(
        { minhash: p.signature, primaryRegion: p.primary, profile: p.profile },
        candidates,
        previous,
      );
      let storyId: string;
      if (match) {
        storyId = match.storyId;
        const story = created.get(storyId);
        if (story) story.lastSeenOn = [story.lastSeenOn, p.articleDay].sort()[1]!;
        else touched.set(storyId, [touched.get(storyId) ?? p.articleDay, p.articleDay].sort()[1]!);
      } else if (previous && members.get(previous) === 1) {
        storyId = previous; // a re-run keeps the story it started
      } else {
        storyId = randomUUID();
        created.set(storyId, { title: p.title, lastSeenOn: p.articleDay });
        members.set(storyId, 0);
      }
      if (previous !== storyId) {
        if (previous) {
          if (members.has(previous)) members.set(previous, members.get(previous)! - 1);
          left.add(previous);
        }
        if (members.has(storyId)) members.set(storyId, members.get(storyId)! + 1);
      }

      indexBands(p.id, oldBands.get(p.id)!, false);
      state.set(p.id, {
        ...self,
        storyId,
        minhash: p.signature,
        primaryRegion: p.primary,
        profile: p.profile,
        eligible: true,
      });
      indexBands(p.id, p.bands, true);
      return storyId;
    },

    async write(tx: Tx) {
      const fresh = [...created];
      if (fresh.length > 0) {
        await tx.run(Prisma.sql`INSERT INTO stories (id, title, last_seen_on)
          SELECT * FROM unnest(${fresh.map(([id]) => id)}::uuid[], ${fresh.map(([, s]) => s.title)}::text[], ${fresh.map(([, s]) => s.lastSeenOn)}::date[])`);
      }
      const seen = [...touched].sort(([a], [b]) => (a < b ? -1 : 1));
      if (seen.length > 0) {
        await tx.run(Prisma.sql`UPDATE stories AS s SET last_seen_on = GREATEST(s.last_seen_on, v.day)
          FROM unnest(${seen.map(([id]) => id)}::uuid[], ${seen.map(([, d]) => d)}::date[]) AS v(id, day) WHERE s.id = v.id`);
      }
    },

    /** After the articles point at their new stories: a story they all left goes. */
    async deleteEmptied(tx: Tx) {
      if (left.size === 0) return;
      await tx.run(Prisma.sql`DELETE FROM stories AS s WHERE s.id = ANY(${[...left]}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)`);
    },
  };
}
