// Events, clause by clause: the event type is the best-scoring cue set (rules/event-cues.json); the
// actors, place, date and quantities are the ones the clause gives, nearest to the cue that fired.
import { type Actor, actorById, type Event, eventTypeById, regionByCode } from "@frontline/model";
import { actorCues } from "../actors/actor-cues.ts";
import type { ActorMention } from "../actors/resolve-actors.ts";
import { type DateMention, findDates } from "../dates/resolve-dates.ts";
import type { Settlement } from "../places/gazetteer.ts";
import { type GeoMention, geoMention, LIST_JOIN } from "../places/resolve-places.ts";
import { findQuantities } from "../quantities/find-quantities.ts";
import { CaselessPattern, lowerForMatching } from "../text/caseless.ts";
import { type Span, splitClauses } from "../text/sentences.ts";
import { type Token, tokensIn } from "../text/tokens.ts";
import { type SentenceClaim, type Speaker, sentenceClaim } from "./claims.ts";
import {
  type CueHit,
  findCueHits,
  isHedged,
  isNegated,
  minScore,
  refineType,
  territoryType,
  typeByWeapon,
  typeOrder,
  weaponClasses,
} from "./event-cues.ts";

export interface ArticleContext {
  text: string;
  publishedAt?: string;
  sentences: readonly Span[];
  tokens: readonly Token[];
  /** In text order (sorted by start), as the matchers return them: clauses find theirs by binary search. */
  geo: readonly GeoMention[];
  /** In text order (sorted by start). */
  actors: readonly ActorMention[];
}

export interface DraftEvent {
  event: Event;
  sentenceIndex: number;
  /** Only secondary cues fired ("2 civilians were killed"): a consequence of the event before it, if any. */
  secondaryOnly?: boolean;
  /**
   * Other regions the event happened in, listed with its own ("shot down mostly in the Kursk, Voronezh and Belgorod
   * regions"): places of the event too, though the event carries one region.
   */
  alsoRegions?: string[];
}

// Event types in which actor1 is a force that uses violence; speakers and governments are not.
const ARMED_KINDS = new Set(["military", "military-branch", "armed-group", "police"]);
const SPOKEN_TYPES = new Set(["diplomacy", "agreement", "statement-threat", "military-aid", "protest", "riot"]);
const PASSIVE_BEFORE = /(?:\b(?:been|was|were|being|is|are|be)\s+(?:\w+\s+)?)$/i;
const PASSIVE_CUE = /^(?:came under|(?:were|was|had been|have been|came)\s+(?:\w+\s+)?fired)\b/i;
const SPEECH_AFTER =
  /^\s*(?:[\w'’-]+\s+){0,3}(?:said|says|say|claimed|claims|announced|acknowledged|acknowledges|have acknowledged|has acknowledged|denied|denies|deny|told|stated|reported|wrote)\b/i;
/** Words before an actor that make it an object or put it in a subordinate clause, not the clause's subject. */
const OBJECT_BEFORE = new CaselessPattern(
  String.raw`(?:^|[^\p{L}])(?:of|with|against|on|at|near|in|into|from|to|by|toward|towards|after|when|while|as|following|targeting|including|between|among)\s+(?:the\s+)?(?:[\p{L}-]+\s+)?$`,
  false,
);
const MAX_EVENTS = 300;
/** isNegated looks at this many characters before a cue; only they are sliced out. */
const NEGATION_WINDOW = 24;
const FROM_BEFORE = new CaselessPattern(
  String.raw`\bfrom\s+(?:the\s+)?(?:(?!(?:into|to|towards?|after|before|while|when|where|during|as|but|then)\s)[\p{L}'’-]+\s+){0,6}$`,
  false,
);
/**
 * A place named only to say where another is, or where something was headed: "Bucha, a town north-west of Kyiv",
 * "30 km south of Zaporizhzhia", "a drone flying towards Moscow". It is a mention, not where the event happened.
 */
const REFERENCE_BEFORE = new CaselessPattern(
  String.raw`(?:\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|\b(?:toward|towards|heading for|headed for|in the direction of|on its way to|outskirts of the capital)|\bkm\s+(?:from|of))\s+(?:the\s+)?(?:city\s+of\s+)?$`,
  false,
);
const INTO_BEFORE = new CaselessPattern(String.raw`\binto\s+(?:[\p{L}'’-]+\s+){0,5}$`, false);
const BY_BEFORE = /\bby\s+(?:the\s+)?$/i;

export function buildEvents(ctx: ArticleContext): DraftEvent[] {
  const drafts: DraftEvent[] = [];
  const stances: Stance[] = [];
  let previousSpeaker: Speaker | undefined;
  let previousClaim: SentenceClaim | undefined;

  for (let sentenceIndex = 0; sentenceIndex < ctx.sentences.length; sentenceIndex++) {
    if (drafts.length >= MAX_EVENTS) break;
    const sentence = ctx.sentences[sentenceIndex]!;
    const lowered: Lowered = {
      start: sentence.start,
      lower: lowerForMatching(ctx.text.slice(sentence.start, sentence.end)),
    };
    const claim = sentenceClaim(ctx.text, sentence.start, sentence.end, ctx.actors, previousSpeaker, lowered.lower);
    const before = drafts.length;
    // The sentence's dates are read once, and only if one of its clauses has an event.
    const dates: SentenceDates = { sentence, publishedAt: ctx.publishedAt, lower: lowered.lower, found: undefined };
    for (const clause of splitClauses(ctx.text, sentence)) {
      const draft = clauseEvent(ctx, sentence, clause, claim, sentenceIndex, dates, lowered);
      if (!draft) continue;
      const last = drafts.at(-1);
      // "On 5 May, Russian forces shelled Kupiansk. 2 civilians were killed." — the deaths belong to the shelling.
      if (draft.secondaryOnly && last && sameSetting(last.event, draft.event)) {
        foldSecondary(last.event, draft.event);
        continue;
      }
      // "Russian forces attacked Zaporizhzhia, killing one person; ... guided bombs were dropped on the city": the
      // casualties of a clause with no act of its own belong to the act the same sentence reports after them.
      if (!draft.secondaryOnly && last && last.secondaryOnly && last.sentenceIndex === sentenceIndex) {
        foldSecondary(draft.event, last.event);
        if (!draft.event.actor2 && last.event.actor2?.kind === "civilians") draft.event.actor2 = last.event.actor2;
        drafts[drafts.length - 1] = draft;
        continue;
      }
      drafts.push(draft);
    }
    // "Russia said it took the village. Kyiv denied this." — a denial with no event of its own contests the last one.
    if (drafts.length === before && claim.denial && previousClaim && !previousClaim.denial) {
      for (const d of drafts) {
        if (d.sentenceIndex === sentenceIndex - 1)
          d.event.claim = {
            status: "contested",
            ...(d.event.claim?.by ? { by: d.event.claim.by } : {}),
            ...(claim.claim.by ? { disputedBy: claim.claim.by } : {}),
          };
      }
    }
    if (claim.speaker) previousSpeaker = claim.speaker;
    previousClaim = claim;
    stances.push(sentenceStance(ctx, sentence, claim, lowered));
  }
  contestAcrossSentences(drafts, stances);
  return drafts;
}

/** What a sentence says, for contests across a text: which side speaks, and whether it contradicts something. */
interface Stance {
  side: "RU" | "UA" | undefined;
  name: string | undefined;
  claims: boolean;
  contradicts: boolean;
  /** The sides of the parties the sentence names ("a day after Ukraine's General Staff said ..."). */
  named: Set<string>;
}

const CONTRADICTS = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:denie[sd]|deny|denying|rejected|refuted|dismissed|disputed|not true|untrue|false|fake|(?:did|does|do|has|have) not (?:confirm|acknowledge)(?:ed)?|no confirmation|still (?:holding|hold|held|in control|control(?:s|led)?|going on)|continue[sd]? to (?:hold|control|defend)|remain(?:s|ed)? (?:in|under) (?:\p{L}+ )?control|(?:fierce|heavy) fighting|fighting (?:is|was|continues|continued) (?:still )?|holding back|not been (?:pushed|driven) out|(?:has|have|had) not (?:withdrawn|retreated|been captured))(?![\p{L}])`,
);

function sentenceStance(ctx: ArticleContext, sentence: Span, claim: SentenceClaim, lowered: Lowered): Stance {
  const speaker = claim.speaker;
  let side = speaker?.side === "RU" || speaker?.side === "UA" ? speaker.side : undefined;
  const parties = within(ctx.actors, sentence.start, sentence.end).filter((a) => a.actor.kind !== "civilians");
  if (!side) {
    // "Russia does not acknowledge an attack": the first party named speaks for its side.
    const partySide = parties[0] ? actorById(parties[0].actor.id)?.side : undefined;
    if (partySide === "RU" || partySide === "UA") side = partySide;
  }
  const text = ctx.text.slice(sentence.start, sentence.end);
  return {
    side,
    name: speaker?.name,
    claims: claim.claim.status === "claimed" || claim.claim.status === "contested",
    contradicts: claim.denial || CONTRADICTS.test(text, lowered.lower),
    named: new Set(parties.map((a) => actorById(a.actor.id)?.side ?? "other")),
  };
}

/**
 * "Russia said it took Pobeda ... Ukraine's commander said his troops were holding": a claim one side makes and the
 * other side contradicts anywhere in the text is contested, with both parties recorded.
 */
function contestAcrossSentences(drafts: readonly DraftEvent[], stances: readonly Stance[]): void {
  for (const d of drafts) {
    const status = d.event.claim?.status;
    if (status !== "claimed" && status !== "denied") continue;
    const own = stances[d.sentenceIndex];
    if (!own?.side) continue;
    const opposite = own.side === "RU" ? "UA" : "RU";
    // A contradiction from the other side, or from a speaker of no known side (a spokesman the text does not name).
    const other = stances.find(
      (s, i) => i !== d.sentenceIndex && s.side !== own.side && (status === "claimed" ? s.contradicts : s.claims),
    );
    // "Russia said its troops had not been pushed out of Andriivka, a day after Ukraine's General Staff said ...".
    const withinOwn = status === "claimed" && own.contradicts && own.named.has(opposite);
    if (!other && !withinOwn) continue;
    const claimer = status === "claimed" ? d.event.claim?.by : other?.name;
    const denier = status === "claimed" ? other?.name : d.event.claim?.by;
    d.event.claim = {
      status: "contested",
      ...(claimer ? { by: claimer } : {}),
      ...(denier ? { disputedBy: denier } : {}),
    };
  }
}

/** A sentence lower-cased for CaselessPattern (see caseless.ts): `lower` undefined where it must be read as written. */
interface Lowered {
  start: number;
  lower: string | undefined;
}

/** The lower-cased text[from, to) of a span inside the sentence, for CaselessPattern. */
const lowerIn = (lowered: Lowered, from: number, to: number) =>
  lowered.lower?.slice(from - lowered.start, to - lowered.start);

interface SentenceDates {
  sentence: Span;
  publishedAt: string | undefined;
  /** The sentence lower-cased, where lowerForMatching kept it (it is then the sentence's toLowerCase). */
  lower: string | undefined;
  found: DateMention[] | undefined;
}

function datesOf(text: string, dates: SentenceDates): DateMention[] {
  dates.found ??= findDates(text, dates.sentence.start, dates.sentence.end, dates.publishedAt, dates.lower);
  return dates.found;
}

function clauseEvent(
  ctx: ArticleContext,
  sentence: Span,
  clause: Span,
  claim: SentenceClaim,
  sentenceIndex: number,
  dates: SentenceDates,
  lowered: Lowered,
): DraftEvent | undefined {
  // A clause that is the whole sentence (most are) has its lower-cased text already.
  const whole = clause.start === sentence.start && clause.end === sentence.end;
  const hits = findCueHits(ctx.text, clause.start, clause.end, whole ? lowered.lower : undefined).filter((h) => {
    const from = Math.max(clause.start, h.start - NEGATION_WINDOW);
    return !isNegated(ctx.text.slice(from, h.start), lowerIn(lowered, from, h.start));
  });
  const best = bestType(hits);
  if (!best) return undefined;
  const anchor = anchorWithSubject(ctx, clause, best);
  const hedged = isHedged(ctx.text.slice(clause.start, anchor.start), lowerIn(lowered, clause.start, anchor.start));
  // A hedged single cue ("any advance would ...") is speculation, not an event.
  if (hedged && best.score < 2) return undefined;

  const geo = chooseGeo(ctx, sentence, clause, anchor, sentenceIndex, lowered);
  let typeId = typeByWeapon(best.typeId, best.weaponDecidedOnly, () =>
    weaponClasses(ctx.text.slice(clause.start, clause.end), lowerIn(lowered, clause.start, clause.end)),
  );
  typeId = refineType(typeId, ctx.text.slice(sentence.start, sentence.end), lowered.lower);
  const date =
    chooseDate(
      datesOf(ctx.text, dates).filter((d) => !isDateline(ctx.text, d)),
      clause,
      anchor,
    ) ?? publicationDate(ctx.publishedAt);
  const chosen = chooseActors(ctx, clause, anchor, typeId, claim, geo, lowered, date?.value);
  const country = geo ? regionByCode(geo.regionCode)?.country : undefined;
  const side = chosen.actor1 ? actorById(chosen.actor1.id)?.side : undefined;
  if (country && (side === "RU" || side === "UA")) typeId = territoryType(typeId, side === country);
  const eventType = eventTypeById(typeId);
  if (!eventType) return undefined;
  const background = date !== undefined && isBackground(date, ctx.publishedAt);
  const { actor1, actor2 } = readForEra(
    {
      actor1: chosen.actor1,
      actor2: civilianTarget(ctx, clause, typeId, country, chosen.actor2, lowered) ?? chosen.actor2,
    },
    date,
    geo?.regionCode,
    typeId,
  );
  const clauseTokens = tokensIn(ctx.tokens, clause.start, clause.end);
  const quantities = findQuantities(ctx.text, clauseTokens);
  const region = geo ? regionByCode(geo.regionCode) : undefined;

  let confidence = 0.3 + 0.12 * Math.min(best.score, 4) + (region ? 0.1 : 0) + (actor1 ? 0.1 : 0);
  if (hedged) confidence *= 0.5;
  confidence = Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;

  const event: Event = {
    type: eventType.id,
    acled: { ...eventType.acled },
    ...(actor1 ? { actor1: actorRef(actor1) } : {}),
    ...(actor2 ? { actor2: actorRef(actor2) } : {}),
    ...(region ? { region: { code: region.code, name: region.name } } : {}),
    ...(geo?.place && placeOf(geo.place) ? { place: placeOf(geo.place) } : {}),
    ...(date ? { date } : {}),
    claim: claimFor(
      claim,
      actor1,
      ctx.text.slice(clause.start, clause.end),
      lowerIn(lowered, clause.start, clause.end),
      ctx.text.slice(sentence.start, sentence.end),
      lowered.lower,
    ),
    ...(quantities.length > 0 ? { quantities } : {}),
    evidence: { text: ctx.text.slice(sentence.start, sentence.end), start: sentence.start, end: sentence.end },
    confidence,
    ...(background ? { background: true } : {}),
  };
  const alsoRegions = geo ? listedWith(ctx, clause, geo) : [];
  return {
    event,
    sentenceIndex,
    ...(best.secondaryOnly ? { secondaryOnly: true } : {}),
    ...(alsoRegions.length > 0 ? { alsoRegions } : {}),
  };
}

/** An event's place; a settlement placed only at its region's centre is no point (a region-level guess). */
export function placeOf(settlement: Settlement): Event["place"] {
  const { name, regionCode, lat, lon, approximate } = settlement;
  if (approximate === "region") return undefined;
  return { name, regionCode, lat, lon, ...(approximate ? { approximate } : {}) };
}

/** Same setting: no region of its own, or the region of the event it would join. */
function sameSetting(previous: Event, secondary: Event): boolean {
  // "The UN says 436 civilians were killed in May": a count the text dates apart is not this event's.
  const ownDate = secondary.date && secondary.date.basis !== "publication" ? secondary.date : undefined;
  if (ownDate && (ownDate.value !== previous.date?.value || ownDate.precision !== previous.date?.precision))
    return false;
  return !secondary.region || secondary.region.code === previous.region?.code;
}

function foldSecondary(into: Event, secondary: Event): void {
  if (secondary.quantities) into.quantities = [...(into.quantities ?? []), ...secondary.quantities];
}

/**
 * The cue the clause's actors are read around: the type's first, unless only a later one has a force before it
 * ("one ceasefire violation had been logged: Russian occupation forces fired at Joint Forces positions").
 */
function anchorWithSubject(ctx: ArticleContext, clause: Span, best: TypeScore): CueHit {
  const armedBefore = (hit: CueHit) =>
    within(ctx.actors, clause.start, hit.start).some((a) => ARMED_KINDS.has(a.actor.kind) || a.enemy);
  if (armedBefore(best.first)) return best.first;
  return best.hits.find((hit) => hit !== best.first && armedBefore(hit)) ?? best.first;
}

interface TypeScore {
  typeId: string;
  score: number;
  first: CueHit;
  /** Every hit of the type, in text order. */
  hits: CueHit[];
  secondaryOnly: boolean;
  /** Every cue of the type only says that someone fired (weaponDecides): the weapon named decides the sub-event. */
  weaponDecidedOnly: boolean;
}

/**
 * The clause's type: the highest summed weight at or above minScore, each cue pattern counted once (a list of
 * missiles is one missile cue, not five). Types that only secondary cues gave ("were killed") stand back for any
 * other type that qualifies.
 */
function bestType(hits: readonly CueHit[]): TypeScore | undefined {
  const scores = new Map<string, TypeScore & { cues: Set<number> }>();
  for (const hit of hits) {
    const entry = scores.get(hit.typeId);
    if (!entry) {
      scores.set(hit.typeId, {
        typeId: hit.typeId,
        score: hit.weight,
        first: hit,
        hits: [hit],
        secondaryOnly: hit.secondary,
        weaponDecidedOnly: hit.weaponDecides,
        cues: new Set([hit.cue]),
      });
    } else if (entry.hits.push(hit) && !entry.cues.has(hit.cue)) {
      entry.cues.add(hit.cue);
      entry.score += hit.weight;
      entry.secondaryOnly &&= hit.secondary;
      entry.weaponDecidedOnly &&= hit.weaponDecides;
    }
  }
  let best: TypeScore | undefined;
  for (const typeId of typeOrder) {
    const entry = scores.get(typeId);
    if (!entry || entry.score < minScore) continue;
    const better =
      !best ||
      (best.secondaryOnly && !entry.secondaryOnly) ||
      (best.secondaryOnly === entry.secondaryOnly && entry.score > best.score);
    if (better) best = entry;
  }
  return best;
}

/**
 * Where the clause's event happened: a destination ("into Dnipropetrovsk") first, then the first place or
 * region after the cue, else the last before it; an origin ("from the Donetsk region") only as a last
 * resort; else the setting of the two sentences before (region only: the place may not carry over).
 */
function chooseGeo(
  ctx: ArticleContext,
  sentence: Span,
  clause: Span,
  anchor: CueHit,
  sentenceIndex: number,
  lowered: Lowered,
): GeoMention | undefined {
  const { text } = ctx;
  const inClause = within(ctx.geo, clause.start, clause.end);
  const candidates = inClause.filter((g) => !isOrigin(text, clause.start, g, lowered));
  const destination = candidates.find((g) => {
    const from = leadStart(clause.start, g);
    return INTO_BEFORE.test(text.slice(from, g.start), lowerIn(lowered, from, g.start));
  });
  if (destination) return destination;
  const after = candidates.filter((g) => g.start >= anchor.start);
  const preferred =
    after.find((g) => g.place) ?? after[0] ?? candidates.filter((g) => g.place).at(-1) ?? candidates.at(-1);
  if (preferred) return preferred;
  const inSentence = within(ctx.geo, sentence.start, sentence.end).filter(
    (g) => !isOrigin(text, clause.start, g, lowered),
  );
  if (inSentence.length > 0) return inSentence[0];
  const earlier = ctx.sentences[Math.max(0, sentenceIndex - 2)];
  const carried = earlier ? within(ctx.geo, earlier.start, sentence.start).at(-1) : undefined;
  if (carried) return geoMention(carried, carried.regionCode, undefined);
  return inClause[0];
}

/** The regions named in one list with the event's place ("in the Kursk, Voronezh and Belgorod regions"). */
function listedWith(ctx: ArticleContext, clause: Span, geo: GeoMention): string[] {
  const inClause = within(ctx.geo, clause.start, clause.end);
  const at = inClause.findIndex((g) => g.start === geo.start && g.end === geo.end);
  if (at < 0) return [];
  const codes = new Set<string>();
  for (
    let i = at;
    i + 1 < inClause.length && LIST_JOIN.test(ctx.text.slice(inClause[i]!.end, inClause[i + 1]!.start));
    i++
  )
    codes.add(inClause[i + 1]!.regionCode);
  for (let i = at; i > 0 && LIST_JOIN.test(ctx.text.slice(inClause[i - 1]!.end, inClause[i]!.start)); i--)
    codes.add(inClause[i - 1]!.regionCode);
  codes.delete(geo.regionCode);
  return [...codes];
}

/** Where the words before a mention start, within its clause: they say whether it is an origin or a destination. */
function leadStart(clauseStart: number, g: GeoMention): number {
  return Math.max(clauseStart, g.start - 70);
}

/**
 * An origin ("launched from Kursk"), a reference point ("north-west of Kyiv") or an official's jurisdiction ("Moscow
 * mayor Sergei Sobyanin said"): named, but not where the event happened.
 */
function isOrigin(text: string, clauseStart: number, g: GeoMention, lowered: Lowered): boolean {
  const from = leadStart(clauseStart, g);
  const before = text.slice(from, g.start);
  const lower = lowerIn(lowered, from, g.start);
  return (
    FROM_BEFORE.test(before, lower) ||
    REFERENCE_BEFORE.test(before, lower) ||
    TITLE_AFTER.test(text.slice(g.end, g.end + 40), lowerIn(lowered, g.end, g.end + 40))
  );
}

const TITLE_AFTER = new CaselessPattern(
  String.raw`^(?:'s|’s)?\s+(?:(?:region(?:al)?|oblast|city|military)\s+)?(?:mayor|governor|head|administration|authorities|officials?|police|prosecutors?)\b`,
  false,
);

/**
 * The mentions inside [start, end), in text order. `mentions` are sorted by start (as enrichArticle builds them),
 * so a binary search finds the first and the scan stops at `end` instead of filtering every mention per clause.
 */
function within<T extends { start: number; end: number }>(mentions: readonly T[], start: number, end: number): T[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < mentions.length && mentions[i]!.start < end; i++) {
    if (mentions[i]!.end <= end) out.push(mentions[i]!);
  }
  return out;
}

function chooseActors(
  ctx: ArticleContext,
  clause: Span,
  anchor: CueHit,
  typeId: string,
  claim: SentenceClaim,
  geo: GeoMention | undefined,
  lowered: Lowered,
  day: string | undefined,
): { actor1?: Actor; actor2?: Actor } {
  const spoken = SPOKEN_TYPES.has(typeId);
  const found = within(ctx.actors, clause.start, clause.end);
  const inClause = found.some((a) => a.enemy) ? found.map((a) => readEnemy(a, claim)) : found;
  const before: ActorMention[] = [];
  const after: ActorMention[] = [];
  for (const a of inClause) {
    if (!isEligible(a, spoken)) continue;
    if (a.start < anchor.start) {
      if (spoken || !isSpeaker(ctx.text, clause, a)) before.push(a);
      // A force inside the cue is its object: "fired mortars at Ukrainian positions" is one cue.
    } else if (a.start > anchor.start) after.push(a);
  }
  // "were shelled by", not "have been shelling": a progressive after "been" is active. "came under fire" and "were
  // fired on" are passive within the cue itself: the force before them is the target.
  const anchorText = ctx.text.slice(anchor.start, anchor.end);
  const passive =
    PASSIVE_CUE.test(anchorText) ||
    (!/ing$/i.test(anchorText.split(/\s/)[0] ?? "") &&
      PASSIVE_BEFORE.test(ctx.text.slice(Math.max(clause.start, anchor.start - 30), anchor.start)));

  let actor1: Actor | undefined;
  let actor2: Actor | undefined;
  const agent = after.find((a) => BY_BEFORE.test(ctx.text.slice(Math.max(clause.start, a.start - 8), a.start)));
  // The passive's subject is the force right before the verb ("Ukrainian positions ... were shelled"), not one named
  // earlier in another part of the sentence ("Russian forces struck the town, which was then shelled").
  const patient = before.at(-1);
  const patientIsSubject =
    patient !== undefined &&
    !/[,;:]/.test(ctx.text.slice(patient.end, anchor.start)) &&
    anchor.start - patient.end < 60;
  if (passive && (patientIsSubject || agent)) {
    actor2 = patientIsSubject ? patient.actor : undefined;
    actor1 = agent?.actor;
  } else {
    // The subject: the first force before the cue that is not the object of a preposition or of a subordinate
    // clause ("Ukrainian forces attacked Russian positions", "... after Russian forces withdrew").
    const subject = before.find((a) => {
      const from = Math.max(clause.start, a.start - 30);
      return !OBJECT_BEFORE.test(ctx.text.slice(from, a.start), lowerIn(lowered, from, a.start));
    });
    actor1 = (subject ?? before.at(-1))?.actor ?? agent?.actor;
    actor2 = after.find((a) => a.actor.id !== actor1?.id)?.actor;
  }

  const country = geo ? regionByCode(geo.regionCode)?.country : undefined;
  const role = actorCues.actor1ByType.types[typeId];
  const byCountry = role && country ? actorById(role.byCountry[country] ?? "") : undefined;
  if (role?.kinds) {
    // A protest's actor1 is the protesters (named, else those of the country); a force that intervenes is actor2.
    const protesters = inClause.find((a) => role.kinds?.includes(a.actor.kind))?.actor ?? byCountry;
    if (protesters) {
      if (actor1 && actor1.id !== protesters.id) actor2 = actor1;
      actor1 = protesters;
    }
  } else if (!actor1 && byCountry) actor1 = byCountry;

  if (
    !actor1 &&
    !spoken &&
    OWN_FORCES.test(ctx.text.slice(clause.start, anchor.start), lowerIn(lowered, clause.start, anchor.start))
  )
    actor1 = speakerForces(claim);
  if (!actor1 && !spoken) actor1 = defaultActor(typeId, claim, geo, actor2, day);
  if (actor1 && !actor2 && !spoken) actor2 = opponentOf(actor1, typeId, claim, geo !== undefined);
  // "Ukrainian troops came under small-arms fire": fire on one side's forces, no attacker named, is the other side's.
  if (!actor1 && actor2 && BATTLE_TYPES.has(typeId) && ARMED_KINDS.has(actor2.kind)) {
    const targetSide = actor2.side;
    if (targetSide === "RU" || targetSide === "UA")
      actor1 = actorById(actorCues.forceActors[targetSide === "RU" ? "UA" : "RU"].military);
  }
  if (typeId === "civilian-casualties" && !actor2) {
    actor2 = actorById(country === "RU" ? "civilians-ru" : "civilians-ua");
  }
  if (actor2 && actor1 && actor2.id === actor1.id) actor2 = undefined;
  return { actor1, actor2 };
}

/** "its troops had taken back Sudzha", said by Russia's defence ministry: the speaker's own forces. */
const OWN_FORCES = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:its|their|our|his) (?:own )?(?:forces|troops|units|army|soldiers|servicemen|fighters|military)(?![\p{L}])`,
);
const TERRITORY_TYPES = new Set(["territory-captured", "territory-regained", "ground-advance"]);
const BATTLE_TYPES = new Set(["armed-clash", "shelling", "missile-strike", "air-drone-strike"]);

function speakerForces(claim: SentenceClaim): Actor | undefined {
  const side = claim.speaker?.side;
  if (claim.speaker?.actor && ARMED_KINDS.has(claim.speaker.actor.kind)) return claim.speaker.actor;
  return side === "RU" || side === "UA" ? actorById(actorCues.forceActors[side].military) : undefined;
}

/**
 * The side an act was against when the text names none: ground taken is taken from the other belligerent; fire a
 * belligerent's own statement reports ("the JFO said the enemy shelled positions near Avdiivka") hit that side.
 */
function opponentOf(actor1: Actor, typeId: string, claim: SentenceClaim, placed: boolean): Actor | undefined {
  const side = actorById(actor1.id)?.side;
  if (side !== "RU" && side !== "UA") return undefined;
  if (TERRITORY_TYPES.has(typeId) && placed)
    return actorById(actorCues.forceActors[side === "RU" ? "UA" : "RU"].military);
  const speaker = claim.speaker?.actor;
  if (BATTLE_TYPES.has(typeId) && speaker && ARMED_KINDS.has(speaker.kind) && speaker.side !== side) return speaker;
  return undefined;
}

/** "the enemy" is Russia's forces unless Russia's side is speaking, when it is Ukraine's. */
function readEnemy(a: ActorMention, claim: SentenceClaim): ActorMention {
  if (!a.enemy || claim.speaker?.side !== "RU") return a;
  const actor = actorById(actorCues.forceActors.UA.military);
  return actor ? { ...a, actor } : a;
}

function isEligible(a: ActorMention, spoken: boolean): boolean {
  return spoken ? a.actor.kind !== "civilians" : ARMED_KINDS.has(a.actor.kind);
}

function isSpeaker(text: string, clause: Span, a: ActorMention): boolean {
  return SPEECH_AFTER.test(text.slice(a.end, Math.min(clause.end, a.end + 40)));
}

/**
 * No force is named: a belligerent's own claim implies its own forces acted ("Russia's defence ministry
 * said 117 drones had been shot down"); an interception with no claimant is the defending country's.
 */
function defaultActor(
  typeId: string,
  claim: SentenceClaim,
  geo: GeoMention | undefined,
  target: Actor | undefined,
  day: string | undefined,
): Actor | undefined {
  const side = claim.speaker?.side;
  const speakerActor = claim.speaker?.actor;
  // An armed speaker reporting its own action ("the National Guard said it was reinforcing ...").
  const strike = actorCues.unattributedAttacker.types.includes(typeId);
  if (
    speakerActor &&
    ARMED_KINDS.has(speakerActor.kind) &&
    speakerActor.id !== target?.id &&
    typeId !== "air-defence-interception" &&
    !strike
  ) {
    return speakerActor;
  }
  // A belligerent's statement implies its own forces acted ("Russia's defence ministry said 117 drones had been shot
  // down"), but not for a strike it reports: strikes on a side's ground are the other side's (unattributedAttacker).
  if ((side === "RU" || side === "UA") && target?.side !== side && !strike) {
    const kind = typeId === "air-defence-interception" ? "air-defence" : "military";
    return actorById(actorCues.forceActors[side]?.[kind] ?? "");
  }
  if (typeId === "air-defence-interception" && geo) {
    const country = regionByCode(geo.regionCode)?.country;
    if (country === "RU" || country === "UA") return actorById(actorCues.forceActors[country]?.["air-defence"] ?? "");
  }
  return geo ? unattributedAttacker(typeId, geo.regionCode, target, day) : undefined;
}

/** "Two killed in shelling of Kharkiv": a strike with no force named is the other side's (rules/actor-cues.json). */
function unattributedAttacker(
  typeId: string,
  regionCode: string,
  target: Actor | undefined,
  day: string | undefined,
): Actor | undefined {
  const rule = actorCues.unattributedAttacker;
  if (!rule.types.includes(typeId)) return undefined;
  const line = rule.contactLine;
  if (day && day < line.before && line.regions.includes(regionCode)) return undefined;
  const country = regionByCode(regionCode)?.country;
  const holder = rule.heldBy[regionCode] ?? (country === "RU" || country === "UA" ? country : undefined);
  const attacker = holder ? rule.opponent[holder] : undefined;
  if (!attacker || target?.side === attacker) return undefined;
  return actorById(actorCues.forceActors[attacker]?.military ?? "");
}

const BLAME = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|attribut(?:ed|es)|held (?:\p{L}+ )?responsible)(?![\p{L}])`,
);

/** Civil authorities who report what happened on their ground: governors, mayors, administrations, police, rescuers. */
const CIVIL_REPORTER = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:governor|mayor|(?:regional|city|military|oblast|district) (?:military )?administration|head of the (?:\p{L}+ ){0,3}administration|administration head|police|emergency service|rescuers|prosecutor(?:'s office|s)?|health ministry|local authorities|village head)(?![\p{L}])`,
);

/**
 * A belligerent's statement is a claim ("Russia's defence ministry said its forces took ...", "the JFO said the
 * enemy fired on its positions"); a civil authority reporting what the other side did on its ground ("the
 * governor said Russian drones hit Sumy") is a report, unless it blames that side ("Russian officials blamed
 * Ukrainian shelling"), which is a claim about who did it.
 */
function claimFor(
  claim: SentenceClaim,
  actor1: Actor | undefined,
  clauseText: string,
  lower: string | undefined,
  sentenceText: string,
  sentenceLower: string | undefined,
): Event["claim"] & object {
  const { status, by } = claim.claim;
  const speakerSide = claim.speaker?.side;
  const actorSide = actor1 ? actorById(actor1.id)?.side : undefined;
  if (
    status === "claimed" &&
    (speakerSide === "RU" || speakerSide === "UA") &&
    (actorSide === "RU" || actorSide === "UA") &&
    actorSide !== speakerSide &&
    CIVIL_REPORTER.test(sentenceText, sentenceLower) &&
    !BLAME.test(clauseText, lower)
  ) {
    return by ? { status: "reported", by } : { status: "reported" };
  }
  return { ...claim.claim };
}

/** No date in the text: the event is dated by its article's publication, and says so. */
function publicationDate(publishedAt: string | undefined): Event["date"] {
  return publishedAt ? { value: publishedAt, precision: "day", basis: "publication" } : undefined;
}

const DAY_MS = 86_400_000;
/**
 * A month or a year this long before publication is background, kept as an event marked `background` (never the
 * primary event, never counted) ("withdrew from Kherson in November 2022"). A
 * day is never background: "On 5 March 2022, ..." is how an event note opens, whenever it is read.
 */
const BACKGROUND_DAYS = 45;

function isBackground(date: NonNullable<Event["date"]>, publishedAt: string | undefined): boolean {
  if (!publishedAt || date.basis === "publication" || date.precision === "day" || date.precision === "week")
    return false;
  return (Date.parse(publishedAt) - periodEnd(date)) / DAY_MS > BACKGROUND_DAYS;
}

/** The last day of a month or year date, in ms: "late 2022" read in December 2022 is not background. */
function periodEnd(date: NonNullable<Event["date"]>): number {
  const start = new Date(`${date.value}T00:00:00Z`);
  if (date.precision === "year") return Date.UTC(start.getUTCFullYear(), 11, 31);
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0);
}

const ERA_RULES = actorCues.eraActors.rules;
const VIOLENT_GROUPS = new Set(["Battles", "Explosions/Remote violence", "Violence against civilians"]);

/** Russia's forces in Donbas before the full-scale invasion are ACLED's NAF (rules/actor-cues.json `eraActors`). */
function readForEra(
  actors: { actor1?: Actor; actor2?: Actor },
  date: Event["date"],
  regionCode: string | undefined,
  typeId: string,
): { actor1?: Actor; actor2?: Actor } {
  if (!date) return actors;
  const violent = VIOLENT_GROUPS.has(eventTypeById(typeId)?.acled.eventType ?? "");
  const read = (actor: Actor | undefined) => {
    if (!actor) return actor;
    for (const rule of ERA_RULES) {
      if (!rule.actors.includes(actor.id) || date.value >= rule.before) continue;
      if (regionCode ? rule.regions.includes(regionCode) : violent) return actorById(rule.becomes) ?? actor;
    }
    return actor;
  };
  const actor1 = read(actors.actor1);
  const actor2 = read(actors.actor2);
  return { actor1, actor2: actor2 && actor2.id === actor1?.id ? undefined : actor2 };
}

const CIVILIAN_TARGET = new CaselessPattern(`(?<![\\p{L}])(?:${actorCues.civilianTarget.pattern})(?![\\p{L}])`);
const CIVILIAN_TARGET_TYPES = new Set(actorCues.civilianTarget.types);

/** "shelled a residential area", "a column of civilians": the civilians of the event's country are actor2. */
function civilianTarget(
  ctx: ArticleContext,
  clause: Span,
  typeId: string,
  country: string | undefined,
  actor2: Actor | undefined,
  lowered: Lowered,
): Actor | undefined {
  if (!CIVILIAN_TARGET_TYPES.has(typeId) || (actor2 && actor2.kind !== "civilians")) return undefined;
  if (!CIVILIAN_TARGET.test(ctx.text.slice(clause.start, clause.end), lowerIn(lowered, clause.start, clause.end)))
    return undefined;
  return actorById(actorCues.civilianTarget.byCountry[country ?? "UA"] ?? "");
}

/** The date nearest the cue in the clause, else in the sentence; "since ..." dates only when nothing else. */
/**
 * A dateline says when the report was filed, not when the event happened: "KYIV, Jan 24 (Reuters) -", "(Moscow, Aug
 * 9, IANS)", "LUGANSK, May 21 (TASS):". A date between brackets with a place or agency, or right after a capitalised
 * place and a comma at the start of a sentence and before a bracket, colon or dash.
 */
function isDateline(text: string, d: DateMention): boolean {
  const before = text.slice(Math.max(0, d.start - 40), d.start);
  const after = text.slice(d.end, d.end + 40);
  if (/\([^()]*,\s*$/.test(before) && /^[^()]*\)/.test(after)) return true;
  return /(?:^|[.!?]\s+|\n)\s*[A-ZА-ЯІЇЄ][\p{L} .'’-]{1,30},\s*$/u.test(before) && /^\s*(?:\(|[:–—-])/.test(after);
}

function chooseDate(sentenceDates: DateMention[], clause: Span, anchor: CueHit): Event["date"] {
  if (sentenceDates.length === 0) return undefined;
  return (
    nearestDate(
      sentenceDates.filter((d) => d.start >= clause.start && d.end <= clause.end),
      anchor,
    ) ?? nearestDate(sentenceDates, anchor)
  );
}

/**
 * The date nearest the cue (the first of equals, as a stable sort orders them). A "since ..." date is when something
 * began, never the day of a new event: without another date, the event takes its article's publication date.
 */
function nearestDate(dates: readonly DateMention[], anchor: CueHit): Event["date"] {
  let best: DateMention | undefined;
  for (const d of dates) if (!d.since && (!best || distance(d, anchor) < distance(best, anchor))) best = d;
  return best?.date;
}

function distance(date: DateMention, anchor: CueHit): number {
  return date.end <= anchor.start ? anchor.start - date.end : Math.max(0, date.start - anchor.end);
}

function actorRef(actor: Actor): Event["actor1"] & object {
  return {
    id: actor.id,
    name: actor.name,
    kind: actor.kind,
    ...(actor.country ? { country: actor.country } : {}),
    ...(actor.acledName ? { acledName: actor.acledName } : {}),
  };
}
