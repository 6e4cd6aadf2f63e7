// The client against a real HTTP server (node:http on a free local port) that answers crafted JSON: no fetch mock.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createFrontlineClient,
  FrontlineApiError,
  FrontlineJobTimeoutError,
  FrontlineNotFoundError,
  FrontlinePayloadTooLargeError,
  FrontlineResponseError,
  FrontlineServerError,
  FrontlineValidationError,
} from "./client.ts";
import { MAX_INGEST_BODY_BYTES } from "../schemas/ingest.ts";

interface Answer {
  status?: number;
  json?: unknown;
  text?: string;
  contentType?: string;
}
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let origin: string;
/** What the server answers, by "METHOD /path" (without the query); a function sees the request. */
let routes: Record<string, Answer | Answer[] | ((seen: Seen) => Answer)>;
let seen: Seen[];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: Seen = {
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    seen.push(request);
    const route = routes[`${req.method} ${req.url!.split("?")[0]}`];
    const answer: Answer = !route
      ? { status: 404, json: { error: "no route" } }
      : typeof route === "function"
        ? route(request)
        : Array.isArray(route)
          ? (route.length > 1 ? route.shift() : route[0])!
          : route;
    const body = answer.text ?? JSON.stringify(answer.json);
    res.writeHead(answer.status ?? 200, { "content-type": answer.contentType ?? "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  routes = {};
  seen = [];
});

const JOB_ID = "0b5c3a8e-8d0b-4c59-9a52-4f6f3f1d2a10";
const job = (state: string, extra: object = {}) => ({
  id: JOB_ID,
  state,
  articleId: JOB_ID,
  articleStatus: state === "completed" ? "done" : "queued",
  failedReason: null,
  events: state === "completed" ? 2 : null,
  ...extra,
});
const stats = {
  from: "2025-03-01",
  to: null,
  totals: { events: 3, articles: 2 },
  byRegion: [
    { code: "UA-63", name: "Kharkiv Oblast", country: "UA", events: 2, articles: 1 },
    { code: "UA-12", name: "Dnipropetrovsk Oblast", country: "UA", events: 1, articles: 1 },
  ],
  byActor: [],
  byEventType: [{ type: "shelling", label: "Shelling", events: 3 }],
  latestAt: "2025-03-02T10:00:00.000Z",
};
const eventRecord = (i: number) => ({
  id: `e${i}`,
  articleId: JOB_ID,
  type: "shelling",
  acled: { eventType: "Explosions/Remote violence", subEventType: "Shelling/artillery/missile attack" },
  evidence: { text: "Shelling hit Kharkiv.", start: 0, end: 21 },
  confidence: 0.8,
});

/** Runs `fn`, expecting it to reject, and returns the error. */
async function failure(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("createFrontlineClient", () => {
  it("posts an ingest as JSON with the token, under the base URL's path, and returns the validated answer", async () => {
    routes["POST /frontline/api/ingest"] = {
      status: 202,
      json: { jobId: JOB_ID, articleId: JOB_ID, duplicate: false, status: "queued" },
    };
    const client = createFrontlineClient({ baseUrl: `${origin}/frontline`, token: "s3cret" });
    const accepted = await client.ingest({ text: "Shelling hit Kharkiv.", title: "T" });
    expect(accepted).toEqual({ jobId: JOB_ID, articleId: JOB_ID, duplicate: false, status: "queued" });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(seen[0]!.headers.authorization).toBe("Bearer s3cret");
    expect(JSON.parse(seen[0]!.body)).toEqual({ text: "Shelling hit Kharkiv.", title: "T" });
  });

  it("sends no Authorization header without a token, and encodes the job id", async () => {
    routes[`GET /api/jobs/${encodeURIComponent("a/b c")}`] = { json: job("waiting", { id: "a/b c" }) };
    const client = createFrontlineClient({ baseUrl: origin });
    expect((await client.getJob("a/b c")).state).toBe("waiting");
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it("passes only the given stats and events filters as query parameters", async () => {
    routes["GET /api/stats"] = { json: stats };
    routes["GET /api/events"] = { json: { events: [eventRecord(1)], nextCursor: "c2" } };
    const client = createFrontlineClient({ baseUrl: origin });
    expect(await client.stats({ from: "2025-03-01" })).toEqual(stats);
    const page = await client.events({ region: "UA-63", limit: 50 });
    expect(page.events[0]!.id).toBe("e1");
    expect(page.nextCursor).toBe("c2");
    expect(seen.map((s) => s.url)).toEqual(["/api/stats?from=2025-03-01", "/api/events?region=UA-63&limit=50"]);
  });

  it("lists jobs, retries one, and passes the new stats filters", async () => {
    const summary = {
      id: JOB_ID,
      state: "failed",
      articleStatus: "failed",
      title: null,
      source: "Wire",
      url: null,
      kind: "text",
      failedReason: "boom",
      events: 0,
      attempts: 5,
      receivedAt: "2025-03-02T10:00:00.000Z",
      processedAt: null,
    };
    routes["GET /api/jobs"] = { json: { jobs: [summary], counts: { failed: 1 } } };
    routes[`POST /api/jobs/${JOB_ID}/retry`] = { status: 202, json: { jobId: JOB_ID, requeued: true, state: "waiting" } };
    routes["GET /api/stats"] = { json: { ...stats, count: "mentions" } };
    const client = createFrontlineClient({ baseUrl: origin });
    expect((await client.listJobs({ limit: 5, state: "failed" })).jobs).toEqual([summary]);
    expect(await client.retryJob(JOB_ID)).toEqual({ jobId: JOB_ID, requeued: true, state: "waiting" });
    await client.stats({ region: "UA-63", claim: "claimed", count: "mentions" });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      "GET /api/jobs?limit=5&state=failed",
      `POST /api/jobs/${JOB_ID}/retry`,
      "GET /api/stats?region=UA-63&claim=claimed&count=mentions",
    ]);
  });

  it("reads a JSON-array export and returns ACLED CSV as text, checking the records", async () => {
    routes["GET /api/export"] = (request) =>
      request.url.includes("format=json")
        ? { json: [eventRecord(1), eventRecord(2)] }
        : { text: "event_id_cnty,event_date\r\n", contentType: "text/csv" };
    const client = createFrontlineClient({ baseUrl: origin });
    expect((await client.export({ format: "json" })).map((e) => e.id)).toEqual(["e1", "e2"]);
    expect(await client.export({ format: "acled" })).toBe("event_id_cnty,event_date\r\n");
    expect(seen[1]!.headers.accept).toBe("text/csv");
    routes["GET /api/export"] = { json: [{ id: "e1" }] };
    expect(await failure(() => client.export({ format: "json" }))).toBeInstanceOf(FrontlineResponseError);
  });

  describe("error answers become typed errors", () => {
    it("400 with field errors → FrontlineValidationError naming the fields", async () => {
      routes["POST /api/ingest"] = {
        status: 400,
        json: {
          error: "invalid ingest request",
          fieldErrors: { text: ["give exactly one of text, url or html"] },
          formErrors: [],
        },
      };
      const client = createFrontlineClient({ baseUrl: origin });
      const err = await failure(() => client.ingest({ text: "a", url: "https://example.org" }));
      expect(err).toBeInstanceOf(FrontlineValidationError);
      expect(err).toBeInstanceOf(FrontlineApiError);
      const e = err as FrontlineValidationError;
      expect(e.status).toBe(400);
      expect(e.fieldErrors).toEqual({ text: ["give exactly one of text, url or html"] });
      expect(e.message).toContain("invalid ingest request");
      expect(e.message).toContain("text: give exactly one of text, url or html");
      expect(e.name).toBe("FrontlineValidationError");
    });

    it("refuses an ingest body over the API's limit before sending it", async () => {
      let sent = 0;
      const client = createFrontlineClient({
        baseUrl: "http://api.test",
        fetch: async () => {
          sent++;
          return new Response("{}", { status: 500 });
        },
      });
      const error = await client.ingest({ html: "a".repeat(MAX_INGEST_BODY_BYTES) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FrontlinePayloadTooLargeError);
      expect((error as FrontlineApiError).status).toBe(413);
      expect((error as Error).message).toMatch(/larger than the API's 6000000 \(not sent\)/);
      expect(sent).toBe(0);
    });

    it("404 → FrontlineNotFoundError, 413 → FrontlinePayloadTooLargeError, 5xx → FrontlineServerError", async () => {
      routes[`GET /api/jobs/${JOB_ID}`] = { status: 404, json: { error: `no job or article with id ${JOB_ID}` } };
      routes["POST /api/ingest"] = { status: 413, json: { error: "request body is larger than 6000000 bytes" } };
      routes["GET /api/stats"] = { status: 502, text: "<html>Bad Gateway</html>", contentType: "text/html" };
      const client = createFrontlineClient({ baseUrl: origin });

      const notFound = await failure(() => client.getJob(JOB_ID));
      expect(notFound).toBeInstanceOf(FrontlineNotFoundError);
      expect((notFound as Error).message).toContain(`no job or article with id ${JOB_ID}`);

      const tooLarge = await failure(() => client.ingest({ text: "x" }));
      expect(tooLarge).toBeInstanceOf(FrontlinePayloadTooLargeError);
      expect((tooLarge as FrontlineApiError).status).toBe(413);

      const serverError = await failure(() => client.stats());
      expect(serverError).toBeInstanceOf(FrontlineServerError);
      expect((serverError as FrontlineApiError).status).toBe(502);
      expect((serverError as FrontlineApiError).body).toBe("<html>Bad Gateway</html>");
    });

    it("another status (415) is a plain FrontlineApiError with the server's message", async () => {
      routes["POST /api/ingest"] = { status: 415, json: { error: "send the body as application/json" } };
      const err = await failure(() => createFrontlineClient({ baseUrl: origin }).ingest({ text: "x" }));
      expect(err).toBeInstanceOf(FrontlineApiError);
      expect(err).not.toBeInstanceOf(FrontlineValidationError);
      expect((err as Error).message).toContain("send the body as application/json");
    });
  });

  describe("a response that does not match its schema → FrontlineResponseError naming the field", () => {
    it("a wrong type deep in an object", async () => {
      routes["GET /api/stats"] = { json: { ...stats, totals: { events: "3", articles: 2 } } };
      const err = await failure(() => createFrontlineClient({ baseUrl: origin }).stats());
      expect(err).toBeInstanceOf(FrontlineResponseError);
      const e = err as FrontlineResponseError;
      expect(e.schema).toBe("StatsResponse");
      expect(e.issues.map((i) => i.path)).toEqual([["totals", "events"]]);
      expect(e.fields).toEqual(["totals.events"]);
      expect(e.message).toContain("does not match StatsResponse");
      expect(e.message).toContain("totals.events");
      expect(e.status).toBe(200);
    });

    it("a missing field inside an array element, and an unknown enum value", async () => {
      const { code: _dropped, ...withoutCode } = stats.byRegion[1]!;
      routes["GET /api/stats"] = { json: { ...stats, byRegion: [stats.byRegion[0], withoutCode] } };
      routes[`GET /api/jobs/${JOB_ID}`] = { json: job("finished") };
      const client = createFrontlineClient({ baseUrl: origin });

      const missing = (await failure(() => client.stats())) as FrontlineResponseError;
      expect(missing).toBeInstanceOf(FrontlineResponseError);
      expect(missing.fields).toEqual(["byRegion[1].code"]);
      expect(missing.message).toContain("byRegion[1].code");

      const badEnum = (await failure(() => client.getJob(JOB_ID))) as FrontlineResponseError;
      expect(badEnum.fields).toEqual(["state"]);
      expect(badEnum.message).toMatch(/GET \/api\/jobs\/.*does not match JobStatus: state:/);
    });

    it("a body that is not JSON at all", async () => {
      routes[`GET /api/jobs/${JOB_ID}`] = { text: "OK", contentType: "text/plain" };
      const err = (await failure(() =>
        createFrontlineClient({ baseUrl: origin }).getJob(JOB_ID),
      )) as FrontlineResponseError;
      expect(err).toBeInstanceOf(FrontlineResponseError);
      expect(err.message).toContain("not JSON");
      expect(err.issues).toEqual([]);
    });

    it("a bad line of an ndjson export, by record index", async () => {
      const bad = { ...eventRecord(2), evidence: { text: "x", start: 5, end: 1 } };
      routes["GET /api/export"] = {
        text: `${JSON.stringify(eventRecord(1))}\n${JSON.stringify(bad)}\n`,
        contentType: "application/x-ndjson",
      };
      const err = (await failure(() => createFrontlineClient({ baseUrl: origin }).export())) as FrontlineResponseError;
      expect(err).toBeInstanceOf(FrontlineResponseError);
      expect(err.fields).toEqual(["[1].evidence.end"]);
    });
  });

  describe("export", () => {
    it("parses ndjson into EventRecords and returns csv as text", async () => {
      routes["GET /api/export"] = (s) =>
        s.url.includes("format=csv")
          ? { text: "id,type\ne1,shelling\n", contentType: "text/csv" }
          : { text: `${JSON.stringify(eventRecord(1))}\n${JSON.stringify(eventRecord(2))}\n` };
      const client = createFrontlineClient({ baseUrl: origin });
      const records = await client.export({ type: "shelling" });
      expect(records.map((r) => r.id)).toEqual(["e1", "e2"]);
      const csv: string = await client.export({ format: "csv" });
      expect(csv).toBe("id,type\ne1,shelling\n");
      expect(seen[0]!.url).toBe("/api/export?type=shelling&format=ndjson");
      expect(seen[0]!.headers.accept).toBe("application/x-ndjson");
      expect(seen[1]!.headers.accept).toBe("text/csv");
    });
  });

  describe("waitForJob", () => {
    it("polls until the job is completed and returns its last status", async () => {
      routes[`GET /api/jobs/${JOB_ID}`] = [
        { json: job("waiting") },
        { json: job("active") },
        { json: job("completed") },
      ];
      const status = await createFrontlineClient({ baseUrl: origin }).waitForJob(JOB_ID, { intervalMs: 10 });
      expect(status.state).toBe("completed");
      expect(status.events).toBe(2);
      expect(seen).toHaveLength(3);
    });

    it("returns a failed job's status rather than throwing", async () => {
      routes[`GET /api/jobs/${JOB_ID}`] = {
        json: job("failed", { articleStatus: "failed", failedReason: "fetch: 404" }),
      };
      const status = await createFrontlineClient({ baseUrl: origin }).waitForJob(JOB_ID, { intervalMs: 10 });
      expect(status).toMatchObject({ state: "failed", failedReason: "fetch: 404" });
    });

    it("gives up after timeoutMs with FrontlineJobTimeoutError carrying the last status", async () => {
      routes[`GET /api/jobs/${JOB_ID}`] = { json: job("active") };
      const err = await failure(() =>
        createFrontlineClient({ baseUrl: origin }).waitForJob(JOB_ID, { timeoutMs: 120, intervalMs: 20 }),
      );
      expect(err).toBeInstanceOf(FrontlineJobTimeoutError);
      expect((err as FrontlineJobTimeoutError).lastStatus?.state).toBe("active");
      expect(seen.length).toBeGreaterThan(1);
    });

    it("stops when its signal is aborted", async () => {
      routes[`GET /api/jobs/${JOB_ID}`] = { json: job("waiting") };
      const controller = new AbortController();
      const waiting = createFrontlineClient({ baseUrl: origin }).waitForJob(JOB_ID, {
        intervalMs: 1_000,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(new Error("user cancelled")), 50);
      await expect(waiting).rejects.toThrow("user cancelled");
    });
  });
});
