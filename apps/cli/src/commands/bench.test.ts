import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../eval/paths.ts";
import { parseE2eOptions } from "./bench.ts";

const e2eDefaults = { articles: "5000", workers: "2", concurrency: "400", "accept-only": false };

describe("bench --e2e options", () => {
  it("passes --worker-node-args to the workers split at white space, and none by default", () => {
    expect(parseE2eOptions(e2eDefaults)).toEqual({
      options: { articles: 5000, warmup: 2000, workers: 2, concurrency: 400, acceptOnly: false, workerNodeArgs: [] },
    });
    const parsed = parseE2eOptions({ ...e2eDefaults, "worker-node-args": " --cpu-prof  --cpu-prof-dir=/tmp/prof " });
    expect(parsed).toMatchObject({ options: { workerNodeArgs: ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] } });
  });

  it("takes --accept-only, and refuses worker flags with it (no workers run)", () => {
    expect(parseE2eOptions({ ...e2eDefaults, "accept-only": true, articles: "300" })).toMatchObject({
      options: { acceptOnly: true, articles: 300 },
    });
    expect(parseE2eOptions({ ...e2eDefaults, "accept-only": true, "worker-node-args": "--cpu-prof" })).toHaveProperty(
      "usage",
    );
    expect(parseE2eOptions({ ...e2eDefaults, "accept-only": true, warmup: "100" })).toHaveProperty("usage");
  });

  it("warms up 2000 articles unless told otherwise; 0 times a cold start", () => {
    expect(parseE2eOptions({ ...e2eDefaults, warmup: "0" })).toMatchObject({ options: { warmup: 0 } });
    expect(parseE2eOptions({ ...e2eDefaults, warmup: "300" })).toMatchObject({ options: { warmup: 300 } });
    for (const warmup of ["-1", "1.5", "some"])
      expect(parseE2eOptions({ ...e2eDefaults, warmup })).toHaveProperty("usage");
  });

  it("refuses counts that are not positive integers, and concurrency above 1000", () => {
    for (const bad of [{ articles: "0" }, { workers: "1.5" }, { concurrency: "1001" }, { articles: "many" }]) {
      expect(parseE2eOptions({ ...e2eDefaults, ...bad })).toHaveProperty("usage");
    }
  });
});

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
    expect(run.stdout).toMatch(/^enrich module load: \d+ ms wall, \d+ ms CPU, RSS \d+ MB after it/m);
  }, 120_000);

  it("reads --worker-node-args as given (a value starting with a dash), and --accept-only only with --e2e", () => {
    // Invalid --workers, so the run stops at the usage before touching any service.
    const withFlags = spawnSync(
      "pnpm",
      [
        "--silent",
        "frontline",
        "bench",
        "--e2e",
        "--workers",
        "0",
        "--worker-node-args",
        "--cpu-prof --cpu-prof-dir=/tmp/p",
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(withFlags.status, withFlags.stderr).toBe(2);
    expect(withFlags.stderr).toMatch(/^usage: frontline bench --e2e .*--worker-node-args/);
    const acceptOnly = spawnSync("pnpm", ["--silent", "frontline", "bench", "--accept-only"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(acceptOnly.status, acceptOnly.stderr).toBe(2);
    expect(acceptOnly.stderr).toContain("--e2e --accept-only");
  }, 60_000);

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
