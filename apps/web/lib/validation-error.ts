// The one shape of a 400 answer: a message plus zod's flattened issues, keyed by field (the model's
// ValidationErrorResponse, which the OpenAPI document and the typed client use too).
import type { ValidationErrorResponse } from "@frontline/model";
import { z } from "zod";

export type ValidationErrorBody = ValidationErrorResponse;

export function validationErrorBody(error: string, issues?: z.ZodError): ValidationErrorBody {
  if (!issues) return { error, fieldErrors: {}, formErrors: [] };
  const flat = z.flattenError(issues);
  return { error, fieldErrors: flat.fieldErrors as Record<string, string[]>, formErrors: flat.formErrors };
}
