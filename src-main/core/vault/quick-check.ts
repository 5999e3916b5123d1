/**
 * The owner's quick check (docs/integrity-checks.md): after an owner signs in,
 * at most once a day, every page of vault.db and the write-ahead log is checked
 * against its HMAC in the background (no SQLite structural pass, no stored
 * files: that is the full verify). On a vault over 50,000 clients, or where the
 * last run took 2 s or more, it runs weekly instead.
 *
 * It never blocks sign-in: it starts after the session has, works in steps,
 * and stops without recording anything if the vault locks meanwhile.
 */
import type { QuickCheckStatus } from '../../contract/types';
import type { Clock, Logger } from '../platform/ports';
import type { OpenVault } from './open-vault';
import { checkDatabase } from '../db/database-check';

const FLAG_RESULT = 'quick_check';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The bounds: daily for vaults up to this size, if one run takes under DAILY_MAX_MS. */
export const DAILY_MAX_CLIENTS = 50_000;
export const DAILY_MAX_MS = 2_000;

interface StoredQuickCheck extends QuickCheckStatus {
  ms: number;
}

export function lastQuickCheck(vault: OpenVault): StoredQuickCheck | null {
  const raw = vault.settings.getFlag(FLAG_RESULT);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredQuickCheck;
  } catch {
    return null;
  }
}

/** What the status shows the owner: the last quick check, only if it found damage. */
export function quickCheckDamage(vault: OpenVault): QuickCheckStatus | null {
  const last = lastQuickCheck(vault);
  return last && !last.ok ? { checkedAt: last.checkedAt, ok: last.ok, damagedPageCount: last.damagedPageCount } : null;
}

export function quickCheckDue(vault: OpenVault, now: Date): boolean {
  const last = lastQuickCheck(vault);
  if (!last) return true;
  const clients = vault.db.prepare('SELECT count(*) FROM clients').pluck().get() as number;
  const interval = clients <= DAILY_MAX_CLIENTS && last.ms < DAILY_MAX_MS ? DAY_MS : 7 * DAY_MS;
  return now.getTime() - Date.parse(last.checkedAt) >= interval;
}

/**
 * Runs the quick check if it is due. Resolves when done (or skipped); never
 * rejects: a failure is logged, and a lock part-way simply stops it.
 */
export async function runQuickCheckIfDue(vault: OpenVault, staffId: string, clock: Clock, logger: Logger): Promise<void> {
  const stop = new AbortController();
  try {
    if (!quickCheckDue(vault, clock.now())) return;
    const started = performance.now();
    const result = await checkDatabase(vault.db, vault.paths.database, vault.databaseKey, {
      depth: 'quick',
      signal: stop.signal,
      onProgress: () => {
        if (!vault.db.open) stop.abort();
      },
    });
    if (!vault.db.open) return;
    const stored: StoredQuickCheck = {
      checkedAt: clock.now().toISOString(),
      ok: result.ok,
      damagedPageCount: result.damagedPageCount,
      ms: Math.round(performance.now() - started),
    };
    vault.db.transaction(() => {
      vault.settings.setFlag(FLAG_RESULT, JSON.stringify(stored));
      vault.audit.append({
        staffId,
        action: 'vault.quick_check',
        detail: { ok: result.ok, pages: result.pagesChecked, damagedPages: result.damagedPageCount },
      });
    })();
    if (!result.ok) logger.warn('quick check found damaged pages', { damagedPages: result.damagedPageCount });
  } catch (err) {
    if (stop.signal.aborted || !vault.db.open) return;
    logger.error('quick check failed', { code: (err as { code?: string }).code, error: err instanceof Error ? err.message : String(err) });
  }
}
