// Reads the stats window (?from=YYYY-MM-DD&to=YYYY-MM-DD) from URL search params.
import { StatsQuery } from "@frontline/model";
import { type ValidationErrorBody, validationErrorBody } from "./validation-error.ts";

export type ParsedStatsQuery = { ok: true; query: StatsQuery } | { ok: false; error: ValidationErrorBody };

/** Empty values mean "no bound" (a date form submitted blank); anything else must be a valid date. */
export function parseStatsQuery(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): ParsedStatsQuery {
  const read = (key: "from" | "to"): unknown => {
    const value = params instanceof URLSearchParams ? params.getAll(key) : params[key];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.length > 1) return values; // repeated parameter: let the schema reject it
    return values[0] === "" ? undefined : values[0];
  };
  const parsed = StatsQuery.safeParse({ from: read("from"), to: read("to") });
  if (!parsed.success) return { ok: false, error: validationErrorBody("invalid stats query", parsed.error) };
  return { ok: true, query: parsed.data };
}
