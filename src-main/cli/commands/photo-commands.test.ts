/** `clinic-vault photos add` as a script would run it: a real process, one line per file, exit 1 on any refusal. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { insertClient } from '../../core/test-support/photo-test-support';
import { makeJpeg, makePng } from '../../core/test-support/test-images';

const ROOT = join(__dirname, '..', '..', '..');
let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let clientId: string;

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  // Set up in-process (cheap KDF, as the test entry src-main/test-support/cli-entry.ts uses), with a client to photograph.
  const api = openTestCore(vault, new FakeClock());
  await api.call('vault.setup', SETUP_INPUT);
  clientId = insertClient(api.core.requireSession().vault.db);
  api.close();
  writeFileSync(join(tmp.dir, 'IMG_0001.JPG'), await makeJpeg({ width: 300, height: 200 }));
  writeFileSync(join(tmp.dir, 'scan.png'), await makePng({ width: 50, height: 40 }));
  writeFileSync(
    join(tmp.dir, 'setup.jpg'),
    Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2048)]),
  );
});
afterAll(() => tmp.cleanup());

describe('clinic-vault photos add', () => {
  it('imports each file, refuses what is not a photo, and exits 1 if anything was refused', async () => {
    const args = [
      'photos',
      'add',
      '--client',
      clientId,
      '--area',
      'Forehead',
      '--stage',
      'before',
      '--taken-on',
      '20/11/2026',
      '--scope',
      'clinical-record,training',
    ];
    const files = ['IMG_0001.JPG', 'setup.jpg', 'scan.png', 'missing.jpg'].map((f) => join(tmp.dir, f));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src-main/test-support/cli-entry.ts',
        ...args,
        ...files,
        '--user',
        OWNER.username,
        '--vault',
        vault,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, CLINIC_VAULT_PASSWORD: OWNER.password },
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^imported {2}IMG_0001\.JPG {2}ph_[0-9a-f]+ {2}300×200$/),
      'refused   setup.jpg  That file is not a photo Clinic Vault can read. Use a JPEG, PNG, HEIC or WebP image.',
      expect.stringMatching(/^imported {2}scan\.png {2}ph_[0-9a-f]+ {2}50×40$/),
      'refused   missing.jpg  There is no such file.',
    ]);

    const api = openTestCore(vault, new FakeClock());
    await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const photos = await api.call('photos.list', { clientId });
    expect(photos.map((p) => [p.mediaType, p.area, p.stage, p.takenOn, p.consentScopes])).toEqual([
      ['image/jpeg', 'Forehead', 'before', '2026-11-20', ['clinical-record', 'training']],
      ['image/png', 'Forehead', 'before', '2026-11-20', ['clinical-record', 'training']],
    ]);
    const db = api.core.requireSession().vault.db;
    expect(db.prepare('SELECT count(*) AS n FROM staged_uploads').get()).toEqual({ n: 0 });
    api.close();
  });
});
