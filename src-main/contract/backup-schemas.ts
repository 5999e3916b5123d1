/** Input schemas for backups and restore (docs/backups.md). */
import { z } from 'zod';

/** A folder on this PC, a drive or a share, as the owner typed or picked it. */
export const folderPath = z
  .string()
  .trim()
  .min(1, 'Enter the folder to use.')
  .max(4096, 'That folder path is too long.')
  .refine((p) => !p.includes('\0'), 'That folder path contains a character no folder can have.');

const snapshotId = z.string().regex(/^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$/, 'That is not the name of a snapshot.');

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const count = (what: string, max: number) =>
  z.number().int(`Enter a whole number of ${what}.`).min(0, `The number of ${what} cannot be negative.`).max(max, `Keep at most ${max} ${what}.`);

export const backupSettingsSchema = z.object({
  destination: folderPath.nullable().default(null),
  secondDestination: folderPath.nullable().default(null),
  dailyAt: z.string().regex(HH_MM, 'Enter the time as HH:MM, like 18:30.').default('18:00'),
  onClose: z.boolean().default(true),
  keepDaily: count('daily backups', 366).default(7),
  keepWeekly: count('weekly backups', 520).default(4),
  keepMonthly: count('monthly backups', 1200).default(12),
  staleAfterDays: z.number().int().min(1, 'Warn after at least 1 day.').max(365).default(2),
  drillEveryDays: z.number().int().min(1).max(365).default(7),
});

const where = z.object({ to: folderPath.optional() }).default({});

export const backupSchemas = {
  'backup.status': z.undefined(),
  'backup.getSettings': z.undefined(),
  'backup.saveSettings': backupSettingsSchema,
  /** A snapshot now, into `to` (or the destinations in the settings). */
  'backup.now': where,
  'backup.waitForChecks': z.undefined(),
  /** What the schedule asks for: runs only when a snapshot (or drill) is due. */
  'backup.runScheduled': z.object({ reason: z.enum(['daily', 'closing']) }),
  'backup.list': where,
  'backup.verify': z.object({ to: folderPath.optional(), snapshotId: snapshotId.optional() }).default({}),
  'backup.drill': where,
  'backup.prune': where,
  /** The snapshots in a set, read before anyone signs in (from the sign-in screen). */
  'restore.list': z.object({ from: folderPath }),
  'restore.run': z
    .object({
      from: folderPath,
      snapshotId,
      /** A new folder (the CLI). Without it, the app restores beside its vault and switches to it at the next start. */
      to: folderPath.optional(),
      recoveryKey: z.string().max(200).optional(),
      username: z.string().max(64).optional(),
      password: z.string().max(1024).optional(),
      /** The backup is of another clinic's vault, and the owner has said to restore it anyway. */
      confirmOtherClinic: z.boolean().default(false),
    })
    .refine((v) => (v.recoveryKey ? 1 : 0) + (v.password ? 1 : 0) === 1, {
      message: 'Give either the recovery key or the owner’s password.',
      path: ['recoveryKey'],
    }),
} as const;
