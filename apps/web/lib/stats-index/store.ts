// An in-memory column store of the processed articles and their events, from which every stats view is counted.
// Pure: no I/O (sync.ts fills and refreshes it from Postgres). About 100 bytes of typed arrays per event plus the id
// maps (the server held ≈600 MB at a million events), and a count takes milliseconds where the same counts in
// Postgres take seconds (scripts/bench-stats.ts).
//
// Counting rules (the same as the SQL reference in ../stats.ts): mentions are events, each counted on its own day
// (its date, else its article's). Incidents are events deduplicated: an incident counts once, on the day it began
// (else the event's own day), under every region, type, actor, claim, source and place of its events that match the
// filters; an event without an incident is an incident of its own. Articles counted are the articles of the matching
// events, or, with no filter but the date window, every processed article whose day is in the window.

/** Days since 1970-01-01 (UTC). */
export type DayNumber = number;

export interface EventRecord {
  /** Null: the event is an incident of its own. */
  incidentId: string | null;
  /** The incident's start day, when it has an incident that has one. */
  incidentDay: DayNumber | null;
  /** The event's own day: its date, else its article's day. */
  day: DayNumber;
  region: string | null;
  type: string;
  actor1: string | null;
  actor2: string | null;
  claim: string | null;
  /** name|region|lat|lon of a place with coordinates, else null. */
  place: string | null;
}

export interface ArticleRecord {
  id: string;
  /** Publication day, else the day it was received. */
  day: DayNumber;
  source: string | null;
  /** Epoch milliseconds. */
  processedAt: number | null;
  regions: string[];
  actors: string[];
  events: EventRecord[];
}

export interface StoreFilters {
  from?: DayNumber;
  to?: DayNumber;
  region?: string;
  actor?: string;
  type?: string;
  source?: string;
  claim?: string;
}

export interface KeyCount {
  facet: string;
  key: string;
  count: number;
}

export interface SeriesPoint {
  date: string;
  type: string;
  events: number;
}

export interface StoreCounts {
  /** Facet rows named as the SQL reference names them ('i-region' … for incidents, 'articles', 'article-region' …). */
  rows: KeyCount[];
  series: SeriesPoint[];
  /** Newest processedAt of the counted articles (epoch ms). */
  latestAt: number | null;
}

const NONE = -1;
/** A filter that is not set. */
const ANY = -3;
const UNKNOWN_DAY = -2_147_483_648;

export function dayNumber(isoDate: string): DayNumber {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

export function isoDay(day: DayNumber): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday that starts the ISO week of `day` (1970-01-01 was a Thursday). */
const weekStart = (day: DayNumber) => day - ((((day + 3) % 7) + 7) % 7);

/** Strings as small integers, so columns can be typed arrays. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string | null): number {
    if (value === null) return NONE;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  /** NONE for a value never seen: no row can match it. */
  find(value: string): number {
    return this.codes.get(value) ?? NONE;
  }
  get size() {
    return this.values.length;
  }
}

/** Slots with a free list, so rows removed by a refresh are reused rather than leaked. */
class Slots {
  private free: number[] = [];
  private next = 0;
  take(): number {
    return this.free.pop() ?? this.next++;
  }
  release(slot: number) {
    this.free.push(slot);
  }
  get capacity() {
    return this.next;
  }
}

function grow(array: Int32Array<ArrayBuffer>, slot: number): Int32Array<ArrayBuffer> {
  if (slot < array.length) return array;
  const bigger = new Int32Array(Math.max(slot + 1, array.length * 2));
  bigger.set(array);
  return bigger;
}

interface ArticleRow {
  id: string;
  day: DayNumber;
  source: number;
  processedAt: number | null;
  regions: number[];
  actors: number[];
  events: number[];
}

/**
 * The store as counting reads it: every live event in incident order (an incident's events side by side, so one
 * pass counts each incident once by remembering the last incident that counted a key), and the articles as columns.
 * Rebuilt from the slots on the first count after a change: a few passes over typed arrays.
 */
interface Frozen {
  events: number;
  incident: Int32Array;
  /** The event's own day (mentions) and the day its incident counts on (incidents). */
  day: Int32Array;
  incidentDay: Int32Array;
  // Key columns (region … place) hold code + 1, so 0 is "none" and counting needs no branch for it (slot 0 is never
  // reported).
  region: Int32Array;
  type: Int32Array;
  actor1: Int32Array;
  actor2: Int32Array;
  claim: Int32Array;
  source: Int32Array;
  place: Int32Array;
  article: Int32Array;
  minDay: DayNumber;
  maxDay: DayNumber;
  /** Every incident's events count on one day (always, when incidents have a start): daily sums are then exact. */
  oneDayIncidents: boolean;
  /** Per-day counts of the whole store, built on the first window-only count that needs them. */
  daily: { incidents?: DailyEvents; mentions?: DailyEvents; articles?: DailyArticles };
  /** Per filterable facet, the positions of each key's events, built on the first count filtering by it. */
  postings: Partial<Record<FilterFacet, Postings>>;
  /** Counts already made on this layout, by view: a dashboard asks for the same views over and over. */
  counted: Map<string, StoreCounts>;
  articleAlive: Uint8Array;
  articleDay: Int32Array;
  articleSource: Int32Array;
  /** NaN when not known. */
  articleProcessedAt: Float64Array;
  /** CSR lists: article a's regions are regionKeys[regionStart[a] .. regionStart[a + 1]). */
  regionStart: Int32Array;
  regionKeys: Int32Array;
  actorStart: Int32Array;
  actorKeys: Int32Array;
}

/** Event counts per day: key k of facet f on day d at (d - origin) * strides[f] + k (keys are code + 1). */
interface DailyEvents {
  origin: DayNumber;
  days: number;
  strides: SixNumbers;
  counts: Six;
  totals: Int32Array;
}

/** Article counts per day (keys are codes). */
interface DailyArticles {
  origin: DayNumber;
  days: number;
  totals: Int32Array;
  regions: Int32Array;
  actors: Int32Array;
  sources: Int32Array;
  latestAt: Float64Array;
}

type FilterFacet = "region" | "type" | "actor" | "claim" | "source";

/** The positions (ascending, so an incident's events stay side by side) of key k: positions[start[k] .. start[k + 1]). */
interface Postings {
  start: Int32Array;
  positions: Int32Array;
}

/** Postings of the key values (code + 1) in `columns`; 0 ("none") is left out. */
function buildPostings(columns: Int32Array[], keys: number, events: number): Postings {
  const start = new Int32Array(keys + 2);
  for (const column of columns) for (let p = 0; p < events; p++) if (column[p] !== 0) start[column[p]! + 1]!++;
  for (let k = 0; k <= keys; k++) start[k + 1]! += start[k]!;
  const next = start.slice(0, keys + 1);
  const positions = new Int32Array(start[keys + 1]!);
  for (let p = 0; p < events; p++) {
    for (const column of columns) {
      const key = column[p]!;
      if (key !== 0) positions[next[key]!++] = p;
    }
  }
  return { start, positions };
}

/** Most views whose counts one layout keeps (they are small: a few thousand rows at most). */
const MAX_COUNTED_VIEWS = 256;

/** Most cells (days × keys) a set of daily counts may take; beyond it, window-only counts scan like the others. */
const MAX_DAILY_CELLS = 8_000_000;

/** Series cells (bucket × type): a typed array over the buckets that can occur, or a map when dates span centuries. */
class SeriesCells {
  private readonly dense: Int32Array | null;
  private readonly stamps: Int32Array | null;
  private readonly sparse = new Map<number, { count: number; stamp: number }>();
  constructor(readonly size: number) {
    this.dense = size <= 4_000_000 ? new Int32Array(size) : null;
    this.stamps = this.dense ? new Int32Array(size).fill(NONE) : null;
  }
  /** Counts `cell` for `unit` (an incident, or an event for mentions) unless that unit counted it already. */
  add(cell: number, unit: number) {
    if (this.dense) {
      this.dense[cell]! += +(this.stamps![cell] !== unit);
      this.stamps![cell] = unit;
      return;
    }
    const c = this.sparse.get(cell);
    if (!c) this.sparse.set(cell, { count: 1, stamp: unit });
    else if (c.stamp !== unit) {
      c.stamp = unit;
      c.count++;
    }
  }
  /** Adds `n` to `cell` (counts already deduplicated, e.g. summed by day). */
  addCount(cell: number, n: number) {
    if (this.dense) this.dense[cell]! += n;
    else {
      const c = this.sparse.get(cell);
      if (c) c.count += n;
      else this.sparse.set(cell, { count: n, stamp: NONE });
    }
  }
  *entries(): Generator<[number, number]> {
    if (this.dense) {
      for (let cell = 0; cell < this.dense.length; cell++) if (this.dense[cell]! > 0) yield [cell, this.dense[cell]!];
    } else for (const [cell, c] of [...this.sparse].sort((a, b) => a[0] - b[0])) yield [cell, c.count];
  }
}

interface ScanQuery {
  from: number;
  to: number;
  /** Column values to match (code + 1), or ANY. */
  region: number;
  type: number;
  actor: number;
  claim: number;
  source: number;
  byIncident: boolean;
  week: boolean;
  firstBucket: number;
  types: number;
  /** Mark the articles of the matching events (with event filters, they are the articles counted); else null. */
  articles: Uint8Array | null;
  /** Only these positions (ascending), e.g. the events of the filter's key, instead of all. */
  positions: Int32Array | null;
  /** Region, type, actor, claim, source, place: counts and, per key, the last unit that counted it. */
  counts: Int32Array[];
  stamps: Int32Array[];
  /** Per event type and bucket, or null when not wanted. */
  series: SeriesCells | null;
  /**
   * Null: one count per key. Otherwise the counts are per day: key k of day d at (d - origin) * stride + k, each
   * facet with its own stride (its keys + 1), and `totals` per day; the stamps stay per key, as each incident is
   * counted on one day.
   */
  strides: SixNumbers | null;
  origin: number;
  /** The number of units counted (per day when split). */
  totals: Int32Array;
}

/**
 * The one pass every count makes over the frozen events. A function of its own, small and monomorphic, so V8
 * optimises it on its first long run. Each unit (an incident, or an event when counting mentions) counts a key once:
 * `+(stamp !== unit)` is 0 or 1, so there is no branch to mispredict.
 */
function scanEvents(f: Frozen, q: ScanQuery): void {
  const { from, to, region, type, actor, claim, source, byIncident, week, firstBucket, types, series, positions } = q;
  const { origin, totals } = q;
  const split = q.strides !== null;
  const [sR, sT, sA, sC, sS, sP] = q.strides ?? [0, 0, 0, 0, 0, 0];
  const [byRegion, byType, byActor, byClaim, bySource, byPlace] = q.counts as Six;
  const [regionStamp, typeStamp, actorStamp, claimStamp, sourceStamp, placeStamp] = q.stamps as Six;
  const days = byIncident ? f.incidentDay : f.day;
  const {
    incident,
    region: evRegion,
    type: evType,
    actor1,
    actor2,
    claim: evClaim,
    source: evSource,
    place,
    article,
  } = f;
  const marks = q.articles;
  const end = positions ? positions.length : f.events;
  let lastUnit = NONE;
  for (let i = 0; i < end; i++) {
    const p = positions ? positions[i]! : i;
    const day = days[p]!;
    if (day < from || day > to) continue;
    const r = evRegion[p]!;
    const t = evType[p]!;
    const c = evClaim[p]!;
    const s = evSource[p]!;
    const a1 = actor1[p]!;
    const a2 = actor2[p]!;
    if (
      (region !== ANY && r !== region) ||
      (type !== ANY && t !== type) ||
      (claim !== ANY && c !== claim) ||
      (source !== ANY && s !== source) ||
      (actor !== ANY && a1 !== actor && a2 !== actor)
    )
      continue;
    const unit = byIncident ? incident[p]! : p;
    const d = split ? day - origin : 0;
    totals[d]! += +(unit !== lastUnit);
    lastUnit = unit;
    byRegion[d * sR + r]! += +(regionStamp[r] !== unit);
    regionStamp[r] = unit;
    byType[d * sT + t]! += +(typeStamp[t] !== unit);
    typeStamp[t] = unit;
    const actors = d * sA;
    byActor[actors + a1]! += +(actorStamp[a1] !== unit);
    actorStamp[a1] = unit;
    byActor[actors + a2]! += +(actorStamp[a2] !== unit);
    actorStamp[a2] = unit;
    byClaim[d * sC + c]! += +(claimStamp[c] !== unit);
    claimStamp[c] = unit;
    bySource[d * sS + s]! += +(sourceStamp[s] !== unit);
    sourceStamp[s] = unit;
    const pl = place[p]!;
    byPlace[d * sP + pl]! += +(placeStamp[pl] !== unit);
    placeStamp[pl] = unit;
    // firstBucket is a Monday at or before every day, so the week index is a plain integer division.
    if (series) series.add((week ? ((day - firstBucket) / 7) | 0 : day - firstBucket) * types + t, unit);
    if (marks) marks[article[p]!] = 1;
  }
}

/** The live event slots in incident order (a counting sort by incident slot). */
function incidentOrder(alive: Int32Array, incidentOf: Int32Array, capacity: number, incidents: number): Int32Array {
  const next = new Int32Array(incidents + 1);
  for (let e = 0; e < capacity; e++) if (alive[e] === 1) next[incidentOf[e]! + 1]!++;
  for (let i = 0; i < incidents; i++) next[i + 1]! += next[i]!;
  const order = new Int32Array(next[incidents]!);
  for (let e = 0; e < capacity; e++) if (alive[e] === 1) order[next[incidentOf[e]!]!++] = e;
  return order;
}

/** source[order[p]] for every position p: writes in order, so only the reads jump. */
function gather(source: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let p = 0; p < order.length; p++) out[p] = source[order[p]!]!;
  return out;
}

/** The day each event's incident counts on: the incident's start, else (unknown) the event's own day. */
function countedDays(incident: Int32Array, day: Int32Array, incidentDay: Int32Array): Int32Array {
  const out = new Int32Array(incident.length);
  for (let p = 0; p < incident.length; p++) {
    const start = incidentDay[incident[p]!]!;
    out[p] = start === UNKNOWN_DAY ? day[p]! : start;
  }
  return out;
}

/** True when every incident's events (side by side) count on one day. */
function sameDayRuns(incident: Int32Array, day: Int32Array): boolean {
  for (let p = 1; p < incident.length; p++) if (incident[p] === incident[p - 1] && day[p] !== day[p - 1]) return false;
  return true;
}

/** The articles as columns, their regions and actors as CSR lists. */
function articleColumns(articles: (ArticleRow | undefined)[], slots: number) {
  const articleAlive = new Uint8Array(slots);
  const articleDay = new Int32Array(slots);
  const articleSource = new Int32Array(slots);
  const articleProcessedAt = new Float64Array(slots);
  const regionStart = new Int32Array(slots + 1);
  const actorStart = new Int32Array(slots + 1);
  let regionCount = 0;
  let actorCount = 0;
  for (let a = 0; a < slots; a++) {
    regionCount += articles[a]?.regions.length ?? 0;
    actorCount += articles[a]?.actors.length ?? 0;
  }
  const regionKeys = new Int32Array(regionCount);
  const actorKeys = new Int32Array(actorCount);
  for (let a = 0; a < slots; a++) {
    const row = articles[a];
    let regionEnd = regionStart[a]!;
    let actorEnd = actorStart[a]!;
    if (row) {
      articleAlive[a] = 1;
      articleDay[a] = row.day;
      articleSource[a] = row.source;
      articleProcessedAt[a] = row.processedAt ?? Number.NaN;
      for (const r of row.regions) regionKeys[regionEnd++] = r;
      for (const x of row.actors) actorKeys[actorEnd++] = x;
    }
    regionStart[a + 1] = regionEnd;
    actorStart[a + 1] = actorEnd;
  }
  return {
    articleAlive,
    articleDay,
    articleSource,
    articleProcessedAt,
    regionStart,
    regionKeys,
    actorStart,
    actorKeys,
  };
}

/** Adds rows first..last (inclusive) of a row-major matrix `width` wide into `into`. */
function sumRows(into: Int32Array, matrix: Int32Array, width: number, first: number, last: number) {
  for (let row = first; row <= last; row++) {
    const offset = row * width;
    for (let k = 0; k < width; k++) into[k]! += matrix[offset + k]!;
  }
}

/** Region, type, actor, claim, source, place. */
type Six = [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
type SixNumbers = [number, number, number, number, number, number];

/**
 * Counts articles, their regions, actors and sources: the marked ones, or (null) every live article of the window.
 * Answers how many, and the newest processedAt among them (NaN when none has one).
 */
function countArticles(
  f: Frozen,
  marked: Uint8Array | null,
  from: number,
  to: number,
  regions: Int32Array,
  actors: Int32Array,
  sources: Int32Array,
): { articles: number; latestAt: number } {
  const {
    articleAlive,
    articleDay,
    articleSource,
    articleProcessedAt,
    regionStart,
    regionKeys,
    actorStart,
    actorKeys,
  } = f;
  let articles = 0;
  let latestAt = Number.NaN;
  const count = (a: number) => {
    articles++;
    for (let k = regionStart[a]!; k < regionStart[a + 1]!; k++) regions[regionKeys[k]!]!++;
    for (let k = actorStart[a]!; k < actorStart[a + 1]!; k++) actors[actorKeys[k]!]!++;
    const s = articleSource[a]!;
    if (s !== NONE) sources[s]!++;
    const processed = articleProcessedAt[a]!;
    if (processed > latestAt || (Number.isNaN(latestAt) && !Number.isNaN(processed))) latestAt = processed;
  };
  for (let a = 0; a < articleAlive.length; a++) {
    const day = articleDay[a]!;
    if (marked ? marked[a] === 1 : articleAlive[a] === 1 && day >= from && day <= to) count(a);
  }
  return { articles, latestAt };
}

export class StatsStore {
  private readonly regions = new Dictionary();
  private readonly types = new Dictionary();
  private readonly actors = new Dictionary();
  private readonly claims = new Dictionary();
  private readonly sources = new Dictionary();
  private readonly places = new Dictionary();

  private readonly articleSlots = new Slots();
  private readonly articleSlotById = new Map<string, number>();
  private articles: (ArticleRow | undefined)[] = [];

  /** Incidents by id. An event without one is an incident of its own: a slot that no id maps to (null). */
  private readonly incidentSlots = new Slots();
  private readonly incidentSlotByKey = new Map<string, number>();
  private incidentKey: (string | null)[] = [];
  private incidentDay = new Int32Array(1024);
  private incidentEvents = new Int32Array(1024);

  private readonly eventSlots = new Slots();
  private evAlive = new Int32Array(1024);
  private evArticle = new Int32Array(1024);
  private evIncident = new Int32Array(1024);
  private evDay = new Int32Array(1024);
  private evRegion = new Int32Array(1024);
  private evType = new Int32Array(1024);
  private evActor1 = new Int32Array(1024);
  private evActor2 = new Int32Array(1024);
  private evClaim = new Int32Array(1024);
  private evPlace = new Int32Array(1024);
  private evSource = new Int32Array(1024);

  private frozen: Frozen | null = null;

  get articleCount() {
    return this.articleSlotById.size;
  }

  /** Adds a processed article, replacing the one with its id. */
  putArticle(article: ArticleRecord): void {
    this.removeArticle(article.id);
    this.frozen = null;
    const slot = this.articleSlots.take();
    const row: ArticleRow = {
      id: article.id,
      day: article.day,
      source: this.sources.code(article.source),
      processedAt: article.processedAt,
      regions: [...new Set(article.regions)].map((r) => this.regions.code(r)),
      actors: [...new Set(article.actors)].map((a) => this.actors.code(a)),
      events: [],
    };
    this.articles[slot] = row;
    this.articleSlotById.set(article.id, slot);
    for (const e of article.events) row.events.push(this.addEvent(slot, e));
  }

  /** Removes an article (no longer processed, or deleted) and its events; unknown ids are ignored. */
  removeArticle(id: string): void {
    const slot = this.articleSlotById.get(id);
    if (slot === undefined) return;
    this.frozen = null;
    for (const e of this.articles[slot]!.events) this.removeEvent(e);
    this.articles[slot] = undefined;
    this.articleSlotById.delete(id);
    this.articleSlots.release(slot);
  }

  /** An incident's start changed (or it went: null); its events are counted on the new day. */
  setIncidentDay(incidentId: string, day: DayNumber | null): void {
    const slot = this.incidentSlotByKey.get(incidentId);
    if (slot === undefined) return;
    this.incidentDay[slot] = day ?? UNKNOWN_DAY;
    this.frozen = null;
  }

  private addEvent(articleSlot: number, e: EventRecord): number {
    const slot = this.eventSlots.take();
    if (slot >= this.evAlive.length) {
      this.evAlive = grow(this.evAlive, slot);
      this.evArticle = grow(this.evArticle, slot);
      this.evIncident = grow(this.evIncident, slot);
      this.evDay = grow(this.evDay, slot);
      this.evRegion = grow(this.evRegion, slot);
      this.evType = grow(this.evType, slot);
      this.evActor1 = grow(this.evActor1, slot);
      this.evActor2 = grow(this.evActor2, slot);
      this.evClaim = grow(this.evClaim, slot);
      this.evPlace = grow(this.evPlace, slot);
      this.evSource = grow(this.evSource, slot);
    }
    const key = e.incidentId;
    let incident = key === null ? undefined : this.incidentSlotByKey.get(key);
    if (incident === undefined) {
      incident = this.incidentSlots.take();
      this.incidentDay = grow(this.incidentDay, incident);
      this.incidentEvents = grow(this.incidentEvents, incident);
      this.incidentKey[incident] = key;
      this.incidentDay[incident] = UNKNOWN_DAY;
      this.incidentEvents[incident] = 0;
      if (key !== null) this.incidentSlotByKey.set(key, incident);
    }
    if (e.incidentId !== null) this.incidentDay[incident] = e.incidentDay ?? UNKNOWN_DAY;
    this.incidentEvents[incident]!++;

    this.evAlive[slot] = 1;
    this.evArticle[slot] = articleSlot;
    this.evIncident[slot] = incident;
    this.evDay[slot] = e.day;
    // Key columns hold code + 1, so 0 is "none" (see Frozen).
    this.evRegion[slot] = this.regions.code(e.region) + 1;
    this.evType[slot] = this.types.code(e.type) + 1;
    const actor1 = this.actors.code(e.actor1) + 1;
    const actor2 = this.actors.code(e.actor2) + 1;
    this.evActor1[slot] = actor1;
    this.evActor2[slot] = actor2 === actor1 ? 0 : actor2; // one actor counts once per event
    this.evClaim[slot] = this.claims.code(e.claim) + 1;
    this.evPlace[slot] = this.places.code(e.place) + 1;
    this.evSource[slot] = this.articles[articleSlot]!.source + 1;
    return slot;
  }

  private removeEvent(slot: number) {
    this.evAlive[slot] = 0;
    const incident = this.evIncident[slot]!;
    if (--this.incidentEvents[incident]! === 0) {
      const key = this.incidentKey[incident];
      if (key !== null && key !== undefined) this.incidentSlotByKey.delete(key);
      this.incidentSlots.release(incident);
    }
    this.eventSlots.release(slot);
  }

  private freeze(): Frozen {
    if (this.frozen) return this.frozen;
    const capacity = this.eventSlots.capacity;
    const incidents = this.incidentSlots.capacity;
    // Counting sort by incident: each position's event slot, an incident's events side by side.
    const order = incidentOrder(this.evAlive, this.evIncident, capacity, incidents);
    const events = order.length;
    const column = (source: Int32Array) => gather(source, order);
    const incident = column(this.evIncident);
    const day = column(this.evDay);
    const incidentDay = countedDays(incident, day, this.incidentDay);
    let minDay = Infinity;
    let maxDay = -Infinity;
    for (let p = 0; p < events; p++) {
      minDay = Math.min(minDay, day[p]!, incidentDay[p]!);
      maxDay = Math.max(maxDay, day[p]!, incidentDay[p]!);
    }
    const f = {
      events,
      incident,
      day,
      incidentDay,
      region: column(this.evRegion),
      type: column(this.evType),
      actor1: column(this.evActor1),
      actor2: column(this.evActor2),
      claim: column(this.evClaim),
      source: column(this.evSource),
      place: column(this.evPlace),
      article: column(this.evArticle),
      minDay: events === 0 ? 0 : minDay,
      maxDay: events === 0 ? 0 : maxDay,
    };
    this.frozen = {
      ...f,
      oneDayIncidents: sameDayRuns(incident, incidentDay),
      daily: {},
      postings: {},
      counted: new Map(),
      ...articleColumns(this.articles, this.articleSlots.capacity),
    };
    return this.frozen;
  }

  /** Every facet count, the series by `bucket` and event type, and the newest counted article. */
  count(filters: StoreFilters, mode: "incidents" | "mentions", bucket: "day" | "week"): StoreCounts {
    const f = this.freeze();
    // Until the next change (a new layout), the same view has the same counts.
    const view = JSON.stringify([
      mode,
      bucket,
      filters.from,
      filters.to,
      filters.region,
      filters.actor,
      filters.type,
      filters.source,
      filters.claim,
    ]);
    const known = f.counted.get(view);
    if (known) return known;
    const counts = this.countAfresh(f, filters, mode, bucket);
    if (f.counted.size >= MAX_COUNTED_VIEWS) f.counted.clear();
    f.counted.set(view, counts);
    return counts;
  }

  private countAfresh(
    f: Frozen,
    filters: StoreFilters,
    mode: "incidents" | "mentions",
    bucket: "day" | "week",
  ): StoreCounts {
    const from = filters.from ?? -Infinity;
    const to = filters.to ?? Infinity;
    const hasEventFilters = Boolean(filters.region || filters.actor || filters.type || filters.source || filters.claim);
    // Filter values as column values (code + 1); a value no row has (0) matches nothing, as no row's value is 0 when
    // the filter asks for one.
    const want = (dict: Dictionary, value: string | undefined) => (value === undefined ? ANY : dict.find(value) + 1);
    const region = want(this.regions, filters.region);
    const type = want(this.types, filters.type);
    const actor = want(this.actors, filters.actor);
    const claim = want(this.claims, filters.claim);
    const source = want(this.sources, filters.source);
    const impossible = [region, type, actor, claim, source].includes(0);

    const byIncident = mode === "incidents";
    const dicts = [this.regions, this.types, this.actors, this.claims, this.sources, this.places];
    const counts = dicts.map((d) => new Int32Array(d.size + 1)) as Six;
    const [byRegion, byType, byActor, byClaim, bySource, byPlace] = counts;
    const types = this.types.size + 1;
    const week = bucket === "week";
    const firstBucket = week ? weekStart(f.minDay) : f.minDay;
    const bucketOf = (day: number) => (week ? ((day - firstBucket) / 7) | 0 : day - firstBucket);
    const series = new SeriesCells((bucketOf(f.maxDay) + 1) * types);
    const articleRegions = new Int32Array(this.regions.size);
    const articleActors = new Int32Array(this.actors.size);
    const articleSources = new Int32Array(this.sources.size);
    let total = 0;
    let articleTotal = 0;
    let latestAt = Number.NaN;

    const daily = !hasEventFilters && this.dailyEvents(f, mode);
    if (daily) {
      // A window only: sum the days of the window.
      const first = Math.max(daily.origin, from) - daily.origin;
      const last = Math.min(daily.origin + daily.days - 1, to) - daily.origin;
      for (let d = first; d <= last; d++) total += daily.totals[d]!;
      for (let facet = 0; facet < 6; facet++)
        sumRows(counts[facet]!, daily.counts[facet]!, daily.strides[facet]!, first, last);
      const typeStride = daily.strides[1];
      for (let d = first; d <= last; d++) {
        for (let t = 1; t < typeStride; t++) {
          const n = daily.counts[1][d * typeStride + t]!;
          if (n > 0) series.addCount(bucketOf(daily.origin + d) * types + t, n);
        }
      }
      const articles = this.dailyArticles(f);
      const firstArticle = Math.max(articles.origin, from) - articles.origin;
      const lastArticle = Math.min(articles.origin + articles.days - 1, to) - articles.origin;
      for (let d = firstArticle; d <= lastArticle; d++) {
        articleTotal += articles.totals[d]!;
        const latest = articles.latestAt[d]!;
        if (latest > latestAt || (Number.isNaN(latestAt) && !Number.isNaN(latest))) latestAt = latest;
      }
      sumRows(articleRegions, articles.regions, articleRegions.length, firstArticle, lastArticle);
      sumRows(articleActors, articles.actors, articleActors.length, firstArticle, lastArticle);
      sumRows(articleSources, articles.sources, articleSources.length, firstArticle, lastArticle);
    } else if (!impossible) {
      const totals = new Int32Array(1);
      const marks = hasEventFilters ? new Uint8Array(f.articleAlive.length) : null;
      scanEvents(f, {
        from,
        to,
        region,
        type,
        actor,
        claim,
        source,
        byIncident,
        week,
        firstBucket,
        types,
        articles: marks,
        positions: this.narrowest(f, { region, type, actor, claim, source }),
        counts,
        stamps: dicts.map((d) => new Int32Array(d.size + 1).fill(NONE)),
        series,
        strides: null,
        origin: 0,
        totals,
      });
      total = totals[0]!;
      // Without event filters every processed article of the window counts, with events or without.
      const counted = countArticles(f, marks, from, to, articleRegions, articleActors, articleSources);
      articleTotal = counted.articles;
      latestAt = counted.latestAt;
    }

    const prefix = byIncident ? "i-" : "";
    const rows: KeyCount[] = [{ facet: `${prefix}events`, key: "", count: total }];
    /** `shift` 1 for event columns (code + 1), 0 for article counts (code). */
    const push = (facet: string, dict: Dictionary, counts: Int32Array, shift: number) => {
      for (let k = shift; k < counts.length; k++)
        if (counts[k]! > 0) rows.push({ facet, key: dict.values[k - shift]!, count: counts[k]! });
    };
    push(`${prefix}region`, this.regions, byRegion, 1);
    push(`${prefix}type`, this.types, byType, 1);
    push(`${prefix}actor`, this.actors, byActor, 1);
    push(`${prefix}claim`, this.claims, byClaim, 1);
    push(`${prefix}source`, this.sources, bySource, 1);
    push(`${prefix}place`, this.places, byPlace, 1);
    rows.push({ facet: "articles", key: "", count: articleTotal });
    push("article-region", this.regions, articleRegions, 0);
    push("article-actor", this.actors, articleActors, 0);
    push("article-source", this.sources, articleSources, 0);

    const points: SeriesPoint[] = [];
    for (const [cell, events] of series.entries()) {
      const t = cell % types;
      const b = (cell - t) / types;
      points.push({
        date: isoDay(week ? firstBucket + 7 * b : firstBucket + b),
        type: this.types.values[t - 1]!,
        events,
      });
    }
    // Cells come in date order; within a date, by type name.
    points.sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
    );
    return { rows, series: points, latestAt: Number.isNaN(latestAt) ? null : latestAt };
  }

  /** The positions of the events of the most selective filter's key, or null (every event) without filters. */
  private narrowest(f: Frozen, filters: Record<FilterFacet, number>): Int32Array | null {
    const columns: Record<FilterFacet, Int32Array[]> = {
      region: [f.region],
      type: [f.type],
      actor: [f.actor1, f.actor2],
      claim: [f.claim],
      source: [f.source],
    };
    const dictionaries: Record<FilterFacet, Dictionary> = {
      region: this.regions,
      type: this.types,
      actor: this.actors,
      claim: this.claims,
      source: this.sources,
    };
    let best: Int32Array | null = null;
    for (const facet of Object.keys(columns) as FilterFacet[]) {
      const key = filters[facet];
      if (key === ANY) continue;
      f.postings[facet] ??= buildPostings(columns[facet], dictionaries[facet].size, f.events);
      const { start, positions } = f.postings[facet]!;
      if (!best || start[key + 1]! - start[key]! < best.length) best = positions.subarray(start[key]!, start[key + 1]!);
    }
    return best;
  }

  /** The whole store's event counts per day in `mode`, or null where daily sums would not be exact or too big. */
  private dailyEvents(f: Frozen, mode: "incidents" | "mentions"): DailyEvents | null {
    if (mode === "incidents" && !f.oneDayIncidents) return null;
    const cached = f.daily[mode];
    if (cached) return cached;
    const dicts = [this.regions, this.types, this.actors, this.claims, this.sources, this.places];
    const strides = dicts.map((d) => d.size + 1) as SixNumbers;
    const days = f.events === 0 ? 1 : f.maxDay - f.minDay + 1;
    if (days * strides.reduce((a, b) => a + b, 0) > MAX_DAILY_CELLS) return null;
    const daily: DailyEvents = {
      origin: f.minDay,
      days,
      strides,
      counts: strides.map((stride) => new Int32Array(days * stride)) as Six,
      totals: new Int32Array(days),
    };
    scanEvents(f, {
      from: -Infinity,
      to: Infinity,
      region: ANY,
      type: ANY,
      actor: ANY,
      claim: ANY,
      source: ANY,
      byIncident: mode === "incidents",
      week: false,
      firstBucket: f.minDay,
      types: strides[1],
      articles: null,
      positions: null,
      counts: daily.counts,
      stamps: strides.map((stride) => new Int32Array(stride).fill(NONE)),
      series: null,
      strides,
      origin: f.minDay,
      totals: daily.totals,
    });
    f.daily[mode] = daily;
    return daily;
  }

  /** Every live article's counts per day (its publication day, else the day it was received). */
  private dailyArticles(f: Frozen): DailyArticles {
    if (f.daily.articles) return f.daily.articles;
    let origin = Infinity;
    let end = -Infinity;
    for (let a = 0; a < f.articleAlive.length; a++) {
      if (f.articleAlive[a] === 0) continue;
      origin = Math.min(origin, f.articleDay[a]!);
      end = Math.max(end, f.articleDay[a]!);
    }
    if (origin === Infinity) origin = end = 0;
    const days = end - origin + 1;
    const [regions, actors, sources] = [this.regions.size, this.actors.size, this.sources.size];
    const daily: DailyArticles = {
      origin,
      days,
      totals: new Int32Array(days),
      regions: new Int32Array(days * regions),
      actors: new Int32Array(days * actors),
      sources: new Int32Array(days * sources),
      latestAt: new Float64Array(days).fill(Number.NaN),
    };
    for (let a = 0; a < f.articleAlive.length; a++) {
      if (f.articleAlive[a] === 0) continue;
      const d = f.articleDay[a]! - origin;
      daily.totals[d]!++;
      for (let k = f.regionStart[a]!; k < f.regionStart[a + 1]!; k++) daily.regions[d * regions + f.regionKeys[k]!]!++;
      for (let k = f.actorStart[a]!; k < f.actorStart[a + 1]!; k++) daily.actors[d * actors + f.actorKeys[k]!]!++;
      const source = f.articleSource[a]!;
      if (source !== NONE) daily.sources[d * sources + source]!++;
      const processed = f.articleProcessedAt[a]!;
      const latest = daily.latestAt[d]!;
      if (processed > latest || (Number.isNaN(latest) && !Number.isNaN(processed))) daily.latestAt[d] = processed;
    }
    f.daily.articles = daily;
    return daily;
  }
}
