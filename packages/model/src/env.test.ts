import { describe, expect, it } from "vitest";
import { z } from "zod";
import { connectionEnv, parseEnv } from "./env.ts";

const AppEnv = z.object({ ...connectionEnv, PORT: z.coerce.number().int().default(3000) });

describe("parseEnv", () => {
  it("applies the shared defaults and treats an empty variable as unset", () => {
    expect(parseEnv("app", AppEnv, { REDIS_URL: "", PORT: "8080" })).toEqual({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/frontline",
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: "frontline",
      PORT: 8080,
    });
  });

  it("names every bad variable and the app in one error", () => {
    expect(() => parseEnv("the worker", AppEnv, { DATABASE_URL: "mysql://x/y", QUEUE_PREFIX: "a b" })).toThrow(
      /invalid environment for the worker:\n {2}DATABASE_URL: must be a postgresql:\/\/ URL\n {2}QUEUE_PREFIX/,
    );
  });
});
