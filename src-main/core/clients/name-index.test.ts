/**
 * The name vocabulary keeps only words some client has now: a renamed or
 * removed client's old surname must not stay stored in it (docs/forgiving-search.md).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { indexNameWords, spellingsNear, unindexNameWords } from './name-index';

const stored = (db: Db) => ({
  words: db.prepare('SELECT word, uses FROM name_words ORDER BY word').all(),
  keyedWords: (db.prepare('SELECT DISTINCT word FROM name_word_keys ORDER BY word').all() as { word: string }[]).map((r) => r.word),
});

function freshDb(): Db {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

describe('the name vocabulary', () => {
  it('drops a renamed client’s old word and its keys, and learns the new one', () => {
    const db = freshDb();
    indexNameWords(db, 1, ['persephone', 'quimby']);
    expect(spellingsNear(db, 'quimbi')).toEqual(['quimby']);
    indexNameWords(db, 1, ['persephone', 'quincey']);
    expect(stored(db)).toEqual({
      words: [
        { word: 'persephone', uses: 1 },
        { word: 'quincey', uses: 1 },
      ],
      keyedWords: ['persephone', 'quincey'],
    });
    expect(spellingsNear(db, 'quimbi')).toEqual([]);
  });

  it('keeps a word while any client has it, and forgets it with the last', () => {
    const db = freshDb();
    indexNameWords(db, 1, ['tamsin', 'pengelly']);
    indexNameWords(db, 2, ['morwenna', 'pengelly']);
    unindexNameWords(db, 1);
    expect(stored(db).words).toEqual([
      { word: 'morwenna', uses: 1 },
      { word: 'pengelly', uses: 1 },
    ]);
    unindexNameWords(db, 2);
    expect(stored(db)).toEqual({ words: [], keyedWords: [] });
  });

  it('leaves out words under four letters: no typed word of five letters is one edit from them', () => {
    const db = freshDb();
    indexNameWords(db, 1, ['o', 'jo', 'ann', 'anna']);
    expect(stored(db).words).toEqual([{ word: 'anna', uses: 1 }]);
    expect(spellingsNear(db, 'annab')).toEqual(['anna']);
    expect(spellingsNear(db, 'anne')).toEqual([]); // four letters typed: no typo matches at all
  });
});
