/**
 * SCAFFOLD (issue #3, being built): staged uploads stream bytes from the UI or
 * CLI straight into the encrypted file store, to be claimed by the call that
 * uses them (photos.import, a treatment's consent form).
 */
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { UploadReceipt } from '../../shared/record-types';
import type { SignedInContext } from '../handler-types';

export async function stageUpload(
  _ctx: SignedInContext,
  _source: Readable | Buffer | Uint8Array,
  _meta: { fileName: string },
): Promise<UploadReceipt> {
  throw new AppError('INTERNAL', 'Not built yet.');
}
