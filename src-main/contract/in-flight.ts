/**
 * Runs `work` over `items` with at most `limit` running at once, starting the
 * next as soon as one finishes. Results come back in the order of `items`.
 *
 * Photo imports use it (the UI's drop, the CLI's `photos add`, with
 * PHOTO_IMPORTS_IN_FLIGHT from record-types): each photo's decode runs on
 * sharp's threads while the next one is encrypted on the main thread.
 * `work` should report its own failures; one that throws stops no others, and
 * the first such error is rethrown once all have finished.
 */
export async function inFlight<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('limit must be a whole number from 1');
  const results = new Array<R>(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  if (failures.length > 0) throw failures[0];
  return results;
}
