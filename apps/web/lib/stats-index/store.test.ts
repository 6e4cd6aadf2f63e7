// The store's counts against a naive count written from the rules (sets of incident keys per facet key), over
// random articles, random filters and a random history of replacements, removals and moved incident starts.
import { seededRandom } from "@frontline/model/testing";
import { describe, expect, it } from "vitest";
import {
  type ArticleRecord,
  dayNumber,
  type EventRecord,
  isoDay,
  type KeyCount,
  type StoreFilters,
  StatsStore,
} from "./store.ts";

const REGIONS = ["UA-12", "UA-14", "UA-63", "RU-KRS", null];
const TYPES = ["shelling", "air-drone-strike", "armed-clash"];
const ACTORS = ["ru-military", "ua-military", "civilians-ua", null];
const CLAIMS = ["reported", "claimed", "denied", null];
const SOURCES = ["Outlet A", "Outlet B", null];
const PLACES = ["Nikopol|UA-12|47.5667|34.3956", "Sumy|UA-59|50.9077|34.7981", null];
const DAY0 = dayNumber("2025-01-27"); // a Monday
const INCIDENTS = ["i1", "i2", "i3", "i4"].map((id) => `00000000-0000-4000-8000-00000000000${id.slice(1)}`);

/** Events with ids, which the naive count needs to tell events without an incident apart (the store does not). */
type TestEvent = EventRecord & { id: string };
type TestArticle = Omit<ArticleRecord, "events"> & { events: TestEvent[] };

/** The rules as sets: what the store must count, computed the slow and obvious way. */
function naive(
  articles: Map<string, TestArticle>,
  incidentDays: Map<string, number | null>,
  f: StoreFilters,
  mode: "incidents" | "mentions",
  bucket: "day" | "week",
) {
  const sets = new Map<string, Set<string>>();
  const add = (facet: string, key: string, unit: string) => {
    const k = `${facet}\u0000${key}`;
    if (!sets.has(k)) sets.set(k, new Set());
    sets.get(k)!.add(unit);
  };
  const eventFilters = Boolean(f.region || f.actor || f.type || f.source || f.claim);
  const counted = new Set<TestArticle>();
  const prefix = mode === "incidents" ? "i-" : "";
  for (const a of articles.values()) {
    for (const e of a.events) {
      const incidentDay = e.incidentId ? (incidentDays.get(e.incidentId) ?? e.incidentDay) : null;
      const day = mode === "incidents" ? (incidentDay ?? e.day) : e.day;
      if ((f.from !== undefined && day < f.from) || (f.to !== undefined && day > f.to)) continue;
      if (f.region && e.region !== f.region) continue;
      if (f.type && e.type !== f.type) continue;
      if (f.claim && e.claim !== f.claim) continue;
      if (f.actor && e.actor1 !== f.actor && e.actor2 !== f.actor) continue;
      if (f.source && a.source !== f.source) continue;
      const unit = mode === "incidents" ? (e.incidentId ?? e.id) : e.id;
      add(`${prefix}events`, "", unit);
      if (e.region) add(`${prefix}region`, e.region, unit);
      add(`${prefix}type`, e.type, unit);
      for (const actor of new Set([e.actor1, e.actor2])) if (actor) add(`${prefix}actor`, actor, unit);
      if (e.claim) add(`${prefix}claim`, e.claim, unit);
      if (a.source) add(`${prefix}source`, a.source, unit);
      if (e.place) add(`${prefix}place`, e.place, unit);
      const monday = day - ((((day + 3) % 7) + 7) % 7);
      add("series", `${isoDay(bucket === "week" ? monday : day)}|${e.type}`, unit);
      counted.add(a);
    }
  }
  if (!eventFilters) {
    counted.clear();
    for (const a of articles.values())
      if ((f.from === undefined || a.day >= f.from) && (f.to === undefined || a.day <= f.to)) counted.add(a);
  }
  for (const a of counted) {
    add("articles", "", a.id);
    for (const r of new Set(a.regions)) add("article-region", r, a.id);
    for (const x of new Set(a.actors)) add("article-actor", x, a.id);
    if (a.source) add("article-source", a.source, a.id);
  }
  const rows: KeyCount[] = [];
  const series: { date: string; type: string; events: number }[] = [];
  for (const [k, units] of sets) {
    const [facet, key] = k.split("\u0000") as [string, string];
    if (facet === "series") {
      const [date, type] = key.split("|") as [string, string];
      series.push({ date, type, events: units.size });
    } else rows.push({ facet, key, count: units.size });
  }
  if (!sets.has(`${prefix}events\u0000`)) rows.push({ facet: `${prefix}events`, key: "", count: 0 });
  if (!sets.has("articles\u0000")) rows.push({ facet: "articles", key: "", count: 0 });
  const processed = [...counted].map((a) => a.processedAt).filter((t): t is number => t !== null);
  return { rows, series, latestAt: processed.length ? Math.max(...processed) : null };
}

const sortRows = (rows: KeyCount[]) =>
  [...rows].sort((a, b) => `${a.facet} ${a.key}`.localeCompare(`${b.facet} ${b.key}`));
const sortSeries = (s: { date: string; type: string; events: number }[]) =>
  [...s].sort((a, b) => `${a.date} ${a.type}`.localeCompare(`${b.date} ${b.type}`));

describe("StatsStore", () => {
  it("counts what the rules count, through replacements, removals and moved incident starts", () => {
    const random = seededRandom(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const store = new StatsStore();
    const articles = new Map<string, TestArticle>();
    const incidentDays = new Map<string, number | null>(INCIDENTS.map((id) => [id, DAY0 + Math.floor(random() * 30)]));
    let eventSeq = 0;
    const makeArticle = (id: string): TestArticle => {
      const day = DAY0 + Math.floor(random() * 40) - 5;
      const events: TestEvent[] = Array.from({ length: Math.floor(random() * 4) }, () => {
        const incidentId = random() < 0.6 ? pick(INCIDENTS) : null;
        return {
          id: `e${eventSeq++}`,
          incidentId,
          incidentDay: incidentId ? (incidentDays.get(incidentId) ?? null) : null,
          day: random() < 0.8 ? day - Math.floor(random() * 3) : day,
          region: pick(REGIONS),
          type: pick(TYPES),
          actor1: pick(ACTORS),
          actor2: random() < 0.3 ? pick(ACTORS) : null,
          claim: pick(CLAIMS),
          place: pick(PLACES),
        };
      });
      return {
        id,
        day,
        source: pick(SOURCES),
        processedAt: random() < 0.9 ? 1_700_000_000_000 + Math.floor(random() * 1e9) : null,
        regions: REGIONS.filter((r): r is string => r !== null && random() < 0.4),
        actors: ACTORS.filter((a): a is string => a !== null && random() < 0.4),
        events,
      };
    };

    const views: [StoreFilters, "incidents" | "mentions", "day" | "week"][] = [];
    for (let i = 0; i < 40; i++) {
      const f: StoreFilters = {};
      if (random() < 0.4) f.from = DAY0 + Math.floor(random() * 20);
      if (random() < 0.4) f.to = DAY0 + 10 + Math.floor(random() * 30);
      if (random() < 0.3) f.region = pick(REGIONS) ?? "UA-99";
      if (random() < 0.3) f.type = pick(TYPES);
      if (random() < 0.3) f.actor = pick(ACTORS) ?? "nobody";
      if (random() < 0.2) f.source = pick(SOURCES) ?? "Outlet Z";
      if (random() < 0.2) f.claim = pick(CLAIMS) ?? "contested";
      views.push([f, random() < 0.5 ? "incidents" : "mentions", random() < 0.5 ? "day" : "week"]);
    }
    const check = (step: string) => {
      for (const [f, mode, bucket] of views) {
        const got = store.count(f, mode, bucket);
        const want = naive(articles, incidentDays, f, mode, bucket);
        const label = `${step}: ${JSON.stringify(f)} ${mode} ${bucket}`;
        expect(sortRows(got.rows), label).toEqual(sortRows(want.rows));
        expect(got.series, label).toEqual(sortSeries(want.series));
        expect(got.latestAt, label).toBe(want.latestAt);
      }
    };

    for (let step = 0; step < 300; step++) {
      const id = `a${Math.floor(random() * 60)}`;
      const roll = random();
      if (roll < 0.65) {
        const article = makeArticle(id);
        articles.set(id, article);
        store.putArticle(article);
      } else if (roll < 0.85) {
        articles.delete(id);
        store.removeArticle(id);
      } else {
        // An incident's start moves (or it is deleted: its events then count on their own days).
        const incident = pick(INCIDENTS);
        const day = random() < 0.8 ? DAY0 + Math.floor(random() * 30) : null;
        incidentDays.set(incident, day);
        for (const a of articles.values()) for (const e of a.events) if (e.incidentId === incident) e.incidentDay = day;
        store.setIncidentDay(incident, day);
      }
      if (step % 25 === 0) check(`step ${step}`);
    }
    check("end");
    expect(store.articleCount).toBe(articles.size);
  });

  it("counts an incident once under each key, on its start day, and its articles once", () => {
    const store = new StatsStore();
    const incident = "00000000-0000-4000-8000-000000000001";
    const event = (id: string, day: string, region: string): TestEvent => ({
      id,
      incidentId: incident,
      incidentDay: dayNumber("2025-03-01"),
      day: dayNumber(day),
      region,
      type: "shelling",
      actor1: "ru-military",
      actor2: "ru-military",
      claim: "reported",
      place: null,
    });
    const article = (id: string, source: string, events: TestEvent[]): TestArticle => ({
      id,
      day: dayNumber("2025-03-03"),
      source,
      processedAt: 1,
      regions: ["UA-12", "UA-12"],
      actors: [],
      events,
    });
    store.putArticle(
      article("a", "Outlet A", [event("e1", "2025-03-02", "UA-12"), event("e2", "2025-03-02", "UA-14")]),
    );
    store.putArticle(article("b", "Outlet B", [event("e3", "2025-03-03", "UA-12")]));
    const incidents = store.count({}, "incidents", "day");
    const count = (facet: string, key = "") => incidents.rows.find((r) => r.facet === facet && r.key === key)?.count;
    expect(count("i-events")).toBe(1);
    expect(count("i-region", "UA-12")).toBe(1);
    expect(count("i-region", "UA-14")).toBe(1);
    expect(count("i-actor", "ru-military")).toBe(1);
    expect(count("i-source", "Outlet A")).toBe(1);
    expect(count("article-region", "UA-12")).toBe(2); // each article once, however often it lists a region
    expect(incidents.series).toEqual([{ date: "2025-03-01", type: "shelling", events: 1 }]);
    // Outside the incident's start day, nothing counts, though its events are dated inside the window.
    expect(
      store.count({ from: dayNumber("2025-03-02") }, "incidents", "day").rows.find((r) => r.facet === "i-events")
        ?.count,
    ).toBe(0);
    const mentions = store.count({ region: "UA-12" }, "mentions", "week");
    expect(mentions.rows.find((r) => r.facet === "events")?.count).toBe(2);
    expect(mentions.rows.find((r) => r.facet === "actor" && r.key === "ru-military")?.count).toBe(2);
    expect(mentions.series).toEqual(
      [
        { date: "2025-03-03", type: "shelling", events: 1 },
        { date: "2025-02-24", type: "shelling", events: 1 },
      ].sort((a, b) => a.date.localeCompare(b.date)),
    );
    // A filter value nothing has counts nothing.
    expect(store.count({ region: "UA-99" }, "mentions", "day").rows.find((r) => r.facet === "events")?.count).toBe(0);
  });
});
