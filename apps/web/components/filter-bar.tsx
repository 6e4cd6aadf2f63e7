"use client";
// Every filter in the URL (nuqs): the server components re-render from it, so a view is shareable as a link.
// Works without JavaScript too: the form is a plain GET form, which the script takes over.
import type { ClaimStatus } from "@frontline/model";
import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { type FormEvent, useId, useTransition } from "react";
import type { FilterOptions, Option } from "../lib/filter-options.ts";

const CLAIMS = ["reported", "claimed", "denied", "contested"] as const satisfies readonly ClaimStatus[];

const filterParsers = {
  from: parseAsString,
  to: parseAsString,
  region: parseAsString,
  actor: parseAsString,
  type: parseAsString,
  source: parseAsString,
  claim: parseAsStringLiteral(CLAIMS),
  page: parseAsString,
};

type FilterKey = "from" | "to" | "region" | "actor" | "type" | "source" | "claim";

export function FilterBar({
  options,
  error,
  ignored = {},
}: {
  options: FilterOptions;
  error?: string | null;
  /** Values in the URL the server left out as invalid, by parameter: shown as unset, since they don't apply. */
  ignored?: Partial<Record<string, string>>;
}) {
  const id = useId();
  const [isPending, startTransition] = useTransition();
  const [filters, setFilters] = useQueryStates(filterParsers, { shallow: false, startTransition });
  // Compared by value, so a new choice shows at once, before the server has re-rendered.
  const shown = (name: FilterKey) => {
    const value = filters[name];
    return value == null || value === ignored[name] ? "" : value;
  };

  function apply(next: Partial<Record<FilterKey, string | null>>) {
    // Any change of filters starts again at the first page.
    void setFilters({ ...next, claim: (next.claim ?? filters.claim) as (typeof CLAIMS)[number] | null, page: null });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: FilterKey) => {
      const v = String(data.get(name) ?? "").trim();
      return v === "" ? null : v;
    };
    apply({
      from: value("from"),
      to: value("to"),
      region: value("region"),
      actor: value("actor"),
      type: value("type"),
      source: value("source"),
      claim: value("claim"),
    });
  }

  const select = (name: FilterKey, label: string, choices: Option[], all: string) => (
    <div>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select
        id={`${id}-${name}`}
        name={name}
        value={shown(name)}
        onChange={(e) => apply({ [name]: e.currentTarget.value || null })}
      >
        <option value="">{all}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      className="card filter-bar"
      method="get"
      aria-label="Filters"
      onSubmit={onSubmit}
      aria-busy={isPending}
      data-testid="filters"
    >
      <div>
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} name="from" type="date" defaultValue={shown("from")} key={`from-${shown("from")}`} />
      </div>
      <div>
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} name="to" type="date" defaultValue={shown("to")} key={`to-${shown("to")}`} />
      </div>
      {select("region", "Region", options.regions, "All regions")}
      {select("actor", "Actor", options.actors, "All actors")}
      {select("type", "Event type", options.types, "All event types")}
      {select("source", "Source", options.sources, "All sources")}
      {select("claim", "Claim status", options.claims, "Any claim status")}
      <div className="filter-actions">
        <button type="submit">Apply</button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void setFilters({
              from: null,
              to: null,
              region: null,
              actor: null,
              type: null,
              source: null,
              claim: null,
              page: null,
            })
          }
        >
          Clear
        </button>
        {isPending && <span className="muted">Loading…</span>}
      </div>
      {error && (
        <p className="field-error" role="alert" style={{ gridColumn: "1 / -1" }}>
          Ignored invalid filters: {error}
        </p>
      )}
    </form>
  );
}
