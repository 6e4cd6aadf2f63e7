// Reads the stats query (?from&to&region&actor&type&source&claim&count&bucket) from URL search params.
import { StatsQuery } from "@frontline/model";
import { type LenientParsed, type ParamSource, type Parsed, parseQuery, parseQueryLenient } from "./query-params.ts";

export type ParsedStatsQuery = Parsed<StatsQuery>;

/** Empty values mean "no bound" / "no filter" (a form submitted blank); anything else must be valid. */
export function parseStatsQuery(params: ParamSource): ParsedStatsQuery {
  return parseQuery(StatsQuery, params, "invalid stats query");
}

/** The dashboard's reading: only the invalid parameters are left out, and reported (the API answers 400 instead). */
export function parseStatsPageQuery(params: ParamSource): LenientParsed<StatsQuery> {
  return parseQueryLenient(StatsQuery, params);
}
