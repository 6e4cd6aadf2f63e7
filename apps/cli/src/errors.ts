// How the CLI words a failed command: one line for what a user can fix (a missing file, a bad variable, a service
// down), the error's own message for anything else. main.ts prints it; FRONTLINE_DEBUG=1 adds the stack.

/** A failure the user can act on, worded for them: printed without a stack. */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UserError";
  }
}

export interface DescribedError {
  message: string;
  /** False for what looks like a bug: main.ts then points to FRONTLINE_DEBUG=1 for the stack. */
  expected: boolean;
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "a folder, not a file",
  ENOTDIR: "not a folder",
};

export function describeError(err: unknown): DescribedError {
  if (err instanceof UserError) return { message: err.message, expected: true };
  if (!(err instanceof Error)) return { message: String(err), expected: false };
  const { code, path } = err as { code?: unknown; path?: unknown };
  if (typeof code === "string" && typeof path === "string" && FILE_ERRORS[code]) {
    return { message: `${FILE_ERRORS[code]}: ${path}`, expected: true };
  }
  if (err.name.startsWith("PrismaClient")) return describeDatabaseError(err);
  // fetch's "fetch failed" says why only in its cause.
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message && !err.message.includes(cause.message)) {
    return { message: `${err.message}: ${cause.message}`, expected: false };
  }
  return { message: err.message, expected: false };
}

/** A Prisma error in a line: the driver's reason when it has one, not Prisma's excerpt of the calling code. */
export function describeDatabaseError(err: Error, where?: string): DescribedError {
  const cause = (err as { meta?: { driverAdapterError?: { cause?: Record<string, unknown> } } }).meta?.driverAdapterError?.cause;
  const at = where ?? (cause?.host !== undefined ? `${cause.host}:${cause.port}` : "its address");
  switch (cause?.kind) {
    case "DatabaseNotReachable":
      return { message: `cannot reach the database at ${at}`, expected: true };
    case "DatabaseDoesNotExist":
      return { message: `the database ${cause.db ? `"${cause.db}" ` : ""}does not exist at ${at} (pnpm db:migrate creates it)`, expected: true };
    case "DatabaseAccessDenied":
      return { message: `the database at ${at} refused access: ${cause.originalMessage ?? "access denied"}`, expected: true };
  }
  if ((err as { code?: unknown }).code === "P1001") return { message: `cannot reach the database at ${at}`, expected: true };
  const lines = err.message.split("\n").filter((l) => l.trim() !== "");
  return { message: lines.at(-1)?.trim() ?? err.name, expected: false };
}
