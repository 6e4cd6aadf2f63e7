import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadFloors } from "../eval/floors.ts";
import { repoRoot } from "../eval/paths.ts";
import { loadRealReports } from "../eval/real-reports.ts";

const run = (args: string[]) =>
  spawnSync("pnpm", ["--silent", "frontline", "eval", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });

const ORDER = ["ucdp-test", "reports-test", "ucdp-dev", "reports-dev", "seeds", "ours-dev", "ours-holdout"];

describe("pnpm frontline eval --check --json", () => {
  it("reports real text first, labels each dataset, and passes the recorded floors", () => {
    const result = run(["--check", "--json"]);
    const output = JSON.parse(result.stdout) as {
      datasets: { dataset: string; realText: boolean; split: string; skipped?: string }[];
      check: { passed: boolean; failures: string[] };
    };
    expect(output.datasets.map((d) => d.dataset)).toEqual(ORDER);
    expect(output.datasets.map((d) => [d.dataset, d.realText, d.split])).toEqual([
      ["ucdp-test", true, "test"],
      ["reports-test", true, "test"],
      ["ucdp-dev", true, "dev"],
      ["reports-dev", true, "dev"],
      ["seeds", true, "gold"],
      ["ours-dev", false, "dev"],
      ["ours-holdout", false, "holdout"],
    ]);
    // The real-report datasets are skipped only while their file does not exist or has no items of their split.
    const items = loadRealReports();
    for (const d of output.datasets.filter((x) => x.dataset.startsWith("reports-"))) {
      const present = items?.some((item) => `reports-${item.split}` === d.dataset) ?? false;
      expect([d.dataset, d.skipped === undefined]).toEqual([d.dataset, present]);
    }
    expect(output.check.failures).toEqual([]);
    expect(result.status).toBe(0);
  }, 120_000);
});

describe("pnpm frontline eval", () => {
  it("prints the summary first, real-text test sets before anything else", () => {
    const result = run([]);
    expect(result.status).toBe(0);
    const headers = result.stdout.split("\n").filter((line) => line.startsWith("== ["));
    expect(headers[0]).toMatch(/^== \[real text, not written by us · TEST\] ucdp-test/);
    expect(headers.at(-1)).toMatch(/^== \[self-written \(ours\), written by the team · HOLDOUT\] ours-holdout/);
    expect(result.stdout.startsWith("== summary")).toBe(true);
  }, 120_000);
});

describe("apps/cli/eval/floors.json", () => {
  const floors = loadFloors();

  it("gates the real-text test sets, not the real-text dev sets", () => {
    expect(Object.keys(floors.minF1)).toContain("ucdp-test");
    if (loadRealReports()?.some((item) => item.split === "test")) {
      expect(Object.keys(floors.minF1)).toContain("reports-test");
    }
    for (const table of [floors.minF1, floors.minShare ?? {}, floors.maxShare ?? {}]) {
      expect(Object.keys(table)).not.toContain("ucdp-dev");
      expect(Object.keys(table)).not.toContain("reports-dev");
    }
    expect(floors.note).toMatch(/gate that matters is on real text/);
  });

  it("keeps the seeds and our own notes gated", () => {
    expect(floors.seedsMustPass).toBe(true);
    expect(Object.keys(floors.minF1)).toEqual(expect.arrayContaining(["seeds", "ours-dev", "ours-holdout"]));
  });
});
