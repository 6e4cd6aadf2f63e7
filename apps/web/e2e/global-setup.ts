// Starts the stack the e2e tests talk to: a fresh database, a unique queue prefix, the worker and the
// production web server (`next start`), all on the real Postgres and Redis. Tears it all down afterwards.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { createRedisConnection } from "@frontline/model/queues";
import { createTestDatabase, freePort, removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@frontline/model/testing";
import type { TestProject } from "vitest/node";
import { artifactsDir, webDir, workerDir } from "./paths.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    redisUrl: string;
    queuePrefix: string;
  }
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

interface Started {
  name: string;
  child: ChildProcess;
  output: () => string;
}

/** Spawns a command in its own process group, logging to test-artifacts/<name>.log. */
function start(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Started {
  const log = createWriteStream(resolve(artifactsDir, `e2e-${name}.log`));
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  child.once("exit", () => log.end());
  return { name, child, output: () => output };
}

/** Resolves once `isReady` says so; rejects if the process dies first or time runs out. */
async function waitUntilReady(proc: Started, isReady: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited before it was ready:\n${proc.output()}`);
    }
    if (await isReady()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name} was not ready after ${READY_TIMEOUT_MS} ms:\n${proc.output()}`);
}

/** SIGTERM to the whole process group (pnpm/tsx/next spawn children), SIGKILL if it lingers. */
async function stop(proc: Started | undefined): Promise<void> {
  if (!proc?.child.pid || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const pid = proc.child.pid;
  const exited = new Promise<void>((r) => proc.child.once("exit", () => r()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject) {
  if (!existsSync(resolve(webDir, ".next/BUILD_ID"))) {
    throw new Error("no production build: run `pnpm --filter @frontline/web build` first (turbo does it before test)");
  }
  mkdirSync(artifactsDir, { recursive: true });

  const database = await createTestDatabase("web_e2e");
  const redisUrl = testRedisUrl();
  const queuePrefix = uniqueQueuePrefix("web-e2e");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
  };

  let worker: Started | undefined;
  let web: Started | undefined;
  const teardown = async () => {
    await Promise.all([stop(web), stop(worker)]);
    const connection = createRedisConnection(redisUrl);
    await removeQueuePrefix(connection, queuePrefix); // the worker's scheduler and feeds queue too
    await connection.quit();
    await database.drop();
  };

  try {
    worker = start("worker", process.execPath, ["--import", "tsx", "src/main.ts"], workerDir, env);
    web = start(
      "web",
      resolve(webDir, "node_modules/.bin/next"),
      ["start", "-H", "127.0.0.1", "-p", String(port)],
      webDir,
      env,
    );
    const workerProc = worker;
    await Promise.all([
      waitUntilReady(workerProc, () => workerProc.output().includes("worker ready")),
      // /api/stats answers 200 only once the server is up and can reach Postgres.
      waitUntilReady(web, () =>
        fetch(`${baseUrl}/api/stats`).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    ]);
  } catch (err) {
    await teardown();
    throw err;
  }

  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", database.url);
  project.provide("redisUrl", redisUrl);
  project.provide("queuePrefix", queuePrefix);
  return teardown;
}
