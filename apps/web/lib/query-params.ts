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
