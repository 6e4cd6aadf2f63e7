// Benchmark of GET /api/stats on synthetic data: seeds a scratch database with 100k and then 1M events
// (batched INSERT … SELECT generate_series, triggers off), starts the production server (`next start`, build first)
// on it, and prints how long the stats index takes to load and how much memory the server then holds, and p50/p95
// latency of /api/stats for unfiltered and filtered views in both count modes (incidents, the default, and mentions),
// next to a plain GROUP BY on the same data. Also checks each view's total equals the plain count, and times what
// the change-log triggers cost a writer.
//
//   pnpm --filter @frontline/web build && pnpm --filter @frontline/web bench:stats [-- --sizes 100000,1000000 --runs 40 --keep]
//   … bench:stats -- --database URL [--plain-runs 3]   measures a kept database again, without seeding
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createTestDatabase, freePort } from "@frontline/model/testing";

const webDir = fileURLToPath(new URL("..", import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SIZES = arg("sizes", "100000,1000000").split(",").map(Number);
const RUNS = Number(arg("runs", "40"));
/** --keep: leave the seeded database in place (its URL is printed) to look at plans or measure again. */
const KEEP = process.argv.includes("--keep");
/** --database URL: measure a database kept by --keep as it is (no seeding; seeding 1M events takes minutes). */
const DATABASE = arg("database", "");
/** Timed runs of each plain GROUP BY (seconds each at 1M events). */
const PLAIN_RUNS = Number(arg("plain-runs", "10"));
const EVENTS_PER_ARTICLE = 5;
const BATCH = 100_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function time(fn: () => Promise<unknown>, runs = RUNS, warmUps = 3): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmUps; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

/** Seeds `events` more events (and their articles, regions, actors) with triggers off: the server loads afresh. */
async function seed(db: PrismaClient, from: number, to: number) {
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`); // bulk load: triggers off
      const a0 = Math.floor(from / EVENTS_PER_ARTICLE);
      const a1 = Math.floor(to / EVENTS_PER_ARTICLE);
      // Articles: one per 5 events, over three years, 40 outlets, all processed.
      await tx.$executeRawUnsafe(`
        INSERT INTO articles (id, status, title, source, text, content_hash, published_at, received_at, processed_at)
        SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'done', 'Synthetic ' || g,
               'Outlet ' || (g % 40), 'synthetic', 'bench-' || g,
               DATE '2023-01-01' + (g * 7919 % 1096), now(), now()
        FROM generate_series(${a0}, ${a1 - 1}) g`);
      // Events: skewed towards front-line regions and a few types and actors, like the real data.
      for (let start = from; start < to; start += BATCH) {
        const end = Math.min(to, start + BATCH);
        await tx.$executeRawUnsafe(`
          WITH r AS (SELECT array_agg(code ORDER BY ord) AS codes FROM unnest(ARRAY[
            'UA-14','UA-63','UA-23','UA-65','UA-59','UA-12','UA-09','RU-BEL','RU-KRS','UA-48','UA-51','UA-32','UA-30',
            'UA-74','UA-53','UA-43','UA-40','RU-BRY','RU-ROS','RU-VOR','RU-KDA','RU-MOW','RU-MOS','UA-05','UA-46',
            'UA-18','UA-35','UA-71','UA-68','UA-61','UA-56','UA-07','UA-26','UA-77','UA-21','RU-ORL','RU-LIP','RU-TAM',
            'RU-SMO','RU-TUL','RU-KLU','RU-RYA','RU-SAR','RU-VGG','RU-AST','RU-SAM','RU-PNZ','RU-TA','RU-BA','RU-NIZ'
          ]) WITH ORDINALITY AS x(code, ord)),
          t AS (SELECT ARRAY['shelling','air-drone-strike','missile-strike','armed-clash','ground-advance',
            'infrastructure-strike','air-defence-interception','civilian-casualties','statement-threat','diplomacy',
            'territory-captured','explosive-device','arrest','prisoner-exchange','military-aid','protest'] AS types),
          ac AS (SELECT ARRAY['ru-military','ua-military','ru-air-force','ua-air-force','civilians-ua','ru-government',
            'ua-government','ua-sbu','ru-fsb','civilians-ru','wagner','ua-hur'] AS actors)
          INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, actor1_id, actor2_id,
            region_code, place_name, lat, lon, date, date_precision, claim_status, evidence_text, evidence_start,
            evidence_end, confidence)
          SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid,
                 ('00000000-0000-4000-8000-' || lpad(to_hex(g / ${EVENTS_PER_ARTICLE}), 12, '0'))::uuid,
                 g % ${EVENTS_PER_ARTICLE},
                 t.types[1 + floor(16 * power(random(), 2))::int],
                 'Explosions/Remote violence', 'Shelling/artillery/missile attack',
                 ac.actors[1 + floor(12 * power(random(), 2.5))::int],
                 CASE WHEN random() < 0.5 THEN ac.actors[1 + floor(12 * power(random(), 1.5))::int] END,
                 reg,
                 -- Named places belong to their region (up to 8 per region), as in real data.
                 CASE WHEN pl THEN 'Place ' || reg || '-' || (g % 8) END,
                 CASE WHEN pl THEN 44 + (abs(hashtext(reg)) % 800) / 100.0 + (g % 8) * 0.05 END,
                 CASE WHEN pl THEN 24 + (abs(hashtext(reg || 'x')) % 1600) / 100.0 + (g % 8) * 0.05 END,
                 CASE WHEN random() < 0.85 THEN DATE '2023-01-01' + (g / ${EVENTS_PER_ARTICLE} * 7919 % 1096) - (g % 3) END,
                 'day', (ARRAY['reported','claimed','denied','contested'])[1 + floor(4 * power(random(), 3))::int]::"ClaimStatus",
                 'Synthetic evidence.', 0, 19, random()
          FROM (SELECT g, r.codes[1 + floor(50 * power(random(), 2.5))::int] AS reg, random() < 0.6 AS pl
                FROM generate_series(${start}, ${end - 1}) g, r) s, t, ac`);
      }
      await tx.$executeRawUnsafe(`
        INSERT INTO article_regions (article_id, region_code, mentions)
        SELECT article_id, region_code, count(*)::int FROM events
        WHERE region_code IS NOT NULL AND article_id >= ('00000000-0000-4000-8000-' || lpad(to_hex(${a0}), 12, '0'))::uuid
        GROUP BY 1, 2 ON CONFLICT DO NOTHING`);
      await tx.$executeRawUnsafe(`
        INSERT INTO article_actors (article_id, actor_id, mentions)
        SELECT article_id, actor1_id, count(*)::int FROM events
        WHERE actor1_id IS NOT NULL AND article_id >= ('00000000-0000-4000-8000-' || lpad(to_hex(${a0}), 12, '0'))::uuid
        GROUP BY 1, 2 ON CONFLICT DO NOTHING`);
      // Incidents: the located events of one region, type and day are one incident (several reports of it).
      await tx.$executeRawUnsafe(`
        INSERT INTO incidents (id, family, type, region_code, date_start, date_end)
        SELECT gen_random_uuid(), 'Explosions/Remote violence', x.type, x.region_code, x.day, x.day
        FROM (SELECT DISTINCT e.type, e.region_code, COALESCE(e.date, a.published_at) AS day
              FROM events e JOIN articles a ON a.id = e.article_id
              WHERE e.region_code IS NOT NULL AND e.incident_id IS NULL) x
        WHERE NOT EXISTS (SELECT 1 FROM incidents i
                          WHERE i.region_code = x.region_code AND i.type = x.type AND i.date_start = x.day)`);
      await tx.$executeRawUnsafe(`
        UPDATE events e SET incident_id = i.id FROM articles a, incidents i
        WHERE a.id = e.article_id AND e.incident_id IS NULL AND i.region_code = e.region_code AND i.type = e.type
          AND i.date_start = COALESCE(e.date, a.published_at)`);
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  await db.$executeRawUnsafe(`VACUUM ANALYZE`);
}

/** The counts as plain GROUP BYs over events and articles. */
const PLAIN_GROUP_BY = (from: string | null, to: string | null, filter = "TRUE") => `
  WITH windowed AS (
    SELECT e.id, e.type, e.region_code, e.actor1_id, e.actor2_id FROM events e JOIN articles a ON a.id = e.article_id
    WHERE a.status = 'done' AND ${filter} AND COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)
      BETWEEN COALESCE(${from ? `'${from}'` : "NULL"}::date, '-infinity') AND COALESCE(${to ? `'${to}'` : "NULL"}::date, 'infinity')
  )
  SELECT 'total' AS facet, NULL AS key, count(*)::int AS count FROM windowed
  UNION ALL SELECT 'region', region_code, count(*)::int FROM windowed WHERE region_code IS NOT NULL GROUP BY region_code
  UNION ALL SELECT 'type', type, count(*)::int FROM windowed GROUP BY type
  UNION ALL SELECT 'actor', actor_id, count(DISTINCT id)::int
  FROM windowed CROSS JOIN LATERAL (VALUES (actor1_id), (actor2_id)) AS side(actor_id) WHERE actor_id IS NOT NULL
  GROUP BY actor_id`;

/** The same plain GROUP BY for incidents: distinct incidents, dated by their start (the stats' incident rule). */
const PLAIN_INCIDENTS = (from: string | null, to: string | null, filter = "TRUE") => `
  WITH windowed AS (
    SELECT COALESCE(e.incident_id, e.id) AS ik, e.type, e.region_code, e.actor1_id, e.actor2_id
    FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN incidents i ON i.id = e.incident_id
    WHERE a.status = 'done' AND ${filter} AND COALESCE(i.date_start, e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)
      BETWEEN COALESCE(${from ? `'${from}'` : "NULL"}::date, '-infinity') AND COALESCE(${to ? `'${to}'` : "NULL"}::date, 'infinity')
  )
  SELECT 'total' AS facet, NULL AS key, count(DISTINCT ik)::int AS count FROM windowed
  UNION ALL SELECT 'region', region_code, count(DISTINCT ik)::int FROM windowed WHERE region_code IS NOT NULL GROUP BY region_code
  UNION ALL SELECT 'type', type, count(DISTINCT ik)::int FROM windowed GROUP BY type
  UNION ALL SELECT 'actor', actor_id, count(DISTINCT ik)::int
  FROM windowed CROSS JOIN LATERAL (VALUES (actor1_id), (actor2_id)) AS side(actor_id) WHERE actor_id IS NOT NULL
  GROUP BY actor_id`;

/** Starts `next start` and waits until /api/stats answers, i.e. the stats index has loaded. */
async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess; loadSeconds: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(resolve(webDir, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: webDir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 3000; i++) {
    const ok = await fetch(`${url}/api/stats?from=2099-01-01`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, loadSeconds: (performance.now() - started) / 1000 };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("next start did not answer");
}

function stopServer(child: ChildProcess) {
  if (child.pid) process.kill(-child.pid, "SIGTERM");
}

/** Resident memory of the server's process group (next start and any children), in MB. */
function serverRssMb(child: ChildProcess): number {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(child.pid)], { encoding: "utf8" });
  return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
}

async function main() {
  const database = DATABASE ? { url: DATABASE, drop: async () => {} } : await createTestDatabase("bench");
  const db = createPrismaClient(database.url);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  // Interrupted, the server (its own process group) would outlive the bench and skew whatever runs next.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (server) stopServer(server.child);
      process.exit(130);
    });
  }
  const rows: string[] = [];
  try {
    let seeded = 0;
    for (const size of DATABASE ? [0] : SIZES) {
      const t0 = performance.now();
      if (!DATABASE) await seed(db, seeded, size);
      seeded = size;
      const seedSeconds = ((performance.now() - t0) / 1000).toFixed(1);
      const n = (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM events`))[0]!.n;
      console.log(`\n${n} events (${n / EVENTS_PER_ARTICLE} articles) seeded in ${seedSeconds} s`);
      if (server) stopServer(server.child);
      server = await startServer(database.url);
      const { url } = server;
      const loadLine = `${String(n).padStart(8)} | server start to first answer (stats index loaded): ${server.loadSeconds.toFixed(1)} s; server RSS ${serverRssMb(server.child).toFixed(0)} MB`;
      console.log(loadLine);
      rows.push(loadLine);

      // The index answers what the plain count answers, in both modes.
      for (const [mode, sql] of [
        ["mentions", PLAIN_GROUP_BY(null, null)],
        ["incidents", PLAIN_INCIDENTS(null, null)],
      ] as const) {
        const api = (await (await fetch(`${url}/api/stats?count=${mode}`)).json()) as {
          totals: { events: number };
        };
        const [plain] = await db.$queryRawUnsafe<{ count: number }[]>(`${sql} LIMIT 1`);
        if (api.totals.events !== plain!.count)
          throw new Error(`${mode}: /api/stats says ${api.totals.events}, plain count ${plain!.count}`);
        console.log(`${String(n).padStart(8)} | ${mode}: ${api.totals.events} (/api/stats = plain count)`);
      }

      // [label, query, from, to, the filter as SQL over `events e JOIN articles a` for the plain GROUP BY]
      const views: [string, string, string | null, string | null, string][] = [
        ["all time", "", null, null, "TRUE"],
        ["one year", "?from=2024-01-01&to=2024-12-31", "2024-01-01", "2024-12-31", "TRUE"],
        ["ragged 100 days", "?from=2024-03-17&to=2024-06-24", "2024-03-17", "2024-06-24", "TRUE"],
        [
          "region=UA-63, one year",
          "?from=2024-01-01&to=2024-12-31&region=UA-63",
          "2024-01-01",
          "2024-12-31",
          "e.region_code = 'UA-63'",
        ],
        ["type=protest, all time", "?type=protest", null, null, "e.type = 'protest'"],
        ["type=shelling, all time", "?type=shelling", null, null, "e.type = 'shelling'"],
        [
          "actor=ua-military, ragged 100 days",
          "?from=2024-03-17&to=2024-06-24&actor=ua-military",
          "2024-03-17",
          "2024-06-24",
          "(e.actor1_id = 'ua-military' OR e.actor2_id = 'ua-military')",
        ],
        [
          "source=Outlet 7, one year",
          "?from=2023-01-01&to=2023-12-31&source=Outlet%207",
          "2023-01-01",
          "2023-12-31",
          "a.source = 'Outlet 7'",
        ],
        ["claim=reported, all time", "?claim=reported", null, null, "e.claim_status = 'reported'"],
        [
          "region=UA-14 & type=shelling",
          "?region=UA-14&type=shelling",
          null,
          null,
          "e.region_code = 'UA-14' AND e.type = 'shelling'",
        ],
      ];
      for (const [view, viewQuery, from, to, filter] of views)
        for (const mode of ["incidents", "mentions"] as const) {
          const label = `${view}, ${mode}`;
          const query = `${viewQuery}${viewQuery ? "&" : "?"}count=${mode}`;
          const plain = mode === "incidents" ? PLAIN_INCIDENTS : PLAIN_GROUP_BY;
          // The view's total equals the plain count's. The server counts a view once per change and keeps the
          // counts, so this first request is the one that counts; the timed ones after it reuse its counts.
          const firstStarted = performance.now();
          const answer = (await (await fetch(`${url}/api/stats${query}`)).json()) as {
            totals: { events: number };
          };
          const first = performance.now() - firstStarted;
          const [plainTotal] = await db.$queryRawUnsafe<{ count: number }[]>(`${plain(from, to, filter)} LIMIT 1`);
          if (answer.totals.events !== plainTotal!.count)
            throw new Error(`${label}: /api/stats says ${answer.totals.events}, plain count ${plainTotal!.count}`);
          const http = await time(async () => {
            const response = await fetch(`${url}/api/stats${query}`);
            if (!response.ok) throw new Error(`${response.status}`);
            await response.arrayBuffer();
          });
          const plainTime = await time(() => db.$queryRawUnsafe(plain(from, to, filter)), PLAIN_RUNS, 1);
          const line = `${String(n).padStart(8)} | ${label.padEnd(48)} | first ${first.toFixed(1).padStart(6)} ms | /api/stats p50 ${http.p50.toFixed(1).padStart(6)} ms  p95 ${http.p95.toFixed(1).padStart(6)} ms | plain GROUP BY p50 ${plainTime.p50.toFixed(1).padStart(7)} ms  p95 ${plainTime.p95.toFixed(1).padStart(7)} ms`;
          console.log(line);
          rows.push(line);
        }

      // What the change-log triggers cost a writer: one article with 5 events, processed as the worker does.
      const trig = await time(async () => {
        await db.$transaction(async (tx) => {
          const id = crypto.randomUUID();
          await tx.$executeRawUnsafe(
            `INSERT INTO articles (id, status, text, content_hash, published_at) VALUES ($1::uuid, 'processing', 'x', $1, '2025-01-01')`,
            id,
          );
          await tx.$executeRawUnsafe(
            `
            INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, region_code,
              evidence_text, evidence_start, evidence_end, confidence)
            SELECT gen_random_uuid(), $1::uuid, g, 'shelling', 'Explosions/Remote violence', 'Shelling/artillery/missile attack',
              'UA-63', 'x', 0, 1, 0.5 FROM generate_series(0, 4) g`,
            id,
          );
          await tx.$executeRawUnsafe(`UPDATE articles SET status = 'done' WHERE id = $1::uuid`, id);
        });
      }, 20);
      console.log(
        `${String(n).padStart(8)} | trigger cost: one article + 5 events stored and marked done: p50 ${trig.p50.toFixed(1)} ms, p95 ${trig.p95.toFixed(1)} ms`,
      );
      // The same with what real articles carry: an outlet, actors, places, claim statuses, several regions, and the
      // article's mentioned regions and actors.
      const full = await time(async () => {
        await db.$transaction(async (tx) => {
          const id = crypto.randomUUID();
          await tx.$executeRawUnsafe(
            `INSERT INTO articles (id, status, text, content_hash, source, published_at) VALUES ($1::uuid, 'processing', 'x', $1, 'Outlet 3', '2025-01-01')`,
            id,
          );
          await tx.$executeRawUnsafe(
            `
            INSERT INTO events (id, article_id, ordinal, type, acled_event_type, acled_sub_event_type, actor1_id, actor2_id,
              region_code, place_name, lat, lon, claim_status, evidence_text, evidence_start, evidence_end, confidence)
            SELECT gen_random_uuid(), $1::uuid, g, (ARRAY['shelling','air-drone-strike','armed-clash'])[1 + g % 3],
              'Explosions/Remote violence', 'Shelling/artillery/missile attack', (ARRAY['ru-military','ua-military'])[1 + g % 2],
              CASE WHEN g % 2 = 0 THEN 'civilians-ua' END, (ARRAY['UA-63','UA-14','UA-65'])[1 + g % 3], 'Place ' || g,
              48 + g * 0.1, 36 + g * 0.1, (ARRAY['reported','claimed'])[1 + g % 2]::"ClaimStatus", 'x', 0, 1, 0.5
            FROM generate_series(0, 4) g`,
            id,
          );
          await tx.$executeRawUnsafe(
            `INSERT INTO article_regions (article_id, region_code, mentions) SELECT $1::uuid, r, 1 FROM unnest(ARRAY['UA-63','UA-14','UA-65']) r`,
            id,
          );
          await tx.$executeRawUnsafe(
            `INSERT INTO article_actors (article_id, actor_id, mentions) SELECT $1::uuid, r, 1 FROM unnest(ARRAY['ru-military','ua-military','civilians-ua']) r`,
            id,
          );
          await tx.$executeRawUnsafe(`UPDATE articles SET status = 'done' WHERE id = $1::uuid`, id);
        });
      }, 20);
      console.log(
        `${String(n).padStart(8)} | trigger cost: the same with outlet, actors, places, claims, 3 regions: p50 ${full.p50.toFixed(1)} ms, p95 ${full.p95.toFixed(1)} ms`,
      );
    }
  } finally {
    if (server) stopServer(server.child);
    await db.$disconnect();
    if (KEEP || DATABASE) console.log(`kept database: ${database.url}`);
    else await database.drop();
  }
  console.log(
    `\nmethod: first = the view's first request (counted afresh); then ${RUNS} sequential requests per view after 3 warm-ups (counts kept from the first until data changes), HTTP to next start on 127.0.0.1; plain GROUP BY = 4 facets (total, region, type, actor) in SQL via Prisma on the same database; /api/stats answers about 12 facets plus the series.`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
