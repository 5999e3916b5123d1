/** Test helpers for client records: a valid identity to vary, and signing in as another role. */
import type { CoreApi } from '../app';
import type { MethodInput } from '../../contract/schemas';
import type { ClientIdentity, ClientRecord } from '../../contract/record-types';
import { OWNER, addStaffMember } from './temp-vault';

export function newClient(overrides: Partial<MethodInput<'clients.create'>> = {}): MethodInput<'clients.create'> {
  return {
    firstName: 'Zoë',
    lastName: 'Hartley',
    dateOfBirth: '1988-04-12',
    email: 'zoe.hartley@example.co.uk',
    mobile: '07700 900123',
    postcode: 'BS1 4DJ',
    addressLines: ['1 Harbour Walk', 'Bristol'],
    ...overrides,
  };
}

/** The identity part of a record, to send back whole with a few fields changed. */
export function identityOf(record: ClientRecord): ClientIdentity {
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    lastInteractionAt: _l,
    lastVisitOn: _v,
    treatmentCount: _t,
    photoCount: _p,
    openDisputes: _d,
    legalHold: _h,
    ...identity
  } = record;
  return identity;
}

/** Adds a member of staff with `role` (as the owner) and signs in as them. */
export async function signInAs(api: CoreApi, role: 'practitioner' | 'reception'): Promise<string> {
  const member = await addStaffMember(api, role);
  await api.call('session.signOut', undefined);
  await api.call('session.signIn', { username: member.username, password: member.password });
  return member.id;
}

export async function signInAsOwner(api: CoreApi): Promise<void> {
  await api.call('session.signOut', undefined);
  await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
}


/**
 * Details that make the `n`th made-up client another person than Zoë and
 * than each other (their own date of birth and email, no mobile), for tests
 * that create several clients and are not about the duplicate check
 * (docs/duplicates.md: two records with the same mobile or email, or the
 * same date of birth and a similar name, are refused unless confirmed).
 */
export function anotherPerson(n: number): Pick<MethodInput<'clients.create'>, 'dateOfBirth' | 'email' | 'mobile'> {
  // A week apart from 01/01/1940: past dates (born before 1998) for the first 3,000.
  const day = new Date(Date.UTC(1940, 0, 1 + (n % 3000) * 7)).toISOString().slice(0, 10);
  return { dateOfBirth: day, email: `person${n}@example.com`, mobile: '' };
}
