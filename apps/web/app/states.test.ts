// The loading and error states say what is going on (rendered to HTML without a browser).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ErrorState from "./error.tsx";
import Loading from "./loading.tsx";

describe("page states", () => {
  it("loading is a polite live status that says what is loading", () => {
    const html = renderToStaticMarkup(createElement(Loading));
    expect(html).toContain('role="status"');
    expect(html).toContain("Loading");
    expect(html).toMatch(/Counting the events/);
  });

  it("error is an alert with the reason, the server's reference and a way to retry", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { digest: "1234567" });
    const html = renderToStaticMarkup(createElement(ErrorState, { error, retry: () => {} }));
    expect(html).toContain('role="alert"');
    expect(html).toContain("could not be loaded");
    expect(html).toContain("ECONNREFUSED");
    expect(html).toContain("reference 1234567");
    expect(html).toMatch(/<button[^>]*>Try again<\/button>/);
  });
});
