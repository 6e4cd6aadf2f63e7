import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./eval/paths.ts";

const frontline = (...args: string[]) => spawnSync("pnpm", ["--silent", "frontline", ...args], { cwd: repoRoot, encoding: "utf8" });

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

  it("refuses an unknown command with status 2", () => {
    const run = frontline("nonsense");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^unknown command: nonsense/);
  }, 30_000);
});
