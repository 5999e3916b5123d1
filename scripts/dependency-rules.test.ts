/**
 * The dependency rules (.dependency-cruiser.cjs, docs/core-structure.md) bite:
 * depcruise, run with the repository's own config on a small tree with one
 * violation of each rule beside imports that are allowed, fails on exactly
 * the violations. `npm run lint:deps` runs the same config on the real tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
/** Run with this Node, so the test does not depend on which node a shebang finds. */
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

/** Each file and what it imports (paths relative to the fixture root, as depcruise names them). */
const FIXTURE: Record<string, string[]> = {
  'src-main/contract/api.ts': [],
  'src-main/core/platform/ports.ts': [],
  'src-main/core/db/types.ts': ['../platform/ports'],
  // Allowed: a domain on infrastructure, consent on clients (declared), the root on a domain.
  'src-main/core/clients/client-repo.ts': ['../db/types', '../platform/ports'],
  'src-main/core/consent/ledger.ts': ['../clients/client-repo', '../clients/consent-check'],
  'src-main/core/handlers.ts': ['./consent/ledger', './photos/photo-service'],
  'src-main/core/test-support/temp-vault.ts': ['../clients/client-repo'],
  'src-main/core/treatments/treatments.test.ts': ['../test-support/temp-vault', '../../core/handlers'],
  'src-renderer/src/ClientsPage.tsx': ['../../src-main/contract/api'],
  // Violations, one per rule:
  'src-main/core/db/migration.ts': ['../clients/client-repo'], // infrastructure imports a domain
  'src-main/core/clients/consent-check.ts': ['../consent/ledger'], // clients -> consent is not declared, and closes a cycle
  'src-main/core/photos/photo-service.ts': ['../handler-types'], // a folder imports the core's root
  'src-main/core/handler-types.ts': [],
  'src-main/core/newdomain/thing.ts': ['../platform/ports'], // a folder the config does not declare
  'src-main/core/treatments/treatment-service.ts': ['../test-support/temp-vault'], // product code imports test support
  'src-renderer/src/PhotosPage.tsx': ['../../src-main/core/photos/photo-service'], // the renderer reaches past the contract
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let work: string;
let result: { status: number | null; violations: Violation[] };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dep-rules-'));
  for (const [file, imports] of Object.entries(FIXTURE)) {
    mkdirSync(join(work, dirname(file)), { recursive: true });
    const lines = imports.map((spec, i) => `import * as m${i} from '${spec}';\nexport const use${i} = m${i};`);
    writeFileSync(join(work, file), `${lines.join('\n')}\nexport const here = ${JSON.stringify(file)};\n`);
  }
  const depcruise = (...extra: string[]) =>
    spawnSync(process.execPath, [DEPCRUISE, 'src-main', 'src-renderer', '--config', join(ROOT, '.dependency-cruiser.cjs'), ...extra], { cwd: work, encoding: 'utf8' });
  // As lint:deps runs it (the 'err' report, whose exit code fails CI), then as JSON to see which rules fired.
  const asCi = depcruise();
  const report = JSON.parse(depcruise('--output-type', 'json').stdout) as { summary: { violations: Violation[] } };
  result = { status: asCi.status, violations: report.summary.violations };
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const found = () => result.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('fail the run (a non-zero exit fails CI)', () => {
    expect(result.status).not.toBe(0);
  });

  it('report exactly the violations, and none of the allowed imports', () => {
    expect(found()).toEqual(
      [
        'core-infrastructure-never-imports-a-domain: src-main/core/db/migration.ts -> src-main/core/clients/client-repo.ts',
        'core-clients-imports-only-declared: src-main/core/clients/consent-check.ts -> src-main/core/consent/ledger.ts',
        'core-photos-imports-only-declared: src-main/core/photos/photo-service.ts -> src-main/core/handler-types.ts',
        'core-root-is-imported-only-by-the-root: src-main/core/photos/photo-service.ts -> src-main/core/handler-types.ts',
        'core-folder-is-declared: src-main/core/newdomain/thing.ts -> src-main/core/platform/ports.ts',
        'core-treatments-imports-only-declared: src-main/core/treatments/treatment-service.ts -> src-main/core/test-support/temp-vault.ts',
        'product-code-never-imports-test-support: src-main/core/treatments/treatment-service.ts -> src-main/core/test-support/temp-vault.ts',
        'renderer-imports-only-the-contract: src-renderer/src/PhotosPage.tsx -> src-main/core/photos/photo-service.ts',
        // consent-check -> ledger -> consent-check: reported once, at the import that closes it.
        'no-circular: src-main/core/clients/consent-check.ts -> src-main/core/consent/ledger.ts',
      ].sort(),
    );
  });
});
