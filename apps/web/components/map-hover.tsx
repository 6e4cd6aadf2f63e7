"use client";
// Shows the hovered or focused region's name and count under the map (the map itself is server-rendered).
import { type ReactNode, useState } from "react";

export function MapHover({ children }: { children: ReactNode }) {
  const [label, setLabel] = useState<string | null>(null);
  const read = (target: EventTarget | null) => {
    const link = (target as Element | null)?.closest?.("a[data-label]");
    setLabel(link?.getAttribute("data-label") ?? null);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: an enhancement; each region link carries its count in its name
    <div
      className="map-wrap"
      onMouseOver={(e) => read(e.target)}
      onFocus={(e) => read(e.target)}
      onMouseLeave={() => setLabel(null)}
    >
      {children}
      <p className="map-hover" aria-live="polite" data-testid="map-hover">
        {label ?? <span className="muted">Hover over or tab to a region for its count.</span>}
      </p>
    </div>
  );
}
