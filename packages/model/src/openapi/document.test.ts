import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../version.ts";
import { buildOpenApiDocument, IMPLEMENTED_OPERATIONS, PLANNED_OPERATIONS } from "./document.ts";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

// biome-ignore lint/suspicious/noExplicitAny: walking a plain JSON document
type Json = any;

function operations(doc: Json): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((method) => ({ path, method, op: (item as Json)[method] })),
  );
}

/** Follows a local `$ref` (one level is all the generator emits). */
const deref = (doc: Json, schema: Json) =>
  schema?.$ref ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;

describe("buildOpenApiDocument", () => {
  it("is a valid OpenAPI 3.1 document, with and without the planned operations", async () => {
    for (const doc of [
      buildOpenApiDocument(),
      buildOpenApiDocument({ includePlanned: true, servers: ["https://frontline.example.org"] }),
    ]) {
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.info.version).toBe(SCHEMA_VERSION);
      const result = await validate(structuredClone(doc) as never);
      expect(result.valid ? "valid" : compileErrors(result)).toBe("valid");
    }
  });

  it("is checked by a validator that does reject a broken document", async () => {
    const broken = structuredClone(buildOpenApiDocument()) as Json;
    delete broken.paths["/api/stats"].get.responses["200"].description; // a response must have a description
    broken.paths["/api/jobs/{id}"].get.operationId = "getStats"; // operation ids must be unique
    const result = await validate(broken);
    expect(result.valid).toBe(false);
  });

  it("has exactly the operations the API serves today, unless planned ones are asked for", () => {
    const served = operations(buildOpenApiDocument()).map(
      (o) => `${o.method.toUpperCase()} ${o.path} ${o.op.operationId}`,
    );
    expect(served.sort()).toEqual(
      [
        "POST /api/ingest ingestArticle",
        "GET /api/jobs listJobs",
        "GET /api/jobs/{id} getJob",
        "POST /api/jobs/{id}/retry retryJob",
        "GET /api/stats getStats",
        "GET /api/events listEvents",
        "GET /api/export exportEvents",
        "GET /api/feeds listFeeds",
        "POST /api/feeds addFeed",
        "GET /api/feeds/{id} getFeed",
        "DELETE /api/feeds/{id} removeFeed",
        "POST /api/admin/reconcile reconcileIngest",
      ].sort(),
    );
    const all = operations(buildOpenApiDocument({ includePlanned: true }));
    expect(all.map((o) => o.op.operationId).sort()).toEqual([...IMPLEMENTED_OPERATIONS, ...PLANNED_OPERATIONS].sort());
    for (const { op } of all) {
      const isPlanned = (PLANNED_OPERATIONS as readonly string[]).includes(op.operationId);
      expect(op["x-frontline-status"], op.operationId).toBe(isPlanned ? "planned" : undefined);
    }
  });

  it("gives every operation a success schema and documented error answers", () => {
    const doc = buildOpenApiDocument({ includePlanned: true });
    for (const { path, method, op } of operations(doc)) {
      const where = `${method} ${path}`;
      const success = Object.keys(op.responses).filter((s) => s.startsWith("2"));
      expect(success.length, where).toBeGreaterThan(0);
      // Every success answer has a schema, except 204, which has no body by definition.
      for (const status of success.filter((s) => s !== "204")) {
        const content = op.responses[status].content;
        expect(Object.keys(content).length, `${where} ${status}`).toBeGreaterThan(0);
        for (const media of Object.values(content) as Json[]) expect(media.schema, where).toBeTruthy();
      }
      expect(op.responses["500"], where).toBeDefined();
      // An operation that takes input documents how bad input is answered: 400 with the fields named.
      if (op.parameters?.length || op.requestBody) {
        expect(op.responses["400"], where).toBeDefined();
        const bad = deref(doc, op.responses["400"].content["application/json"].schema);
        expect(bad.required, where).toEqual(expect.arrayContaining(["error", "fieldErrors", "formErrors"]));
      }
    }
  });

  it("describes each operation's input: the ingest body, the job id and the query windows", () => {
    const doc = buildOpenApiDocument({ includePlanned: true });
    const ingest = doc.paths!["/api/ingest"]!.post as Json;
    expect(ingest.requestBody.required).toBe(true);
    const body = deref(doc, ingest.requestBody.content["application/json"].schema);
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(["text", "url", "html", "title", "source", "publishedAt", "language"]),
    );
    expect(body.additionalProperties).toBe(false); // IngestRequest is strict
    expect(body.oneOf).toHaveLength(3); // exactly one of text, url, html
    expect(Object.keys(ingest.responses).sort()).toEqual(["202", "400", "413", "415", "500", "503"]);

    const job = doc.paths!["/api/jobs/{id}"]!.get as Json;
    expect(job.parameters).toEqual([expect.objectContaining({ in: "path", name: "id", required: true })]);
    expect(job.responses["404"]).toBeDefined();

    const stats = doc.paths!["/api/stats"]!.get as Json;
    expect(stats.parameters.map((p: Json) => `${p.in}:${p.name}`)).toEqual([
      "query:from",
      "query:to",
      "query:region",
      "query:actor",
      "query:type",
      "query:source",
      "query:claim",
      "query:count",
      "query:bucket",
    ]);
    const statsBody = deref(doc, stats.responses["200"].content["application/json"].schema);
    expect(statsBody.required).toEqual(expect.arrayContaining(["totals", "byRegion", "byActor", "byEventType"]));
    // Responses may gain fields in a minor version, so they do not forbid extra properties.
    expect(statsBody.additionalProperties).toBeUndefined();

    const events = doc.paths!["/api/events"]!.get as Json;
    expect(events.parameters.map((p: Json) => p.name)).toEqual([
      "from",
      "to",
      "region",
      "actor",
      "type",
      "source",
      "claim",
      "limit",
      "cursor",
      "sort",
      "order",
      "page",
    ]);
  });
});
