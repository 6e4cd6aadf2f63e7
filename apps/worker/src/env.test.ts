import { describe, expect, it } from "vitest";
import { parseWorkerEnv } from "./env.ts";

describe("parseWorkerEnv", () => {
  it("applies documented defaults", () => {
    expect(parseWorkerEnv({})).toMatchObject({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/frontline",
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: "frontline",
      INGEST_CONCURRENCY: 64,
    });
  });

  it("coerces numbers from strings", () => {
    expect(parseWorkerEnv({ INGEST_CONCURRENCY: "12" }).INGEST_CONCURRENCY).toBe(12);
  });

  it("names each bad variable", () => {
    expect(() => parseWorkerEnv({ INGEST_CONCURRENCY: "lots" })).toThrow(/INGEST_CONCURRENCY/);
    expect(() => parseWorkerEnv({ INGEST_CONCURRENCY: "1001" })).toThrow(/INGEST_CONCURRENCY/);
    expect(() => parseWorkerEnv({ REDIS_URL: "not a url" })).toThrow(/REDIS_URL/);
    expect(() => parseWorkerEnv({ INGEST_CONCURRENCY: "0", DATABASE_URL: "x" })).toThrow(/INGEST_CONCURRENCY.*DATABASE_URL|DATABASE_URL.*INGEST_CONCURRENCY/s);
  });
});
