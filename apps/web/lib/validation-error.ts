// The one shape of a 400 answer: a message plus zod's flattened issues, keyed by field.
import { z } from "zod";

export interface ValidationErrorBody {
  error: string;
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

export function validationErrorBody(error: string, issues?: z.ZodError): ValidationErrorBody {
  if (!issues) return { error, fieldErrors: {}, formErrors: [] };
  const flat = z.flattenError(issues);
  return { error, fieldErrors: flat.fieldErrors as Record<string, string[]>, formErrors: flat.formErrors };
}
