/**
 * Migrations are immutable once landed (CONTRIBUTING.md): the schema after each
 * one must match the fixture committed when it landed
 * (src-main/core/db/schema-fixtures/NNNN.sql). Editing an applied migration
 * fails here, as editing 0004 would have. A new migration needs its fixture:
 * `npm run schema:fixture` writes it (and never overwrites one).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migration0004Original } from '../test-support/migration-0004-original';
import {
  SCHEMA_FIXTURES_DIR,
  fixtureFileName,
  fixtureText,
  readFixture,
  schemaAfterEachMigration,
  writeMissingFixtures,
} from '../test-support/schema-fingerprint';
import { makeTempDir } from '../test-support/temp-vault';
import type { Migration } from './migration-types';
import { MIGRATIONS } from './migrations';

const schemas = schemaAfterEachMigration(MIGRATIONS);

describe('schema fingerprints', () => {
  it.each(MIGRATIONS.map((m) => [fixtureFileName(m.version), m] as const))('%s matches the schema its migration makes', (_file, m) => {
    const fixture = readFixture(m.version);
    expect(fixture, `No fixture for migration ${m.version} (${m.name}): run \`npm run schema:fixture\` and commit the file.`).not.toBeNull();
    expect(fixtureText(m, schemas[m.version - 1]!), `Migration ${m.version} (${m.name}) no longer makes the schema it made when it landed. Undo the edit; make the change as a new migration.`).toBe(fixture);
  });

  it('has no fixture without a migration', () => {
    const files = readdirSync(SCHEMA_FIXTURES_DIR).filter((f) => f.endsWith('.sql')).sort();
    expect(files).toEqual(MIGRATIONS.map((m) => fixtureFileName(m.version)));
  });

  it('catches the edit that broke vaults: 0004 as it first landed does not match its fixture', () => {
    const original = [...MIGRATIONS.slice(0, 3), migration0004Original];
    const after = schemaAfterEachMigration(original);
    expect(after.slice(0, 3)).toEqual(schemas.slice(0, 3));
    expect(fixtureText(original[3]!, after[3]!)).not.toBe(readFixture(4));
  });

  it('ignores indentation and spacing, not content', () => {
    const base = MIGRATIONS.slice(0, 1);
    const reindented: Migration = { ...MIGRATIONS[1]!, up: (db) => db.exec('CREATE   TABLE   t_extra (\n      a    TEXT\n  ) STRICT;') };
    const compact: Migration = { ...MIGRATIONS[1]!, up: (db) => db.exec('CREATE TABLE t_extra (\na TEXT\n) STRICT;') };
    const different: Migration = { ...MIGRATIONS[1]!, up: (db) => db.exec('CREATE TABLE t_extra (\na INTEGER\n) STRICT;') };
    const [, one] = schemaAfterEachMigration([...base, reindented]);
    const [, two] = schemaAfterEachMigration([...base, compact]);
    const [, three] = schemaAfterEachMigration([...base, different]);
    expect(one).toBe(two);
    expect(three).not.toBe(one);
  });
});

describe('writeMissingFixtures (npm run schema:fixture)', () => {
  const extra: Migration = { version: MIGRATIONS.length + 1, name: 'new-thing', up: (db) => db.exec('CREATE TABLE new_thing (id TEXT PRIMARY KEY) STRICT;') };
  const withExtra = [...MIGRATIONS, extra];

  function copyOfFixtures(): { dir: string; cleanup(): void } {
    const tmp = makeTempDir('cv-fixtures-');
    for (const m of MIGRATIONS) {
      const text = readFileSync(join(SCHEMA_FIXTURES_DIR, fixtureFileName(m.version)), 'utf8');
      writeFileSync(join(tmp.dir, fixtureFileName(m.version)), text);
    }
    return tmp;
  }

  it('writes the fixture of a new migration only', () => {
    const tmp = copyOfFixtures();
    try {
      expect(writeMissingFixtures({ migrations: withExtra, dir: tmp.dir })).toEqual({ outcome: 'written', versions: [extra.version] });
      const written = readFixture(extra.version, tmp.dir)!;
      expect(written).toContain('CREATE TABLE new_thing (id TEXT PRIMARY KEY) STRICT;');
      expect(written).toBe(fixtureText(extra, schemaAfterEachMigration(withExtra)[extra.version - 1]!));
      expect(writeMissingFixtures({ migrations: withExtra, dir: tmp.dir })).toEqual({ outcome: 'nothing-to-write' });
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses to overwrite an existing fixture, leaving it as it was', () => {
    const tmp = copyOfFixtures();
    try {
      const before = readFixture(4, tmp.dir);
      const edited = [...MIGRATIONS.slice(0, 3), migration0004Original, ...MIGRATIONS.slice(4)];
      expect(writeMissingFixtures({ migrations: edited, dir: tmp.dir, version: 4 })).toEqual({ outcome: 'exists', version: 4 });
      expect(writeMissingFixtures({ migrations: edited, dir: tmp.dir })).toEqual({ outcome: 'nothing-to-write' });
      expect(readFixture(4, tmp.dir)).toBe(before);
      expect(writeMissingFixtures({ dir: tmp.dir, version: 99 })).toEqual({ outcome: 'no-such-migration', version: 99 });
    } finally {
      tmp.cleanup();
    }
  });
});
