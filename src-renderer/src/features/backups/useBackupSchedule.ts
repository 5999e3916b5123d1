import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../api';
import { BACKUP_KEYS, useBackupStatus } from './backup-queries';

/** How often the shell asks whether the daily backup (or the weekly drill) is due. */
const CHECK_EVERY_MS = 5 * 60_000;
/** The first ask after sign-in: soon (a backup missed while the app was closed), but not in the middle of signing in. */
const FIRST_CHECK_MS = 60_000;

/**
 * The daily schedule while someone is signed in: every few minutes the shell
 * asks the core, which runs a snapshot when the owner's time has passed (or a
 * drill when one is due) and otherwise does nothing. A missing drive is
 * recorded by the core and tried again at a later check. The work runs in the
 * core worker, so the window stays responsive.
 */
export function useBackupSchedule(): void {
  const { data } = useBackupStatus();
  const client = useQueryClient();
  const configured = data?.configured === true;
  useEffect(() => {
    if (!configured) return;
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      api('backup.runScheduled', { reason: 'daily' })
        .then(
          (r) => (r.ran ? client.invalidateQueries({ queryKey: BACKUP_KEYS.all }) : undefined),
          () => undefined, // the status shows a failure; nothing to add here
        )
        .finally(() => {
          running = false;
        });
    };
    const first = setTimeout(tick, FIRST_CHECK_MS);
    const timer = setInterval(tick, CHECK_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [configured, client]);
}
