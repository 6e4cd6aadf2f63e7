// @frontline/enrich: turns one article's text into regions, actors, places and events with evidence.
// Pure and deterministic: every dictionary and rule set is compiled once at module load.
import {
  type ActorMention as ActorMentionOut,
  type EnrichedArticle,
  type Event,
  type Place,
  type Quantity,
  type RegionMention,
  regionByCode,
} from "@frontline/model";
import { type ActorMention, findActorNames, resolveActorMentions } from "./actors/resolve-actors.ts";
import { buildEvents, type DraftEvent, placeOf } from "./events/build-events.ts";
import { findGeoNames, type GeoMention, resolveGeoMentions } from "./places/resolve-places.ts";
import { findIgnoredSpans, findSources, overlapsAny } from "./text/boilerplate.ts";
import { detectLanguage } from "./text/language.ts";
import { splitSentences } from "./text/sentences.ts";
import { tokenize } from "./text/tokens.ts";

export interface EnrichInput {
  id: string;
  text: string;
  /** YYYY-MM-DD; relative dates ("on Wednesday") are resolved against it. */
  publishedAt?: string;
  title?: string;
  source?: string;
  language?: string;
}

/**
 * Only the first MAX_ANALYSED_CHARS characters are analysed: news articles are far shorter, and a
 * runaway input (a whole scraped page, a 5 MB dump) must not stall a worker.
 */
export const MAX_ANALYSED_CHARS = 100_000;

export function enrichArticle(input: EnrichInput): EnrichedArticle {
  const text = typeof input.text === "string" ? input.text : "";
  const limit = Math.min(text.length, MAX_ANALYSED_CHARS);
  const publishedAt =
    input.publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(input.publishedAt) ? input.publishedAt : undefined;

  const ignored = findIgnoredSpans(text, limit);
  const sentences = splitSentences(text, 0, limit).filter((s) => !overlapsAny(s, ignored));
  const allTokens = tokenize(text, 0, limit);
  const tokens =
    ignored.length === 0
      ? allTokens
      : allTokens.filter((t) => !ignored.some((i) => i.start <= t.start && t.end <= i.end));

  const geoNames = findGeoNames(tokens);
  const geoSpans = new Set(geoNames.map((g) => `${g.first}:${g.last}`));
  const { mentions: actorMentions, claimedSpans } = resolveActorMentions(tokens, findActorNames(tokens), geoSpans);
  // A place name inside a person's name ("Serhiy" in "Serhiy Lysak", "Volodymyr" in "Volodymyr Zelensky") is not a place.
  const people = actorMentions.filter((a) => a.actor.kind === "person");
  const geo = resolveGeoMentions(text, tokens, geoNames, sentences).filter(
    (g) => !claimedSpans.has(`${g.first}:${g.last}`) && !people.some((p) => p.first <= g.first && g.last <= p.last),
  );

  const drafts = buildEvents({ text, publishedAt, sentences, tokens, geo, actors: actorMentions });
  const events = orderEvents(drafts);
  const sources = findSources(text, limit);

  return {
    id: input.id,
    language: input.language?.trim() || detectLanguage(text),
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(sources.length > 0 ? { sources } : {}),
    regions: countRegions(geo, drafts),
    actors: countActors(actorMentions, events),
    places: uniquePlaces(geo),
    events,
  };
}

/**
 * Regions with their mention counts: those where an event happened first ("event"), then those only named
 * ("mention"); within each, most mentioned first, ties in order of first mention (Map keeps insertion order).
 */
function countRegions(geo: readonly GeoMention[], drafts: readonly DraftEvent[]): RegionMention[] {
  const counts = new Map<string, number>();
  for (const g of geo) counts.set(g.regionCode, (counts.get(g.regionCode) ?? 0) + 1);
  const eventRegions = new Set<string>();
  for (const { event, alsoRegions } of drafts) {
    if (event.background) continue;
    if (event.region) eventRegions.add(event.region.code);
    for (const code of alsoRegions ?? []) eventRegions.add(code);
  }
  // An event's region the text never names as such (carried from an earlier sentence) still counts once.
  for (const code of eventRegions) if (!counts.has(code)) counts.set(code, 1);
  const out: RegionMention[] = [];
  for (const [code, mentions] of counts) {
    const region = regionByCode(code);
    if (region) {
      const role = eventRegions.has(code) ? "event" : "mention";
      out.push({ code, name: region.name, country: region.country, mentions, role });
    }
  }
  const rank = (r: RegionMention) => (r.role === "event" ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || b.mentions - a.mentions);
}

/** Civilians are counted only where an event names them; "people" in prose is not an actor. */
function countActors(mentions: readonly ActorMention[], events: readonly Event[]): ActorMentionOut[] {
  // A plain loop: flatMap and filter building arrays per call cost more than the rest of this function.
  const eventActors: NonNullable<Event["actor1"]>[] = [];
  for (const e of events) {
    if (e.actor1) eventActors.push(e.actor1);
    if (e.actor2) eventActors.push(e.actor2);
  }
  const eventActorIds = new Set(eventActors.map((a) => a.id));
  const counts = new Map<string, ActorMentionOut>();
  for (const { actor } of mentions) {
    if (actor.kind === "civilians" && !eventActorIds.has(actor.id)) continue;
    const entry = counts.get(actor.id);
    if (entry) entry.mentions++;
    else {
      const { id, name, kind, country, acledName } = actor;
      counts.set(id, {
        id,
        name,
        kind,
        ...(country ? { country } : {}),
        ...(acledName ? { acledName } : {}),
        mentions: 1,
      });
    }
  }
  // An actor only an event implies (a claimant's own forces) counts as mentioned once.
  for (const ref of eventActors) if (!counts.has(ref.id)) counts.set(ref.id, { ...ref, mentions: 1 });
  return [...counts.values()].sort((a, b) => b.mentions - a.mentions);
}

function uniquePlaces(geo: readonly GeoMention[]): Place[] {
  const seen = new Map<string, Place>();
  for (const g of geo) {
    const place = g.place && !seen.has(g.place.name) ? placeOf(g.place) : undefined;
    if (place) seen.set(place.name, place);
  }
  return [...seen.values()];
}

/**
 * The primary event (strongest, with a bonus for the lead) first; the rest in text order. An interception stands
 * back for the strike it was part of: "missiles hit Dnipro; air defences shot down 20 drones" reports the strike.
 */
function orderEvents(drafts: readonly DraftEvent[]): Event[] {
  if (drafts.length === 0) return [];
  const leadBonus = (d: DraftEvent) => (d.sentenceIndex === 0 ? 0.3 : d.sentenceIndex === 1 ? 0.15 : 0);
  const strikeInLead = drafts.some((d) => d.sentenceIndex <= 1 && STRIKE_GROUPS.has(d.event.acled.eventType));
  const score = (d: DraftEvent) =>
    d.event.confidence + leadBonus(d) - (strikeInLead && d.event.type === INTERCEPTION ? 0.5 : 0);
  // Background (a month or year long past) is never primary while anything new is reported.
  const candidates = drafts.some((d) => !d.event.background) ? drafts.filter((d) => !d.event.background) : drafts;
  let primary = candidates[0]!;
  for (const d of candidates) if (score(d) > score(primary)) primary = d;
  // The headline and its lead report one incident: the events of the same kind there complete the primary one.
  const lead = drafts.filter(
    (d) =>
      d !== primary &&
      d.sentenceIndex <= 2 &&
      !d.event.background &&
      d.event.acled.eventType === primary.event.acled.eventType,
  );
  takeLeadDeaths(primary, lead);
  takeLeadTarget(primary, lead);
  takeLeadDate(primary, lead);
  return [primary.event, ...drafts.filter((d) => d !== primary).map((d) => d.event)];
}

const INTERCEPTION = "air-defence-interception";
const LEAD_DAYS = 3;
const STRIKE_GROUPS = new Set(["Explosions/Remote violence", "Battles", "Violence against civilians"]);

/**
 * A headline and its lead report one incident: "Russian drone strike kills man in Kherson. A Russian drone killed
 * a 59-year-old man ...", "9 dead as shelling increases ... three were killed in Horlivka and two in Donetsk". The
 * primary event's death count is the largest that it or an event of the same ACLED type and region in the first
 * three sentences gives (the largest, not the sum: they count the same dead).
 */
function takeLeadDeaths(primary: DraftEvent, lead: readonly DraftEvent[]): void {
  const killed = (d: DraftEvent) => (d.event.quantities ?? []).filter((q) => q.unit === "killed");
  const total = (d: DraftEvent) => killed(d).reduce((n, q) => n + q.value, 0);
  let best: DraftEvent | undefined;
  for (const d of lead) {
    if (d.event.region && primary.event.region && d.event.region.code !== primary.event.region.code) continue;
    if (total(d) > (best ? total(best) : total(primary))) best = d;
  }
  if (!best) return;
  const others = (primary.event.quantities ?? []).filter((q) => q.unit !== "killed");
  primary.event.quantities = [...others, ...killed(best)];
}

/**
 * A headline's event with no date of its own takes the day its lead gives the same kind of event ("the ministry
 * said on Thursday ..."), if that day is within LEAD_DAYS of publication: an older day in the lead is another event.
 */
function takeLeadDate(primary: DraftEvent, lead: readonly DraftEvent[]): void {
  const published = primary.event.date?.basis === "publication" ? Date.parse(primary.event.date.value) : Number.NaN;
  if (primary.sentenceIndex !== 0 || Number.isNaN(published)) return;
  for (const d of lead) {
    const date = d.event.date;
    if (
      date &&
      date.basis !== "publication" &&
      Math.abs(Date.parse(date.value) - published) <= LEAD_DAYS * 86_400_000
    ) {
      primary.event.date = d.event.date;
      return;
    }
  }
}

/** A headline's event takes the civilians its lead names as the target ("a drone hit a bus", "killing two residents"). */
function takeLeadTarget(primary: DraftEvent, lead: readonly DraftEvent[]): void {
  if (primary.event.actor2 || primary.sentenceIndex !== 0) return;
  for (const d of lead) {
    if (d.event.actor2?.kind === "civilians") {
      primary.event.actor2 = d.event.actor2;
      return;
    }
  }
}
