// `pnpm db:migrate`: creates the database if needed and applies pending migrations.
import { z } from "zod";
import { ensureDatabase, migrate } from "./migrate.ts";

const env = z
  .object({ DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/frontline") })
  .safeParse(process.env);
if (!env.success) {
  console.error(`Invalid environment: ${z.prettifyError(env.error)}`);
  process.exit(1);
}
const url = env.data.DATABASE_URL;
try {
  if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const { applied, alreadyApplied } = await migrate(url);
  console.log(`migrations: ${applied.length} applied, ${alreadyApplied.length} already applied`);
  for (const name of applied) console.log(`  applied ${name}`);
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
}
