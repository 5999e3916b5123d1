/**
 * The schema each migration leaves, as comparable text: every sqlite_master
 * row (tables, indexes, triggers, views), sorted, with whitespace normalised,
 * so a re-indented migration file still matches but any change to what it
 * creates does not. The fingerprint test (src-main/core/db/schema-fingerprints.test.ts)
 * compares them with the committed fixtures in src-main/core/db/schema-fixtures/;
 * scripts/schema-fixture.ts writes the fixture of a new migration.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../db/migrate';
import type { Migration } from '../db/migration-types';
import { MIGRATIONS } from '../db/migrations';
import type { Db } from '../db/types';

export const SCHEMA_FIXTURES_DIR = fileURLToPath(new URL('../db/schema-fixtures/', import.meta.url));

export const fixtureFileName = (version: number) => `${String(version).padStart(4, '0')}.sql`;
export const fixturePath = (version: number, dir = SCHEMA_FIXTURES_DIR) => join(dir, fixtureFileName(version));

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Each line trimmed and its runs of spaces collapsed, blank lines dropped: indentation and spacing never count. */
const normaliseSql = (sql: string) =>
  sql
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');

/** One line per object, sorted by type then name: `-- <type> <name> on <table>` then its SQL. */
export function normalisedSchema(db: Db): string {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as MasterRow[];
  rows.sort((a, b) => (a.type === b.type ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.type < b.type ? -1 : 1));
  const lines = rows.map((r) => `-- ${r.type} ${r.name} on ${r.tbl_name}\n${r.sql === null ? '-- (made by SQLite)' : `${normaliseSql(r.sql)};`}`);
  return `${lines.join('\n')}\n`;
}

/** Migrates a fresh in-memory database one version at a time; element i is the schema after version i + 1. */
export function schemaAfterEachMigration(migrations: readonly Migration[] = MIGRATIONS): string[] {
  // The schema does not depend on encryption, so a plain in-memory database stands in for a vault's.
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    return migrations.map((m) => {
      migrate(db, migrations, m.version);
      return normalisedSchema(db);
    });
  } finally {
    db.close();
  }
}

/** The committed fixture for a version, or null if none exists yet. */
export function readFixture(version: number, dir = SCHEMA_FIXTURES_DIR): string | null {
  const path = fixturePath(version, dir);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

export function fixtureHeader(migration: Migration): string {
  return `-- Schema after migration ${fixtureFileName(migration.version).slice(0, 4)} (${migration.name}), written by \`npm run schema:fixture\`.\n-- Never edit: a migration that no longer produces this was edited after landing (CONTRIBUTING.md).\n`;
}

/** What a fixture file holds: the header, then the normalised schema. */
export function fixtureText(migration: Migration, schema: string): string {
  return fixtureHeader(migration) + schema;
}

export type FixtureWriteResult =
  | { outcome: 'written'; versions: number[] }
  | { outcome: 'nothing-to-write' }
  | { outcome: 'exists'; version: number }
  | { outcome: 'no-such-migration'; version: number };

/**
 * Writes the fixture of each migration that has none (or only of `version`),
 * never replacing one that exists: a committed fixture records what a landed
 * migration did.
 */
export function writeMissingFixtures(opts: { migrations?: readonly Migration[]; dir?: string; version?: number } = {}): FixtureWriteResult {
  const migrations = opts.migrations ?? MIGRATIONS;
  const dir = opts.dir ?? SCHEMA_FIXTURES_DIR;
  const { version } = opts;
  if (version !== undefined) {
    if (!migrations.some((m) => m.version === version)) return { outcome: 'no-such-migration', version };
    if (readFixture(version, dir) !== null) return { outcome: 'exists', version };
  }
  const wanted = migrations.filter((m) => (version === undefined ? readFixture(m.version, dir) === null : m.version === version));
  if (wanted.length === 0) return { outcome: 'nothing-to-write' };
  const schemas = schemaAfterEachMigration(migrations);
  for (const m of wanted) {
    // 'wx': fails rather than replace a file that appeared since the check.
    writeFileSync(fixturePath(m.version, dir), fixtureText(m, schemas[m.version - 1]!), { flag: 'wx' });
  }
  return { outcome: 'written', versions: wanted.map((m) => m.version) };
}
