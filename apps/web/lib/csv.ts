// CSV per RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; rows end in CRLF.
// A field that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with a quote mark.

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (values: readonly unknown[]) => `${values.map(csvField).join(",")}\r\n`;
