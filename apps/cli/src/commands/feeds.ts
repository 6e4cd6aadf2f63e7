// `frontline feeds list | add URL [--interval SECONDS] [--title T] | remove ID`: feed subscriptions.
import { parseArgs } from "node:util";
import { FeedCreate, FeedIdParams } from "@frontline/model";
import { addFeed, listFeeds, removeFeed } from "@frontline/model/feeds";
import { z } from "zod";
import { parseServicesEnv } from "../ingest/env.ts";
import { openServices } from "../ingest/services.ts";

const USAGE = `usage: frontline feeds list
       frontline feeds add URL [--interval SECONDS] [--title TITLE]
       frontline feeds remove ID
`;

export async function runFeeds(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { interval: { type: "string" }, title: { type: "string" }, json: { type: "boolean", default: false } },
  });
  if (sub !== "list" && sub !== "add" && sub !== "remove") {
    process.stderr.write(USAGE);
    return 2;
  }
  const env = parseServicesEnv(process.env);
  let input: FeedCreate | string | undefined;
  if (sub === "add") {
    const parsed = FeedCreate.safeParse({
      url: positionals[0],
      ...(values.interval !== undefined ? { intervalSeconds: values.interval } : {}),
      ...(values.title !== undefined ? { title: values.title } : {}),
    });
    if (!parsed.success) {
      process.stderr.write(`${z.prettifyError(parsed.error)}\n${USAGE}`);
      return 2;
    }
    input = parsed.data;
  } else if (sub === "remove") {
    const parsed = FeedIdParams.safeParse({ id: positionals[0] });
    if (!parsed.success) {
      process.stderr.write(`${z.prettifyError(parsed.error)}\n${USAGE}`);
      return 2;
    }
    input = parsed.data.id;
  }
  const services = await openServices(env);
  const deps = { db: services.db, feedsQueue: services.feedsQueue };
  try {
    if (sub === "add") {
      const { feed, created } = await addFeed(deps, input as FeedCreate, env.FEED_DEFAULT_INTERVAL);
      process.stdout.write(`${JSON.stringify(feed)}\n`);
      process.stderr.write(`${created ? "subscribed" : "updated"}: ${feed.url} every ${feed.intervalSeconds} s (id ${feed.id})\n`);
      return 0;
    }
    if (sub === "remove") {
      const removed = await removeFeed(deps, input as string);
      process.stderr.write(removed ? `removed feed ${input}\n` : `no feed ${input}\n`);
      return removed ? 0 : 1;
    }
    const feeds = await listFeeds(deps);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ feeds })}\n`);
      return 0;
    }
    for (const f of feeds) {
      const state = f.lastError ? `FAILING ×${f.failures}: ${f.lastError}` : f.lastSuccessAt ? `ok ${f.lastSuccessAt}` : "not polled yet";
      process.stdout.write(`${f.id}  every ${f.intervalSeconds}s  ${f.items} items  ${state}  ${f.url}\n`);
    }
    if (feeds.length === 0) process.stderr.write("no feeds; add one with: frontline feeds add URL\n");
    return 0;
  } finally {
    await services.close();
  }
}
