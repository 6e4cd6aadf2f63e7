// Tests only: the seed corpus (shared/corpus/seeds), found like the CLI finds it (SHARED_DIR overrides).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const sharedDir = () =>
  process.env.SHARED_DIR ? resolve(process.env.INIT_CWD ?? process.cwd(), process.env.SHARED_DIR) : resolve(repoRoot, "../shared");

export const SEED_FILES = ["000-dnipropetrovsk-incursion.txt", "001-dnipropetrovsk-advance.txt", "002-kursk-incursion.txt"] as const;

export function seedText(file: (typeof SEED_FILES)[number]): string {
  return readFileSync(resolve(sharedDir(), "corpus/seeds", file), "utf8");
}

/** The seed's publication date as the gold labels give it (shared/eval/seeds.gold.json), YYYY-MM-DD. */
export function seedPublishedAt(file: (typeof SEED_FILES)[number]): string {
  const gold = JSON.parse(readFileSync(resolve(sharedDir(), "eval/seeds.gold.json"), "utf8")) as {
    articles: { file: string; publishedAt: string }[];
  };
  const entry = gold.articles.find((a) => a.file.endsWith(`/${file}`));
  if (!entry) throw new Error(`no gold entry for ${file}`);
  return entry.publishedAt;
}
