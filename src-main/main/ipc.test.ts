/**
 * The IPC handlers with Electron replaced by a stub: which senders and payloads
 * reach the core, and what comes back when they do not.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CANCEL_CHANNEL, IPC_CHANNEL, IPC_PICK_FOLDER_CHANNEL, IPC_PROGRESS_CHANNEL, IPC_UPLOAD_CHANNEL } from '../contract/api';
import { silentLogger } from '../core/platform/ports';
import type { ApiResult } from '../contract/errors';

type Handler = (event: unknown, payload: unknown) => Promise<ApiResult<unknown>>;
const handlers = new Map<string, Handler>();

const showOpenDialog = vi.fn(async (_window: unknown, _options: { title: string; properties: string[] }) => ({ canceled: false, filePaths: ['/media/owner/BACKUP'] }));

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: Handler) => handlers.set(channel, fn) },
  dialog: { showOpenDialog: (window: unknown, options: { title: string; properties: string[] }) => showOpenDialog(window, options) },
}));

const { registerIpc } = await import('./ipc');

const mainFrame = {
  processId: 4,
  routingId: 1,
  parent: null,
  detached: false,
  url: 'app://clinic/index.html',
};
const sent: { channel: string; message: unknown }[] = [];
const window = {
  isDestroyed: () => false,
  webContents: { id: 7, mainFrame, send: (channel: string, message: unknown) => sent.push({ channel, message }) },
};

function event(frame: Record<string, unknown> | null, senderId = 7) {
  return { sender: { id: senderId }, senderFrame: frame };
}

const dispatch = vi.fn(async (method: string) => ({ ok: true as const, value: method }));
const upload = vi.fn(async (source: Buffer, _meta: { fileName: string }) => ({ ok: true as const, value: { uploadId: 'up_1', size: source.length } }));

describe('registerIpc', () => {
  let handler: Handler;

  beforeEach(() => {
    handlers.clear();
    dispatch.mockClear();
    registerIpc({
      core: { dispatch, upload },
      getWindow: () => window as never,
      devOrigin: null,
      logger: silentLogger,
    });
    const registered = handlers.get(IPC_CHANNEL);
    if (!registered) throw new Error('no handler on IPC_CHANNEL');
    handler = registered;
  });

  it('registers exactly four handlers: contract calls, cancels, the folder window and uploads', () => {
    expect([...handlers.keys()]).toEqual([IPC_CHANNEL, IPC_CANCEL_CHANNEL, IPC_PICK_FOLDER_CHANNEL, IPC_UPLOAD_CHANNEL]);
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
    registerIpc({ core: { dispatch, upload }, getWindow: () => null, devOrigin: null, logger: silentLogger });
    const result = await handlers.get(IPC_CHANNEL)?.(event({ ...mainFrame }), { method: 'app.status' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const up = await handlers.get(IPC_UPLOAD_CHANNEL)?.(event({ ...mainFrame }), { data: new Uint8Array(1), fileName: 'a.jpg' });
    expect(up).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
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

describe('long calls: progress and cancel', () => {
  beforeEach(() => {
    handlers.clear();
    sent.length = 0;
    dispatch.mockClear();
  });

  /** A core whose call reports one step, then waits until it is cancelled. */
  function slowCore() {
    const slow = vi.fn(
      (_method: string, _input: unknown, options?: { onProgress?: (p: unknown) => void; signal?: AbortSignal }) =>
        new Promise<ApiResult<unknown>>((resolve) => {
          options?.onProgress?.({ done: 1, total: 4, label: 'Checking stored files' });
          options?.signal?.addEventListener('abort', () =>
            resolve({ ok: false, error: { code: 'CANCELLED', message: 'Stopped' } }),
          );
        }),
    );
    registerIpc({ core: { dispatch: slow, upload }, getWindow: () => window as never, devOrigin: null, logger: silentLogger });
    return slow;
  }

  it('sends a named call’s progress to our window only, and a cancel from our frame stops it', async () => {
    slowCore();
    const pending = handlers.get(IPC_CHANNEL)!(event({ ...mainFrame }), { method: 'vault.verify', callId: 'call_1' });
    expect(sent).toEqual([
      { channel: IPC_PROGRESS_CHANNEL, message: { callId: 'call_1', progress: { done: 1, total: 4, label: 'Checking stored files' } } },
    ]);
    await handlers.get(IPC_CANCEL_CHANNEL)!(event({ ...mainFrame }), { callId: 'call_1' });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('ignores a cancel from a foreign frame or with a malformed payload', async () => {
    const slow = slowCore();
    void handlers.get(IPC_CHANNEL)!(event({ ...mainFrame }), { method: 'vault.verify', callId: 'call_2' });
    await handlers.get(IPC_CANCEL_CHANNEL)!(event({ ...mainFrame, url: 'https://evil.example/' }), { callId: 'call_2' });
    await handlers.get(IPC_CANCEL_CHANNEL)!(event({ ...mainFrame }), { callId: 'call_2', extra: 1 });
    const signal = slow.mock.calls[0]![2]!.signal!;
    expect(signal.aborted).toBe(false);
    await handlers.get(IPC_CANCEL_CHANNEL)!(event({ ...mainFrame }), { callId: 'call_2' });
    expect(signal.aborted).toBe(true);
  });

  it('refuses a second call under an id still in flight, and a malformed id', async () => {
    slowCore();
    void handlers.get(IPC_CHANNEL)!(event({ ...mainFrame }), { method: 'vault.verify', callId: 'call_3' });
    const again = await handlers.get(IPC_CHANNEL)!(event({ ...mainFrame }), { method: 'vault.verify', callId: 'call_3' });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const bad = await handlers.get(IPC_CHANNEL)!(event({ ...mainFrame }), { method: 'vault.verify', callId: '../x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the upload channel', () => {
  let handler: Handler;

  beforeEach(() => {
    handlers.clear();
    upload.mockClear();
    registerIpc({ core: { dispatch, upload }, getWindow: () => window as never, devOrigin: null, logger: silentLogger });
    const registered = handlers.get(IPC_UPLOAD_CHANNEL);
    if (!registered) throw new Error('no handler on IPC_UPLOAD_CHANNEL');
    handler = registered;
  });

  it('hands the bytes to core.upload as a Buffer view (no copy) with the file name', async () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const data = backing.subarray(2, 5);
    const result = await handler(event({ ...mainFrame }), { data, fileName: 'face.jpg' });
    expect(result).toEqual({ ok: true, value: { uploadId: 'up_1', size: 3 } });
    const [source, meta] = upload.mock.calls[0]!;
    expect(Buffer.isBuffer(source)).toBe(true);
    expect([...source]).toEqual([1, 2, 3]);
    expect(source.buffer).toBe(backing.buffer);
    expect(meta).toEqual({ fileName: 'face.jpg' });
  });

  it.each([
    ['no sender frame', event(null)],
    ['another WebContents', event({ ...mainFrame }, 8)],
    ['an iframe', event({ ...mainFrame, routingId: 2, parent: mainFrame })],
    ['a foreign page in our window', event({ ...mainFrame, url: 'https://evil.example/' })],
  ])('refuses %s with FORBIDDEN, exactly as the call channel does', async (_label, ev) => {
    const result = await handler(ev, { data: new Uint8Array(4), fileName: 'a.jpg' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(upload).not.toHaveBeenCalled();
  });

  it.each([
    ['null', null],
    ['bytes alone', new Uint8Array(4)],
    ['an array of numbers', { data: [1, 2, 3], fileName: 'a.jpg' }],
    ['an ArrayBuffer', { data: new ArrayBuffer(4), fileName: 'a.jpg' }],
    ['a string', { data: 'abc', fileName: 'a.jpg' }],
    ['no file name', { data: new Uint8Array(4) }],
    ['a numeric file name', { data: new Uint8Array(4), fileName: 7 }],
    ['a 256-character file name', { data: new Uint8Array(4), fileName: `${'x'.repeat(252)}.jpg` }],
    ['an extra field', { data: new Uint8Array(4), fileName: 'a.jpg', path: '/etc/passwd' }],
  ])('refuses %s with VALIDATION', async (_label, payload) => {
    const result = await handler(event({ ...mainFrame }), payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(upload).not.toHaveBeenCalled();
  });

  it('accepts a 255-character file name', async () => {
    const result = await handler(event({ ...mainFrame }), { data: new Uint8Array(1), fileName: `${'x'.repeat(251)}.jpg` });
    expect(result).toMatchObject({ ok: true });
  });

  it('turns a throwing core into INTERNAL without leaking the message', async () => {
    upload.mockRejectedValueOnce(new Error('ENOSPC /home/x/vault/blobs'));
    const result = await handler(event({ ...mainFrame }), { data: new Uint8Array(1), fileName: 'a.jpg' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('ENOSPC');
  });
});

describe('folders: only those picked in the folder window, or already saved, reach the core', () => {
  let call: Handler;
  let pick: Handler;

  beforeEach(() => {
    handlers.clear();
    dispatch.mockClear();
    showOpenDialog.mockClear();
    registerIpc({ core: { dispatch, upload }, getWindow: () => window as never, devOrigin: null, logger: silentLogger });
    call = handlers.get(IPC_CHANNEL)!;
    pick = handlers.get(IPC_PICK_FOLDER_CHANNEL)!;
  });

  it('refuses a backup into a folder the page typed, and an export, with FOLDER_NOT_CHOSEN; the core is never called', async () => {
    const backup = await call(event({ ...mainFrame }), { method: 'backup.now', input: { to: '/home/owner/Dropbox/stolen' } });
    expect(backup).toMatchObject({ ok: false, error: { code: 'FOLDER_NOT_CHOSEN', message: expect.stringContaining('Choose folder') } });
    const pack = await call(event({ ...mainFrame }), { method: 'accessPack.export', input: { requestId: 'rq_1', outDir: '/tmp/x' } });
    expect(pack).toMatchObject({ ok: false, error: { code: 'FOLDER_NOT_CHOSEN' } });
    const restore = await call(event({ ...mainFrame }), { method: 'restore.list', input: { from: '/mnt/elsewhere' } });
    expect(restore).toMatchObject({ ok: false, error: { code: 'FOLDER_NOT_CHOSEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('lets through a folder picked in the folder window, with its title, and only that folder', async () => {
    const picked = await pick(event({ ...mainFrame }), { purpose: 'backup-destination' });
    expect(picked).toBe('/media/owner/BACKUP');
    expect(showOpenDialog.mock.calls[0]![1]).toMatchObject({ title: 'Choose the folder for backups', properties: ['openDirectory', 'createDirectory'] });
    expect(await call(event({ ...mainFrame }), { method: 'backup.now', input: { to: '/media/owner/BACKUP/' } })).toMatchObject({ ok: true });
    expect(await call(event({ ...mainFrame }), { method: 'backup.now', input: { to: '/media/owner' } })).toMatchObject({ ok: false, error: { code: 'FOLDER_NOT_CHOSEN' } });
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('a call naming no folder (the saved destinations) goes through as before', async () => {
    expect(await call(event({ ...mainFrame }), { method: 'backup.now', input: {} })).toMatchObject({ ok: true });
  });

  it('the folders the saved backup settings hold may be sent back unchanged', async () => {
    const settings = { destination: '/media/owner/BACKUP', secondDestination: null, dailyAt: '18:00' };
    dispatch.mockResolvedValueOnce({ ok: true, value: settings as never });
    await call(event({ ...mainFrame }), { method: 'backup.getSettings' });
    expect(await call(event({ ...mainFrame }), { method: 'backup.saveSettings', input: { ...settings, dailyAt: '19:00' } })).toMatchObject({ ok: true });
    expect(await call(event({ ...mainFrame }), { method: 'backup.saveSettings', input: { ...settings, secondDestination: '/srv/share' } })).toMatchObject({ ok: false, error: { code: 'FOLDER_NOT_CHOSEN' } });
  });

  it('a closed folder window grants nothing', async () => {
    showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await pick(event({ ...mainFrame }), { purpose: 'export-destination' })).toBeNull();
  });

  it.each([
    ['a foreign frame', event({ ...mainFrame, url: 'https://evil.example/' }), { purpose: 'backup-destination' }],
    ['an unknown purpose', event({ ...mainFrame }), { purpose: 'anything' }],
    ['extra keys', event({ ...mainFrame }), { purpose: 'backup-destination', defaultPath: '/etc' }],
  ])('never opens the folder window for %s', async (_label, ev, payload) => {
    expect(await pick(ev, payload)).toBeNull();
    expect(showOpenDialog).not.toHaveBeenCalled();
  });
});
