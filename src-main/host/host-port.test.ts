/**
 * `npm run dev:web` on a port something else already has (a second dev:web,
 * another program): one sentence saying so and what to type instead, before
 * the vault is opened, and the same from the host itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, makeTempDir, openTestCore } from '../core/test-support/temp-vault';
import { REPO_ROOT } from '../test-support/cli-process';
import { startBrowserHost } from './browser-host';
import { HostPortError, checkPortFree, parsePort } from './host-port';

let blocker: Server | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = undefined;
  for (const c of cleanups.splice(0)) c();
});

/** A port another program is listening on, as a second dev:web would find it. */
async function busyPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve()));
  return (blocker.address() as { port: number }).port;
}

describe('the browser host port', () => {
  it('a busy port is one clear sentence naming it and another to try', async () => {
    const port = await busyPort();
    const err = await checkPortFree(port).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostPortError);
    expect((err as Error).message).toBe(
      `Port ${port} is already in use, perhaps by another npm run dev:web. Stop that one (Ctrl+C in its window), ` +
        `or choose another port: npm run dev:web -- --port ${port + 1} (or --port 0 for any free one).`,
    );
  });

  it('a free port passes the check and is free again afterwards', async () => {
    const port = await busyPort();
    await new Promise<void>((resolve) => blocker!.close(() => resolve()));
    blocker = undefined;
    await expect(checkPortFree(port)).resolves.toBeUndefined();
    await expect(checkPortFree(port)).resolves.toBeUndefined();
  });

  it('the host itself says the same when the port is taken', async () => {
    const port = await busyPort();
    const tmp = makeTempDir();
    const core = openTestCore(join(tmp.dir, 'vault'), new FakeClock());
    cleanups.push(() => {
      core.close();
      tmp.cleanup();
    });
    await expect(startBrowserHost({ core, rendererDir: tmp.dir, port })).rejects.toThrow(`Port ${port} is already in use`);
  });

  it('--port must be a whole number from 0 to 65535', () => {
    expect(parsePort('5200')).toBe(5200);
    expect(parsePort('0')).toBe(0);
    for (const bad of ['', 'abc', '-1', '65536', '51.5']) expect(() => parsePort(bad), bad).toThrow('--port wants a whole number from 0 to 65535');
  });

  it('npm run dev:web on a busy port exits 1 with the sentence, without opening or creating the vault', async () => {
    const port = await busyPort();
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    const vault = join(tmp.dir, 'vault');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/host/dev.ts', '--vault', vault, '--port', String(port)], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(new RegExp(`^Port ${port} is already in use, .* --port ${port + 1} `));
    expect(existsSync(vault)).toBe(false);
  });
});
