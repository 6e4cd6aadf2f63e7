// Numbers with what they count: "117 Ukrainian drones", "18 km", "one to two kilometres",
// "five people were killed" (→ killed). Unit words are data (rules/quantity-units.json).
import type { Quantity } from "@frontline/model";
import { z } from "zod";
import unitsData from "../../rules/quantity-units.json";
import { charCodeAt } from "../text/chars.ts";
import type { Token } from "../text/tokens.ts";

const QuantityUnits = z.object({
  units: z.record(z.string(), z.string().min(1)),
  casualtyVerbs: z.record(z.string(), z.string().min(1)),
  /** Words right before a number that say what it counts: "killing 12", "wounded nine", "death toll rose to 14". */
  casualtyBefore: z.record(z.string(), z.string().min(1)),
  /** Month names and abbreviations: a number right after one is a day ("Jan 24 (Reuters)"), never a count. */
  months: z.array(z.string().min(1)),
});
const parsedUnits = QuantityUnits.parse(unitsData);
// Maps, not plain objects: a token such as "constructor" must not find Object.prototype's members.
const units = new Map(Object.entries(parsedUnits.units));
const casualtyVerbs = new Map(Object.entries(parsedUnits.casualtyVerbs));
const casualtyBefore = new Map(Object.entries(parsedUnits.casualtyBefore));
const months = new Set(parsedUnits.months);
/** Units a casualty word around the number turns into "killed" or "wounded". */
const PERSON_UNITS = new Set(["people", "civilians", "soldiers", "children"]);
/** Punctuation between two tokens that ends a phrase: "24 (Reuters) - Russian missiles" counts no missiles. */
const PHRASE_BREAK = /[()[\]:;–—]|\s-\s/;

const NUMBER_WORDS = new Map<string, number>(
  Object.entries({
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    fifteen: 15,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    hundred: 100,
    dozen: 12,
    dozens: 24,
  }),
);
const SCALES = new Map<string, number>([
  ["hundred", 100],
  ["thousand", 1000],
  ["million", 1_000_000],
]);
const SKIP_BETWEEN = new Set([
  "more",
  "than",
  "at",
  "least",
  "about",
  "around",
  "nearly",
  "almost",
  "over",
  "up",
  "to",
]);

const DIGITS = /^\d+(?:\.\d+)?$/;

function numberValue(token: Token): number | undefined {
  const c = charCodeAt(token.raw, 0);
  // Most tokens are words: only a token starting with a digit needs the digit parse.
  if (c < 48 || c > 57) return NUMBER_WORDS.get(token.key);
  const digits =
    token.raw.includes(",") || token.raw.includes("\u00a0") ? token.raw.replace(/[,\u00a0]/g, "") : token.raw;
  return DIGITS.test(digits) ? Number(digits) : undefined;
}

export function findQuantities(text: string, tokens: readonly Token[]): Quantity[] {
  const found: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let value = numberValue(tokens[i]!);
    if (value === undefined) {
      const one = oneVictim(text, tokens, i);
      if (one) {
        found.push(one.quantity);
        i = one.last;
      }
      continue;
    }
    // "Jan 24", "24 February": a day of a date, not a count. "two of them": part of a count made before.
    if (months.has(tokens[i - 1]?.key ?? "") || months.has(tokens[i + 1]?.key ?? "")) continue;
    if (isSubset(tokens, i)) {
      i += 2;
      continue;
    }
    const first = i;
    let j = i + 1;
    const scale = SCALES.get(tokens[j]?.key ?? "");
    if (scale && value < scale) {
      value *= scale;
      j++;
    }
    // "20 of 25 drones": the 20 are what happened to them (shot down, hit); the unit is the whole's.
    if (tokens[j]?.key === "of" && tokens[j + 1] && numberValue(tokens[j + 1]!) !== undefined) j += 2;
    // A range "one to two kilometres" / "10-15 drones": keep the upper bound.
    if (tokens[j]?.key === "to" && tokens[j + 1] && numberValue(tokens[j + 1]!) !== undefined) {
      value = numberValue(tokens[j + 1]!)!;
      j += 2;
    }
    // A year is not a count.
    if (/^(?:19|20)\d{2}$/.test(tokens[i]!.raw) && !units.has(tokens[j]?.key ?? "")) continue;
    const before = casualtyBeforeNumber(tokens, first);
    let matched = false;
    for (let k = j; k < Math.min(j + 3, tokens.length); k++) {
      if (PHRASE_BREAK.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) break;
      const key = tokens[k]!.key;
      const unit = units.get(key);
      if (unit) {
        const last = k;
        let recorded = unit;
        if (PERSON_UNITS.has(unit)) {
          const verb = before ?? casualtyAround(text, tokens, last);
          if (verb) recorded = verb;
        }
        // "18 km (11 miles)": the bracketed conversion repeats the same distance.
        const previous = found.at(-1);
        const between = previous ? text.slice(tokens[first]!.start - 2, tokens[first]!.start) : "";
        if (!(previous && between.includes("(") && (recorded === "miles" || previous.unit === "miles"))) {
          found.push({ value, unit: recorded, text: text.slice(tokens[first]!.start, tokens[last]!.end) });
        }
        i = last;
        matched = true;
        break;
      }
      if (!SKIP_BETWEEN.has(key) && !/^\p{L}/u.test(tokens[k]!.raw)) break;
    }
    // "killing 12 and wounding 9": a casualty word before a number with no unit of its own.
    if (!matched && before) {
      const start = tokens[first - 1]!.start;
      found.push({ value, unit: before, text: text.slice(start, tokens[j - 1]!.end) });
    }
  }
  return found;
}

/** "killed a 61-year-old local man", "wounding a woman": one victim, named without a number. */
function oneVictim(
  text: string,
  tokens: readonly Token[],
  at: number,
): { quantity: Quantity; last: number } | undefined {
  const unit = casualtyBefore.get(tokens[at]!.key);
  if (!unit || (unit === "killed" && tokens[at]!.key === "toll")) return undefined;
  const article = tokens[at + 1]?.key;
  // "kills man" in a headline: the noun right after the verb.
  const from = article === "a" || article === "an" ? at + 2 : at + 1;
  for (let k = from; k < Math.min(from === at + 1 ? at + 2 : at + 6, tokens.length); k++) {
    if (PHRASE_BREAK.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) return undefined;
    if (PERSON_UNITS.has(units.get(tokens[k]!.key) ?? "")) {
      return { quantity: { value: 1, unit, text: text.slice(tokens[at]!.start, tokens[k]!.end) }, last: k };
    }
  }
  return undefined;
}

/** Words between a casualty word and its number: "death toll rose to 14", "the deaths of three people". */
const TOLL_WORDS = new Set(["rose", "risen", "climbed", "reached", "of", "the"]);

/** "killing 12", "killed at least 3", "wounding nine", "death toll rose to 14": what the word before counts. */
function casualtyBeforeNumber(tokens: readonly Token[], first: number): string | undefined {
  for (let k = first - 1; k >= Math.max(0, first - 4); k--) {
    const key = tokens[k]!.key;
    const unit = casualtyBefore.get(key);
    if (unit) return unit;
    if (!SKIP_BETWEEN.has(key) && !TOLL_WORDS.has(key)) return undefined;
  }
  return undefined;
}

/**
 * "nine people, two of them children, were killed": the casualty word after the counted noun, within the phrase
 * (no bracket, colon or dash between) and before any other count; an aside "N of them ..." is passed over.
 */
function casualtyAround(text: string, tokens: readonly Token[], at: number): string | undefined {
  for (let k = at + 1; k < Math.min(at + 8, tokens.length); k++) {
    if (PHRASE_BREAK.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) return undefined;
    if (isSubset(tokens, k)) {
      k += 2;
      continue;
    }
    if (numberValue(tokens[k]!) !== undefined) return undefined;
    const unit = casualtyVerbs.get(tokens[k]!.key);
    if (unit) return unit;
  }
  return undefined;
}

const SUBSET_WORDS = new Set(["them", "whom", "those", "which"]);

/** "two of them", "three of whom": a part of a count already made, not a count of its own. */
function isSubset(tokens: readonly Token[], at: number): boolean {
  return (
    numberValue(tokens[at]!) !== undefined &&
    tokens[at + 1]?.key === "of" &&
    SUBSET_WORDS.has(tokens[at + 2]?.key ?? "")
  );
}
