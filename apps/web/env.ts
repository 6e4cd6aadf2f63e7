// The web app's configuration, validated once. Everything else imports `env`, never process.env.
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" })
    .default("postgresql://postgres@127.0.0.1:5432/frontline"),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" })
    .default("redis://127.0.0.1:6379"),
  // Keys in Redis are namespaced by this prefix; it must match the worker's.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, '-' or '_'")
    .default("frontline"),
});
export type WebEnv = z.infer<typeof EnvSchema>;

/** Parses the environment; the error names every bad variable, e.g. "REDIS_URL: must be a redis:// ... URL". */
export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  // An empty variable (FOO=) means "unset", so it takes the default rather than failing as an empty URL.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid environment for @frontline/web:\n  ${problems.join("\n  ")}`);
}

export const env: WebEnv = parseWebEnv(process.env);
