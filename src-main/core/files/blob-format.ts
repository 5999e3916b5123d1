/**
 * The on-disk framing of an encrypted blob (pure crypto, no I/O).
 *
 *   header  = "CVB1" | version u8 | 3 reserved zero bytes | chunk size u32 BE   (12 bytes)
 *   records = chunk 0 | chunk 1 | ... | chunk n-1          each = ciphertext | 16-byte GCM tag
 *
 * AES-256-GCM in the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015):
 * every chunk has its own nonce (8-byte random prefix | u32 BE counter) and its
 * associated data binds the header, the file id, the chunk index and whether the
 * chunk is the last. So reordering or dropping chunks, cutting the blob at a chunk
 * boundary, editing the header, or swapping blobs between two rows all fail a tag.
 * Chunking is what lets a 200 MB file be streamed with bounded memory while each
 * piece of plaintext is released only after its own tag verified.
 *
 * Every plaintext chunk except the last is exactly `chunkSize` bytes; the last is
 * 0..chunkSize bytes and is empty only for an empty file. So the record layout
 * follows from the blob length alone, and the reader knows which record must
 * carry the final flag without trusting anything inside the blob.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

export const BLOB_MAGIC = Buffer.from('CVB1', 'ascii');
export const BLOB_VERSION = 1;
export const HEADER_LENGTH = 12;
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
export const TAG_LENGTH = 16;
export const KEY_LENGTH = 32;
export const NONCE_PREFIX_LENGTH = 8;
/** The counter is 4 bytes, so a blob holds at most 2^32 chunks (4 PiB at 1 MiB). */
export const MAX_CHUNKS = 2 ** 32;
/** Bounds a header's chunk size so a damaged header cannot make the reader allocate gigabytes. */
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const ALGORITHM = 'aes-256-gcm';

/** The blob is not what this file's row says it should be. Callers report it as FILE_DAMAGED. */
export class BlobIntegrityError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BlobIntegrityError';
  }
}

export interface FileSecrets {
  /** Bound into every chunk's associated data, so a blob only opens under its own row. */
  fileId: string;
  key: Buffer;
  noncePrefix: Buffer;
}

export function encodeHeader(chunkSize: number): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  BLOB_MAGIC.copy(header, 0);
  header.writeUInt8(BLOB_VERSION, 4);
  header.writeUInt32BE(chunkSize, 8);
  return header;
}

/** Returns the chunk size from a header, or throws BlobIntegrityError. */
export function parseHeader(header: Buffer): number {
  if (header.length !== HEADER_LENGTH || !header.subarray(0, 4).equals(BLOB_MAGIC)) {
    throw new BlobIntegrityError('not a Clinic Vault blob');
  }
  if (header.readUInt8(4) !== BLOB_VERSION) throw new BlobIntegrityError('unknown blob format version');
  if (header.readUIntBE(5, 3) !== 0) throw new BlobIntegrityError('reserved header bytes are not zero');
  const chunkSize = header.readUInt32BE(8);
  if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw new BlobIntegrityError('implausible chunk size');
  return chunkSize;
}

export interface RecordLayout {
  chunkSize: number;
  count: number;
  /** Byte length (ciphertext + tag) of the last record; every other record is chunkSize + TAG_LENGTH. */
  lastRecordLength: number;
}

/** Works out where the records are from the blob's length, or throws if no valid blob has that length. */
export function recordLayout(blobLength: number, chunkSize: number): RecordLayout {
  const body = blobLength - HEADER_LENGTH;
  const full = chunkSize + TAG_LENGTH;
  if (body < TAG_LENGTH) throw new BlobIntegrityError('blob is truncated');
  const count = Math.ceil(body / full);
  const lastRecordLength = body - (count - 1) * full;
  if (lastRecordLength < TAG_LENGTH) throw new BlobIntegrityError('blob ends inside a chunk tag');
  if (count > MAX_CHUNKS) throw new BlobIntegrityError('blob has too many chunks');
  return { chunkSize, count, lastRecordLength };
}

/** The plaintext size a blob of this layout decrypts to. */
export function plaintextSize(layout: RecordLayout): number {
  return (layout.count - 1) * layout.chunkSize + layout.lastRecordLength - TAG_LENGTH;
}

/** Shared nonce/AAD bookkeeping; both buffers are reused, which is safe because
 * createCipheriv copies the IV and setAAD consumes the AAD before returning. */
class ChunkContext {
  protected readonly nonce: Buffer;
  private readonly aad: Buffer;
  private readonly indexOffset: number;

  constructor(
    protected readonly secrets: FileSecrets,
    header: Buffer,
  ) {
    if (secrets.key.length !== KEY_LENGTH) throw new Error('file key must be 32 bytes');
    if (secrets.noncePrefix.length !== NONCE_PREFIX_LENGTH) throw new Error('nonce prefix must be 8 bytes');
    const id = Buffer.from(secrets.fileId, 'utf8');
    if (id.length > 255) throw new Error('file id is too long');
    this.nonce = Buffer.alloc(NONCE_PREFIX_LENGTH + 4);
    secrets.noncePrefix.copy(this.nonce, 0);
    // header | id length u8 | id | chunk index u32 BE | final flag u8: the length
    // prefix keeps the encoding unambiguous for ids of any length.
    this.aad = Buffer.alloc(HEADER_LENGTH + 1 + id.length + 5);
    header.copy(this.aad, 0);
    this.aad.writeUInt8(id.length, HEADER_LENGTH);
    id.copy(this.aad, HEADER_LENGTH + 1);
    this.indexOffset = HEADER_LENGTH + 1 + id.length;
  }

  protected prepare(index: number, final: boolean): Buffer {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_CHUNKS)
      throw new Error('chunk index out of range');
    this.nonce.writeUInt32BE(index, NONCE_PREFIX_LENGTH);
    this.aad.writeUInt32BE(index, this.indexOffset);
    this.aad.writeUInt8(final ? 1 : 0, this.indexOffset + 4);
    return this.aad;
  }
}

/** Encrypts one file's chunks in order. Refuses anything after the final chunk. */
export class ChunkEncryptor extends ChunkContext {
  readonly header: Buffer;
  private next = 0;
  private finished = false;

  constructor(secrets: FileSecrets, chunkSize = DEFAULT_CHUNK_SIZE) {
    const header = encodeHeader(chunkSize);
    super(secrets, header);
    this.header = header;
  }

  /** Returns [ciphertext, tag]; kept apart so the caller can hand both to writev without a copy. */
  encrypt(plaintext: Buffer, final: boolean): [Buffer, Buffer] {
    if (this.finished) throw new Error('the final chunk was already written');
    const aad = this.prepare(this.next, final);
    const cipher = createCipheriv(ALGORITHM, this.secrets.key, this.nonce, { authTagLength: TAG_LENGTH });
    cipher.setAAD(aad);
    const ciphertext = cipher.update(plaintext);
    cipher.final(); // GCM is a stream mode: final() emits nothing but completes the tag
    this.next += 1;
    this.finished = final;
    return [ciphertext, cipher.getAuthTag()];
  }
}

/** Decrypts and authenticates individual records of one blob. */
export class ChunkDecryptor extends ChunkContext {
  constructor(secrets: FileSecrets, header: Buffer) {
    super(secrets, header);
  }

  /** Returns the chunk's plaintext only once its tag has verified; throws BlobIntegrityError otherwise. */
  decrypt(record: Buffer, index: number, final: boolean): Buffer {
    if (record.length < TAG_LENGTH) throw new BlobIntegrityError('chunk is shorter than its tag');
    const split = record.length - TAG_LENGTH;
    const aad = this.prepare(index, final);
    const decipher = createDecipheriv(ALGORITHM, this.secrets.key, this.nonce, { authTagLength: TAG_LENGTH });
    decipher.setAAD(aad);
    decipher.setAuthTag(record.subarray(split));
    const plaintext = decipher.update(record.subarray(0, split));
    try {
      decipher.final();
    } catch (err) {
      // Unverified plaintext is dropped here and never reaches the caller.
      throw new BlobIntegrityError(`chunk ${index} failed its integrity check`, { cause: err });
    }
    return plaintext;
  }
}
