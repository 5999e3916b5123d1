import type { Migration } from '../migration-types';

/**
 * Print-size copies of photos (issue #12, the access pack's speed; docs/access-pack.md).
 *
 * A subject-access pack draws every photo at most 481 x 360 pt, for which a
 * 1000 px JPEG (150 dpi) is plenty, but the vault kept only the camera original
 * (often 4 MB) and a 320 px thumbnail: a 100-photo pack spent five seconds
 * decoding originals. Each photo now gets a print copy, made at import from the
 * same decode as its thumbnail, or later by a background job for photos already
 * held (photos/print-copy-job.ts). The copy is an ordinary encrypted vault file
 * with a clinical key, like the thumbnail.
 *
 * A table of its own rather than a column on photos: a photo without a copy
 * (held from before this build, or not yet reached by the job) is simply a
 * photo with no row here, and the row goes with its photo (ON DELETE CASCADE).
 * The file itself is destroyed with the photo's other files
 * (destruction/client-scope.ts clinicalFileIds).
 */
export const migration0023: Migration = {
  version: 23,
  name: 'photo-print-copies',
  up(db) {
    db.exec(`
      CREATE TABLE photo_print_copies (
        photo_id   TEXT PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
        file_id    TEXT NOT NULL UNIQUE REFERENCES files (id),
        width      INTEGER NOT NULL,
        height     INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
