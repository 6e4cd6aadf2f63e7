// The connection settings every Frontline process shares, and one way to validate an app's environment.
// Each app keeps its own env.ts (its own variables); these are the ones that must agree across apps.
import { z } from "zod";

export const connectionEnv = {
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" })
    .default("postgresql://postgres@127.0.0.1:5432/frontline"),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" })
    .default("redis://127.0.0.1:6379"),
  // Keys in Redis are namespaced by this prefix; producers and workers must use the same one.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, '-' or '_'")
    .default("frontline"),
};

/**
 * Parses an environment against an app's schema, or throws one error naming every bad variable.
 * An empty variable (FOO=) means "unset", so it takes the default rather than failing.
 */
export function parseEnv<T extends z.ZodType>(
  app: string,
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`invalid environment for ${app}:\n  ${problems.join("\n  ")}`);
}
