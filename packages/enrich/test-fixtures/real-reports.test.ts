import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FIXTURE_CLASSES, RealReport } from "./real-reports.schema.ts";

const FILE = fileURLToPath(new URL("./real-reports.jsonl", import.meta.url));
const lines = readFileSync(FILE, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "");

describe("real-reports.jsonl", () => {
  const items = lines.map((l, i) => {
    try {
      return JSON.parse(l) as unknown;
    } catch {
      throw new Error(`line ${i + 1} is not JSON`);
    }
  });

  it("every line matches the schema", () => {
    for (const [i, item] of items.entries()) {
      const r = RealReport.safeParse(item);
      expect(r.success, `line ${i + 1}: ${r.success ? "" : r.error.message}`).toBe(true);
    }
  });

  const parsed = items.map((x) => RealReport.parse(x));

  it("ids are unique", () => {
    const ids = parsed.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("each class has at least 12 items", () => {
    for (const c of FIXTURE_CLASSES) {
      expect(parsed.filter((r) => r.class === c).length, c).toBeGreaterThanOrEqual(12);
    }
  });

  it("every item has a source URL and a split", () => {
    for (const r of parsed) {
      expect(r.source, r.id).toMatch(/^https?:\/\//);
      expect(["dev", "test"], r.id).toContain(r.split);
    }
  });
});
