/**
 * Tests only (never built or shipped): the real core worker, plus a way for a
 * test to make it die the way a native crash would. A 'call' message for the
 * made-up method `test.crash` ends the thread at once with exit code 70, before
 * the real worker can answer it; every other message is the real worker's.
 */
import { parentPort } from 'node:worker_threads';
import '../core-worker/worker-entry';

parentPort?.on('message', (message: { type?: string; method?: string }) => {
  if (message.type === 'call' && message.method === 'test.crash') process.exit(70);
});
