import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../eval/paths.ts";

describe("pnpm frontline bench", () => {
  it("runs briefly and prints a row per workload (no timing assertions)", () => {
    const run = spawnSync("pnpm", ["--silent", "frontline", "bench", "--seconds", "0.2"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const workload of [
      "enrich: full articles (seeds)",
      "enrich: short notes (dev set)",
      "compromise: full articles (seeds)",
      "compromise: short notes (dev set)",
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^${workload.replace(/[()]/g, "\\$&")}\\s+\\d+\\s+[\\d.]+`, "m"));
    }
    expect(run.stdout).toContain("how measured");
  }, 120_000);

  it("prints the bulk reader's memory for each input size (no memory assertions)", () => {
    const run = spawnSync("pnpm", ["--silent", "frontline", "bench", "--bulk-memory", "--lines", "3000"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const row = run.stdout.split("\n").find((l) => /^\s+3000\s/.test(l));
    expect(row, run.stdout).toBeDefined();
    expect(row!.trim().split(/\s+/)).toHaveLength(6); // lines, seconds, lines/s, peak RSS, peak heap, retained heap
    expect(run.stdout).toContain("how measured");
  }, 60_000);
});

