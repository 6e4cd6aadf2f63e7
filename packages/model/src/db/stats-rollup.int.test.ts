// The stats rollup is kept by triggers. Whatever sequence of writes happens, it must equal a rebuild from the
// tables, and its incident counts must follow the documented rule (an incident counts once, on its start day,
// under every key of its events from processed articles). Random writes from a seeded generator, real Postgres.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing.ts";

let db: TestDatabase;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase("rollup");
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await db?.drop();
});

function prng(seed: number) {
  return () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
}

const REGIONS = ["UA-12", "UA-14", "UA-63", "RU-KRS", null];
const TYPES = ["shelling", "air-drone-strike", "armed-clash"];
const ACTORS = ["ru-military", "ua-military", "civilians-ua", null];
const CLAIMS = ["reported", "claimed", "denied", null];
const SOURCES = ["Outlet A", "Outlet B", null];
const DAYS = ["2025-01-30", "2025-01-31", "2025-02-01", "2025-02-14", "2025-03-02"];

type Row = Record<string, number | string | null>;
const rows = async (q: string, params: unknown[] = []) => (await sql.query<Row>(q, params)).rows;

/** The rollup's non-zero rows, in a stable order. */
async function rollup(client: pg.Client = sql): Promise<string[]> {
  const r = await client.query<{ line: string }>(
    `SELECT grain || ' ' || day || ' ' || facet || ' ' || key || ' ' || count AS line FROM stats_rollup
     WHERE count <> 0 ORDER BY grain, day, facet, key`,
  );
  return r.rows.map((x) => x.line);
}

/** The rollup as a rebuild from the tables computes it (rolled back, so the incremental state stays). */
async function rebuilt(): Promise<string[]> {
  await sql.query("BEGIN");
  try {
    await sql.query("SELECT frontline_rebuild_stats_rollup()");
    return await rollup();
  } finally {
    await sql.query("ROLLBACK");
  }
}

/** Incident counts by the documented rule, straight from the tables: total and per region, per start month. */
async function plainIncidentCounts() {
  return rows(`
    WITH counted AS (
      SELECT COALESCE(e.incident_id, e.id) AS ik,
             min(COALESCE(i.date_start, e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)) AS day,
             e.region_code
      FROM events e JOIN articles a ON a.id = e.article_id AND a.status = 'done'
      LEFT JOIN incidents i ON i.id = e.incident_id
      GROUP BY 1, 3
    )
    SELECT to_char(date_trunc('month', day), 'YYYY-MM-DD') AS month, NULL AS region, count(DISTINCT ik)::int AS n
    FROM counted GROUP BY 1
    UNION ALL
    SELECT to_char(date_trunc('month', day), 'YYYY-MM-DD'), region_code, count(DISTINCT ik)::int
    FROM counted WHERE region_code IS NOT NULL GROUP BY 1, 2
    ORDER BY 1, 2`);
}

async function rollupIncidentCounts() {
  return rows(`
    SELECT to_char(day, 'YYYY-MM-DD') AS month, CASE facet WHEN 'i-events' THEN NULL ELSE key END AS region,
           sum(count)::int AS n
    FROM stats_rollup WHERE grain = 'm' AND facet IN ('i-events', 'i-region') AND count <> 0
    GROUP BY 1, 2 ORDER BY 1, 2`);
}

describe("stats rollup triggers", () => {
  it("equal a rebuild, and count incidents once on their start day, after any sequence of writes", async () => {
    const random = prng(0x5eed1);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const incidents: string[] = [];
    const articles: string[] = [];

    const newIncident = async () => {
      const id = randomUUID();
      const start = pick(DAYS);
      await sql.query(
        `INSERT INTO incidents (id, family, type, region_code, date_start, date_end) VALUES ($1, 'Battles', 'armed-clash', $2, $3, $3)`,
        [id, pick(REGIONS), start],
      );
      incidents.push(id);
      return id;
    };
    for (let i = 0; i < 6; i++) await newIncident();

    /** The worker's shape: events written while the article is processing, then the article flipped to done. */
    const writeArticle = async (id: string, status: "processing" | "done") => {
      await sql.query("BEGIN");
      await sql.query(`DELETE FROM events WHERE article_id = $1`, [id]);
      await sql.query(`DELETE FROM article_regions WHERE article_id = $1`, [id]);
      const n = 1 + Math.floor(random() * 4);
      for (let o = 0; o < n; o++) {
        const region = pick(REGIONS);
        await sql.query(
          `INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, actor1_id, actor2_id,
             region_code, place_name, lat, lon, date, claim_status, evidence_text, evidence_start, evidence_end, confidence, incident_id)
           VALUES ($1, $2, $3, $4, 'Battles', 'Armed clash', $5, $6, $7, $8, $9, $10, $11, $12, 'x', 0, 1, 0.5, $13)`,
          [
            randomUUID(), id, o, pick(TYPES), pick(ACTORS), pick(ACTORS), region,
            ...(random() < 0.5 ? ["Place", 48.5, 35.1] : [null, null, null]),
            random() < 0.8 ? pick(DAYS) : null, pick(CLAIMS), random() < 0.8 ? pick(incidents) : null,
          ],
        );
        if (region) {
          await sql.query(
            `INSERT INTO article_regions (article_id, region_code, mentions) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING`,
            [id, region],
          );
        }
      }
      await sql.query(`UPDATE articles SET status = $2 WHERE id = $1`, [id, status]);
      await sql.query("COMMIT");
    };

    const steps: [string, () => Promise<void>][] = [
      ["new article", async () => {
        const id = randomUUID();
        await sql.query(
          `INSERT INTO articles (id, status, text, content_hash, source, published_at) VALUES ($1, 'processing', 'x', $4, $2, $3)`,
          [id, pick(SOURCES), random() < 0.7 ? pick(DAYS) : null, `hash-${id}`],
        );
        articles.push(id);
        await writeArticle(id, random() < 0.8 ? "done" : "processing");
      }],
      ["re-process", async () => { if (articles.length) await writeArticle(pick(articles), "done"); }],
      ["flip a batch", async () => {
        const batch = articles.filter(() => random() < 0.4);
        await sql.query(`UPDATE articles SET status = CASE status WHEN 'done' THEN 'processing'::"ArticleStatus" ELSE 'done' END WHERE id = ANY($1)`, [batch]);
      }],
      ["re-date an article", async () => {
        if (articles.length) await sql.query(`UPDATE articles SET published_at = $2, source = $3 WHERE id = $1`, [pick(articles), pick(DAYS), pick(SOURCES)]);
      }],
      ["widen incidents", async () => {
        await sql.query(`UPDATE incidents SET date_start = $2 WHERE id = ANY($1)`, [incidents.filter(() => random() < 0.3), pick(DAYS)]);
      }],
      ["move events between incidents", async () => {
        await sql.query(`UPDATE events SET incident_id = $1 WHERE id IN (SELECT id FROM events ORDER BY random() LIMIT 3)`, [pick(incidents)]);
      }],
      ["re-date an event", async () => {
        await sql.query(`UPDATE events SET date = $1 WHERE id IN (SELECT id FROM events ORDER BY random() LIMIT 2)`, [pick(DAYS)]);
      }],
      ["delete an incident", async () => {
        const id = incidents.splice(Math.floor(random() * incidents.length), 1)[0];
        if (id) await sql.query(`DELETE FROM incidents WHERE id = $1`, [id]);
        await newIncident();
      }],
      ["delete an article", async () => {
        const id = articles.splice(Math.floor(random() * articles.length), 1)[0];
        if (id) await sql.query(`DELETE FROM articles WHERE id = $1`, [id]);
      }],
    ];

    await sql.query(`SELECT setseed(0.42)`);
    for (let step = 0; step < 120; step++) {
      const [name, run] = step < 10 ? steps[0]! : pick(steps);
      await run();
      if (step % 10 === 9) {
        expect(await rollup(), `after step ${step} (${name})`).toEqual(await rebuilt());
        expect(await rollupIncidentCounts(), `incidents after step ${step}`).toEqual(await plainIncidentCounts());
      }
    }
    // The generator must have produced something to count, in both modes.
    const [counted] = await rows(`SELECT count(*)::int AS n FROM stats_rollup WHERE facet = 'i-events' AND count > 0`);
    expect(Number(counted!.n)).toBeGreaterThan(0);
  });

  it("moves an undated event's own incident when its article is re-dated", async () => {
    // The event has no date and no incident: it is an incident of its own, dated by its article.
    const id = randomUUID();
    await sql.query(
      `INSERT INTO articles (id, status, text, content_hash, source, published_at) VALUES ($1, 'processing', 'x', $2, 'Re-dated', '2025-04-10')`,
      [id, `hash-${id}`],
    );
    await sql.query(
      `INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, region_code, evidence_text, evidence_start, evidence_end, confidence)
       VALUES ($1, $2, 0, 'shelling', 'Battles', 'Armed clash', 'UA-59', 'x', 0, 1, 0.5)`,
      [randomUUID(), id],
    );
    await sql.query(`UPDATE articles SET status = 'done' WHERE id = $1`, [id]);
    await sql.query(`UPDATE articles SET published_at = '2025-07-20' WHERE id = $1`, [id]);
    expect(await rollup()).toEqual(await rebuilt());
    const [moved] = await rows(
      `SELECT count(*)::int AS n FROM stats_rollup WHERE grain = 'd' AND facet = 'i-region' AND key = 'UA-59' AND day = '2025-07-20' AND count > 0`,
    );
    expect(Number(moved!.n)).toBe(1);
  });

  it("lets concurrent writers update it without deadlocks and stay exact", async () => {
    const incident = randomUUID();
    await sql.query(
      `INSERT INTO incidents (id, family, type, region_code, date_start, date_end) VALUES ($1, 'Battles', 'armed-clash', 'UA-12', '2025-05-01', '2025-05-01')`,
      [incident],
    );
    const writer = async (label: string) => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        for (let i = 0; i < 15; i++) {
          await client.query("BEGIN");
          const ids = [randomUUID(), randomUUID()];
          for (const id of ids) {
            await client.query(
              `INSERT INTO articles (id, status, text, content_hash, source, published_at) VALUES ($1, 'processing', 'x', $3, $2, '2025-05-0${1 + (i % 3)}')`,
              [id, label, `hash-${id}`],
            );
            await client.query(
              `INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, region_code, evidence_text, evidence_start, evidence_end, confidence, incident_id)
               VALUES ($1, $2, 0, 'shelling', 'Battles', 'Armed clash', 'UA-12', 'x', 0, 1, 0.5, $3)`,
              [randomUUID(), id, i % 2 ? incident : null],
            );
          }
          await client.query(`UPDATE incidents SET date_start = $2 WHERE id = $1`, [incident, `2025-04-${10 + (i % 5)}`]);
          await client.query(`UPDATE articles SET status = 'done' WHERE id = ANY($1)`, [ids]);
          await client.query("COMMIT");
        }
      } finally {
        await client.end();
      }
    };
    await Promise.all([writer("Writer A"), writer("Writer B"), writer("Writer C")]);
    expect(await rollup()).toEqual(await rebuilt());
  });
});
