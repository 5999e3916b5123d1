/**
 * The IPC handler with Electron replaced by a stub: which senders and payloads
 * reach the core, and what comes back when they do not.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../shared/api';
import { silentLogger } from '../core/ports';
import type { ApiResult } from '../shared/errors';

type Handler = (event: unknown, payload: unknown) => Promise<ApiResult<unknown>>;
const handlers = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: Handler) => handlers.set(channel, fn) },
}));

const { registerIpc } = await import('./ipc');

const mainFrame = {
  processId: 4,
  routingId: 1,
  parent: null,
  detached: false,
  url: 'app://clinic/index.html',
};
const window = { isDestroyed: () => false, webContents: { id: 7, mainFrame } };

function event(frame: Record<string, unknown> | null, senderId = 7) {
  return { sender: { id: senderId }, senderFrame: frame };
}

describe('registerIpc', () => {
  const dispatch = vi.fn(async (method: string) => ({ ok: true as const, value: method }));
  let handler: Handler;

  beforeEach(() => {
    handlers.clear();
    dispatch.mockClear();
    registerIpc({
      core: { dispatch },
      getWindow: () => window as never,
      devOrigin: null,
      logger: silentLogger,
    });
    const registered = handlers.get(IPC_CHANNEL);
    if (!registered) throw new Error('no handler on IPC_CHANNEL');
    handler = registered;
  });

  it('registers exactly one handler, on the contract channel', () => {
    expect([...handlers.keys()]).toEqual([IPC_CHANNEL]);
  });

  it('passes a well-formed call from our main frame to the core', async () => {
    const result = await handler(event({ ...mainFrame }), { method: 'app.status', input: undefined });
    expect(result).toEqual({ ok: true, value: 'app.status' });
    expect(dispatch).toHaveBeenCalledWith('app.status', undefined);
  });

  it.each([
    ['no sender frame', event(null)],
    ['another WebContents', event({ ...mainFrame }, 8)],
    ['an iframe', event({ ...mainFrame, routingId: 2, parent: mainFrame })],
    ['a detached frame', event({ ...mainFrame, detached: true })],
    ['a foreign page in our window', event({ ...mainFrame, url: 'https://evil.example/' })],
    ['a file:// page', event({ ...mainFrame, url: 'file:///tmp/x.html' })],
  ])('refuses %s with FORBIDDEN and never calls the core', async (_label, ev) => {
    const result = await handler(ev, { method: 'staff.list' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses everything while there is no window', async () => {
    handlers.clear();
    registerIpc({ core: { dispatch }, getWindow: () => null, devOrigin: null, logger: silentLogger });
    const result = await handlers.get(IPC_CHANNEL)?.(event({ ...mainFrame }), { method: 'app.status' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it.each([null, 'app.status', ['app.status'], { method: 1 }, { method: 'app.status', extra: true }])(
    'refuses the malformed payload %j with VALIDATION',
    async (payload) => {
      const result = await handler(event({ ...mainFrame }), payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it('turns a throwing core into INTERNAL without leaking the message', async () => {
    dispatch.mockRejectedValueOnce(new Error('SQLITE_CORRUPT at /home/x/vault.db'));
    const result = await handler(event({ ...mainFrame }), { method: 'app.status' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('SQLITE');
  });
});
