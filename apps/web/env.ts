// The web app's configuration, validated once. Everything else imports `env`, never process.env.
import { connectionEnv, parseEnv } from "@frontline/model/env";
import { z } from "zod";

const EnvSchema = z.object({ ...connectionEnv });
export type WebEnv = z.infer<typeof EnvSchema>;

/** Parses the environment; the error names every bad variable, e.g. "REDIS_URL: must be a redis:// ... URL". */
export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  return parseEnv("@frontline/web", EnvSchema, source);
}

export const env: WebEnv = parseWebEnv(process.env);
