/**
 * What a damaged page belonged to, so the owner (or support) can tell "an old
 * audit index" from "the clients table". Only run once damage is found: it
 * walks every table and index through SQLite's dbstat view, which reads the
 * whole file in one synchronous pass per table.
 *
 * A walk that reaches the damaged page fails (SQLite cannot decrypt it), so the
 * page's owner is either listed by a walk that succeeded (an overflow or leaf
 * the walk did not need to decrypt cannot be, so this is rare) or is one of the
 * tables whose walk failed; a page no walk claims and no walk failed on is free.
 */
import type { Db } from './types';

function btreeNames(db: Db): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE rootpage > 0 ORDER BY name").all() as { name: string }[];
  return ['sqlite_schema', ...rows.map((r) => r.name)];
}

export function pageOwners(db: Db, pages: readonly number[]): Map<number, string | null> {
  const owners = new Map<number, string | null>();
  if (pages.length === 0) return owners;
  const wanted = new Set(pages);
  let names: string[];
  try {
    names = btreeNames(db);
  } catch {
    // The schema itself cannot be read: page 1 or the schema table is the damage.
    for (const p of pages) owners.set(p, p === 1 ? 'sqlite_schema' : null);
    return owners;
  }
  const failed: string[] = [];
  const walk = db.prepare('SELECT pageno FROM dbstat WHERE name = ?').pluck();
  for (const name of names) {
    try {
      for (const pageno of walk.iterate(name) as Iterable<number>) {
        if (wanted.has(pageno)) owners.set(pageno, name);
      }
    } catch {
      failed.push(name);
    }
  }
  const guess = failed.length === 0 ? 'free' : failed.length === 1 ? failed[0]! : null;
  for (const p of pages) if (!owners.has(p)) owners.set(p, guess);
  return owners;
}
