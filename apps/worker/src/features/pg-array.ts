// Postgres array literals built here, passed as one text parameter and cast in SQL (`${pgArray(xs)}::int[]`): for
// the thousands of values a batch writes, Prisma handling a JS array parameter element by element costs the worker
// about twice the CPU of the whole statement otherwise (6,400 band rows: ≈13-19 ms vs ≈6.5-8 ms).

/** The array literal of `values`: numbers as they print, strings double-quoted with `\` and `"` escaped, null as NULL. */
export function pgArray(values: readonly (string | number | null)[]): string {
  let out = "{";
  let first = true;
  for (const v of values) {
    if (!first) out += ",";
    first = false;
    if (v === null) out += "NULL";
    else if (typeof v === "number") out += String(v);
    else out += `"${v.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `${out}}`;
}
