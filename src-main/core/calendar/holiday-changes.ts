/**
 * The owner's own changes to the bank-holiday calendar: a one-off date added (a
 * royal occasion proclaimed after the shipped data was taken) or a date removed.
 * Kept in the settings table under one key, as JSON, because it is a short list
 * the clinic edits rarely; no table of its own is needed.
 */
import { z } from 'zod';
import type { SettingsRepo } from '../settings/settings-repo';

export const HOLIDAY_CHANGES_KEY = 'calendar.holidayChanges';

const changesSchema = z.object({
  added: z.array(z.object({ date: z.string(), name: z.string() })).default([]),
  removed: z.array(z.string()).default([]),
});

export type HolidayChanges = z.infer<typeof changesSchema>;

export const NO_HOLIDAY_CHANGES: HolidayChanges = { added: [], removed: [] };

export function readHolidayChanges(settings: SettingsRepo): HolidayChanges {
  const raw = settings.getFlag(HOLIDAY_CHANGES_KEY);
  return raw === null ? NO_HOLIDAY_CHANGES : changesSchema.parse(JSON.parse(raw));
}

export function writeHolidayChanges(settings: SettingsRepo, changes: HolidayChanges): void {
  const sorted: HolidayChanges = {
    added: [...changes.added].sort((a, b) => a.date.localeCompare(b.date)),
    removed: [...changes.removed].sort(),
  };
  settings.setFlag(HOLIDAY_CHANGES_KEY, JSON.stringify(sorted));
}
