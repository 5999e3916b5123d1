import type { Db } from '../db/types';

/** The vault's id from its own database (meta.vault_id): what names a backup set and its records as this vault's. */
export function vaultIdOf(db: Db): string | undefined {
  return db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).pluck().get() as string | undefined;
}
