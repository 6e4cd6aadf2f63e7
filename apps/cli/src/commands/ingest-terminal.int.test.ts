// `pnpm frontline ingest` as a person runs it: on a terminal it draws a progress bar, reports each rejected record as
// it happens and ends with the summary; piped, it prints no bar. The terminal is a real pseudo-terminal (util-linux
// `script`), the services the real Postgres and Redis.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createRedisConnection } from "@frontline/model/queues";
import { createTestDatabase, removeQueuePrefix, type TestDatabase, testRedisUrl, uniqueQueuePrefix } from "@frontline/model/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../eval/paths.ts";

let database: TestDatabase;
let prisma: PrismaClient;
let dir: string;
let file: string;
const prefix = uniqueQueuePrefix("tty");

beforeAll(async () => {
  database = await createTestDatabase("tty");
  prisma = createPrismaClient(database.url);
  dir = await mkdtemp(join(tmpdir(), "frontline-tty-"));
  file = join(dir, "articles.jsonl");
  await writeFile(
    file,
    [
      JSON.stringify({ text: "Russian forces shelled Nikopol overnight, the regional governor said.", source: "TTY test" }),
      JSON.stringify({ text: "" }),
      JSON.stringify({ text: "A drone attack on Belgorod injured two people, the governor said.", source: "TTY test" }),
    ].join("\n"),
  );
});
afterAll(async () => {
  const connection = createRedisConnection(testRedisUrl());
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
  await prisma?.$disconnect();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ ...process.env, DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix });

describe("pnpm frontline ingest on a terminal", () => {
  it("draws a progress bar, reports the rejected line and ends with the summary", async () => {
    // `script` gives the command a pseudo-terminal for stdin, stdout and stderr, and copies what it wrote.
    const run = spawnSync("script", ["-qefc", `pnpm --silent frontline ingest ${JSON.stringify(file)}`, "/dev/null"], {
      cwd: repoRoot,
      env: env(),
      encoding: "utf8",
      timeout: 60_000,
    });
    const screen = run.stdout;
    expect(run.status, screen).toBe(1); // a record was rejected
    expect(screen).toMatch(/ingest \|[█░]+\| 100% \| \d+\/\d+ bytes \| accepted 2 duplicates 0 rejected 1/);
    expect(screen).toContain("line 2: rejected:");
    expect(screen).toContain("3 read: 2 accepted, 0 duplicates, 1 rejected");
    expect(await prisma.article.count({ where: { source: "TTY test" } })).toBe(2);
  });

  it("prints no bar when stderr is not a terminal", () => {
    const run = spawnSync("pnpm", ["--silent", "frontline", "ingest", file], { cwd: repoRoot, env: env(), encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toContain("3 read: 0 accepted, 2 duplicates, 1 rejected");
    expect(run.stderr).not.toContain("|");
  });
});
