// @frontline/model's client-safe root: schemas, types and taxonomies. No database, Redis or Node-only code here;
// those live behind the server-only subpaths (@frontline/model/db, /queues, /ingest, /migrate). The REST client
// (@frontline/model/client) and the OpenAPI builder (@frontline/model/openapi) are subpaths of their own.
export * from "./schemas/api.ts";
export * from "./schemas/article.ts";
export * from "./schemas/enriched-article.ts";
export * from "./schemas/event.ts";
export * from "./schemas/feed.ts";
export * from "./schemas/ingest.ts";
export * from "./schemas/job.ts";
export * from "./schemas/stats.ts";
export * from "./schemas/taxonomy.ts";
export * from "./taxonomies.ts";
export * from "./version.ts";
