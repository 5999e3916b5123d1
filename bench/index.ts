/**
 * `npm run bench`: the speed targets of every issue, measured on a seeded
 * synthetic clinic on this machine, written as JSON (stdout and
 * bench-results/latest.json). Targets are checked here, not in timed unit tests.
 *
 *   --quick   smaller sizes, for a smoke run
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAnchor } from './anchor';
import { benchAuditScale } from './audit-scale';
import { benchClinicalSealing } from './clinical-sealing';
import { benchConsent } from './consent';
import { benchConsentRepair } from './consent-repair';
import { benchFoundation } from './foundation';
import { benchKeys } from './keys';
import { benchHygiene } from './hygiene';
import { benchRecords } from './records';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const started = Date.now();
  const foundation = await benchFoundation({ quick: values.quick });
  const records = await benchRecords({ quick: values.quick });
  const consent = await benchConsent({ quick: values.quick });
  const consentRepair = await benchConsentRepair({ quick: values.quick });
  const keys = await benchKeys({ quick: values.quick });
  const hygiene = await benchHygiene({ quick: values.quick });
  const anchor = await benchAnchor({ quick: values.quick });
  const clinicalSealing = await benchClinicalSealing({ quick: values.quick });
  const auditScale = await benchAuditScale({ quick: values.quick });
  const report = {
    machine: { node: process.version, platform: `${process.platform}-${process.arch}` },
    quick: values.quick,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    foundation,
    records,
    consent,
    consentRepair,
    keys,
    hygiene,
    anchor,
    clinicalSealing,
    auditScale,
  };
  const json = JSON.stringify(report, null, 2);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', 'latest.json'), json);
  process.stdout.write(`${json}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
