// Dates must not depend on the host's time zone: the same text and publish date resolve to the same days whether the
// enricher runs in UTC, at UTC+14 or at UTC-11 (each in a child process, since the zone is fixed at start-up).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

const SCRIPT = `
import { findDates } from "./src/dates/resolve-dates.ts";
const texts = [
  "Shelling resumed yesterday and again on Monday.",
  "Troops crossed the river on Feb. 27, officials said on Wednesday.",
  "The depot was hit on Saturday night; on March 3 a second strike followed.",
  "The offensive began in early January and slowed by late 2024.",
  "A strike on 31 December was followed by another on January 1.",
];
const out = [];
for (const publishedAt of ["2025-03-12", "2025-01-01", "2024-12-31"]) {
  for (const text of texts) out.push(findDates(text, 0, text.length, publishedAt).map((d) => d.date));
}
process.stdout.write(JSON.stringify(out));
`;

const datesIn = (tz: string) =>
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], {
    cwd: packageDir,
    env: { ...process.env, TZ: tz },
    encoding: "utf8",
  });

describe("dates across time zones", () => {
  it("resolves the same days in UTC, UTC+14 and UTC-11", () => {
    const utc = datesIn("UTC");
    expect(JSON.parse(utc).flat().length).toBeGreaterThan(20);
    expect(datesIn("Pacific/Kiritimati")).toBe(utc);
    expect(datesIn("Pacific/Pago_Pago")).toBe(utc);
  }, 60_000);
});
