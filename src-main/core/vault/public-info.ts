/**
 * Facts about the vault that are shown or needed before anyone signs in: the
 * clinic's name (not personal data), the vault's id and the schema version that
 * last wrote it (so a vault from a newer app is refused before sign-in).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../platform/atomic-file';

export interface PublicInfo {
  vaultId: string;
  clinicName: string;
  createdAt: string;
  schemaVersion: number;
}

export function readPublicInfo(path: string): PublicInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as PublicInfo;
    return typeof info.vaultId === 'string' && typeof info.clinicName === 'string' ? info : null;
  } catch {
    return null;
  }
}

export function writePublicInfo(path: string, info: PublicInfo): void {
  writeFileAtomicSync(path, JSON.stringify(info, null, 2));
}
