import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { HELP_LINKS, buildMenuTemplate } from './menu';
import { isVettedExternalUrl } from './policy';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const base = { isMac: false, onLock: () => {}, openExternal: () => {} };

describe('buildMenuTemplate', () => {
  it('has no reload or DevTools in a packaged app', () => {
    const found = roles(buildMenuTemplate({ ...base, isPackaged: true }));
    expect(found).not.toContain('toggleDevTools');
    expect(found).not.toContain('reload');
    expect(found).not.toContain('forceReload');
    expect(found).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'zoomIn']),
    );
  });

  it('has the developer items in development', () => {
    expect(roles(buildMenuTemplate({ ...base, isPackaged: false }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it('puts Quit in the app menu on macOS', () => {
    const template = buildMenuTemplate({ ...base, isMac: true, isPackaged: true });
    expect(template[0]?.role).toBe('appMenu');
    expect(roles(template)).not.toContain('quit');
  });

  it('wires Lock to CmdOrCtrl+L and Help links to vetted URLs', () => {
    const onLock = vi.fn();
    const openExternal = vi.fn();
    const template = buildMenuTemplate({ isMac: false, isPackaged: true, onLock, openExternal });
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const lock = items.find((i) => i.label === 'Lock');
    expect(lock?.accelerator).toBe('CmdOrCtrl+L');
    lock?.click?.({} as never, undefined, {} as never);
    expect(onLock).toHaveBeenCalledOnce();
    for (const item of items.filter((i) => i.label?.includes('ICO') || i.label?.includes('Yellow Card'))) {
      item.click?.({} as never, undefined, {} as never);
    }
    expect(openExternal.mock.calls.map(([url]) => url)).toEqual([
      HELP_LINKS.icoGuidance,
      HELP_LINKS.yellowCard,
    ]);
    for (const url of Object.values(HELP_LINKS)) expect(isVettedExternalUrl(url)).toBe(true);
  });
});
