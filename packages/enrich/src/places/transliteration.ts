// Place-name folding (rules/transliteration.json): Ukrainian and Russian romanisations of one name meet on
// one key. Applied to dictionary names when the trie is built and to text tokens when it is searched.
import { z } from "zod";
import rulesData from "../../rules/transliteration.json";
import { phraseKeys } from "../text/tokens.ts";

const Rule = z.object({ pattern: z.string().min(1), replace: z.string(), note: z.string().optional() });
export const TransliterationRules = z.object({
  description: z.string(),
  latin: z.array(Rule),
  cyrillic: z.array(Rule),
});

const compile = (rules: z.infer<typeof Rule>[]) =>
  rules.map((r) => ({ pattern: new RegExp(r.pattern, "gu"), replace: r.replace }));

const rules = TransliterationRules.parse(rulesData);
const latinRules = compile(rules.latin);
const cyrillicRules = compile(rules.cyrillic);

const CYRILLIC = /[\u0400-\u04ff]/;
const COMBINING = /\p{M}/gu;
// Anything outside ASCII and Cyrillic may carry diacritics (ó, ë, ž).
const NEEDS_NFD = /[^\p{ASCII}\u0400-\u04ff]/u;

/** Folding without the cache: for dictionary names at load time, which would only crowd the cache. */
export function foldUncached(key: string): string {
  if (CYRILLIC.test(key)) {
    let out = key;
    for (const r of cyrillicRules) out = out.replace(r.pattern, r.replace);
    return out;
  }
  let out = NEEDS_NFD.test(key) ? key.normalize("NFD").replace(COMBINING, "") : key;
  for (const r of latinRules) out = out.replace(r.pattern, r.replace);
  return out;
}

/** The folded key of a whole name ("Chasiv Yar" → "chasiv iar"), as the place trie keys it. */
export const nameKey = (name: string) => phraseKeys(name).map(foldUncached).join(" ");

// Token keys repeat across articles; the cache is bounded so a long-running worker cannot grow it forever.
const cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

/** A token key (lower-cased, stemmed: see tokens.ts) folded for place-name matching. */
export function foldKey(key: string): string {
  let folded = cache.get(key);
  if (folded === undefined) {
    folded = foldUncached(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, folded);
  }
  return folded;
}
