import type { Metadata } from "next";
import Link from "next/link";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Frontline — conflict news monitor",
  description: "Events, regions and actors extracted from conflict reporting.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <nav className="site-nav" aria-label="Main">
          <Link href="/" className="brand">
            Frontline
          </Link>
          <Link href="/">Dashboard</Link>
          <Link href="/events">Events</Link>
          <Link href="/queue">Queue</Link>
          <Link href="/api-docs">API</Link>
        </nav>
        <NuqsAdapter>
          <div id="content">{children}</div>
        </NuqsAdapter>
      </body>
    </html>
  );
}
