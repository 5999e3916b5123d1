/**
 * A background thread lowers its own scheduling priority and no one else's
 * (thread-priority.ts): on Linux a worker that calls it runs at nice 10 or
 * more while the thread that started it keeps its own.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** This thread's nice value, from /proc/thread-self/stat (field 19; the name in brackets may hold spaces). */
const niceOfThisThread = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16]);

describe.runIf(process.platform === 'linux')('a background thread’s priority (Linux only: elsewhere it is left as it is)', () => {
  it('is lowered for the thread that asks, and only for it', async () => {
    const before = niceOfThisThread();
    // The worker imports the module itself, as the backup's file threads do.
    const source = `
      const { parentPort } = require('node:worker_threads');
      const { readFileSync } = require('node:fs');
      const nice = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);
      import(${JSON.stringify(new URL('./thread-priority.ts', import.meta.url).href)}).then((m) => {
        const was = nice();
        const lowered = m.lowerThisThreadsPriority();
        parentPort.postMessage({ was, lowered, now: nice() });
      });`;
    const answer = await new Promise<{ was: number; lowered: boolean; now: number }>((resolve, reject) => {
      const w = new Worker(source, { eval: true, execArgv: ['--import', 'tsx'] });
      w.once('message', (m) => void w.terminate().then(() => resolve(m)));
      w.once('error', reject);
    });
    expect(answer.lowered).toBe(true);
    expect(answer.now).toBeGreaterThanOrEqual(10);
    expect(answer.now).toBeGreaterThanOrEqual(answer.was);
    expect(niceOfThisThread()).toBe(before);
  });
});
