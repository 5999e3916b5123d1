/**
 * Rows of the clients table ↔ ClientIdentity. List-like fields are JSON
 * columns; columns from migration 0001 that allow NULL read back as ''.
 * Parameterised SQL only: a name like "Robert'); DROP TABLE clients;--" is data.
 */
import type { ClientIdentity, GpDetails, OtherPhone } from '../../contract/record-types';
import type { Db } from '../db/types';

export interface ClientRow {
  rowid: number;
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  email: string | null;
  mobile: string | null;
  postcode: string | null;
  gender: string;
  address_lines: string;
  other_phones: string;
  nhs_number: string;
  occupation: string;
  treatment_interests: string;
  gp: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  last_interaction_at: string;
  last_visit_on: string | null;
  /** Added by migration 0004 (consent): marketing exclusions. */
  deceased_on: string | null;
  marketing_objection_at: string | null;
  /** Added by migration 0013. */
  messenger_handle: string;
}

/** The identity fields in the order forms, history and the CLI show them. */
export const IDENTITY_FIELDS = [
  'firstName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'gender',
  'addressLines',
  'postcode',
  'email',
  'mobile',
  'otherPhones',
  'messengerHandle',
  'nhsNumber',
  'occupation',
  'treatmentInterests',
  'gp',
  'notes',
] as const satisfies readonly (keyof ClientIdentity)[];

function jsonOr<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function identityFromRow(r: ClientRow): ClientIdentity {
  return {
    firstName: r.first_name,
    lastName: r.last_name,
    preferredName: r.preferred_name ?? '',
    dateOfBirth: r.date_of_birth ?? '',
    gender: r.gender,
    addressLines: jsonOr<string[]>(r.address_lines, []),
    postcode: r.postcode ?? '',
    email: r.email ?? '',
    mobile: r.mobile ?? '',
    otherPhones: jsonOr<OtherPhone[]>(r.other_phones, []),
    messengerHandle: r.messenger_handle ?? '',
    nhsNumber: r.nhs_number,
    occupation: r.occupation,
    treatmentInterests: jsonOr<string[]>(r.treatment_interests, []),
    gp: jsonOr<GpDetails | null>(r.gp, null),
    notes: r.notes,
  };
}

function identityParams(c: ClientIdentity) {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    preferredName: c.preferredName,
    dateOfBirth: c.dateOfBirth,
    gender: c.gender,
    addressLines: JSON.stringify(c.addressLines),
    postcode: c.postcode,
    email: c.email,
    mobile: c.mobile,
    otherPhones: JSON.stringify(c.otherPhones),
    messengerHandle: c.messengerHandle,
    nhsNumber: c.nhsNumber,
    occupation: c.occupation,
    treatmentInterests: JSON.stringify(c.treatmentInterests),
    gp: c.gp ? JSON.stringify(c.gp) : null,
    notes: c.notes,
  };
}

export class ClientRepo {
  private readonly getStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly countsStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT rowid, * FROM clients WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO clients (id, first_name, last_name, preferred_name, date_of_birth, gender, address_lines, postcode,
         email, mobile, other_phones, messenger_handle, nhs_number, occupation, treatment_interests, gp, notes,
         created_at, updated_at, last_interaction_at)
       VALUES (@id, @firstName, @lastName, @preferredName, @dateOfBirth, @gender, @addressLines, @postcode,
         @email, @mobile, @otherPhones, @messengerHandle, @nhsNumber, @occupation, @treatmentInterests, @gp, @notes,
         @at, @at, @at)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE clients SET first_name = @firstName, last_name = @lastName, preferred_name = @preferredName,
         date_of_birth = @dateOfBirth, gender = @gender, address_lines = @addressLines, postcode = @postcode,
         email = @email, mobile = @mobile, other_phones = @otherPhones, messenger_handle = @messengerHandle, nhs_number = @nhsNumber,
         occupation = @occupation, treatment_interests = @treatmentInterests, gp = @gp, notes = @notes,
         updated_at = @at
       WHERE id = @id`,
    );
    // Both use the (client_id, …) indexes from migration 0002.
    this.countsStmt = db.prepare(
      `SELECT (SELECT count(*) FROM treatments WHERE client_id = @id) AS treatments,
              (SELECT count(*) FROM photos WHERE client_id = @id) AS photos`,
    );
  }

  get(id: string): ClientRow | undefined {
    return this.getStmt.get(id) as ClientRow | undefined;
  }

  /** Returns the new row's rowid, the key of its client_search entry. */
  insert(id: string, identity: ClientIdentity, at: string): number {
    const info = this.insertStmt.run({ id, at, ...identityParams(identity) });
    return Number(info.lastInsertRowid);
  }

  update(id: string, identity: ClientIdentity, at: string): void {
    this.updateStmt.run({ id, at, ...identityParams(identity) });
  }

  counts(id: string): { treatments: number; photos: number } {
    return this.countsStmt.get({ id }) as { treatments: number; photos: number };
  }
}
