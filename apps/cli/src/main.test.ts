import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./eval/paths.ts";

const frontline = (...args: string[]) => spawnSync("pnpm", ["--silent", "frontline", ...args], { cwd: repoRoot, encoding: "utf8" });
const frontlineWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync("pnpm", ["--silent", "frontline", ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, ...env }, timeout: 30_000 });
const STACK = /^\s+at |\.ts:\d+/m;
// Nothing listens on port 1: both services are refused at once.
const DOWN = { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/frontline", REDIS_URL: "redis://127.0.0.1:1", FRONTLINE_DEBUG: "" };

describe("pnpm frontline", () => {
  it("prints its usage on --help, -h or help, to stdout with status 0", () => {
    for (const args of [["--help"], ["-h"], ["help"], ["reenrich", "--help"]]) {
      const run = frontline(...args);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^usage: pnpm frontline <command>/);
    }
  }, 60_000);

  it("answers an option a command does not take with the option and the usage (status 2), not a stack trace", () => {
    for (const command of ["reenrich", "eval", "bench"]) {
      const run = frontline(command, "--bogus");
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`frontline ${command}: Unknown option '--bogus'`);
      expect(run.stderr).toContain("usage: pnpm frontline <command>");
      expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  }, 60_000);

  it("answers a user's mistake or a service down with one line and status 1, not a stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "frontline-main-"));
    try {
      const xml = join(dir, "x.xml");
      await writeFile(xml, "<x/>");
      const cases: [Record<string, string>, string[], string][] = [
        [DOWN, ["ingest", "/nonexistent.jsonl"], "frontline ingest: no such file: /nonexistent.jsonl\n"],
        [DOWN, ["post", "/nonexistent.jsonl"], "frontline post: no such file: /nonexistent.jsonl\n"],
        [DOWN, ["ingest", xml], `frontline ingest: cannot tell the format of ${xml}: use .jsonl, .csv or a folder of .txt/.html files\n`],
        [
          { ...DOWN, DATABASE_URL: "notaurl" },
          ["reconcile"],
          "frontline reconcile: invalid environment for the frontline CLI: DATABASE_URL: must be a postgresql:// URL\n",
        ],
        [
          DOWN,
          ["feeds", "list"],
          "frontline feeds: cannot reach the database at 127.0.0.1:1; cannot reach Redis at 127.0.0.1:1 (ECONNREFUSED)\n",
        ],
      ];
      for (const [env, args, stderr] of cases) {
        const run = frontlineWith(env, ...args);
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toBe(stderr);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("shows the stack trace of a failed command when FRONTLINE_DEBUG=1", () => {
    const run = frontlineWith({ ...DOWN, FRONTLINE_DEBUG: "1" }, "ingest", "/nonexistent.jsonl");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^frontline ingest: no such file: \/nonexistent.jsonl\n/);
    expect(run.stderr).toMatch(STACK);
  }, 30_000);

  it("refuses an unknown command with status 2", () => {
    const run = frontline("nonsense");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^unknown command: nonsense/);
  }, 30_000);
});
