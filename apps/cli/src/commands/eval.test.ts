import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../eval/paths.ts";

describe("pnpm frontline eval --check --json", () => {
  it("passes the recorded floors and reports all four datasets", () => {
    const run = spawnSync("pnpm", ["--silent", "frontline", "eval", "--check", "--json"], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });
    const output = JSON.parse(run.stdout) as {
      datasets: { dataset: string }[];
      check: { passed: boolean; failures: string[] };
    };
    expect(output.check.failures).toEqual([]);
    expect(run.status).toBe(0);
    expect(output.datasets.map((d) => d.dataset).sort()).toEqual(["dev", "holdout", "seeds", "ucdp"]);
  }, 120_000);
});
