// The published package, as an outside developer gets it: `pnpm pack` (which builds dist/ first), install the
// tarball into a scratch project outside the workspace with npm, then use it from plain Node ESM, from TypeScript
// (tsc --noEmit, where a deliberate type error must fail), from a bundler (esbuild, for the browser), and, with the
// optional peer dependencies installed, its server-only subpaths against the real Postgres and Redis.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "./testing.ts";
import { buildOpenApiDocument } from "./openapi/document.ts";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("../", import.meta.url));

let workDir: string;
let scratch: string;
let tarball: string;

/** Runs a command; on failure the error carries its stdout and stderr. */
async function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return run(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "frontline-model-pack-"));
  expect(workDir.startsWith(packageDir)).toBe(false);
  await sh("pnpm", ["pack", "--pack-destination", workDir], packageDir);
  const [name] = (await readdir(workDir)).filter((f) => f.endsWith(".tgz"));
  tarball = join(workDir, name!);
  scratch = join(workDir, "app");
  await mkdir(scratch);
  await writeFile(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  await sh(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      tarball,
      "zod@4.6.7",
      "typescript@5.9.3",
      "@types/node@20",
    ],
    scratch,
  );
}, 300_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("the packed @frontline/model", () => {
  it("contains the built JavaScript, declarations, source maps, data and docs, and no TypeScript source", async () => {
    const { stdout } = await sh("tar", ["tzf", tarball], workDir);
    const files = stdout
      .trim()
      .split("\n")
      .map((f) => f.replace(/^package\//, ""));
    for (const entry of [
      "index",
      "client/client",
      "openapi/document",
      "db/client",
      "db/migrate",
      "queues",
      "ingest/accept",
      "testing",
    ]) {
      for (const ext of [".js", ".d.ts", ".js.map"]) expect(files).toContain(`dist/src/${entry}${ext}`);
    }
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "CHANGELOG.md",
        "dist/taxonomy/regions.json",
        "dist/taxonomy/actors.json",
        "dist/taxonomy/event-types.json",
        "dist/src/generated/prisma/client.js",
        "dist/prisma/migrations/20261121000000_init/migration.sql",
      ]),
    );
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => /\.test\.|test-artifacts|vitest/.test(f))).toEqual([]);

    const manifest = JSON.parse(await readFile(join(scratch, "node_modules/@frontline/model/package.json"), "utf8"));
    expect(manifest.exports["."]).toEqual({ types: "./dist/src/index.d.ts", default: "./dist/src/index.js" });
    expect(manifest.exports["./client"].default).toBe("./dist/src/client/client.js");
    expect(manifest.publishConfig).toBeUndefined();
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["zod", "zod-openapi"]);
    for (const peer of ["@prisma/client", "@prisma/adapter-pg", "pg", "bullmq", "ioredis"]) {
      expect(manifest.peerDependenciesMeta[peer], peer).toEqual({ optional: true });
    }
  });

  it("works from plain Node ESM: schemas, taxonomies, the client against a local server, the OpenAPI builder", async () => {
    const script = `
      import assert from "node:assert/strict";
      import { createServer } from "node:http";
      import { IngestRequest, regionByCode, eventTypeById, eventTypesForPlover, regions, SCHEMA_VERSION } from "@frontline/model";
      import { createFrontlineClient, FrontlineResponseError, FrontlineNotFoundError } from "@frontline/model/client";
      import { buildOpenApiDocument } from "@frontline/model/openapi";

      assert.equal(IngestRequest.safeParse({ text: "Shelling hit Kharkiv." }).success, true);
      const bad = IngestRequest.safeParse({ text: "a", url: "https://example.org" });
      assert.equal(bad.success, false);
      assert.deepEqual(bad.error.issues.map((i) => i.path.join(".")), ["text"]);
      assert.equal(regionByCode("UA-12").name, "Dnipropetrovsk Oblast");
      assert.equal(eventTypeById("shelling").acled.eventType, "Explosions/Remote violence");
      assert.ok(eventTypesForPlover("FIGHT").length > 0);
      assert.ok(Object.isFrozen(regions) && Object.isFrozen(regions[0].aliases));
      assert.match(SCHEMA_VERSION, /^\\d+\\.\\d+\\.\\d+$/);

      const server = createServer((req, res) => {
        res.writeHead(req.url.startsWith("/api/jobs/") ? 404 : 200, { "content-type": "application/json" });
        res.end(req.url.startsWith("/api/jobs/") ? JSON.stringify({ error: "no job" })
          : JSON.stringify({ from: null, to: null, totals: { events: "many", articles: 1 }, byRegion: [], byActor: [], byEventType: [], latestAt: null }));
      });
      await new Promise((r) => server.listen(0, "127.0.0.1", r));
      const client = createFrontlineClient({ baseUrl: "http://127.0.0.1:" + server.address().port });
      await assert.rejects(client.stats(), (e) => e instanceof FrontlineResponseError && e.fields[0] === "totals.events");
      await assert.rejects(client.getJob("x"), FrontlineNotFoundError);
      server.close();

      const doc = buildOpenApiDocument();
      assert.equal(doc.openapi, "3.1.0");
      // The built package must describe the same API as the source it was built from.
      const { readFileSync } = await import("node:fs");
      assert.deepEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(readFileSync("expected-openapi.json", "utf8")));
      console.log("node-esm-ok");
    `;
    await writeFile(join(scratch, "expected-openapi.json"), JSON.stringify(buildOpenApiDocument()));
    const { stdout } = await sh("node", ["--input-type=module", "-e", script], scratch);
    expect(stdout.trim()).toBe("node-esm-ok");
  });

  it("has real types: a correct TypeScript file compiles and a wrong one fails (nodenext and bundler resolution)", async () => {
    await writeFile(
      join(scratch, "good.ts"),
      `import { IngestRequest, regionByCode, eventTypesForAcled, type Region, type EventType, type StatsResponse } from "@frontline/model";
import { createFrontlineClient, FrontlineValidationError, type FrontlineClient } from "@frontline/model/client";
import { buildOpenApiDocument } from "@frontline/model/openapi";

const region: Region = regionByCode("UA-12")!;
const code: string = region.code;
const battles: readonly EventType[] = eventTypesForAcled({ eventType: "Battles" });
const request: IngestRequest = IngestRequest.parse({ text: "Shelling hit Kharkiv." });
const client: FrontlineClient = createFrontlineClient({ baseUrl: "http://127.0.0.1:3000", token: "t" });
const stats: Promise<StatsResponse> = client.stats({ from: "2025-03-01" });
const events: Promise<number> = client.waitForJob("id", { timeoutMs: 1000 }).then((job) => job.events ?? 0);
const csv: Promise<string> = client.export({ format: "csv" });
const isValidation = (e: unknown): e is FrontlineValidationError => e instanceof FrontlineValidationError;
const version: string = buildOpenApiDocument().info.version;
export { battles, code, csv, events, isValidation, request, stats, version };
`,
    );
    await writeFile(
      join(scratch, "bad.ts"),
      `import { regionByCode } from "@frontline/model";
import { createFrontlineClient } from "@frontline/model/client";
const name: number = regionByCode("UA-12")!.name;
const accepted = createFrontlineClient({ baseUrl: "http://127.0.0.1:3000" }).ingest({ txt: "typo" });
export { accepted, name };
`,
    );
    const tsc = join(scratch, "node_modules/typescript/bin/tsc");
    for (const [module, moduleResolution] of [
      ["nodenext", "nodenext"],
      ["esnext", "bundler"],
    ] as const) {
      const flags = [
        "--noEmit",
        "--strict",
        "--target",
        "es2022",
        "--module",
        module,
        "--moduleResolution",
        moduleResolution,
      ];
      // One run over both files: good.ts must have no errors, bad.ts exactly the two planted ones.
      const output = await sh("node", [tsc, ...flags, "--types", "node", "good.ts", "bad.ts"], scratch).then(
        () => "",
        (err: { stdout: string }) => err.stdout,
      );
      const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
      expect(errors, `under ${moduleResolution}:\n${output}`).toHaveLength(2);
      expect(errors[0]).toMatch(/^bad\.ts\(3,7\): error TS2322: Type 'string' is not assignable to type 'number'/);
      expect(errors[1]).toMatch(
        /^bad\.ts\(4,\d+\): error TS2561: Object literal may only specify known properties, but 'txt' does not exist/,
      );
    }
  });

  it("bundles for the browser without any server-only dependency", async () => {
    await writeFile(
      join(scratch, "browser.js"),
      `import { IngestRequest, regionByCode } from "@frontline/model";
import { createFrontlineClient } from "@frontline/model/client";
export const result = [IngestRequest.safeParse({ url: "https://example.org/a" }).success, regionByCode("RU-KRS")?.name, typeof createFrontlineClient];
`,
    );
    const out = await build({
      absWorkingDir: scratch,
      entryPoints: ["browser.js"],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((i) => i.includes("node_modules/@frontline/model/dist/taxonomy/regions.json"))).toBe(true);
    expect(inputs.filter((i) => /prisma|bullmq|ioredis|node_modules\/pg\/|\/queues\.js|\/db\//.test(i))).toEqual([]);
    const bundle = join(scratch, "bundle.mjs");
    await writeFile(bundle, out.outputFiles[0]!.text);
    const { stdout } = await sh(
      "node",
      [
        "--input-type=module",
        "-e",
        `import { result } from ${JSON.stringify(bundle)}; console.log(JSON.stringify(result));`,
      ],
      scratch,
    );
    expect(JSON.parse(stdout)).toEqual([true, "Kursk Oblast", "function"]);
  });

  it("runs its server-only subpaths (db, migrate, queues, ingest) once the optional peers are installed", async () => {
    await sh(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--ignore-scripts",
        "@prisma/client@7.10.0",
        "@prisma/adapter-pg@7.10.1",
        "pg@8",
        "bullmq@6.7.0",
        "ioredis@5.11.1",
      ],
      scratch,
    );
    const script = `
      import { createPrismaClient } from "@frontline/model/db";
      import { createTestDatabase, uniqueQueuePrefix } from "@frontline/model/testing";
      import { createIngestQueue, createRedisConnection } from "@frontline/model/queues";
      import { acceptIngest } from "@frontline/model/ingest";
      const testDb = await createTestDatabase("pack"); // applies the SQL migrations shipped in dist/prisma
      const db = createPrismaClient(testDb.url);
      const connection = createRedisConnection(process.env.PACK_REDIS_URL);
      const queue = createIngestQueue({ connection, prefix: uniqueQueuePrefix("pack") });
      try {
        const accepted = await acceptIngest({ db, queue }, { text: "Shelling hit Kharkiv." });
        const job = await queue.getJob(accepted.jobId);
        console.log(JSON.stringify({ articles: await db.article.count(), job: job?.name, duplicate: accepted.duplicate }));
        await queue.obliterate({ force: true });
      } finally {
        await queue.close();
        await connection.quit();
        await db.$disconnect();
        await testDb.drop();
      }
    `;
    const { stdout } = await sh("node", ["--input-type=module", "-e", script], scratch, {
      PACK_REDIS_URL: testRedisUrl(),
    });
    expect(JSON.parse(stdout)).toEqual({ articles: 1, job: "ingest.article", duplicate: false });
  });
});
