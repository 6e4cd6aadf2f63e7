// The filter bar shows the filters that apply: a value the server ignored as invalid is not shown as chosen.
import { NuqsTestingAdapter } from "nuqs/adapters/testing";
import { type ComponentProps, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { filterOptions } from "../lib/filter-options.ts";
import { FilterBar } from "./filter-bar.tsx";

function render(search: string, props: { error?: string | null; ignored?: Record<string, string> }) {
  return renderToStaticMarkup(
    createElement(
      NuqsTestingAdapter,
      // children come as the third argument; the props type insists on them here too.
      { searchParams: search } as ComponentProps<typeof NuqsTestingAdapter>,
      createElement(FilterBar, { options: filterOptions(["Kyiv Independent"]), ...props }),
    ),
  );
}

const selected = (html: string) => [...html.matchAll(/<option value="([^"]*)" selected=""/g)].map((m) => m[1]);
const dateValue = (html: string, name: string) =>
  html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0].match(/value="([^"]*)"/)?.[1] ?? "";

describe("FilterBar", () => {
  it("shows the filters in the URL", () => {
    const html = render("?region=UA-63&from=2025-01-01&to=2025-12-31", {});
    expect(selected(html)).toContain("UA-63");
    expect(dateValue(html, "from")).toBe("2025-01-01");
    expect(dateValue(html, "to")).toBe("2025-12-31");
    expect(html).not.toContain("Ignored invalid filters");
  });

  it("leaves ignored values unset, keeps the applied ones, and says why in the banner", () => {
    const html = render("?region=UA-63&from=2025-12-31&to=2025-01-01&actor=ru-military", {
      error: "from/to: from is after to",
      ignored: { from: "2025-12-31", to: "2025-01-01" },
    });
    expect(dateValue(html, "from")).toBe("");
    expect(dateValue(html, "to")).toBe("");
    expect(selected(html)).toEqual(expect.arrayContaining(["UA-63", "ru-military"]));
    expect(html).toContain("Ignored invalid filters: from/to: from is after to");
  });

  it("does not show an ignored region as selected", () => {
    const html = render("?region=UA-63&region=UA-14&type=shelling", {
      error: "region: given more than once",
      ignored: { region: "UA-63" },
    });
    expect(selected(html)).not.toContain("UA-63");
    expect(selected(html)).toContain("shelling");
  });
});
