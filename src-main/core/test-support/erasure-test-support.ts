/**
 * Test support for erasure: a client with something in every place a name,
 * an email or a phone can live, and a scan of every page of the database as
 * an attacker holding the database key would read it from disk (free pages
 * and every write-ahead log frame included), decrypted with the app's own
 * page code (core/db/sqlcipher-pages.ts), so what is checked is what SQLCipher wrote.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CoreApi } from '../app';
import { PAGE_SIZE, decryptPage, pageKeys, saltOf, verifyPage } from '../db/sqlcipher-pages';
import { normaliseUkPhone } from '../../contract/uk-formats';
import { makeJpeg } from './test-images';
import { importBytes } from './photo-test-support';
import { stage } from './consent-test-support';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface PageScan {
  pages: Buffer[];
  /** Frames or pages that did not authenticate (torn or stale bytes): counted, so a test can require none. */
  unreadable: number;
}

/** Every page of vault.db and every frame of vault.db-wal (whatever log generation), decrypted. */
export function readAllPages(databasePath: string, key: Buffer): PageScan {
  const file = readFileSync(databasePath);
  const keys = pageKeys(key, saltOf(file));
  const pages: Buffer[] = [];
  let unreadable = 0;
  for (let n = 0; (n + 1) * PAGE_SIZE <= file.length; n++) {
    const page = file.subarray(n * PAGE_SIZE, (n + 1) * PAGE_SIZE);
    if (verifyPage(keys, page, n + 1)) pages.push(decryptPage(keys, page, n + 1));
    else unreadable += 1;
  }
  const walPath = `${databasePath}-wal`;
  if (existsSync(walPath)) {
    const wal = readFileSync(walPath);
    for (let at = WAL_HEADER; at + FRAME_HEADER + PAGE_SIZE <= wal.length; at += FRAME_HEADER + PAGE_SIZE) {
      const pgno = wal.readUInt32BE(at);
      const page = wal.subarray(at + FRAME_HEADER, at + FRAME_HEADER + PAGE_SIZE);
      if (pgno >= 1 && verifyPage(keys, page, pgno)) pages.push(decryptPage(keys, page, pgno));
      else unreadable += 1;
    }
  }
  return { pages, unreadable };
}

/** Each text in UTF-8, UTF-16LE and UTF-16BE (SQLite can store text in any of them). */
function encodings(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

/** The needles found in any page, in any encoding. */
export function needlesFound(pages: readonly Buffer[], needles: readonly string[]): string[] {
  return needles.filter((n) => encodings(n).some((bytes) => pages.some((p) => p.includes(bytes))));
}

/** A phone in every form the vault or its search index could hold it. */
export function phoneForms(typed: string): string[] {
  const national = normaliseUkPhone(typed)!;
  return [typed, national, `+44${national.slice(1)}`, national.slice(1), `${national.slice(0, 5)} ${national.slice(5)}`];
}

export const ERASED_PERSON = {
  firstName: 'Wiesława',
  lastName: 'Quarrington-Błaszczyk',
  email: 'wieslawa.quarrington@example.com',
  oldEmail: 'w.qblaszczyk.old@example.org',
  mobile: '07700 900456',
  otherPhone: '0117 496 0987',
  dateOfBirth: '1984-03-09',
  postcode: 'BS8 1TH',
  address: '27 Zanzibar Terrace',
};

/** The texts that must leave no trace: names (as typed and folded for search), emails, phones, address. */
export function erasedNeedles(): string[] {
  const p = ERASED_PERSON;
  return [
    p.firstName,
    'wieslawa',
    p.lastName,
    'Quarrington',
    'quarrington',
    'arrington',
    'Błaszczyk',
    'blaszczyk',
    'aszczyk',
    p.email,
    'wieslawaquarrington',
    p.oldEmail,
    ...phoneForms(p.mobile),
    ...phoneForms(p.otherPhone),
    p.address,
    'Zanzibar',
  ];
}

/**
 * The client, created and used the way the app would: contact details changed
 * once (so the old email is in the change history), a marketing consent with
 * an evidence file, a TPS screening of the mobile, a treatment and photos.
 */
export async function seedErasableClient(api: CoreApi, photos = 2): Promise<{ clientId: string; photoIds: string[] }> {
  const p = ERASED_PERSON;
  const identity = {
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    email: p.oldEmail,
    mobile: p.mobile,
    otherPhones: [{ label: 'Work', number: p.otherPhone }],
    postcode: p.postcode,
    addressLines: [p.address, 'Bristol'],
    notes: `Prefers to be called ${p.firstName}`,
  };
  // In a synthetic clinic someone may share the made-up mobile: confirmed as a different person, as staff would.
  const matches = (await api.call('clients.findPossibleDuplicates', identity)).matches.map((m) => m.id);
  const client = await api.call('clients.create', { ...identity, notDuplicateOf: matches });
  const emailMatches = (await api.call('clients.findPossibleDuplicates', { ...identity, email: p.email, excludeClientId: client.id })).matches.map((m) => m.id);
  await api.call('clients.update', { clientId: client.id, changes: { email: p.email }, reason: 'New address given', notDuplicateOf: emailMatches });
  const evidence = await stage(api, Buffer.from(`%PDF-1.4\n% consent form of ${p.firstName} ${p.lastName}\n%%EOF\n`), 'consent.pdf');
  await api.call('consent.record', {
    clientId: client.id,
    purposeId: 'marketing.email',
    state: 'granted',
    method: 'paper-form',
    wording: 'Email me offers',
    evidenceUploadId: evidence,
    note: `Signed by ${p.firstName}`,
  });
  await api.call('tps.screen', { clientId: client.id, phone: p.mobile, checkedOn: '2026-11-20', registered: false, source: 'tps-website' });
  await api.call('treatments.create', {
    clientId: client.id,
    treatedOn: '2026-11-20',
    typeId: 'tt_toxin',
    areas: ['Forehead'],
    product: 'Azzalure',
    batchNumber: 'AB1234',
    batchExpiry: '2027-06-30',
    amount: 20,
    amountUnit: 'units',
    medicalHistoryReviewed: true,
  });
  const photoIds: string[] = [];
  const jpeg = await makeJpeg();
  for (let i = 0; i < photos; i++) photoIds.push((await importBytes(api, client.id, jpeg)).id);
  return { clientId: client.id, photoIds };
}
