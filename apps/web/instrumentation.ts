// Runs once when the server boots: starts loading the stats index, so the first dashboard view does not wait for
// it. Not awaited: the server answers meanwhile, and a request that needs the index waits for the same load.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getServices }, { statsIndex }] = await Promise.all([import("./lib/services.ts"), import("./lib/stats.ts")]);
  statsIndex(getServices().db)
    .current()
    .catch((err: unknown) => console.error("stats index: first load failed; the next request tries again", err));
}
