/**
 * The synthetic clinic: tens of thousands of clients with their histories,
 * treatments, search entries and (for some) photos, written straight into the
 * schema of migration 0002 for tests, the benchmark and the demo.
 *
 * Speed matters (50,000 clients and 400,000 treatments within a minute), so
 * rows go in through a few prepared statements inside one transaction, with
 * the page cache enlarged meanwhile. One transaction also means a cancelled or
 * failed run leaves no half-made clinic behind.
 *
 * Same seed, same `today`, same staff ids → the same clinic, value for value.
 * (Photo files are the exception: each is encrypted under a fresh random key.)
 */
import { searchDocumentFor, indexClient } from '../clients/search-index';
import type { Db } from '../db/types';
import type { Clock } from '../platform/ports';
import { londonToday } from '../../contract/field-schemas';
import { suspendIndexes, useRollbackJournalForLoad } from './bulk-load';
import { dayOf, isoDay, isoStamp } from './calendar';
import { type ConsentGenerator, prepareConsentGenerator } from './consent';
import { makeLifestyle, makeMedical } from './histories';
import { addSyntheticDuplicates } from './duplicates';
import { makeIdentity } from './identity';
import { addPhotos } from './photos';
import { insertSyntheticNotice } from './privacy-notice';
import { Rng, STREAMS_PER_CLIENT } from './random';
import { BatchBook, planTreatments } from './treatments';
import { prepareWriters } from './writers';

export interface GenerateClinicOptions {
  clients: number;
  seed: number;
  /** Average treatments per client (default 8): each client gets 0 to twice this. */
  treatmentsPerClient?: number;
  /**
   * Average consent events per client (issue #4's ledger; consent.ts). Default 0 here:
   * none. createSyntheticVault and the CLI's seed ask for DEFAULT_CONSENT_EVENTS_PER_CLIENT.
   */
  consentEventsPerClient?: number;
  /**
   * Publish the clinic's first privacy notice before its first client, and rest
   * every generated consent on it (privacy-notice.ts): the demo and seeded
   * clinics do; tests of notices that want consents on none leave it off.
   */
  privacyNotice?: boolean;
  /** With consent events: the first client gets exactly this many (default 200), for the history benchmark. */
  consentHistoryEvents?: number;
  /** How many clients (the first ones) get photos. Needs vaultDir. */
  photoClients?: number;
  /** Makes the first client a long-standing one with exactly this many treatments and photos (photos need vaultDir). */
  showcase?: { treatments: number; photos: number };
  /** The clinic's today (YYYY-MM-DD); default today in London. Fix it for runs identical across days. */
  today?: string;
  /** For photos: the vault folder whose file store receives them, and the clock its rows are stamped with. */
  vaultDir?: string;
  clock?: Clock;
  /**
   * The vault's clinical key: the clinical values are then written sealed, as
   * the app seals them (docs/clinical-sealing.md). Without it (the plain
   * comparison database, bench/clinical-sealing.ts) they are written in the clear.
   */
  clinicalKey?: Buffer;
  onProgress?: (progress: GenerateProgress) => void;
  signal?: AbortSignal;
}

export interface GenerateProgress {
  phase: 'records' | 'photos';
  done: number;
  total: number;
}

export interface ClinicStaff {
  ownerId: string;
  /** Treatments are shared among these (use [ownerId] for a one-person clinic). */
  practitionerIds: string[];
}

export interface GeneratedClinic {
  clients: number;
  treatments: number;
  medicalHistories: number;
  lifestyleHistories: number;
  photos: number;
  /** The showcase client's id, when one was asked for. */
  showcaseClientId: string | null;
  consentEvents: number;
  /** The client with exactly consentHistoryEvents events (the first), when consent events were made. */
  consentHistoryClientId: string | null;
  seconds: number;
}

/** About 1,000,000 consent events for 50,000 clients. */
export const DEFAULT_CONSENT_EVENTS_PER_CLIENT = 20;

/** Clients per step between progress reports and abort checks. */
const CHUNK = 1_000;
/** 256 MiB of page cache while writing: random ids scatter inserts over the indexes, and every page re-read from an encrypted file is decrypted again. */
const GENERATION_CACHE_KIB = 262_144;
/** History reaches back six years from today. */
const HISTORY_DAYS = 6 * 365;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function generateClinic(db: Db, opts: GenerateClinicOptions, staff: ClinicStaff): Promise<GeneratedClinic> {
  const started = performance.now();
  if (!Number.isInteger(opts.clients) || opts.clients < 0) throw new RangeError('clients must be a whole number, 0 or more');
  if (staff.practitionerIds.length === 0) throw new RangeError('at least one practitioner is needed');
  const photoClients = Math.min(opts.photoClients ?? 0, opts.clients);
  if ((photoClients > 0 || (opts.showcase?.photos ?? 0) > 0) && !opts.vaultDir) throw new RangeError('photos need vaultDir');
  const average = opts.treatmentsPerClient ?? 8;
  const today = dayOf(opts.today ?? londonToday(opts.clock?.now()));
  const batches = new BatchBook(opts.seed);
  const w = prepareWriters(db, opts.clinicalKey);
  const totals = { clients: 0, treatments: 0, medicalHistories: 0, lifestyleHistories: 0, consentEvents: 0 };
  const clientIds: string[] = [];
  const consentAverage = opts.consentEventsPerClient ?? 0;
  // Made inside the transaction, after the notice its events rest on (so a failed run leaves neither).
  let consent: ConsentGenerator | null = null;
  let consentHistoryClientId: string | null = null;

  const writeClient = (index: number) => {
    const idRng = new Rng(opts.seed, STREAMS_PER_CLIENT * index);
    const txRng = new Rng(opts.seed, STREAMS_PER_CLIENT * index + 1);
    const historyRng = new Rng(opts.seed, STREAMS_PER_CLIENT * index + 2);
    const clientId = idRng.id('cl');
    const { identity, firstVisitDay, earliestVisitDay } = makeIdentity(idRng, opts.seed, index, today, HISTORY_DAYS);
    const showcase = index === 0 ? opts.showcase : undefined;
    const count = showcase ? showcase.treatments : Math.floor(txRng.float() * (2 * average + 1));
    // The showcase client has been coming for the whole history, so their treatments spread over it.
    const firstDay = showcase ? earliestVisitDay : firstVisitDay;
    const treatments = planTreatments(txRng, {
      clientId,
      dateOfBirth: identity.dateOfBirth,
      firstVisitDay: firstDay,
      today,
      count,
      practitionerIds: staff.practitionerIds,
      batches,
    });
    // Ids in writing order (random.ts orderedId), drawn from the treatments' own stream.
    treatments.forEach((t, n) => (t.id = txRng.orderedId('tr', index, n)));
    // Registered at the desk before the first appointment (appointments run 09:00-18:00), and
    // before its consent form is signed a quarter of an hour ahead of it (consent.ts): 08:00-08:40.
    const createdAt = isoStamp(firstDay, 8 * 3600 + Math.floor(idRng.float() * 2400));
    const last = treatments[treatments.length - 1];
    // Two visits on one day: the later time of day counts, whichever was listed last.
    let lastInteraction = createdAt;
    for (const t of treatments) if (t.createdAt > lastInteraction) lastInteraction = t.createdAt;
    const rowid = w.insertClient(clientId, identity, createdAt, lastInteraction, last?.treatedOn ?? null);
    indexClient(db, rowid, searchDocumentFor(identity));
    for (const t of treatments) w.insertTreatment(t);

    // Histories are taken at the first visit and reviewed at the latest one, by whoever treated.
    const reviewedOn = last?.treatedOn ?? null;
    const by = last?.practitionerId ?? staff.ownerId;
    if (treatments.length > 0 || historyRng.chance(0.5)) {
      w.insertSection(clientId, 'medical', JSON.stringify(makeMedical(historyRng, identity.gender, reviewedOn)), reviewedOn, lastInteraction, by);
      totals.medicalHistories++;
    }
    if (historyRng.chance(0.75)) {
      w.insertSection(clientId, 'lifestyle', JSON.stringify(makeLifestyle(historyRng, reviewedOn)), reviewedOn, lastInteraction, by);
      totals.lifestyleHistories++;
    }
    if (consent) {
      const exactEvents = index === 0 ? (opts.consentHistoryEvents ?? 200) : undefined;
      const photographed = index < Math.max(photoClients, showcase ? 1 : 0);
      totals.consentEvents += consent.write({ index, clientId, identity, createdAt, firstDay, treatments, exactEvents, photographed });
      if (index === 0) consentHistoryClientId = clientId;
    }
    totals.clients++;
    totals.treatments += treatments.length;
    if (index < Math.max(photoClients, showcase ? 1 : 0)) clientIds.push(clientId);
  };

  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${GENERATION_CACHE_KIB}`);
  const restoreJournal = useRollbackJournalForLoad(db);
  try {
    db.exec('BEGIN');
    try {
      const noticeId = opts.privacyNotice ? insertSyntheticNotice(db, { seed: opts.seed, firstDay: today - HISTORY_DAYS, ownerId: staff.ownerId }) : null;
      if (consentAverage > 0) {
        consent = prepareConsentGenerator(db, { seed: opts.seed, today, averageEvents: consentAverage, ownerId: staff.ownerId, noticeId });
      }
      const indexes = suspendIndexes(db);
      for (let start = 0; start < opts.clients; start += CHUNK) {
        opts.signal?.throwIfAborted();
        const end = Math.min(opts.clients, start + CHUNK);
        for (let i = start; i < end; i++) writeClient(i);
        opts.onProgress?.({ phase: 'records', done: end, total: opts.clients });
        // Lets a cancel (Ctrl+C, an AbortSignal) be noticed; nothing else may use this database meanwhile.
        await yieldToEventLoop();
      }
      // A few second registrations of the same person (docs/duplicates.md).
      addSyntheticDuplicates(db, { seed: opts.seed, clients: opts.clients, today });
      opts.signal?.throwIfAborted();
      indexes.restore();
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    restoreJournal();
    db.pragma(`cache_size = ${previousCache}`);
  }

  let photos = 0;
  if (clientIds.length > 0 && opts.vaultDir) {
    photos = await addPhotos(db, {
      seed: opts.seed,
      vaultDir: opts.vaultDir,
      clock: opts.clock,
      today: isoDay(today),
      clientIds,
      photosFor: (i) => (i === 0 && opts.showcase ? opts.showcase.photos : i < photoClients ? undefined : 0),
      createdBy: staff.ownerId,
      clinicalKey: opts.clinicalKey,
      signal: opts.signal,
      onProgress: (done, total) => opts.onProgress?.({ phase: 'photos', done, total }),
    });
  }
  return { ...totals, photos, consentHistoryClientId, showcaseClientId: opts.showcase && opts.clients > 0 ? clientIds[0]! : null, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
