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
