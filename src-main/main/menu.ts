/**
 * The application menu as a plain template (type-only electron import, so it is
 * unit-tested in plain Node); index.ts turns it into a Menu. Developer items
 * (reload, DevTools) exist only in development builds: in a clinic they would
 * let anyone at the desk inspect decrypted records or drop unsaved work.
 */
import type { MenuItemConstructorOptions } from 'electron';

export const HELP_LINKS = {
  icoGuidance: 'https://ico.org.uk/for-organisations/',
  yellowCard: 'https://yellowcard.mhra.gov.uk/',
} as const;

export interface MenuOptions {
  isMac: boolean;
  isPackaged: boolean;
  /** Locks the vault now (the same as the renderer's own lock button). */
  onLock: () => void;
  /** Opens a vetted https link in the user's browser. */
  openExternal: (url: string) => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, isPackaged } = options;
  const devItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  const template: MenuItemConstructorOptions[] = [
    {
      label: '&File',
      submenu: [
        { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: () => options.onLock() },
        // On macOS Quit lives in the app menu.
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'ICO guidance for organisations',
          click: () => options.openExternal(HELP_LINKS.icoGuidance),
        },
        {
          label: 'Report a side effect (MHRA Yellow Card)',
          click: () => options.openExternal(HELP_LINKS.yellowCard),
        },
      ],
    },
  ];

  return isMac ? [{ role: 'appMenu' }, ...template] : template;
}
