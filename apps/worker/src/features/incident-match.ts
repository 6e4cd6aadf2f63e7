// Which incident an event describes: pure, deterministic, no I/O. Events from any article or story are one incident
// when they have the same type family (ACLED event type), the same region, compatible places and actors, and dates
// within INCIDENT_WINDOW_DAYS of the incident's date range. An event without a region stays an incident of its own.

export const INCIDENT_WINDOW_DAYS = 2;

export interface IncidentEvent {
  family: string;
  type: string;
  regionCode: string | null;
  placeName: string | null;
  actor1Id: string | null;
  actor2Id: string | null;
  /** YYYY-MM-DD: the event's own date, else its article's publish date, else the day it was received. */
  date: string;
}

export interface IncidentSummary {
  /** Absent for an incident this call creates. */
  id?: string;
  family: string;
  type: string;
  regionCode: string | null;
  placeName: string | null;
  actor1Id: string | null;
  actor2Id: string | null;
  dateStart: string;
  dateEnd: string;
}

const DAY = 86_400_000;
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const actorsOf = (x: { actor1Id: string | null; actor2Id: string | null }) =>
  [x.actor1Id, x.actor2Id].filter((a): a is string => a !== null);

/** Actors fit when either side names none, or together they name at most two parties (the two sides of a clash). */
export function actorsCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return new Set([...a, ...b]).size <= 2;
}

function placesCompatible(a: string | null, b: string | null): boolean {
  return a === null || b === null || a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/** Days between the event and the incident's date range (0 inside it), or Infinity when they cannot merge. */
export function incidentDistance(event: IncidentEvent, incident: IncidentSummary, windowDays = INCIDENT_WINDOW_DAYS): number {
  if (event.regionCode === null || incident.regionCode !== event.regionCode) return Number.POSITIVE_INFINITY;
  if (incident.family !== event.family) return Number.POSITIVE_INFINITY;
  if (!placesCompatible(event.placeName, incident.placeName)) return Number.POSITIVE_INFINITY;
  if (!actorsCompatible(actorsOf(event), actorsOf(incident))) return Number.POSITIVE_INFINITY;
  const d = dayNumber(event.date);
  const gap = Math.max(0, dayNumber(incident.dateStart) - d, d - dayNumber(incident.dateEnd));
  return gap <= windowDays ? gap : Number.POSITIVE_INFINITY;
}

export interface IncidentAssignment {
  /** For each event, the index in `incidents` of its incident. */
  eventIncident: number[];
  /** The candidates given (possibly widened) followed by the incidents created; `changed` marks what to write. */
  incidents: (IncidentSummary & { changed: boolean })[];
}

/**
 * Assigns each event, in order, to the closest compatible incident (candidates from the database, or one created
 * earlier in this call, so repeated mentions in one article merge too), or to a new one. Among compatible incidents:
 * the one this event had before, then one another event of the article had (a re-run keeps its incidents), then same place, then the smaller gap, then the
 * earlier start, then the smaller id (new incidents last).
 */
export function assignIncidents(
  events: readonly IncidentEvent[],
  candidates: readonly IncidentSummary[],
  windowDays = INCIDENT_WINDOW_DAYS,
  /** Per event (by position), the incident the article's event at that position had before (a re-run). */
  previousByEvent: readonly (string | null | undefined)[] = [],
): IncidentAssignment {
  const previous = new Set(previousByEvent.filter((id): id is string => !!id));
  const incidents = candidates.map((c) => ({ ...c, changed: false }));
  const eventIncident: number[] = [];
  const reclaimed = new Set<number>();
  for (const [position, event] of events.entries()) {
    if (event.regionCode === null) {
      // Never merged; but a re-run gives it back the incident of its own it had, so ids stay stable.
      const fits = (i: IncidentSummary, index: number) =>
        !reclaimed.has(index) &&
        i.id !== undefined &&
        previous.has(i.id) &&
        i.regionCode === null &&
        i.family === event.family &&
        i.type === event.type &&
        i.placeName === event.placeName &&
        i.actor1Id === event.actor1Id &&
        i.actor2Id === event.actor2Id &&
        i.dateStart === event.date &&
        i.dateEnd === event.date;
      const exact = incidents.findIndex((i, index) => i.id === previousByEvent[position] && fits(i, index));
      const own = exact !== -1 ? exact : incidents.findIndex(fits);
      if (own !== -1) {
        reclaimed.add(own);
        eventIncident.push(own);
        continue;
      }
    }
    let best = -1;
    let bestKey: [number, number, number, string, string] | null = null;
    incidents.forEach((incident, index) => {
      const gap = incidentDistance(event, incident, windowDays);
      if (!Number.isFinite(gap)) return;
      const samePlace = event.placeName !== null && incident.placeName !== null ? 0 : 1;
      const wasIts = incident.id === undefined ? 2 : incident.id === previousByEvent[position] ? 0 : previous.has(incident.id) ? 1 : 2;
      const key: [number, number, number, string, string] = [wasIts, samePlace, gap, incident.dateStart, incident.id ?? `~${index}`];
      if (!bestKey || compareKeys(key, bestKey) < 0) {
        best = index;
        bestKey = key;
      }
    });
    if (best === -1) {
      incidents.push({
        family: event.family,
        type: event.type,
        regionCode: event.regionCode,
        placeName: event.placeName,
        actor1Id: event.actor1Id,
        actor2Id: event.actor2Id,
        dateStart: event.date,
        dateEnd: event.date,
        changed: true,
      });
      eventIncident.push(incidents.length - 1);
      continue;
    }
    const incident = incidents[best]!;
    const widened = {
      placeName: incident.placeName ?? event.placeName,
      dateStart: [event.date, incident.dateStart].sort()[0]!,
      dateEnd: [event.date, incident.dateEnd].sort()[1]!,
    };
    const actors = [...new Set([...actorsOf(incident), ...actorsOf(event)])];
    const next = { ...incident, ...widened, actor1Id: actors[0] ?? null, actor2Id: actors[1] ?? null };
    const changed =
      next.placeName !== incident.placeName ||
      next.dateStart !== incident.dateStart ||
      next.dateEnd !== incident.dateEnd ||
      next.actor1Id !== incident.actor1Id ||
      next.actor2Id !== incident.actor2Id;
    incidents[best] = { ...next, changed: incident.changed || changed };
    eventIncident.push(best);
  }
  return { eventIncident, incidents };
}

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}
