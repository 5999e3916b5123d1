/**
 * The browser host's port, as `npm run dev:web -- --port N` gives it: checked
 * as a number, and a port that cannot be had (another dev:web already on 5199,
 * a port below 1024 without rights) turned into one sentence saying what to
 * do, instead of Node's "listen EADDRINUSE" stack.
 */
import { createServer } from 'node:net';

export const DEFAULT_PORT = 5199;

export class HostPortError extends Error {}

/** --port's text: a whole number from 0 (any free port) to 65535. */
export function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n > 65_535) throw new HostPortError(`--port wants a whole number from 0 to 65535 (0 picks a free one), not "${text}".`);
  return n;
}

/** The sentence for an error from listening on `port` (other errors are passed through). */
export function portError(err: unknown, port: number): Error {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new HostPortError(
      `Port ${port} is already in use, perhaps by another npm run dev:web. Stop that one (Ctrl+C in its window), ` +
        `or choose another port: npm run dev:web -- --port ${port === 65_535 ? port - 1 : port + 1} (or --port 0 for any free one).`,
    );
  }
  if (code === 'EACCES') {
    return new HostPortError(`This computer does not let Clinic Vault listen on port ${port}. Choose one above 1024: npm run dev:web -- --port ${DEFAULT_PORT}.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Says now, before the vault is opened (or the demo clinic made), if `port`
 * cannot be had. Port 0 always can. The host still reports a port taken in
 * the moment between this check and its own listen, in the same words.
 */
export async function checkPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (err) => reject(portError(err, port)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
