import { describe, expect, it } from "vitest";
import { parseWebEnv } from "./env.ts";

describe("parseWebEnv", () => {
  it("fills in the local defaults", () => {
    expect(parseWebEnv({})).toEqual({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/frontline",
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: "frontline",
    });
  });

  it("treats an empty variable as unset", () => {
    expect(parseWebEnv({ QUEUE_PREFIX: "" }).QUEUE_PREFIX).toBe("frontline");
  });

  it("keeps given values", () => {
    const env = parseWebEnv({
      DATABASE_URL: "postgres://db.internal/x",
      REDIS_URL: "rediss://r:6380",
      QUEUE_PREFIX: "t-1",
    });
    expect(env).toEqual({
      DATABASE_URL: "postgres://db.internal/x",
      REDIS_URL: "rediss://r:6380",
      QUEUE_PREFIX: "t-1",
    });
  });

  it("names each bad variable", () => {
    expect(() => parseWebEnv({ DATABASE_URL: "mysql://x/y" })).toThrow(/DATABASE_URL: must be a postgresql/);
    expect(() => parseWebEnv({ REDIS_URL: "not a url" })).toThrow(/REDIS_URL/);
    expect(() => parseWebEnv({ QUEUE_PREFIX: "a b" })).toThrow(/QUEUE_PREFIX/);
  });
});
