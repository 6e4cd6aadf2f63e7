// Dates in a clause, resolved against the publish date. chrono-node handles day-level expressions
// ("Aug. 6", "on Wednesday", "yesterday", "5 March 2022"); the coarse ones chrono leaves out
// ("early June", "late 2024", "late last year", "overnight") are resolved here.
import type { EventDate } from "@frontline/model";
import * as chrono from "chrono-node";
import { lowerForMatching } from "../text/caseless.ts";

export interface DateMention {
  date: EventDate;
  start: number;
  end: number;
  /** "since February 2022": the start of a period, not when the event happened. */
  since: boolean;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH_NAMES = MONTHS.join("|");
const COARSE_MONTH = new RegExp(
  `\\b(early|mid|late|end of|beginning of|start of|the end of)[- ]?(${MONTH_NAMES})(?:,? ((?:19|20)\\d{2}))?\\b`,
  "gi",
);
// "February 2022", "in March": a month without a day.
const MONTH_ONLY = new RegExp(
  `(?<!\\d\\s|\\d(?:st|nd|rd|th)\\s)\\b(?:(${MONTH_NAMES}),? ((?:19|20)\\d{2})|in (${MONTH_NAMES}))\\b(?!\\s+\\d)`,
  "gi",
);
// Every COARSE_MONTH match has one of these ASCII words, which it matches without /u (see RELATIVE_YEAR below).
const COARSE_MONTH_WORDS = ["early", "mid", "late", "end of", "beginning of", "start of"];
const COARSE_YEAR =
  /\b(?:(early|mid|late|end of|in|since|during|of|by|throughout)[- ](?:the )?)((?:19|20)\d{2})\b(?!\s*(?:km|kilomet|people|troops|drones|soldiers))/gi;
const RELATIVE_YEAR = /\b(?:(early|late|mid|earlier|end of) )?(last|this|previous) year\b/gi;
const RELATIVE_MONTH = /\b(last|this|previous) month\b/gi;
const SAME_DAY_SOURCE =
  "\\b(?:overnight|this morning|this evening|today|tonight|on the night of)\\b|(?:вночі|ночью|сьогодні|сегодня)";
// chrono (strict) runs only on a short window around a month name, never on whole sentences: that
// keeps date resolution cheap on long articles. Weekdays and "yesterday" are resolved here directly.
const MONTH_TRIGGER = new RegExp(
  `\\b(?:${MONTHS.join("|")}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.)`,
  "gi",
);
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY = new RegExp(`\\b(?:on |last |this )?(${WEEKDAYS.join("|")})\\b`, "gi");
const YESTERDAY_SOURCE = "\\b(?:yesterday|last night)\\b|(?:вчора|вчера)";
// The same patterns as /iu and, for clauses lowerForMatching lower-cased, as /u (several times faster: caseless.ts).
const SAME_DAY = { asWritten: new RegExp(SAME_DAY_SOURCE, "giu"), lowerCase: new RegExp(SAME_DAY_SOURCE, "gu") };
const YESTERDAY = { asWritten: new RegExp(YESTERDAY_SOURCE, "giu"), lowerCase: new RegExp(YESTERDAY_SOURCE, "gu") };
// One cheap scan: a clause with none of these words or numbers has no date, and skips the dozen scans below.
// The words are grouped by first letter ("j(?:anuary|une|uly)"): the same words, scanned a third faster.
const HINT_WORDS = [
  ...MONTHS,
  ...WEEKDAYS,
  ...["year", "month", "overnight", "morning", "evening", "today", "tonight", "night", "yesterday"],
  ...["вночі", "ночью", "сьогодні", "сегодня", "вчора", "вчера"],
];
const byFirstLetter = (words: readonly string[]) => {
  const groups = new Map<string, string[]>();
  for (const w of words) groups.set(w[0]!, [...(groups.get(w[0]!) ?? []), w.slice(1)]);
  return [...groups].map(([first, rests]) => `${first}(?:${rests.join("|")})`).join("|");
};
const DATE_HINT_SOURCE = `\\d|\\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.|${byFirstLetter(HINT_WORDS)}`;
const DATE_HINT = new RegExp(DATE_HINT_SOURCE, "iu");
// The same scan without /u is several times faster. It differs only where Unicode case folding maps a non-ASCII
// letter onto an ASCII one (ſ → s, the Kelvin sign → k); a clause with either takes the /iu scan.
const DATE_HINT_FAST = new RegExp(DATE_HINT_SOURCE, "i");
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
// A digit (the hint's first alternative, the commonest) answers without the word scan.
const hasDateHint = (clause: string) =>
  DIGIT.test(clause) || (FOLDS_TO_ASCII.test(clause) ? DATE_HINT.test(clause) : DATE_HINT_FAST.test(clause));
// The day-month forms news and ACLED notes use most ("5 March 2022", "March 5, 2022", "Aug. 6"), read directly:
// chrono is several times slower and is kept for the rest ("the 5th of March", "March 5th to 7th").
const MONTH_WORD = `(${MONTH_NAMES}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.)`;
const DAY_MONTH = new RegExp(`^(\\d{1,2}) ${MONTH_WORD}(?:,? ((?:19|20)\\d{2}))?(?![\\p{L}\\d])`, "iu");
const MONTH_DAY = new RegExp(`^${MONTH_WORD} (\\d{1,2})(?:,? ((?:19|20)\\d{2}))?(?![\\p{L}\\d])`, "iu");
// COARSE_MONTH, MONTH_ONLY and MONTH_TRIGGER each need a month name (or an abbreviation with its full stop):
// one scan for any of them lets a clause without one skip all three.
const MONTH_HINT = new RegExp(`${MONTH_NAMES}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.`, "i");
const DIGIT = /\d/;
// COARSE_YEAR needs a year: most clauses with digits have counts ("12,000 households"), not years.
const YEAR_DIGITS = /(?:19|20)\d{2}/;
const SINCE_BEFORE = /\bsince (?:the )?$/i;
const MONTH_BEFORE = new RegExp(`(?:${MONTH_NAMES})\\s*$`, "i");
const WINDOW_BEFORE = 16;
const WINDOW_AFTER = 24;

/**
 * d.toISOString().slice(0, 10), formatted by hand for four-digit years: toISOString is five times slower, and was a
 * fifth of date resolution. Other years, and invalid dates (which throw), take toISOString itself.
 */
function iso(d: Date): string {
  const y = d.getUTCFullYear();
  if (!(y >= 1000 && y <= 9999)) return d.toISOString().slice(0, 10);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}-${m < 10 ? "0" : ""}${m}-${day < 10 ? "0" : ""}${day}`;
}
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/**
 * Dates in text[start, end). `lower`: that text lower-cased (toLowerCase), when the caller has it; it is never
 * computed twice.
 */
export function findDates(
  text: string,
  start: number,
  end: number,
  publishedAt: string | undefined,
  lower?: string,
): DateMention[] {
  const clause = text.slice(start, end);
  const found: DateMention[] = [];
  if (!hasDateHint(clause)) return found;
  const ref = publishedAt ? publishDate(publishedAt) : undefined;
  const push = (date: EventDate, at: number, length: number) => {
    const since = SINCE_BEFORE.test(clause.slice(Math.max(0, at - 10), at));
    found.push({ date, start: start + at, end: start + at + length, since });
  };

  const overlapsFound = (at: number, length: number) =>
    found.some((f) => f.start < start + at + length && start + at < f.end);
  const hasMonth = MONTH_HINT.test(clause);
  // RELATIVE_YEAR, RELATIVE_MONTH and WEEKDAY match ASCII words case-insensitively (no /u): a clause without the
  // word, lower-cased, cannot match them.
  lower ??= clause.toLowerCase();
  const caseless = lowerForMatching(clause, lower);
  if (ref) {
    const year = ref.getUTCFullYear();
    const month = ref.getUTCMonth();
    const coarseMonth = hasMonth && COARSE_MONTH_WORDS.some((w) => lower.includes(w));
    for (const m of coarseMonth ? allMatches(COARSE_MONTH, clause) : NONE) {
      const monthIndex = MONTHS.indexOf(m[2]!.toLowerCase());
      // A month later than the publish month, without a year, is last year's.
      const y = m[3] ? Number(m[3]) : monthIndex > month ? year - 1 : year;
      push({ value: iso(utc(y, monthIndex, 1)), precision: "month" }, m.index, m[0].length);
    }
    for (const m of hasMonth ? allMatches(MONTH_ONLY, clause) : NONE) {
      if (overlapsFound(m.index, m[0].length)) continue;
      const monthIndex = MONTHS.indexOf((m[1] ?? m[3]!).toLowerCase());
      const y = m[2] ? Number(m[2]) : monthIndex > month ? year - 1 : year;
      push({ value: iso(utc(y, monthIndex, 1)), precision: "month" }, m.index, m[0].length);
    }
    for (const m of lower.includes("year") ? allMatches(RELATIVE_YEAR, clause) : NONE) {
      const y = m[2]!.toLowerCase() === "this" ? year : year - 1;
      push({ value: `${y}-01-01`, precision: "year" }, m.index, m[0].length);
    }
    for (const m of lower.includes("month") ? allMatches(RELATIVE_MONTH, clause) : NONE) {
      const d = m[1]!.toLowerCase() === "this" ? utc(year, month, 1) : utc(year, month - 1, 1);
      push({ value: iso(d), precision: "month" }, m.index, m[0].length);
    }
    for (const m of caselessMatches(SAME_DAY, clause, caseless)) {
      push({ value: iso(ref), precision: "day" }, m.index, m[0].length);
    }
  }
  for (const m of YEAR_DIGITS.test(clause) ? allMatches(COARSE_YEAR, clause) : NONE) {
    const at = m.index;
    if (found.some((f) => f.start <= start + at + m[0].length && start + at < f.end)) continue;
    // "February 2022" is chrono's (month precision); only a bare year is ours.
    if (MONTH_BEFORE.test(clause.slice(0, at + m[0].length - m[2]!.length))) continue;
    push({ value: `${m[2]}-01-01`, precision: "year" }, at, m[0].length);
  }

  if (ref) {
    for (const m of caselessMatches(YESTERDAY, clause, caseless)) {
      push({ value: iso(new Date(ref.getTime() - 86_400_000)), precision: "day" }, m.index, m[0].length);
    }
    for (const m of lower.includes("day") ? allMatches(WEEKDAY, clause) : NONE) {
      // The most recent such weekday on or before the publish date.
      const back = (ref.getUTCDay() - WEEKDAYS.indexOf(m[1]!.toLowerCase()) + 7) % 7;
      push({ value: iso(new Date(ref.getTime() - back * 86_400_000)), precision: "day" }, m.index, m[0].length);
    }
  }
  let covered = -1;
  for (const trigger of hasMonth ? allMatches(MONTH_TRIGGER, clause) : NONE) {
    if (trigger.index < covered) continue;
    const simple = simpleDate(clause, trigger.index, ref);
    if (simple) {
      covered = simple.at + simple.length;
      if (!overlapsFound(simple.at, simple.length)) push(simple.date, simple.at, simple.length);
      continue;
    }
    const from = Math.max(0, trigger.index - WINDOW_BEFORE);
    const to = Math.min(clause.length, trigger.index + trigger[0].length + WINDOW_AFTER);
    covered = to;
    // Components are read in UTC (timezone 0), not the host's zone, so output does not depend on where it runs.
    for (const result of chrono.en.strict.parse(clause.slice(from, to), { instant: ref ?? new Date(0), timezone: 0 })) {
      const at = from + result.index;
      if (overlapsFound(at, result.text.length)) continue;
      const date = chronoDate(result, ref);
      if (date) push(date, at, result.text.length);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// Parsing the publish date took a tenth of findDates: an article's sentences all share it, so the last is kept.
let lastPublishedAt: string | undefined;
let lastPublishTime = Number.NaN;

/** new Date(`${publishedAt}T12:00:00Z`): a fresh Date each call, as callers may keep it. */
function publishDate(publishedAt: string): Date {
  if (publishedAt !== lastPublishedAt) {
    lastPublishTime = new Date(`${publishedAt}T12:00:00Z`).getTime();
    lastPublishedAt = publishedAt;
  }
  return new Date(lastPublishTime);
}

const NONE: readonly RegExpExecArray[] = [];

/** Every match of a shared global regex, as `text.matchAll` finds them but without cloning the regex per call. */
function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) out.push(m);
  return out;
}

/** Every match of a /iu pattern, from its /u twin on the lower-cased clause where that finds the same (caseless.ts). */
function caselessMatches(
  pattern: { asWritten: RegExp; lowerCase: RegExp },
  clause: string,
  lower: string | undefined,
): RegExpExecArray[] {
  return lower === undefined ? allMatches(pattern.asWritten, clause) : allMatches(pattern.lowerCase, lower);
}

/** "5 March 2022" / "March 5, 2022" / "Aug. 6" around the month name at `monthAt`, read as chrono reads it. */
function simpleDate(
  clause: string,
  monthAt: number,
  ref: Date | undefined,
): { date: EventDate; at: number; length: number } | undefined {
  const dayBefore = /(?<!\d)\d{1,2} $/.exec(clause.slice(Math.max(0, monthAt - 4), monthAt));
  const at = dayBefore ? monthAt - dayBefore[0].length : monthAt;
  const dayFirst = dayBefore ? DAY_MONTH.exec(clause.slice(at)) : null;
  const monthFirst = dayFirst ? null : MONTH_DAY.exec(clause.slice(at));
  const m = dayFirst ?? monthFirst;
  if (!m) return undefined;
  // "March 5th", "March 5-7": chrono's.
  if (monthFirst && /^(?:st|nd|rd|th|-|–)/.test(clause.slice(at + m[0].length))) return undefined;
  const day = Number(dayFirst ? m[1] : m[2]);
  const monthWord = (dayFirst ? m[2]! : m[1]!).toLowerCase().replace(".", "");
  const year = m[3];
  const month = MONTHS.findIndex((name) => name.startsWith(monthWord));
  if (month < 0 || day < 1 || (!ref && !year)) return undefined;
  let y = year ? Number(year) : ref!.getUTCFullYear();
  // As chrono: a year-less date more than two days after the publish date is last year's.
  if (!year && ref && utc(y, month, day).getTime() - ref.getTime() > 2 * 86_400_000) y -= 1;
  const date = utc(y, month, day);
  if (date.getUTCMonth() !== month) return undefined; // 31 February
  return { date: { value: iso(date), precision: "day" }, at, length: m[0].length };
}

function chronoDate(result: chrono.ParsedResult, ref: Date | undefined): EventDate | undefined {
  const c = result.start;
  // Times alone ("at 5 o'clock", "1 to 2") say nothing about the day.
  if (!c.isCertain("day") && !c.isCertain("weekday") && !c.isCertain("month")) return undefined;
  // Without a publish date only an explicit year anchors anything ("5 March 2022").
  if (!ref && !/\d{4}/.test(result.text)) return undefined;
  let d = c.date();
  // Reporting is about the past: a date chrono put after the publish date without a stated year is last year's.
  if (ref && !c.isCertain("year") && d.getTime() - ref.getTime() > 2 * 86_400_000) {
    d = new Date(d.getTime());
    d.setUTCFullYear(d.getUTCFullYear() - 1);
  }
  const day = utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (c.isCertain("day") || c.isCertain("weekday")) return { value: iso(day), precision: "day" };
  return { value: iso(utc(d.getUTCFullYear(), d.getUTCMonth(), 1)), precision: "month" };
}
