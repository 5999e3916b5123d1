/** The clinic's settings, one JSON value per key, read back through the same schema that wrote them. */
import { clinicSettingsSchema } from '../../contract/schemas';
import type { ClinicSettings } from '../../contract/types';
import type { Db } from '../db/types';

const CLINIC_KEY = 'clinic';

export class SettingsRepo {
  constructor(private readonly db: Db) {}

  getClinic(): ClinicSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(CLINIC_KEY) as
      | { value: string }
      | undefined;
    // Parsing fills defaults for settings added after this vault was created.
    return clinicSettingsSchema.parse(row ? JSON.parse(row.value) : { clinicName: 'Clinic' });
  }

  putClinic(settings: ClinicSettings): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(CLINIC_KEY, JSON.stringify(settings));
  }

  getFlag(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as string) : null;
  }

  setFlag(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }
}
