// The served stats (the in-memory stats index, following the stats_changes log) agree with a plain count over the
// tables, through ingest, re-processing, re-dating and deletion written straight to the database; and article text
// is escaped wherever the dashboard shows it.
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { countIncidentFacets } from "@frontline/model/incidents";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, getStats, ingest, waitForJob } from "./api.ts";

let db: PrismaClient;
beforeAll(() => {
  db = createPrismaClient(inject("databaseUrl"));
});
afterAll(async () => {
  await db?.$disconnect();
});

/** Counts straight from the tables, by the README's rules. */
async function plainCounts() {
  const [totals] = await db.$queryRawUnsafe<{ events: number; articles: number }[]>(`
    SELECT (SELECT count(*)::int FROM events e JOIN articles a ON a.id = e.article_id WHERE a.status = 'done') AS events,
           (SELECT count(*)::int FROM articles WHERE status = 'done') AS articles`);
  const regions = await db.$queryRawUnsafe<{ code: string; events: number }[]>(`
    SELECT e.region_code AS code, count(*)::int AS events FROM events e JOIN articles a ON a.id = e.article_id
    WHERE a.status = 'done' AND e.region_code IS NOT NULL GROUP BY 1 ORDER BY 1`);
  return { totals: totals!, regions };
}

async function expectStatsMatchTables() {
  const stats = await getStats("?count=mentions");
  const plain = await plainCounts();
  expect(stats.totals).toEqual(plain.totals);
  expect(
    stats.byRegion.map((r) => ({ code: r.code, events: r.events })).sort((a, b) => a.code.localeCompare(b.code)),
  ).toEqual(plain.regions);
  // Month-aligned and ragged windows agree too.
  for (const window of ["?from=2025-01-01&to=2025-12-31", "?from=2025-03-17&to=2025-09-02"]) {
    const served = await getStats(`${window}&count=mentions`);
    const [live] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events e JOIN articles a ON a.id = e.article_id WHERE a.status = 'done'
       AND COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) BETWEEN $1::date AND $2::date`,
      new URLSearchParams(window).get("from"),
      new URLSearchParams(window).get("to"),
    );
    expect(served.totals.events, window).toBe(live!.n);
  }
  // Incidents (the default) equal the plain reference count, for all time and for windows on their start day.
  for (const window of ["", "?from=2025-01-01&to=2025-12-31", "?from=2025-03-17&to=2025-09-02"]) {
    const params = new URLSearchParams(window);
    const served = await getStats(window);
    expect(served.count).toBe("incidents");
    const reference = await countIncidentFacets(db, {
      from: params.get("from") ?? undefined,
      to: params.get("to") ?? undefined,
    });
    expect(served.totals.events, `incidents ${window}`).toBe(reference.find((r) => r.facet === "total")!.count);
    expect(
      served.byRegion
        .filter((r) => r.events > 0)
        .map((r) => [r.code, r.events])
        .sort(),
      `incidents by region ${window}`,
    ).toEqual(
      reference
        .filter((r) => r.facet === "region")
        .map((r) => [r.key, r.count])
        .sort(),
    );
  }
}

describe("served stats", () => {
  it("matches plain counts after ingest, re-processing and deletion", async () => {
    const accepted = await ingest({
      source: "Stats e2e",
      publishedAt: "2025-06-12",
      text: "Russian forces shelled Nikopol in Dnipropetrovsk Oblast on 11 June 2025, the regional governor said.",
    });
    expect((await waitForJob(accepted.jobId)).state).toBe("completed");
    await expectStatsMatchTables();

    // Re-processing (what the worker does on a retry) moves the article out of 'done' and back.
    await db.$executeRawUnsafe(`UPDATE articles SET status = 'processing' WHERE id = $1::uuid`, accepted.articleId);
    const during = await getStats("?source=Stats%20e2e");
    expect(during.totals.articles).toBe(0);
    await expectStatsMatchTables();
    await db.$executeRawUnsafe(`UPDATE articles SET status = 'done' WHERE id = $1::uuid`, accepted.articleId);
    await expectStatsMatchTables();

    // A changed publication date moves the article's days.
    await db.$executeRawUnsafe(
      `UPDATE articles SET published_at = '2024-02-02' WHERE id = $1::uuid`,
      accepted.articleId,
    );
    await expectStatsMatchTables();

    await db.$executeRawUnsafe(`DELETE FROM articles WHERE id = $1::uuid`, accepted.articleId);
    await expectStatsMatchTables();
  });
});

describe("article text is escaped", () => {
  it("shows HTML and <script> in an article as text on the article page", async () => {
    const accepted = await ingest({
      title: 'Shelling <img src=x onerror="window.__pwned=1"> report',
      source: "Escape e2e",
      publishedAt: "2025-07-01",
      text:
        'Russian forces shelled Kherson on 30 June 2025. <script>window.__pwned = 1</script> <b onclick="x()">bold</b> ' +
        "the regional governor said.",
    });
    expect((await waitForJob(accepted.jobId)).state).toBe("completed");
    const html = await (await fetch(`${baseUrl()}/articles/${accepted.articleId}`)).text();
    expect(html).toContain("&lt;script&gt;window.__pwned = 1&lt;/script&gt;");
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain('<img src=x onerror="window.__pwned=1">');
    expect(html).not.toContain('<b onclick="x()">');
  });
});
