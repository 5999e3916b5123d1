import { describe, expect, it } from 'vitest';
import { PERMISSIONS, can } from './permissions';

describe('role permissions', () => {
  const table: Record<string, [owner: boolean, practitioner: boolean, reception: boolean]> = {
    'clients.read': [true, true, true],
    'clients.write': [true, true, true],
    'clinical.read': [true, true, false],
    'clinical.write': [true, true, false],
    'staff.manage': [true, false, false],
    'settings.manage': [true, false, false],
    'audit.read': [true, false, false],
    'vault.verify': [true, false, false],
    'requests.log': [true, true, true],
    'sar.export': [true, false, false],
    'records.destroy': [true, false, false],
    'backup.run': [true, false, false],
    'marketing.export': [true, false, false],
    'synthetic.seed': [true, false, false],
  };

  it('covers every permission', () => {
    expect(Object.keys(table).sort()).toEqual([...PERMISSIONS].sort());
  });

  it.each(Object.entries(table))('%s', (permission, [owner, practitioner, reception]) => {
    const p = permission as (typeof PERMISSIONS)[number];
    expect([can('owner', p), can('practitioner', p), can('reception', p)]).toEqual([owner, practitioner, reception]);
  });
});
