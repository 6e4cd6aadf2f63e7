// The stats index follows the tables through the stats_changes log: after any sequence of writes it answers what
// the plain SQL reference answers, for every view, including writes committed out of sequence order. Real Postgres.
import { randomUUID } from "node:crypto";
import type { StatsQuery } from "@frontline/model";
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createTestDatabase, seededRandom, type TestDatabase } from "@frontline/model/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { getStatsFromSql, statsFromStore } = await import("../stats.ts");
const { StatsIndex } = await import("./sync.ts");

let database: TestDatabase;
let db: PrismaClient;
let sql: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase("statsindex");
  db = createPrismaClient(database.url);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await db?.$disconnect();
  await database?.drop();
});

const REGIONS = ["UA-12", "UA-14", "UA-63", "RU-KRS", null];
const TYPES = ["shelling", "air-drone-strike", "armed-clash"];
const ACTORS = ["ru-military", "ua-military", "civilians-ua", null];
const CLAIMS = ["reported", "claimed", "denied", null];
const SOURCES = ["Outlet A", "Outlet B", null];
const DAYS = ["2025-01-30", "2025-01-31", "2025-02-01", "2025-02-14", "2025-03-02"];

const VIEWS: StatsQuery[] = [
  {},
  { count: "mentions" },
  { bucket: "day" },
  { from: "2025-01-31", to: "2025-02-14" },
  { from: "2025-02-01", count: "mentions", bucket: "day" },
  { region: "UA-12" },
  { region: "UA-14", count: "mentions" },
  { type: "shelling", to: "2025-02-01" },
  { actor: "ua-military" },
  { actor: "civilians-ua", count: "mentions" },
  { source: "Outlet A" },
  { claim: "denied", count: "mentions" },
  { region: "UA-63", type: "armed-clash", from: "2025-01-31" },
  { region: "UA-99" },
];

async function expectIndexMatchesSql(index: InstanceType<typeof StatsIndex>, label: string) {
  const store = await index.current();
  for (const view of VIEWS) {
    expect(statsFromStore(store, view), `${label}: ${JSON.stringify(view)}`).toEqual(await getStatsFromSql(db, view));
  }
}

/** The worker's shape: events written while the article is processing, then the article flipped to done. */
async function writeArticle(
  client: pg.Client,
  id: string,
  status: "processing" | "done",
  random: () => number,
  incidents: string[],
) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  await client.query("BEGIN");
  await client.query(`UPDATE articles SET status = 'processing' WHERE id = $1`, [id]);
  await client.query(`DELETE FROM events WHERE article_id = $1`, [id]);
  await client.query(`DELETE FROM article_regions WHERE article_id = $1`, [id]);
  await client.query(`DELETE FROM article_actors WHERE article_id = $1`, [id]);
  const n = Math.floor(random() * 4);
  for (let o = 0; o < n; o++) {
    const region = pick(REGIONS);
    const actor = pick(ACTORS);
    await client.query(
      `INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, actor1_id, actor2_id,
         region_code, place_name, lat, lon, date, claim_status, evidence_text, evidence_start, evidence_end, confidence, incident_id)
       VALUES ($1, $2, $3, $4, 'Battles', 'Armed clash', $5, $6, $7, $8, $9, $10, $11, $12, 'x', 0, 1, 0.5, $13)`,
      [
        randomUUID(),
        id,
        o,
        pick(TYPES),
        actor,
        random() < 0.3 ? actor : pick(ACTORS),
        region,
        ...(random() < 0.5 ? [pick(["Nikopol", "Sumy"]), 47.56671, 34.39563] : [null, null, null]),
        random() < 0.8 ? pick(DAYS) : null,
        pick(CLAIMS),
        random() < 0.7 && incidents.length ? pick(incidents) : null,
      ],
    );
    if (region)
      await client.query(`INSERT INTO article_regions VALUES ($1, $2, 1) ON CONFLICT DO NOTHING`, [id, region]);
    // A region only mentioned (where a missile was launched from): neither the index nor the SQL counts it.
    if (random() < 0.3)
      await client.query(`INSERT INTO article_regions VALUES ($1, $2, 1, 'mention') ON CONFLICT DO NOTHING`, [
        id,
        pick(REGIONS.filter(Boolean)),
      ]);
    if (actor) await client.query(`INSERT INTO article_actors VALUES ($1, $2, 1) ON CONFLICT DO NOTHING`, [id, actor]);
  }
  await client.query(`UPDATE articles SET status = $2, processed_at = now() WHERE id = $1`, [id, status]);
  await client.query("COMMIT");
}

async function newArticle(
  client: pg.Client,
  random: () => number,
  incidents: string[],
  status: "processing" | "done" = "done",
) {
  const id = randomUUID();
  await client.query(
    `INSERT INTO articles (id, status, text, content_hash, source, published_at) VALUES ($1, 'processing', 'x', $4, $2, $3)`,
    [
      id,
      SOURCES[Math.floor(random() * SOURCES.length)],
      random() < 0.7 ? DAYS[Math.floor(random() * DAYS.length)] : null,
      `hash-${id}`,
    ],
  );
  await writeArticle(client, id, status, random, incidents);
  return id;
}

describe("stats index", () => {
  it("answers what the SQL reference answers after any sequence of writes", async () => {
    const random = seededRandom(0x5eed1);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const incidents: string[] = [];
    const articles: string[] = [];
    const newIncident = async () => {
      const id = randomUUID();
      const start = random() < 0.9 ? pick(DAYS) : null;
      await sql.query(
        `INSERT INTO incidents (id, family, type, region_code, date_start, date_end) VALUES ($1, 'Battles', 'armed-clash', $2, $3, $3)`,
        [id, pick(REGIONS), start],
      );
      incidents.push(id);
    };
    for (let i = 0; i < 6; i++) await newIncident();
    // Some articles exist before the index loads; the rest arrive while it follows the log.
    for (let i = 0; i < 8; i++)
      articles.push(await newArticle(sql, random, incidents, random() < 0.8 ? "done" : "processing"));
    const index = new StatsIndex(db);
    await expectIndexMatchesSql(index, "after the first load");

    const steps: [string, () => Promise<unknown>][] = [
      [
        "new article",
        async () => articles.push(await newArticle(sql, random, incidents, random() < 0.8 ? "done" : "processing")),
      ],
      ["re-process", async () => articles.length && writeArticle(sql, pick(articles), "done", random, incidents)],
      [
        "flip a batch",
        () =>
          sql.query(
            `UPDATE articles SET status = CASE status WHEN 'done' THEN 'processing'::"ArticleStatus" ELSE 'done' END WHERE id = ANY($1)`,
            [articles.filter(() => random() < 0.4)],
          ),
      ],
      [
        "re-date an article",
        () =>
          sql.query(`UPDATE articles SET published_at = $2, source = $3 WHERE id = $1`, [
            pick(articles),
            pick(DAYS),
            pick(SOURCES),
          ]),
      ],
      [
        "move incident starts",
        () =>
          sql.query(`UPDATE incidents SET date_start = $2 WHERE id = ANY($1)`, [
            incidents.filter(() => random() < 0.3),
            random() < 0.9 ? pick(DAYS) : null,
          ]),
      ],
      [
        "move events between incidents",
        () =>
          sql.query(
            `UPDATE events SET incident_id = $1 WHERE id IN (SELECT id FROM events ORDER BY random() LIMIT 3)`,
            [pick(incidents)],
          ),
      ],
      [
        "re-date an event",
        () =>
          sql.query(`UPDATE events SET date = $1 WHERE id IN (SELECT id FROM events ORDER BY random() LIMIT 2)`, [
            pick(DAYS),
          ]),
      ],
      [
        "delete an incident",
        async () => {
          const id = incidents.splice(Math.floor(random() * incidents.length), 1)[0];
          if (id) await sql.query(`DELETE FROM incidents WHERE id = $1`, [id]); // its events' incident_id becomes NULL
          await newIncident();
        },
      ],
      [
        "delete an article",
        async () => {
          const id = articles.splice(Math.floor(random() * articles.length), 1)[0];
          if (id) await sql.query(`DELETE FROM articles WHERE id = $1`, [id]);
        },
      ],
    ];

    await sql.query(`SELECT setseed(0.42)`);
    for (let step = 0; step < 100; step++) {
      const [name, run] = pick(steps);
      await run();
      if (step % 10 === 9) await expectIndexMatchesSql(index, `after step ${step} (${name})`);
    }
    // The generator must have produced something to count, with and without filters.
    const store = await index.current();
    expect(statsFromStore(store, {}).totals.events).toBeGreaterThan(0);
    expect(statsFromStore(store, { region: "UA-12", count: "mentions" }).totals.events).toBeGreaterThan(0);
  });

  it("applies a change committed after a later one was already read", async () => {
    const random = seededRandom(7);
    const index = new StatsIndex(db);
    await expectIndexMatchesSql(index, "before");
    const late = new pg.Client({ connectionString: database.url });
    await late.connect();
    try {
      // The late writer takes a sequence number first and commits last.
      const lateId = randomUUID();
      await late.query(
        `INSERT INTO articles (id, status, text, content_hash, source, published_at) VALUES ($1, 'processing', 'x', $2, 'Late', '2025-02-01')`,
        [lateId, `hash-${lateId}`],
      );
      await late.query("BEGIN");
      await late.query(
        `INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, region_code, evidence_text, evidence_start, evidence_end, confidence)
         VALUES ($1, $2, 0, 'shelling', 'Battles', 'Armed clash', 'UA-59', 'x', 0, 1, 0.5)`,
        [randomUUID(), lateId],
      );
      await late.query(`UPDATE articles SET status = 'done', processed_at = now() WHERE id = $1`, [lateId]);
      await newArticle(sql, random, []); // commits a higher sequence number
      await expectIndexMatchesSql(index, "with the late writer still open");
      // A fresh index loading now must not lose it either.
      const fresh = new StatsIndex(db);
      await expectIndexMatchesSql(fresh, "fresh index, late writer still open");
      await late.query("COMMIT");
      await expectIndexMatchesSql(index, "after the late writer committed");
      await expectIndexMatchesSql(fresh, "fresh index after the late writer committed");
      expect(statsFromStore(await index.current(), { source: "Late" }).totals.events).toBe(1);
    } finally {
      await late.end();
    }
  });

  it("loads afresh when more changed than one refresh should read", async () => {
    const random = seededRandom(21);
    const index = new StatsIndex(db, { maxChanges: 3 });
    await expectIndexMatchesSql(index, "before");
    for (let i = 0; i < 6; i++) await newArticle(sql, random, []);
    await expectIndexMatchesSql(index, "after more changes than maxChanges");
    await newArticle(sql, random, []); // and follows the log again from where the load left it
    await expectIndexMatchesSql(index, "after one more change");
  });

  it("stays exact while concurrent writers commit", async () => {
    const index = new StatsIndex(db);
    const writer = async (seed: number) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const random = seededRandom(seed);
        for (let i = 0; i < 15; i++) await newArticle(client, random, []);
      } finally {
        await client.end();
      }
    };
    let reading = true;
    const reader = (async () => {
      while (reading) await index.current();
    })();
    await Promise.all([writer(11), writer(12), writer(13)]);
    reading = false;
    await reader;
    await expectIndexMatchesSql(index, "after concurrent writers");
  });
});
