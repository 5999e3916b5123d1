/**
 * `npm run bench`: the speed targets of every issue, measured on a seeded
 * synthetic clinic on this machine, written as JSON (stdout and
 * bench-results/latest.json, and latest-<clients>.json per size). Targets are checked here, not in timed unit tests.
 *
 *   --quick        smaller sizes, for a smoke run
 *   --clients N    the size of the clinic for the size-dependent figures
 *                  (records: generation, search encrypted and plain, record
 *                  open, unlock, memory; consent: current state, marketing
 *                  list, history). Default 50,000 (5,000 with --quick); the
 *                  other benchmarks keep their own fixed sizes.
 *
 *   npm run bench                              ~3 minutes
 *   npm run bench -- --clients 200000          issue #9's size, ~10-15 minutes
 *
 * Each run generates its clinics afresh (nothing is cached between runs), and
 * records the machine's load average, since timings on a shared machine move
 * with it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAnchor } from './anchor';
import { benchAccessPack } from './access-pack';
import { benchAuditNames } from './audit-names';
import { benchAuditScale } from './audit-scale';
import { benchBackup } from './backup';
import { benchClinicalAlerts } from './clinical-alerts';
import { benchClinicalSealing } from './clinical-sealing';
import { benchConsent } from './consent';
import { benchConsentRepair } from './consent-repair';
import { benchConsentRules } from './consent-rules';
import { benchDeadlines } from './deadlines';
import { benchDuplicates } from './duplicates';
import { benchEndorsements } from './endorsements';
import { benchConsentScale } from './consent-scale';
import { benchFoundation } from './foundation';
import { benchForgivingSearch } from './forgiving-search';
import { benchKeys } from './keys';
import { benchPdf } from './pdf';
import { benchPhones } from './phones';
import { benchHygiene } from './hygiene';
import { benchIntegrity } from './integrity';
import { benchRecords } from './records';
import { benchRequests } from './requests';
import { benchWorker } from './worker';
import { benchErasure } from './erasure';
import { benchRetentionQueue } from './retention-queue';
import { benchRetentionActions } from './retention-actions';

/** --clients N: a whole number from 100 to 1,000,000 (commas and underscores allowed). */
function clinicSize(arg: string | undefined, quick: boolean): number {
  if (arg === undefined) return quick ? 5_000 : 50_000;
  const n = Number(arg.replace(/[,_]/g, ''));
  if (!Number.isInteger(n) || n < 100 || n > 1_000_000) throw new Error(`--clients wants a whole number from 100 to 1000000, not "${arg}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, clients: { type: 'string' } } });
  const clients = clinicSize(values.clients, values.quick);
  const started = Date.now();
  const loadAtStart = loadavg().map((l) => Math.round(l * 10) / 10);
  const foundation = await benchFoundation({ quick: values.quick });
  const records = await benchRecords({ quick: values.quick, clients });
  const forgivingSearch = await benchForgivingSearch({ quick: values.quick, clients });
  const consent = await benchConsent({ quick: values.quick, clients });
  const consentRepair = await benchConsentRepair({ quick: values.quick });
  const consentScale = await benchConsentScale({ quick: values.quick, clients });
  const consentRules = await benchConsentRules({ quick: values.quick, clients });
  const phones = await benchPhones({ quick: values.quick, clients });
  const keys = await benchKeys({ quick: values.quick });
  const endorsements = await benchEndorsements({ quick: values.quick });
  const hygiene = await benchHygiene({ quick: values.quick });
  const anchor = await benchAnchor({ quick: values.quick });
  const clinicalSealing = await benchClinicalSealing({ quick: values.quick });
  const integrity = await benchIntegrity({ quick: values.quick });
  const worker = await benchWorker({ quick: values.quick });
  const auditScale = await benchAuditScale({ quick: values.quick });
  const duplicates = await benchDuplicates({ quick: values.quick, clients });
  const report = {
    machine: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cores: cpus().length,
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => Math.round(l * 10) / 10) },
    },
    quick: values.quick,
    clients,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    foundation,
    records,
    forgivingSearch,
    consent,
    consentRepair,
    consentScale,
    consentRules,
    phones,
    keys,
    endorsements,
    hygiene,
    anchor,
    clinicalSealing,
    integrity,
    worker,
    auditScale,
    auditNames: await benchAuditNames({ quick: values.quick }),
    clinicalAlerts: await benchClinicalAlerts({ quick: values.quick }),
    duplicates,
    requests: await benchRequests({ quick: values.quick }),
    backup: await benchBackup({ quick: values.quick }),
    deadlines: await benchDeadlines({ quick: values.quick }),
    accessPack: await benchAccessPack({ quick: values.quick }),
    pdf: await benchPdf({ quick: values.quick }),
    erasure: await benchErasure({ quick: values.quick }),
    retentionQueue: await benchRetentionQueue({ quick: values.quick }),
    retentionActions: await benchRetentionActions({ quick: values.quick }),
  };
  const json = JSON.stringify(report, null, 2);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', 'latest.json'), json);
  // Each size's last run kept beside it, so the two sizes' tables can be read side by side.
  writeFileSync(join('bench-results', `latest-${values.quick ? 'quick-' : ''}${clients}.json`), json);
  process.stdout.write(`${json}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
