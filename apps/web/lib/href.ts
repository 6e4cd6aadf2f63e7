// Builds a link to a page with the current query changed: `null` removes a parameter. Drops page numbers when
// anything else changes, so a new filter starts at the first page.
import type { ParamSource } from "./query-params.ts";

export function hrefWith(
  path: string,
  current: ParamSource,
  changes: Record<string, string | null | undefined>,
): string {
  const params = new URLSearchParams();
  const entries = current instanceof URLSearchParams ? [...current.entries()] : Object.entries(current);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== "") params.append(key, v);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  if (!("page" in changes)) params.delete("page");
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
