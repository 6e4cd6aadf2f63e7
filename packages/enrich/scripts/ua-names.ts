// Latin spellings of Ukrainian place names, for scripts/build-ua-settlements.ts:
//
//   romaniseUkrainian   the official national transliteration (Cabinet of Ministers of Ukraine resolution No. 55 of
//                       27 January 2010), by the npm package cyrillic-to-translit-js (MIT, preset "uk": є ї й ю я are
//                       ye yi y yu ya at the start of a word and ie i i iu ia elsewhere, зг is zgh, ь and ’ are
//                       dropped). The package starts a word only after a space; a hyphenated name is romanised part by
//                       part, so Нью-Йорк is Niu-York, not Niu-Iork.
//   russianSpellings    how reports spell the same place the Russian way (Novoselovka, Petrovskoye, Logvinovo),
//                       derived from the Ukrainian name by the rules in rules/transliteration.json (russianSpellings).
import cyrillicToTranslit from "cyrillic-to-translit-js";
import { z } from "zod";
import rulesData from "../rules/transliteration.json";

const ukrainian = cyrillicToTranslit({ preset: "uk" });

/** A Ukrainian name in the national romanisation: "Верхньоторецьке" → "Verkhnotoretske". */
export function romaniseUkrainian(name: string): string {
  return name
    .split(/([\s-]+)/)
    .map((part, i) => (i % 2 === 1 ? part : ukrainian.transform(part)))
    .join("");
}

const CyrillicRule = z.object({
  pattern: z.string().min(1),
  replace: z.union([z.string(), z.array(z.string()).min(1)]),
  position: z.enum(["first", "notLast"]).optional(),
  note: z.string().optional(),
});
const LetterRule = z.object({ pattern: z.string().min(1), replace: z.string(), note: z.string().optional() });
export const RussianSpellingRules = z.object({
  description: z.string(),
  /** ISO 3166-2 codes of the oblasts whose settlements get Russian spellings. */
  regions: z.array(z.string().regex(/^UA-\d{2}$/)).min(1),
  cyrillic: z.array(CyrillicRule).min(1),
  romanisation: z.array(LetterRule).min(1),
});
export type RussianSpellingRules = z.infer<typeof RussianSpellingRules>;

interface CompiledRules {
  regions: ReadonlySet<string>;
  cyrillic: { pattern: RegExp; replace: string[]; position?: "first" | "notLast" }[];
  romanisation: { pattern: RegExp; replace: string }[];
}

export function compileRussianSpellingRules(rules: RussianSpellingRules): CompiledRules {
  return {
    regions: new Set(rules.regions),
    cyrillic: rules.cyrillic.map((r) => ({
      pattern: new RegExp(r.pattern, "u"),
      replace: typeof r.replace === "string" ? [r.replace] : r.replace,
      ...(r.position ? { position: r.position } : {}),
    })),
    romanisation: rules.romanisation.map((r) => ({ pattern: new RegExp(r.pattern, "gu"), replace: r.replace })),
  };
}

export const defaultRussianSpellingRules = compileRussianSpellingRules(
  RussianSpellingRules.parse((rulesData as { russianSpellings: unknown }).russianSpellings),
);

/** At most this many Russian forms of one word (rules with several replacements multiply). */
const MAX_FORMS = 3;

/** The Russian Cyrillic forms of one lower-case Ukrainian word. */
function russianWordForms(word: string, first: boolean, last: boolean, rules: CompiledRules): string[] {
  let forms = [word];
  for (const rule of rules.cyrillic) {
    if (rule.position === "first" && !first) continue;
    if (rule.position === "notLast" && last) continue;
    const next: string[] = [];
    for (const form of forms) {
      if (!rule.pattern.test(form)) next.push(form);
      else for (const replacement of rule.replace) next.push(form.replace(rule.pattern, replacement));
    }
    forms = [...new Set(next)].slice(0, MAX_FORMS);
  }
  return forms;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function romaniseRussianWord(word: string, rules: CompiledRules): string {
  let out = word;
  for (const rule of rules.romanisation) out = out.replace(rule.pattern, rule.replace);
  return out;
}

export interface RussianSpelling {
  cyrillic: string;
  latin: string;
}

/** Whether reports spell the settlements of this oblast the Russian way (rules/transliteration.json: regions). */
export const getsRussianSpellings = (region: string, rules: CompiledRules = defaultRussianSpellingRules) =>
  rules.regions.has(region);

/**
 * Russian spellings of a Ukrainian name: "Новоселівка" → Новоселовка / Novoselovka; "Мелове" → Мелово / Melovo,
 * Меловое / Melovoye, Меловой / Melovoy. Capitalised like the name (each word's first letter).
 */
export function russianSpellings(name: string, rules: CompiledRules = defaultRussianSpellingRules): RussianSpelling[] {
  const words = name.toLowerCase().split(/([\s-]+)/);
  const wordCount = Math.ceil(words.length / 2);
  let forms: string[][] = [[]];
  for (let i = 0; i < words.length; i++) {
    const part = words[i]!;
    if (i % 2 === 1) {
      forms = forms.map((f) => [...f, part]);
      continue;
    }
    const index = i / 2;
    const variants = russianWordForms(part, index === 0, index === wordCount - 1, rules);
    forms = forms.flatMap((f) => variants.map((v) => [...f, v])).slice(0, MAX_FORMS);
  }
  return forms.map((parts) => {
    const cyrillic = parts.map((p, i) => (i % 2 === 1 ? p : capitalise(p))).join("");
    const latin = parts.map((p, i) => (i % 2 === 1 ? p : capitalise(romaniseRussianWord(p, rules)))).join("");
    return { cyrillic, latin };
  });
}
