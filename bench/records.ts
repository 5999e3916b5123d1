/**
 * Issues #3 and #9's figures, on a synthetic clinic of 50,000 clients (5,000
 * with --quick, any size with --clients N), each with ~8 treatments and ~20
 * consent events (issue #9's workload):
 *
 *  - generating it into an encrypted vault (target ≤ 60 s at 50,000, ≤ 180 s
 *    at 200,000), and the same seed into an unencrypted database with the same
 *    schema and the same page cache, for comparison;
 *  - search through the core (clients.search) over 300 front-desk queries:
 *    p95 ≤ 10 ms; encrypted no more than 1.3× the same search code on the
 *    plain database by the ratio of medians (issue #3) and 1.5× by the ratio
 *    of p95s (issue #9);
 *  - unlock (sign-in) on that vault: median ≤ 600 ms;
 *  - opening a record with 100 treatments and 40 photo thumbnails
 *    (clients.get + treatments.list + photos.list): p95 ≤ 50 ms;
 *  - photo import (bench/photo-import.ts): ≥ 20 photos a second, as the app
 *    imports a drop or a folder (PHOTO_IMPORTS_IN_FLIGHT at once); one at a
 *    time is reported beside it;
 *  - the resident memory of a fresh process that opened the big vault,
 *    searched and opened that record: ≤ 300 MB.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openCore, type CoreApi } from '../src-main/core/app';
import { stateDirFor } from '../src-main/core/vault/state-dir';
import { ClientSearch } from '../src-main/core/clients/client-search';
import { VAULT_CACHE_KIB } from '../src-main/core/db/open-database';
import { DEFAULT_CONSENT_EVENTS_PER_CLIENT, generateClinic } from '../src-main/core/synthetic/generate-clinic';
import { type PlainStaff, openPlainClinicDatabase } from '../src-main/core/synthetic/plain-database';
import { DEMO_STAFF, createSyntheticVault } from '../src-main/core/synthetic-vault';
import { openRawDatabase } from '../src-main/core/test-support/raw-database';
import { londonToday } from '../src-main/contract/field-schemas';
import { PHOTO_IMPORTS_IN_FLIGHT } from '../src-main/contract/record-types';
import { benchPhotoImport } from './photo-import';
import { buildQueries, summarise, timeSearches } from './records-search';

const SEED = 2026;
const CONSENT_EVENTS = DEFAULT_CONSENT_EVENTS_PER_CLIENT;
const loadAverage = () => Math.round(loadavg()[0]! * 10) / 10;
const SHOWCASE = { treatments: 100, photos: 40 };
const MB = 1024 * 1024;

const run = promisify(execFile);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function signedIn(vaultDir: string, role: 'practitioner' | 'reception'): Promise<CoreApi> {
  const account = DEMO_STAFF.find((s) => s.role === role)!;
  const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
  await api.call('session.signIn', { username: account.username, password: account.password });
  return api;
}

async function openRecordTimes(vaultDir: string, clientId: string, runs: number) {
  const api = await signedIn(vaultDir, 'practitioner');
  try {
    const open = async () => {
      const record = await api.call('clients.get', { clientId });
      const treatments = await api.call('treatments.list', { clientId });
      const photos = await api.call('photos.list', { clientId });
      return { record, treatments, photos };
    };
    const first = await open(); // warm-up: the first open reads pages from disk
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await open();
      times.push(performance.now() - t);
    }
    return { treatments: first.treatments.length, thumbnails: first.photos.length, ...summarise(times) };
  } finally {
    api.close();
  }
}

async function memoryOfFreshProcess(vaultDir: string, clientId: string): Promise<{ rssMB: number; heapUsedMB: number; externalMB: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'records-memory.ts'), vaultDir, clientId], { maxBuffer: MB });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { rssMB: number; heapUsedMB: number; externalMB: number };
}

/** Issue #3 asked 60 s at 50,000 clients; issue #9 180 s at 200,000 (both for the whole clinic). */
const generateTargetSeconds = (clients: number) => Math.max(60, Math.round((180 * clients) / 200_000));

async function unlockTimes(vaultDir: string, runs: number): Promise<number[]> {
  const account = DEMO_STAFF.find((s) => s.role === 'reception')!;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
    const t = performance.now();
    await api.call('session.signIn', { username: account.username, password: account.password });
    times.push(Math.round((performance.now() - t) * 10) / 10);
    api.close();
  }
  return times;
}

export async function benchRecords(opts: { quick: boolean; clients?: number }) {
  const clients = opts.clients ?? (opts.quick ? 5_000 : 50_000);
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-records-'));
  try {
    // First, before the 250 MB clinic is written: the kernel writing that back
    // would otherwise compete for the same two cores and the disk.
    const count = opts.quick ? 20 : 60;
    const oneAtATime = await benchPhotoImport({ count, tmpDir: work, concurrency: 1 });
    const asTheAppImports = await benchPhotoImport({ count, tmpDir: work, concurrency: PHOTO_IMPORTS_IN_FLIGHT });

    const today = londonToday();
    // The encrypted vault, as a clinic has it: production key derivation, SQLCipher, encrypted photos.
    const vaultDir = join(work, 'vault');
    // Issue #9's workload: ~8 treatments and ~20 consent events a client (the ledger is most of the file).
    const loadBefore = loadAverage();
    const made = await createSyntheticVault(vaultDir, { clients, seed: SEED, today, showcase: SHOWCASE, kdfCost: 'production', consentEventsPerClient: CONSENT_EVENTS });
    const clientId = made.clinic.showcaseClientId!;

    // The same clinic unencrypted: same staff ids, same seed and day, so the rows match value for value.
    const raw = await openRawDatabase(vaultDir, made.recoveryKey);
    const staff = raw.prepare('SELECT id, username, role FROM staff').all() as PlainStaff[];
    raw.close();
    const plain = openPlainClinicDatabase(join(work, 'plain.db'), staff);
    const plainClinic = await generateClinic(
      plain,
      { clients, seed: SEED, today, showcase: { treatments: SHOWCASE.treatments, photos: 0 }, consentEventsPerClient: CONSENT_EVENTS },
      { ownerId: made.staffIds.owner, practitionerIds: made.staffIds.practitioners },
    );
    plain.pragma('wal_checkpoint(TRUNCATE)');
    const loadAfterGenerating = loadAverage();

    const queries = buildQueries(plain, 300);
    const plainSearch = new ClientSearch(plain);
    const desk = await signedIn(vaultDir, 'reception');
    const { encrypted: encryptedTimes, plain: plainTimes } = await timeSearches(queries, {
      encrypted: async (q) => (await desk.call('clients.search', { query: q, limit: 20 })).results.map((h) => h.id),
      plain: (q) => plainSearch.search(q, 20).map((h) => h.id),
    });
    desk.close();
    plain.close();

    const loadDuringSearch = loadAverage();

    const openRecord = await openRecordTimes(vaultDir, clientId, 20);
    const unlock = await unlockTimes(vaultDir, 5);
    const unlockMedian = [...unlock].sort((a, b) => a - b)[2]!;
    const memory = await memoryOfFreshProcess(vaultDir, clientId);

    const ratioP50 = ratio(encryptedTimes.p50Ms, plainTimes.p50Ms);
    const ratioP95 = ratio(encryptedTimes.p95Ms, plainTimes.p95Ms);
    return {
      generate: {
        clients: made.clinic.clients,
        treatments: made.clinic.treatments,
        consentEvents: made.clinic.consentEvents,
        medicalHistories: made.clinic.medicalHistories,
        photos: made.clinic.photos,
        encryptedSeconds: made.clinic.seconds,
        plainSeconds: plainClinic.seconds,
        databaseMB: Math.round(statSync(join(vaultDir, 'vault.db')).size / MB),
        targetSeconds: generateTargetSeconds(clients),
        met: made.clinic.seconds <= generateTargetSeconds(clients),
        // Two cores shared with other work: the 1-minute load average before and after.
        loadAverage: { before: loadBefore, after: loadAfterGenerating },
      },
      search: {
        encrypted: encryptedTimes,
        plain: plainTimes,
        ratioP50,
        ratioP95,
        targetP95Ms: 10,
        targetRatioP50: 1.3,
        targetRatioP95: 1.5,
        met: encryptedTimes.p95Ms <= 10 && ratioP50 <= 1.3 && ratioP95 <= 1.5,
        cacheMB: VAULT_CACHE_KIB / 1024,
        loadAverage: loadDuringSearch,
      },
      openRecord: { ...openRecord, runs: 20, targetP95Ms: 50, met: openRecord.p95Ms <= 50 },
      unlock: { runsMs: unlock, medianMs: unlockMedian, targetMs: 600, met: unlockMedian <= 600 },
      photoImport: {
        ...asTheAppImports,
        inFlight: PHOTO_IMPORTS_IN_FLIGHT,
        oneAtATime,
        targetPerSecond: 20,
        met: asTheAppImports.photosPerSecond >= 20,
      },
      memory: { ...memory, targetMB: 300, met: memory.rssMB <= 300 },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
