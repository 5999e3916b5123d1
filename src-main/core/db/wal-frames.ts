/**
 * Checks the write-ahead log (vault.db-wal) before it is merged into vault.db.
 *
 * SQLite, when it next opens a WAL, keeps frames only up to the first one whose
 * running checksum fails and silently drops that one and everything after it;
 * a merge in a running process copies a frame's bytes without re-checking them.
 * Either way a flipped byte in the WAL would go unnoticed, so verify reads every
 * frame of the current log (those carrying the header's salts) and checks the
 * running checksum and the page's SQLCipher HMAC (src-main/core/db/sqlcipher-pages.ts).
 *
 * Layout (SQLite file format, "WAL file format"): a 32-byte header (magic,
 * version, page size, checkpoint sequence, salt-1, salt-2, checksum), then
 * frames of a 24-byte header (page number, commit size, salt-1, salt-2,
 * checksum) and one page.
 */
import { PAGE_SIZE, type PageKeys, verifyPage } from './sqlcipher-pages';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const FRAME_SIZE = FRAME_HEADER + PAGE_SIZE;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;

export interface WalFrameProblem {
  frame: number;
  page: number;
  problem: 'checksum' | 'hmac';
}

export interface WalCheck {
  framesChecked: number;
  damaged: WalFrameProblem[];
}

/** SQLite's WAL checksum: pairs of 32-bit words, in the byte order the magic number names. */
function walChecksum(data: Buffer, bigEndian: boolean, s: [number, number]): [number, number] {
  let [s0, s1] = s;
  for (let i = 0; i < data.length; i += 8) {
    const a = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const b = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + a + s1) >>> 0;
    s1 = (s1 + b + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * Checks a WAL file's bytes. An empty or missing log, or one with a header
 * SQLite would ignore, has nothing to check. Stops at the first frame whose
 * running checksum fails (nothing after it would be kept by SQLite either).
 */
export function checkWal(wal: Buffer, keys: PageKeys): WalCheck {
  const result: WalCheck = { framesChecked: 0, damaged: [] };
  if (wal.length < WAL_HEADER) return result;
  const magic = wal.readUInt32BE(0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return result;
  const bigEndian = magic === MAGIC_BE;
  if (wal.readUInt32BE(8) !== PAGE_SIZE) return result;
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let sum = walChecksum(wal.subarray(0, 24), bigEndian, [0, 0]);
  if (sum[0] !== wal.readUInt32BE(24) || sum[1] !== wal.readUInt32BE(28)) return result;

  const frames = Math.floor((wal.length - WAL_HEADER) / FRAME_SIZE);
  for (let i = 0; i < frames; i++) {
    const at = WAL_HEADER + i * FRAME_SIZE;
    const header = wal.subarray(at, at + FRAME_HEADER);
    // Frames with other salts are left over from an earlier log: SQLite never reads them.
    if (header.readUInt32BE(8) !== salt1 || header.readUInt32BE(12) !== salt2) break;
    const page = wal.subarray(at + FRAME_HEADER, at + FRAME_SIZE);
    const pgno = header.readUInt32BE(0);
    result.framesChecked++;
    sum = walChecksum(page, bigEndian, walChecksum(header.subarray(0, 8), bigEndian, sum));
    if (sum[0] !== header.readUInt32BE(16) || sum[1] !== header.readUInt32BE(20)) {
      result.damaged.push({ frame: i + 1, page: pgno, problem: 'checksum' });
      break;
    }
    if (pgno < 1 || !verifyPage(keys, page, pgno)) result.damaged.push({ frame: i + 1, page: pgno, problem: 'hmac' });
  }
  return result;
}
