/**
 * `npm run schema:fixture`: writes the schema fingerprint of each migration
 * that has none yet (src-main/core/db/schema-fixtures/NNNN.sql), so a new
 * migration's fixture is committed with it. It never overwrites a fixture:
 * an existing one records what a landed migration did, and a migration that no
 * longer matches it must be put back, with the change made as a new migration.
 *
 *   npm run schema:fixture            write fixtures for migrations that have none
 *   npm run schema:fixture -- 6       write only migration 0006's (refused if it exists)
 */
import { relative } from 'node:path';
import { MIGRATIONS } from '../src-main/core/db/migrations';
import { fixturePath, writeMissingFixtures } from '../src-main/core/test-support/schema-fingerprint';

function main(argv: string[]): number {
  const version = argv[0] === undefined ? undefined : Number(argv[0]);
  const result = writeMissingFixtures(version === undefined ? {} : { version });
  const where = (v: number) => relative(process.cwd(), fixturePath(v));
  switch (result.outcome) {
    case 'written':
      for (const v of result.versions) process.stdout.write(`Wrote ${where(v)} (migration ${v}). Commit it with the migration.\n`);
      return 0;
    case 'nothing-to-write':
      process.stdout.write(`Every migration (1 to ${MIGRATIONS.length}) has its fixture; nothing written.\n`);
      return 0;
    case 'exists':
      process.stderr.write(
        `schema:fixture: ${where(result.version)} already exists and is never overwritten. ` +
          'If the fingerprint test fails, a landed migration was edited: undo that edit and make the change in a new migration.\n',
      );
      return 1;
    case 'no-such-migration':
      process.stderr.write(`schema:fixture: there is no migration ${argv[0]}; migrations run from 1 to ${MIGRATIONS.length}.\n`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
