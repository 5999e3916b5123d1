/**
 * The main window's options with Electron replaced by a stub: what the
 * BrowserWindow is created with is what a reviewer (and Electronegativity)
 * checks, so each security preference is asserted here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/platform/ports';

const created: { options: Record<string, unknown>; loaded: string[] }[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    readonly webContents = { on: () => undefined };
    private readonly record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      created.push(this.record);
    }
    once(): void {}
    on(): void {}
    loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow };
});

const { createMainWindow } = await import('./window');

function open(isPackaged: boolean) {
  created.length = 0;
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', devServerUrl: null, isPackaged, logger: silentLogger });
  expect(created).toHaveLength(1);
  return created[0]!;
}

describe('createMainWindow', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('turns off the Auxclick feature, so a middle-click on a link opens nothing', () => {
    const prefs = open(true).options['webPreferences'] as Record<string, unknown>;
    expect(String(prefs['disableBlinkFeatures']).split(',').map((f) => f.trim())).toContain('Auxclick');
  });

  it('keeps the renderer isolated and sandboxed, with no Node and no webview', () => {
    expect(open(true).options['webPreferences']).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('has DevTools only when not packaged', () => {
    expect((open(true).options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(false);
    expect((open(false).options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(true);
  });

  it('loads the app from app://, not a file or the network', () => {
    expect(open(true).loaded).toEqual(['app://clinic/index.html']);
  });
});
