// Reads a query (URL search params, or a page's searchParams record) into one of the model's zod query schemas.
// Empty values mean "not given" (a form submitted with a blank field); a repeated parameter is passed on as an
// array, so the schema rejects it. Only the schema's own keys are read.
import type { z } from "zod";
import { type ValidationErrorBody, validationErrorBody } from "./validation-error.ts";

export type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;
export type Parsed<T> = { ok: true; query: T } | { ok: false; error: ValidationErrorBody };

export function readParam(params: ParamSource, key: string): unknown {
  const value = params instanceof URLSearchParams ? params.getAll(key) : params[key];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (values.length > 1) return values;
  return values[0] === "" ? undefined : values[0];
}

export function parseQuery<S extends z.ZodObject>(schema: S, params: ParamSource, message: string): Parsed<z.infer<S>> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = readParam(params, key);
    if (value !== undefined) input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: validationErrorBody(message, parsed.error) };
  return { ok: true, query: parsed.data };
}

/** A query parameter a page left out because it was invalid; `keys` are the parameters dropped together. */
export interface IgnoredParam {
  field: string;
  keys: string[];
  reason: string;
}
export type LenientParsed<T> = { query: T; ignored: IgnoredParam[] };

/**
 * For pages (the API answers 400 instead): parses like parseQuery, but leaves out only the parameters that fail and
 * keeps the rest, so one bad value doesn't silently drop every filter. Repeats because refinements across fields
 * (from ≤ to) only run once each field is valid on its own.
 */
export function parseQueryLenient<S extends z.ZodObject>(schema: S, params: ParamSource): LenientParsed<z.infer<S>> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = readParam(params, key);
    if (value !== undefined) input[key] = value;
  }
  const ignored: IgnoredParam[] = [];
  for (;;) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { query: parsed.data, ignored };
    let dropped = false;
    for (const issue of parsed.error.issues) {
      const keys = issueKeys(issue, input).filter((k) => k in input);
      if (keys.length === 0) continue;
      ignored.push({ field: keys.join("/"), keys, reason: issueReason(issue, keys, input) });
      for (const k of keys) delete input[k];
      dropped = true;
    }
    // An issue no parameter can be blamed for: nothing can be kept.
    if (!dropped) {
      const reason = parsed.error.issues.map((i) => i.message).join("; ");
      const fallback = schema.safeParse({});
      return {
        query: (fallback.success ? fallback.data : {}) as z.infer<S>,
        ignored: [...ignored, { field: "query", keys: Object.keys(input), reason }],
      };
    }
  }
}

// The window refinement is reported on `from`, but it is the pair that is wrong.
const isWindowIssue = (issue: z.core.$ZodIssue, input: Record<string, unknown>) =>
  issue.code === "custom" && issue.path[0] === "from" && "to" in input;

function issueKeys(issue: z.core.$ZodIssue, input: Record<string, unknown>): string[] {
  if (isWindowIssue(issue, input)) return ["from", "to"];
  const key = issue.path[0];
  return typeof key === "string" ? [key] : [];
}

function issueReason(issue: z.core.$ZodIssue, keys: string[], input: Record<string, unknown>): string {
  if (keys.length === 2 && keys[0] === "from" && keys[1] === "to" && issue.code === "custom") return "from is after to";
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "invalid_format" && issue.format === "date") return "expected a date as YYYY-MM-DD";
  if (Array.isArray(input[keys[0] ?? ""])) return "given more than once";
  // Messages such as "region must be …" already name the field.
  const prefix = `${keys[0]} `;
  return issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}

/** The banner text for ignored parameters: each field and why, e.g. "claim: expected one of reported, …". */
export const ignoredNotice = (ignored: IgnoredParam[]): string | null =>
  ignored.length === 0 ? null : ignored.map((i) => `${i.field}: ${i.reason}`).join("; ");

/** The raw values that were ignored, by parameter (the first, when repeated), so a form can leave them unselected. */
export function ignoredValues(params: ParamSource, ignored: IgnoredParam[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ignored.flatMap((i) => i.keys)) {
    const value = readParam(params, key);
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}
