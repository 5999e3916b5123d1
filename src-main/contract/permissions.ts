/**
 * Who may do what. One table, read by the core (which enforces it on every
 * call) and by the renderer (which only uses it to hide what would be refused).
 */
export const ROLES = ['owner', 'practitioner', 'reception'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  practitioner: 'Practitioner',
  reception: 'Reception',
};

export const PERMISSIONS = [
  'clients.read', // identity, contact details, preferences
  'clients.write',
  'clinical.read', // medical and lifestyle history, treatment notes, photos
  'clinical.write',
  'staff.manage',
  'settings.manage',
  'audit.read',
  'vault.verify',
  'requests.log', // log a data subject request, record ID received, see the register
  'sar.export', // subject-access responses; every other step of a data subject request
  'records.destroy',
  'backup.run',
  'marketing.export', // lists of people to contact, for a mailing or SMS service
  'synthetic.seed', // fill an empty vault with made-up clients (demos, training, load tests)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  practitioner: ['clients.read', 'clients.write', 'clinical.read', 'clinical.write', 'requests.log'],
  reception: ['clients.read', 'clients.write', 'requests.log'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}
