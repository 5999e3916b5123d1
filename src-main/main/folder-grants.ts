/**
 * The folders the page may name in a call (contract/folder-fields.ts): those
 * the owner picked in the system's folder window this session, and those the
 * vault's backup settings already hold (learnt from the core's own answers to
 * backup.getSettings and backup.saveSettings, so saving the settings again
 * without touching the folder still works). Everything else is refused before
 * it reaches the core. Paths are compared resolved and, on Windows and macOS,
 * whose file systems ignore case, case-folded.
 */
import { resolve } from 'node:path';
import { foldersIn } from '../contract/folder-fields';

export interface FolderGrants {
  grant(folder: string): void;
  /** Every folder this call names has been granted. */
  allows(method: string, input: unknown): boolean;
  /** Learns the saved backup folders from the core's answer to a call. */
  learnFromAnswer(method: string, value: unknown): void;
}

export function createFolderGrants(platform: NodeJS.Platform = process.platform): FolderGrants {
  const granted = new Set<string>();
  const key = (folder: string) => {
    const full = resolve(folder.trim());
    return platform === 'linux' ? full : full.toLowerCase();
  };
  return {
    grant(folder) {
      if (folder.trim() !== '') granted.add(key(folder));
    },
    allows(method, input) {
      return foldersIn(method, input).every((f) => granted.has(key(f)));
    },
    learnFromAnswer(method, value) {
      if (method !== 'backup.getSettings' && method !== 'backup.saveSettings') return;
      if (typeof value !== 'object' || value === null) return;
      for (const field of ['destination', 'secondDestination'] as const) {
        const folder = (value as Record<string, unknown>)[field];
        if (typeof folder === 'string' && folder.trim() !== '') granted.add(key(folder));
      }
    },
  };
}
