/**
 * The calls that name a folder on this PC, and which of their fields do. In
 * the desktop app the main process lets such a call through only when every
 * folder it names was picked in the system's folder window this session, or
 * was already saved in the vault's backup settings (src-main/main/folder-grants.ts):
 * the page cannot write the clinic's records anywhere it likes, even if it has
 * been tampered with. Kept beside the schemas so a new folder field is listed
 * where it is added (folder-fields.test.ts checks every folderPath in the
 * schemas is listed here).
 */
import type { Method } from './schemas';

export const FOLDER_FIELDS = {
  'backup.saveSettings': ['destination', 'secondDestination'],
  'backup.now': ['to'],
  'backup.list': ['to'],
  'backup.verify': ['to'],
  'backup.drill': ['to'],
  'backup.prune': ['to'],
  'restore.list': ['from'],
  'restore.run': ['from', 'to'],
  'accessPack.export': ['outDir'],
} as const satisfies Partial<Record<Method, readonly string[]>>;

/** The folders a call names (non-empty strings in its folder fields), as sent. */
export function foldersIn(method: string, input: unknown): string[] {
  const fields = (FOLDER_FIELDS as Partial<Record<string, readonly string[]>>)[method];
  if (!fields || typeof input !== 'object' || input === null) return [];
  const record = input as Record<string, unknown>;
  return fields.map((f) => record[f]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
