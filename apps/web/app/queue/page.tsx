// The queue: submit text or a URL and watch every recent job live; retry failed ones.
import type { Metadata } from "next";
import { FeedForm } from "../../components/feed-form.tsx";
import { IngestForm } from "../../components/ingest-form.tsx";
import { RecentJobs } from "../../components/recent-jobs.tsx";

export const metadata: Metadata = { title: "Frontline — queue" };

export default function QueuePage() {
  return (
    <main>
      <header className="page-header">
        <h1>Queue</h1>
        <p className="muted">Submit an article's text or URL, or subscribe to a feed; jobs update live.</p>
      </header>
      <div className="layout">
        <div className="main-column">
          <RecentJobs limit={50} heading="Jobs" />
        </div>
        <aside className="side-column">
          <IngestForm />
          <FeedForm />
        </aside>
      </div>
    </main>
  );
}
