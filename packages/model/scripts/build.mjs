// Builds the published form of @frontline/model into dist/ (the workspace itself runs the TypeScript source):
//   1. tsc -p tsconfig.build.json: ESM .js with .js import specifiers, .d.ts, source maps with the sources inlined,
//      and the taxonomy JSON the code imports (dist/src/**, dist/taxonomy/*.json);
//   2. the SQL migrations, which @frontline/model/migrate reads at run time from ../../prisma/migrations
//      relative to itself (dist/src/db/migrate.js → dist/prisma/migrations).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const at = (path) => fileURLToPath(new URL(path, `file://${root}`));

if (!existsSync(at("src/generated/prisma/client.ts"))) {
  console.error("build: the Prisma client is missing; run `pnpm --filter @frontline/model generate` first");
  process.exit(1);
}

rmSync(at("dist"), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
cpSync(at("prisma/migrations"), at("dist/prisma/migrations"), { recursive: true });
console.log("build: dist/ written");
