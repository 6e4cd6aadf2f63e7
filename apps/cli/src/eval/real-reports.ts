// Real reports: short paraphrases of published conflict reports, each citing its source, with expectations about
// the event it describes (packages/enrich/test-fixtures/real-reports.jsonl, one JSON object a line, split dev/test
// by the file). Scored as reports-dev and reports-test on the primary event (the first of EnrichedArticle.events).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type ActorRef, actorById, ClaimStatus, DatePrecision, type EnrichedArticle } from "@frontline/model";
import { z } from "zod";
import { repoRoot } from "./paths.ts";
import { acledLabel } from "./primary-event.ts";
import type { DatasetReport } from "./report.ts";
import { ConfusionTally, countLabel, emptyCounts, fieldScore, foldName, rate } from "./score.ts";
import { type Enrich, killedCount, makeSettlementLookup } from "./settlements.ts";

export const realReportsPath = resolve(repoRoot, "packages/enrich/test-fixtures/real-reports.jsonl");

/** ACLED-style actor1 sides: NAF (the DPR/LPR forces) is told apart from Russia, as ACLED does. */
export const ReportSide = z.enum(["RU", "UA", "NAF", "unknown"]);
export type ReportSide = z.infer<typeof ReportSide>;

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);
const RegionCode = z.string().regex(/^[A-Z]{2}-[0-9A-Z]{1,3}$/, "an ISO 3166-2 code such as UA-14");

/** What an item expects; every key is optional and only the keys present are scored. */
export const RealReportExpect = z.object({
  eventType: z.string().min(1).optional(),
  subEventType: z.string().min(1).optional(),
  actor1: ReportSide.optional(),
  /** Not scored yet: kept so the file validates whatever form the writer chose. */
  actor2: z.unknown().optional(),
  civilianTargeting: z.unknown().optional(),
  claimBy: z.unknown().optional(),
  fatalities: z.number().int().nonnegative().optional(),
  claimStatus: ClaimStatus.optional(),
  date: z.iso.date().optional(),
  datePrecision: DatePrecision.optional(),
  /** A date the event must not carry (typically the publication date of a report about an earlier event). */
  notDate: oneOrMany(z.iso.date()).optional(),
  admin1: RegionCode.optional(),
  /** Regions the text names that the event is not in (a trap): none may be output as a place of an event. */
  notRegion: oneOrMany(RegionCode).optional(),
  /** The settlement the event is in; null: the text names no settlement the event could be placed at. */
  settlement: z.string().min(1).nullable().optional(),
  minEvents: z.number().int().nonnegative().optional(),
  maxEvents: z.number().int().nonnegative().optional(),
});
export type RealReportExpect = z.infer<typeof RealReportExpect>;

export const RealReport = z.object({
  id: z.string().min(1),
  class: z.string().min(1),
  text: z.string().min(1),
  publishedAt: z.iso.date(),
  source: z.string().min(1),
  sourceDate: z.string().min(1),
  split: z.enum(["dev", "test"]),
  expect: RealReportExpect,
});
export type RealReport = z.infer<typeof RealReport>;

/** Each line parsed and validated; the first bad line throws, naming the file, the line and what is wrong. */
export function parseRealReports(content: string, path = realReportsPath): RealReport[] {
  const seen = new Set<string>();
  const reports: RealReport[] = [];
  content.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${path}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not JSON (${(error as Error).message})`);
    }
    const parsed = RealReport.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
    if (seen.has(parsed.data.id)) throw new Error(`${where}: id "${parsed.data.id}" appears twice`);
    const { minEvents, maxEvents } = parsed.data.expect;
    if (minEvents !== undefined && maxEvents !== undefined && minEvents > maxEvents) {
      throw new Error(`${where}: minEvents ${minEvents} is above maxEvents ${maxEvents}`);
    }
    seen.add(parsed.data.id);
    reports.push(parsed.data);
  });
  return reports;
}

/** The file's items, or undefined when it does not exist (yet): the datasets are then skipped with a note. */
export function loadRealReports(path = realReportsPath): RealReport[] | undefined {
  if (!existsSync(path)) return undefined;
  return parseRealReports(readFileSync(path, "utf8"), path);
}

/**
 * The ACLED-style side of an event's actor1: NAF for the actor whose ACLED name starts with "NAF", else the
 * taxonomy's RU/UA side; "unknown" for an event with no actor1 or an unidentified group; "other" otherwise
 * (civilians, a third country), which no expectation names.
 */
export function reportSideOf(actor: ActorRef | undefined): ReportSide | "other" {
  if (!actor) return "unknown";
  const entry = actorById(actor.id);
  const acledName = actor.acledName ?? entry?.acledName ?? "";
  if (acledName.startsWith("NAF")) return "NAF";
  if (acledName.startsWith("Unidentified")) return "unknown";
  const side = entry?.side;
  return side === "RU" || side === "UA" ? side : "other";
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** An item expects an event when it names its type or a minimum count of at least one (and no maximum of 0). */
export const expectsEvent = (expect: RealReportExpect): boolean =>
  expect.maxEvents !== 0 && (expect.eventType !== undefined || (expect.minEvents ?? 0) >= 1);

const NOT_SCORED = ["actor2", "civilianTargeting", "claimBy"] as const;

export const REPORTS_ORIGIN = "real reports, paraphrased with their sources cited";

export function evalRealReports(
  items: RealReport[],
  enrich: Enrich,
  split: "dev" | "test",
  path = realReportsPath,
): DatasetReport {
  const confusions = new ConfusionTally();
  const lookup = makeSettlementLookup(enrich);
  const c = {
    eventType: emptyCounts(),
    subEventType: emptyCounts(),
    side: emptyCounts(),
    claim: emptyCounts(),
    date: emptyCounts(),
    fatalities: emptyCounts(),
    admin1: emptyCounts(),
    settlement: emptyCounts(),
  };
  const n = { eventType: 0, subEventType: 0, side: 0, claim: 0, date: 0, fatalities: 0, admin1: 0, settlement: 0 };
  const r = {
    expectingEvent: 0,
    noEvent: 0,
    withTraps: 0,
    trapHit: 0,
    withNotDate: 0,
    notDateHit: 0,
    withBounds: 0,
    outOfBounds: 0,
    withSettlementAndEvent: 0,
    eventWithoutSettlement: 0,
    withNoSettlementAndEvent: 0,
    spuriousSettlement: 0,
  };
  const notScored = new Map<string, number>();

  for (const item of items) {
    const { expect } = item;
    const article: EnrichedArticle = enrich({ id: item.id, text: item.text, publishedAt: item.publishedAt });
    const primary = article.events[0];
    const score = (
      field: keyof typeof c,
      label: string,
      gold: string,
      predicted: string | undefined,
      same = predicted === gold,
    ) => {
      n[field] += 1;
      if (same) c[field].tp += 1;
      else {
        countLabel(c[field], gold, predicted);
        confusions.add(label, gold, predicted);
      }
    };

    if (expectsEvent(expect)) {
      r.expectingEvent += 1;
      if (!primary) r.noEvent += 1;
    }
    if (expect.minEvents !== undefined || expect.maxEvents !== undefined) {
      r.withBounds += 1;
      const count = article.events.length;
      if (count < (expect.minEvents ?? 0) || count > (expect.maxEvents ?? Number.POSITIVE_INFINITY)) r.outOfBounds += 1;
    }

    if (expect.eventType !== undefined) score("eventType", "event_type", expect.eventType, primary?.acled.eventType);
    if (expect.subEventType !== undefined) {
      // Under an expected event type, a sub-event type is right only with the right type: compare the pair.
      const pair = (type: string | undefined, sub: string) => (type === undefined ? sub : acledLabel(type, sub));
      const gold = pair(expect.eventType, expect.subEventType);
      const predicted = primary
        ? pair(expect.eventType === undefined ? undefined : primary.acled.eventType, primary.acled.subEventType)
        : undefined;
      score("subEventType", "sub_event_type", gold, predicted);
    }
    if (expect.actor1 !== undefined) {
      score("side", "actor1 side", expect.actor1, primary ? reportSideOf(primary.actor1) : undefined);
    }
    if (expect.claimStatus !== undefined) score("claim", "claim status", expect.claimStatus, primary?.claim?.status);
    if (expect.date !== undefined) {
      const withPrecision = expect.datePrecision !== undefined;
      const label = (value: string, precision: string) => (withPrecision ? `${value} (${precision})` : value);
      const gold = label(expect.date, expect.datePrecision ?? "");
      const predicted = primary?.date ? label(primary.date.value, primary.date.precision) : undefined;
      score("date", "date", gold, predicted);
    }
    const notDates = asList(expect.notDate);
    if (notDates.length > 0) {
      r.withNotDate += 1;
      if (primary?.date && notDates.includes(primary.date.value)) {
        r.notDateHit += 1;
        confusions.add("date trap", `not ${primary.date.value}`, primary.date.value);
      }
    }
    if (expect.fatalities !== undefined) {
      score("fatalities", "fatalities", String(expect.fatalities), primary ? String(killedCount(primary)) : undefined);
    }
    if (expect.admin1 !== undefined) score("admin1", "admin1", expect.admin1, primary?.region?.code);
    const traps = asList(expect.notRegion);
    if (traps.length > 0) {
      r.withTraps += 1;
      // A trap region may be listed as a mention; output as a place of an event, it is a hit.
      const hit = traps.filter((code) =>
        article.regions.some((region) => region.code === code && region.role !== "mention"),
      );
      if (hit.length > 0) {
        r.trapHit += 1;
        for (const code of hit) confusions.add("trap region", `not ${code}`, code);
      }
    }
    if (expect.settlement === null && primary) {
      r.withNoSettlementAndEvent += 1;
      if (primary.place) {
        r.spuriousSettlement += 1;
        confusions.add("settlement", "(none)", primary.place.name);
      }
    }
    if (expect.settlement !== undefined && expect.settlement !== null) {
      // The gold name as the gazetteer spells it ("Izyum" → "Izium"), when the gazetteer knows it.
      const canonical = lookup(expect.settlement).places[0]?.name ?? expect.settlement;
      const predicted = primary?.place?.name;
      const same = predicted !== undefined && foldName(predicted) === foldName(canonical);
      score("settlement", "settlement", canonical, predicted, same);
      if (primary) {
        r.withSettlementAndEvent += 1;
        if (!primary.place) r.eventWithoutSettlement += 1;
      }
    }
    for (const key of NOT_SCORED) if (expect[key] !== undefined) notScored.set(key, (notScored.get(key) ?? 0) + 1);
  }

  const sources = new Set(items.map((item) => item.source));
  const notes = [
    `${items.length} items; the text is our paraphrase of a published report, each item cites its source (${sources.size} distinct)`,
    "every field is scored on the primary event (the first event), on the items that state that expectation",
  ];
  if (notScored.size > 0) {
    notes.push(`expectations not scored yet: ${[...notScored].map(([k, count]) => `${k} ×${count}`).join(", ")}`);
  }
  return {
    dataset: split === "test" ? "reports-test" : "reports-dev",
    realText: true,
    split,
    origin: REPORTS_ORIGIN,
    title: `reports-${split}: ${items.length} real conflict reports, paraphrased, with expectations (${path.replace(repoRoot, "")})`,
    source: "each item's own source and sourceDate (in the file)",
    splitRule: 'the file\'s own "split" field, fixed when the items were written',
    fields: [
      fieldScore("event_type", c.eventType, n.eventType),
      fieldScore("sub_event_type", c.subEventType, n.subEventType),
      fieldScore("actor1 side", c.side, n.side),
      fieldScore("claim status", c.claim, n.claim),
      fieldScore("date", c.date, n.date),
      fieldScore("fatalities", c.fatalities, n.fatalities),
      fieldScore("admin1", c.admin1, n.admin1),
      fieldScore("settlement", c.settlement, n.settlement),
    ].filter((field) => field.n > 0),
    rates: [
      rate("no event", r.noEvent, r.expectingEvent, "lower"),
      rate("trap region hit", r.trapHit, r.withTraps, "lower"),
      rate("trap date hit", r.notDateHit, r.withNotDate, "lower"),
      rate("event count out of bounds", r.outOfBounds, r.withBounds, "lower"),
      rate("event without settlement", r.eventWithoutSettlement, r.withSettlementAndEvent, "lower"),
      rate("settlement where none is named", r.spuriousSettlement, r.withNoSettlementAndEvent, "lower"),
    ].filter((share) => share.of > 0),
    confusions: confusions.top(12),
    notes,
  };
}

/** Both parts of the file, or both skipped with the reason when the file is absent. */
export function evalRealReportsParts(
  items: RealReport[] | undefined,
  enrich: Enrich,
  path = realReportsPath,
): DatasetReport[] {
  return (["test", "dev"] as const).map((split) => {
    const file = path.replace(repoRoot, "");
    if (items === undefined) return skippedReports(split, `${file} is not there yet`);
    const part = items.filter((item) => item.split === split);
    if (part.length === 0) return skippedReports(split, `${file} has no items with split "${split}" yet`);
    return evalRealReports(part, enrich, split, path);
  });
}

export const skippedReports = (split: "dev" | "test", reason: string): DatasetReport => ({
  dataset: split === "test" ? "reports-test" : "reports-dev",
  realText: true,
  split,
  origin: REPORTS_ORIGIN,
  title: `reports-${split}: real conflict reports, paraphrased, with expectations`,
  skipped: reason,
  fields: [],
  confusions: [],
  notes: ["the dataset is scored as soon as the file has items of this split; nothing else needs changing"],
});
