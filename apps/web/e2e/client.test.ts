// The typed client (@frontline/model/client) against the running API: real server, real database, real worker.

import { ACLED_COLUMNS, ACLED_EXTRA_COLUMNS } from "@frontline/model";
import {
  createFrontlineClient,
  FrontlineNotFoundError,
  FrontlinePayloadTooLargeError,
  FrontlineValidationError,
} from "@frontline/model/client";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_INGEST_BODY_BYTES } from "../lib/ingest-body.ts";
import { baseUrl } from "./api.ts";

const client = () => createFrontlineClient({ baseUrl: baseUrl() });

const ODESA = {
  title: "Missile strike on Odesa port",
  source: "Client e2e wire",
  publishedAt: "2025-04-08",
  text:
    "A Russian missile strike hit port infrastructure in Odesa Oblast on 7 April 2025, the regional governor said, " +
    "adding that two people were killed and a warehouse was destroyed.",
};

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
};

let articleId: string;

beforeAll(async () => {
  const accepted = await client().ingest(ODESA);
  articleId = accepted.articleId;
  const job = await client().waitForJob(accepted.jobId, { timeoutMs: 45_000, intervalMs: 250 });
  expect(job, `job failed: ${job.failedReason}`).toMatchObject({ state: "completed", articleStatus: "done" });
  expect(job.events).toBeGreaterThan(0);
});

describe("typed client against the running API", () => {
  it("reads stats, with and without filters", async () => {
    const all = await client().stats();
    const bySource = all.bySource?.find((s) => s.source === ODESA.source);
    expect(bySource?.articles).toBe(1);
    const filtered = await client().stats({ source: ODESA.source, count: "mentions" });
    expect(filtered.totals.articles).toBe(1);
    expect(filtered.totals.events).toBe(
      (await client().stats({ count: "mentions" })).bySource?.find((s) => s.source === ODESA.source)?.events,
    );
    // Incidents (the default) agree between the unfiltered view (by source) and the filtered one.
    const incidents = await client().stats({ source: ODESA.source });
    expect(incidents.count).toBe("incidents");
    expect(incidents.totals.events).toBe(bySource?.events);
    expect(incidents.totals.events).toBeGreaterThan(0);
    expect(incidents.totals.events).toBeLessThanOrEqual(filtered.totals.events);
    expect(filtered.byRegion.map((r) => r.code)).toContain("UA-51");
    // A filter nothing matches counts nothing.
    const none = await client().stats({ source: ODESA.source, type: "protest" });
    expect(none.totals).toEqual({ events: 0, articles: 0 });
    // The series adds up to the events counted.
    const seriesTotal = (filtered.series?.points ?? []).reduce((n, p) => n + p.events, 0);
    expect(seriesTotal).toBe(filtered.totals.events);
  });

  it("lists the events behind a count, sorted and paged", async () => {
    const page = await client().events({ source: ODESA.source, region: "UA-51" });
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.total).toBe(page.events.length);
    for (const event of page.events) {
      expect(event.articleId).toBe(articleId);
      expect(event.region?.code).toBe("UA-51");
      expect(event.article?.source).toBe(ODESA.source);
      // The evidence offsets point at the evidence in the stored text.
      expect(ODESA.text.slice(event.evidence.start, event.evidence.end)).toBe(event.evidence.text);
    }
    // Paging with limit 1 walks every event once, whether by cursor or by page number.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const next = await client().events({ source: ODESA.source, limit: 1, ...(cursor && { cursor }) });
      seen.push(...next.events.map((e) => e.id));
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    const all = await client().events({ source: ODESA.source });
    expect(seen.sort()).toEqual(all.events.map((e) => e.id).sort());
    const second = await client().events({ source: ODESA.source, limit: 1, page: 2 });
    expect(second.events.map((e) => e.id)).toEqual(all.events.length > 1 ? [all.events[1]!.id] : []);

    const asc = await client().events({ sort: "confidence", order: "asc" });
    const confidences = asc.events.map((e) => e.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
  });

  it("exports the filtered events as ndjson, JSON, CSV and ACLED CSV", async () => {
    const { events } = await client().events({ source: ODESA.source });
    const ndjson = await client().export({ source: ODESA.source });
    expect(ndjson.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    const json = await client().export({ source: ODESA.source, format: "json" });
    expect(json).toEqual(ndjson);

    const csv = await client().export({ source: ODESA.source, format: "csv" });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]!.split(",")).toContain("evidence");
    expect(lines).toHaveLength(events.length + 1);

    const mentions = await client().export({ source: ODESA.source, format: "acled", unit: "mention" });
    expect(mentions.trimEnd().split("\r\n")).toHaveLength(events.length + 1);
    const acled = await client().export({ source: ODESA.source, format: "acled" });
    const rows = acled.trimEnd().split("\r\n");
    expect(rows[0]).toBe([...ACLED_COLUMNS, ...ACLED_EXTRA_COLUMNS].join(","));
    // One row per incident: the article's events about one incident make one row.
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.length).toBeLessThanOrEqual(events.length + 1);
    const header = rows[0]!.split(",");
    const first = rows[1]!.split(",");
    const col = (name: string) => first[header.indexOf(name)];
    expect(col("country")).toBe("Ukraine");
    expect(col("iso")).toBe("804");
    expect(col("admin1")).toBe("Odesa");
    expect(["1", "2", "3"]).toContain(col("time_precision"));
    expect(col("source")).toBe(ODESA.source);
  });

  it("exports one ACLED row per incident, its deaths counted once across the articles that report it", async () => {
    // A second outlet reports the same strike: same place, day, type and deaths.
    const second = await client().ingest({
      ...ODESA,
      title: "Odesa port hit by missile",
      source: "Client e2e second wire",
      text:
        "Two people were killed when a Russian missile struck port infrastructure in Odesa Oblast on 7 April 2025, " +
        "officials said, adding that a warehouse was destroyed.",
    });
    const job = await client().waitForJob(second.jobId, { timeoutMs: 45_000, intervalMs: 250 });
    expect(job).toMatchObject({ state: "completed", articleStatus: "done" });

    const window = { region: "UA-51", from: "2025-04-07", to: "2025-04-07" } as const;
    const table = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
    const perMention = table(await client().export({ ...window, format: "acled", unit: "mention" }));
    const perIncident = table(await client().export({ ...window, format: "acled" }));
    const strike = perIncident.find((r) => r.sub_event_type === "Shelling/artillery/missile attack");
    expect(strike, JSON.stringify(perIncident)).toBeDefined();
    expect(strike?.sources).toBe("2");
    expect(strike?.fatalities).toBe("2");
    expect(strike?.actor1).toBe("Military Forces of Russia (2000-)");
    expect(strike?.actor1_country).toBe("RU");
    expect(strike?.civilian_targeting).toBe("Civilian targeting");
    // Per mention, each article's report is a row of its own, each with its two deaths.
    const strikeMentions = perMention.filter((r) => r.sub_event_type === "Shelling/artillery/missile attack");
    expect(strikeMentions.length).toBeGreaterThanOrEqual(2);
    expect(perIncident.length).toBeLessThan(perMention.length);
    expect(new Set(perIncident.map((r) => r.frontline_id)).size).toBe(perIncident.length);
  });

  it("lists recent jobs, and retrying a completed job is a no-op", async () => {
    const list = await client().listJobs({ limit: 50 });
    const job = list.jobs.find((j) => j.id === articleId);
    expect(job).toMatchObject({ state: "completed", articleStatus: "done", kind: "text", source: ODESA.source });
    expect(await client().retryJob(articleId)).toEqual({ jobId: articleId, requeued: false, state: "completed" });
  });

  it("throws typed errors for 400, 404 and 413", async () => {
    const badStats = await failure(client().stats({ from: "2025-02-30" }));
    expect(badStats).toBeInstanceOf(FrontlineValidationError);
    expect((badStats as FrontlineValidationError).fieldErrors.from?.length).toBeGreaterThan(0);

    const badIngest = await failure(client().ingest({ title: "no text" }));
    expect(badIngest).toBeInstanceOf(FrontlineValidationError);
    expect((badIngest as FrontlineValidationError).fieldErrors.text?.length).toBeGreaterThan(0);

    const badEvents = await failure(client().events({ cursor: "not-a-cursor" }));
    expect(badEvents).toBeInstanceOf(FrontlineValidationError);
    expect((badEvents as FrontlineValidationError).fieldErrors.cursor?.length).toBeGreaterThan(0);

    const missing = await failure(client().getJob("00000000-0000-4000-8000-000000000000"));
    expect(missing).toBeInstanceOf(FrontlineNotFoundError);
    expect((missing as FrontlineNotFoundError).status).toBe(404);
    expect(await failure(client().retryJob("00000000-0000-4000-8000-000000000000"))).toBeInstanceOf(
      FrontlineNotFoundError,
    );

    // Refused by the client before it uploads (the server's own 413 is in api-validation.test.ts, over raw HTTP).
    const tooLarge = await failure(client().ingest({ html: "a".repeat(MAX_INGEST_BODY_BYTES + 1) }));
    expect(tooLarge).toBeInstanceOf(FrontlinePayloadTooLargeError);
    expect((tooLarge as FrontlinePayloadTooLargeError).status).toBe(413);
  });
});
