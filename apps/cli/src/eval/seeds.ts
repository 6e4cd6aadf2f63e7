// Dataset (a): the three seed articles against their hand-made gold (shared/eval/seeds.gold.json).
// "The seeds gold must pass in full": besides scores, every unmet expectation is listed per article.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { EnrichedArticle, Event } from "@frontline/model";
import { z } from "zod";
import { sharedDir } from "./paths.ts";
import { acledLabel } from "./primary-event.ts";
import type { SeedsReport } from "./report.ts";
import { ConfusionTally, type Counts, emptyCounts, fieldScore, foldName, matchDistinct } from "./score.ts";

const AcledPair = z.tuple([z.string(), z.string()]);

const GoldEvent = z.object({
  acled: AcledPair,
  alt_acled: z.array(AcledPair).optional(),
  region: z.string().optional(),
  actor1: z.string().optional(),
  claim: z.string().optional(),
  date: z.object({ value: z.string(), precision: z.string() }).optional(),
  quantity: z.number().optional(),
  note: z.string().optional(),
});
export type GoldEvent = z.infer<typeof GoldEvent>;

const GoldArticle = z.object({
  id: z.string(),
  file: z.string(),
  publishedAt: z.string(),
  regions: z.object({ required: z.array(z.string()), forbidden: z.array(z.string()) }),
  places: z.object({ required: z.array(z.object({ name: z.string(), region: z.string() })) }),
  actors: z.object({ required: z.array(z.string()), optional: z.array(z.string()) }),
  events: z.array(GoldEvent),
});
export type GoldArticle = z.infer<typeof GoldArticle>;

const SeedsGold = z.object({ articles: z.array(GoldArticle) });

export interface SeedArticle {
  gold: GoldArticle;
  text: string;
}

export const seedsGoldPath = () => resolve(sharedDir(), "eval/seeds.gold.json");

/** The gold file and the seed texts it references (paths relative to the gold file). */
export function loadSeeds(goldPath = seedsGoldPath()): SeedArticle[] {
  const gold = SeedsGold.parse(JSON.parse(readFileSync(goldPath, "utf8")));
  return gold.articles.map((article) => ({
    gold: article,
    text: readFileSync(resolve(dirname(goldPath), article.file), "utf8"),
  }));
}

type SeedField =
  | "regions"
  | "places"
  | "actors"
  | "events"
  | "event actor1"
  | "event claim"
  | "event date"
  | "event quantity";
const SEED_FIELDS: SeedField[] = [
  "regions",
  "places",
  "actors",
  "events",
  "event actor1",
  "event claim",
  "event date",
  "event quantity",
];

/** An actor named in gold by its ACLED name or its canonical name. */
const actorMatches = (actor: { name: string; acledName?: string } | undefined, goldName: string) =>
  actor !== undefined && (actor.acledName === goldName || actor.name === goldName);

/** Gold dates name the period ("2024", "2024-08"); predictions carry the period's first day. */
export function goldDateValue(value: string): string {
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  return value;
}

export const eventAccepts = (gold: GoldEvent, predicted: Event): boolean =>
  [gold.acled, ...(gold.alt_acled ?? [])].some(
    ([eventType, subEventType]) =>
      predicted.acled.eventType === eventType && predicted.acled.subEventType === subEventType,
  ) &&
  (gold.region === undefined || predicted.region?.code === gold.region);

interface ArticleScore {
  counts: Record<SeedField, Counts>;
  gold: Record<SeedField, number>;
  problems: string[];
}

/** Scores one enriched seed article against its gold; pure, so tests can feed hand-made predictions. */
export function scoreSeedArticle(
  gold: GoldArticle,
  predicted: EnrichedArticle,
  confusions: ConfusionTally,
): ArticleScore {
  const counts = Object.fromEntries(SEED_FIELDS.map((f) => [f, emptyCounts()])) as Record<SeedField, Counts>;
  const goldCount = Object.fromEntries(SEED_FIELDS.map((f) => [f, 0])) as Record<SeedField, number>;
  const problems: string[] = [];

  // Regions: required ones must be found, forbidden ones must not be; others are neither rewarded nor penalised.
  const predictedRegions = new Set([
    ...predicted.regions.map((r) => r.code),
    ...predicted.events.flatMap((e) => (e.region ? [e.region.code] : [])),
  ]);
  for (const code of gold.regions.required) {
    goldCount.regions += 1;
    if (predictedRegions.has(code)) counts.regions.tp += 1;
    else {
      counts.regions.fn += 1;
      confusions.add("regions", code, "(not found)");
      problems.push(`region ${code} is required but was not found`);
    }
  }
  for (const code of gold.regions.forbidden) {
    if (!predictedRegions.has(code)) continue;
    counts.regions.fp += 1;
    confusions.add("regions", `${code} (forbidden)`, "found");
    problems.push(`region ${code} is forbidden but was found`);
  }

  // Places: from the article's list or any event's place; name folded, region exact.
  const predictedPlaces = [...(predicted.places ?? []), ...predicted.events.flatMap((e) => (e.place ? [e.place] : []))];
  for (const place of gold.places.required) {
    goldCount.places += 1;
    const found = predictedPlaces.some(
      (p) => foldName(p.name) === foldName(place.name) && p.regionCode === place.region,
    );
    if (found) counts.places.tp += 1;
    else {
      counts.places.fn += 1;
      const sameName = predictedPlaces.find((p) => foldName(p.name) === foldName(place.name));
      confusions.add(
        "places",
        `${place.name} (${place.region})`,
        sameName ? `${sameName.name} (${sameName.regionCode ?? "no region"})` : undefined,
      );
      problems.push(
        sameName
          ? `place ${place.name} found in ${sameName.regionCode ?? "no region"}, expected ${place.region}`
          : `place ${place.name} (${place.region}) was not found`,
      );
    }
  }

  // Actors: required ones must be found; an actor neither required nor optional counts against precision.
  for (const name of gold.actors.required) {
    goldCount.actors += 1;
    if (predicted.actors.some((a) => actorMatches(a, name))) counts.actors.tp += 1;
    else {
      counts.actors.fn += 1;
      confusions.add("actors", name, "(not found)");
      problems.push(`actor ${name} is required but was not found`);
    }
  }
  const listed = [...gold.actors.required, ...gold.actors.optional];
  for (const actor of predicted.actors) {
    if (listed.some((name) => actorMatches(actor, name))) continue;
    counts.actors.fp += 1;
    confusions.add("actors", "(not in gold)", actor.name);
  }

  // Events: each gold event needs its own predicted event with an accepted ACLED pair (and region, when given).
  const match = matchDistinct(
    gold.events.length,
    predicted.events.length,
    (g, p) => eventAccepts(gold.events[g]!, predicted.events[p]!),
    (g, p) => attributeAgreement(gold.events[g]!, predicted.events[p]!),
  );
  const unmatchedPredicted = predicted.events.filter((_, p) => !match.includes(p));
  gold.events.forEach((goldEvent, g) => {
    goldCount.events += 1;
    const where = goldEvent.region ? ` in ${goldEvent.region}` : "";
    const label = `event ${g + 1} [${acledLabel(...goldEvent.acled)}${where}]`;
    const p = match[g];
    const event = p === undefined ? undefined : predicted.events[p];
    if (event) counts.events.tp += 1;
    else {
      counts.events.fn += 1;
      problems.push(`${label} not matched${describeNearMiss(goldEvent, unmatchedPredicted, confusions)}`);
    }
    scoreEventAttributes(goldEvent, event, label, counts, goldCount, problems, confusions);
  });
  counts.events.fp += unmatchedPredicted.length;
  for (const event of unmatchedPredicted) {
    confusions.add("events", "(not in gold)", acledLabel(event.acled.eventType, event.acled.subEventType));
  }

  return { counts, gold: goldCount, problems };
}

/** How many of the gold event's stated attributes a predicted event gets right: the tie-breaker when matching. */
function attributeAgreement(gold: GoldEvent, event: Event): number {
  let agree = 0;
  if (gold.actor1 !== undefined && actorMatches(event.actor1, gold.actor1)) agree += 1;
  if (gold.claim !== undefined && event.claim?.status === gold.claim) agree += 1;
  if (
    gold.date !== undefined &&
    event.date?.value === goldDateValue(gold.date.value) &&
    event.date.precision === gold.date.precision
  )
    agree += 1;
  if (gold.quantity !== undefined && event.quantities?.some((q) => q.value === gold.quantity)) agree += 1;
  return agree;
}

/** Why an unmatched gold event found no partner, phrased from the closest unmatched prediction. */
function describeNearMiss(gold: GoldEvent, candidates: Event[], confusions: ConfusionTally): string {
  const goldPair = acledLabel(...gold.acled);
  const rightType = candidates.find((e) => eventAccepts({ ...gold, region: undefined }, e));
  if (rightType && gold.region) {
    confusions.add("event region", gold.region, rightType.region?.code);
    return `: an event of that type was placed in ${rightType.region?.code ?? "no region"}`;
  }
  const sameRegion = candidates.find((e) => gold.region === undefined || e.region?.code === gold.region);
  const predictedPair = sameRegion ? acledLabel(sameRegion.acled.eventType, sameRegion.acled.subEventType) : undefined;
  confusions.add("event ACLED", goldPair, predictedPair);
  return predictedPair ? `: nearest unmatched event there is ${predictedPair}` : ": no unmatched event there";
}

function scoreEventAttributes(
  gold: GoldEvent,
  event: Event | undefined,
  label: string,
  counts: Record<SeedField, Counts>,
  goldCount: Record<SeedField, number>,
  problems: string[],
  confusions: ConfusionTally,
): void {
  // An attribute of an unmatched event cannot be found: it counts as missed, but the event's own problem says why.
  const check = (field: SeedField, expected: string, actual: string | undefined, ok: boolean) => {
    goldCount[field] += 1;
    if (ok) {
      counts[field].tp += 1;
      return;
    }
    counts[field].fn += 1;
    if (!event) return;
    if (actual !== undefined) counts[field].fp += 1;
    confusions.add(field, expected, actual);
    problems.push(`${label} ${field.replace("event ", "")}: expected ${expected}, got ${actual ?? "none"}`);
  };
  if (gold.actor1 !== undefined) {
    const actor = event?.actor1;
    check(
      "event actor1",
      gold.actor1,
      actor ? (actor.acledName ?? actor.name) : undefined,
      actorMatches(actor, gold.actor1),
    );
  }
  if (gold.claim !== undefined) {
    const status = event?.claim?.status;
    check("event claim", gold.claim, status, status === gold.claim);
  }
  if (gold.date !== undefined) {
    const expected = `${goldDateValue(gold.date.value)} (${gold.date.precision})`;
    const actual = event?.date ? `${event.date.value} (${event.date.precision})` : undefined;
    check("event date", expected, actual, actual === expected);
  }
  if (gold.quantity !== undefined) {
    const values = event?.quantities?.map((q) => q.value) ?? [];
    const actual = values.length > 0 ? values.join(", ") : undefined;
    check("event quantity", String(gold.quantity), actual, values.includes(gold.quantity));
  }
}

export function evalSeeds(
  seeds: SeedArticle[],
  enrich: (input: { id: string; text: string; publishedAt: string }) => EnrichedArticle,
): SeedsReport {
  const confusions = new ConfusionTally();
  const totals = Object.fromEntries(SEED_FIELDS.map((f) => [f, emptyCounts()])) as Record<SeedField, Counts>;
  const goldTotals = Object.fromEntries(SEED_FIELDS.map((f) => [f, 0])) as Record<SeedField, number>;
  const failures: SeedsReport["failures"] = [];
  for (const { gold, text } of seeds) {
    const predicted = enrich({ id: gold.id, text, publishedAt: gold.publishedAt });
    const score = scoreSeedArticle(gold, predicted, confusions);
    for (const field of SEED_FIELDS) {
      totals[field].tp += score.counts[field].tp;
      totals[field].fp += score.counts[field].fp;
      totals[field].fn += score.counts[field].fn;
      goldTotals[field] += score.gold[field];
    }
    failures.push({ id: gold.id, problems: score.problems });
  }
  return {
    dataset: "seeds",
    realText: true,
    split: "gold",
    origin: "curated gold: our labels on real articles",
    title: `seeds: ${seeds.length} seed articles vs shared/eval/seeds.gold.json`,
    fields: SEED_FIELDS.map((field) => fieldScore(field, totals[field], goldTotals[field])),
    confusions: confusions.top(12),
    notes: [
      "regions: forbidden found = FP; actors: an actor neither required nor optional = FP; events: an unmatched predicted event = FP",
    ],
    passed: failures.every((f) => f.problems.length === 0),
    failures,
  };
}
