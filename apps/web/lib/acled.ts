// Pure: an EventRecord → one row of an ACLED-compatible CSV (ACLED's columns, in ACLED's order, and its
// vocabularies). What Frontline cannot know is left empty rather than invented (admin2, admin3, source_scale).
import {
  ACLED_COLUMNS,
  ACLED_EXTRA_COLUMNS,
  actorById,
  actors,
  type EventRecord,
  regionByCode,
} from "@frontline/model";

type AcledRow = Record<(typeof ACLED_COLUMNS)[number] | (typeof ACLED_EXTRA_COLUMNS)[number], string | number>;

const COUNTRIES: Record<string, { name: string; iso: number; iso3: string; region: string }> = {
  UA: { name: "Ukraine", iso: 804, iso3: "UKR", region: "Europe" },
  RU: { name: "Russia", iso: 643, iso3: "RUS", region: "Europe" },
};

/** ACLED's disorder type for an ACLED event type. */
function disorderType(eventType: string, subEventType: string): string {
  if (eventType === "Strategic developments") return "Strategic developments";
  if (eventType === "Protests") return "Demonstrations";
  if (eventType === "Riots") return subEventType === "Mob violence" ? "Political violence" : "Demonstrations";
  return "Political violence";
}

/** ACLED's inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
 * 6 protesters, 7 civilians, 8 external/other forces (incl. state forces outside their own country). */
export function interCode(actorId: string | undefined, eventCountry: string | undefined): number | "" {
  if (!actorId) return "";
  const actor = actorById(actorId);
  if (!actor) return "";
  const abroad = Boolean(actor.country && eventCountry && actor.country !== eventCountry);
  switch (actor.kind) {
    case "military":
    case "military-branch":
    case "government":
    case "police":
    case "person":
      return abroad ? 8 : 1;
    case "armed-group":
      if (actor.acledName?.startsWith("Unidentified Armed Group")) return 3;
      return abroad ? 8 : 2;
    case "civilians":
      return 7;
    case "protesters":
      return 6;
    case "international":
      return 8;
  }
}

/** ACLED's actor name: the taxonomy's acledName; a person without one stands for their country's government. */
export function acledActorName(actorId: string | undefined): string {
  if (!actorId) return "";
  const actor = actorById(actorId);
  if (!actor) return actorId;
  if (actor.acledName) return actor.acledName;
  const government = actors.find((a) => a.kind === "government" && a.country === actor.country && a.acledName);
  return government?.acledName ?? actor.name;
}

/** ACLED's admin1 spelling: without "Oblast"/"Krai", Kyiv city as "Kyiv City", Crimea as "Crimea". */
function admin1(code: string | undefined): string {
  if (!code) return "";
  if (code === "UA-30") return "Kyiv City";
  if (code === "UA-43") return "Crimea";
  const name = regionByCode(code)?.name ?? code;
  return name.replace(/ (Oblast|Krai)$/, "").replace(/^Republic of /, "");
}

export interface AcledContext {
  /** The date the event is counted on (its own, else its article's): YYYY-MM-DD. */
  eventDay: string;
  /** When the article was processed (ACLED's timestamp is when the row last changed). */
  processedAt: Date | null;
  /**
   * The incident the row stands for, when a row is an incident: its id, its deaths (the largest count any of its
   * events gives: reports of one incident count the same dead), whether any report has civilians as the target,
   * and how many articles reported it.
   */
  incident?: { id: string; fatalities: number; civilianTargeting: boolean; sources: number };
}

/** The deaths one event reports: its quantities counted as killed. */
export function eventFatalities(event: Pick<EventRecord, "quantities">): number {
  return (event.quantities ?? []).filter((q) => q.unit === "killed").reduce((n, q) => n + q.value, 0);
}

/** ACLED's civilian_targeting: violence against civilians, or civilians the target of other violence. */
export function targetsCivilians(event: Pick<EventRecord, "acled" | "actor2">): boolean {
  return event.acled.eventType === "Violence against civilians" || Boolean(event.actor2?.id?.startsWith("civilians-"));
}

export function toAcledRow(event: EventRecord, ctx: AcledContext): string[] {
  const regionCode = event.region?.code ?? event.place?.regionCode;
  const countryCode = regionCode?.slice(0, 2);
  const country = countryCode ? COUNTRIES[countryCode] : undefined;
  const inter1 = interCode(event.actor1?.id, countryCode);
  const inter2 = interCode(event.actor2?.id, countryCode);
  const interaction =
    inter1 === "" ? "" : inter2 === "" ? inter1 * 10 : Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
  const region = regionCode ? regionByCode(regionCode) : undefined;
  const lat = event.place?.lat ?? region?.lat;
  const lon = event.place?.lon ?? region?.lon;
  const fatalities = ctx.incident?.fatalities ?? eventFatalities(event);
  const civilianTargeting = (ctx.incident?.civilianTargeting ?? targetsCivilians(event)) ? "Civilian targeting" : "";
  const rowId = ctx.incident?.id ?? event.id;
  const precision = event.date?.precision;
  const row: AcledRow = {
    event_id_cnty: `${country?.iso3 ?? "XXX"}FL${rowId.replace(/-/g, "").slice(0, 12).toUpperCase()}`,
    event_date: ctx.eventDay,
    year: Number(ctx.eventDay.slice(0, 4)),
    // 1: the day is known; 2: the week (or only the report's date); 3: the month or coarser.
    time_precision: precision === "day" ? 1 : precision === "week" || precision === undefined ? 2 : 3,
    disorder_type: disorderType(event.acled.eventType, event.acled.subEventType),
    event_type: event.acled.eventType,
    sub_event_type: event.acled.subEventType,
    actor1: acledActorName(event.actor1?.id),
    assoc_actor_1: "",
    inter1,
    actor2: acledActorName(event.actor2?.id),
    assoc_actor_2: "",
    inter2,
    interaction,
    civilian_targeting: civilianTargeting,
    iso: country?.iso ?? "",
    region: country?.region ?? "",
    country: country?.name ?? "",
    admin1: admin1(regionCode),
    admin2: "",
    admin3: "",
    location: event.place?.name ?? region?.capital ?? region?.name ?? "",
    latitude: lat === undefined ? "" : lat.toFixed(4),
    longitude: lon === undefined ? "" : lon.toFixed(4),
    // 1: the town itself; 3: only the region is known (its centre stands in).
    geo_precision: event.place ? 1 : lat === undefined ? "" : 3,
    source: event.article?.source ?? "",
    source_scale: "",
    notes: event.evidence.text,
    fatalities,
    tags: event.claim
      ? `${event.claim.status}${event.claim.by ? ` by ${event.claim.by}` : ""}${
          event.claim.disputedBy ? `; disputed by ${event.claim.disputedBy}` : ""
        }`
      : "",
    timestamp: ctx.processedAt ? Math.floor(ctx.processedAt.getTime() / 1000) : "",
    frontline_id: rowId,
    actor1_country: event.actor1?.country ?? "",
    sources: ctx.incident?.sources ?? 1,
  };
  return [...ACLED_COLUMNS, ...ACLED_EXTRA_COLUMNS].map((column) => String(row[column]));
}
