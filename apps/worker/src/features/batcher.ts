// A small in-process micro-batcher: callers add one item each and await their own result; items are handed to
// `run` in batches, one batch at a time. A batch starts when `maxSize` items wait, `maxWaitMs` after the first
// item arrived, or at once when the previous batch ends with items waiting (so under load batches grow to what
// accumulated while the last one ran, and when idle an item waits at most `maxWaitMs`).

export interface BatcherOptions<In, Out> {
  maxSize: number;
  maxWaitMs: number;
  /** Answers one result per item, in order: a value, or an Error that rejects that item's promise only. */
  run: (items: In[]) => Promise<(Out | Error)[]>;
}

export interface Batcher<In, Out> {
  add(item: In): Promise<Out>;
}

interface Pending<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (err: Error) => void;
}

export function createBatcher<In, Out>({ maxSize, maxWaitMs, run }: BatcherOptions<In, Out>): Batcher<In, Out> {
  let waiting: Pending<In, Out>[] = [];
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (running || waiting.length === 0) return;
    const batch = waiting.slice(0, maxSize);
    waiting = waiting.slice(maxSize);
    running = true;
    void runBatch(batch).finally(() => {
      running = false;
      start();
    });
  };

  const runBatch = async (batch: Pending<In, Out>[]) => {
    let results: (Out | Error)[];
    try {
      results = await run(batch.map((p) => p.item));
      if (results.length !== batch.length) throw new Error(`batch answered ${results.length} results for ${batch.length} items`);
    } catch (err) {
      for (const p of batch) p.reject(err as Error);
      return;
    }
    batch.forEach((p, i) => {
      const result = results[i]!;
      if (result instanceof Error) p.reject(result);
      else p.resolve(result);
    });
  };

  return {
    add(item: In): Promise<Out> {
      return new Promise<Out>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (running) return; // picked up when the running batch ends
        if (waiting.length >= maxSize) start();
        else timer ??= setTimeout(start, maxWaitMs);
      });
    },
  };
}
