/**
 * Exports a reviewed subject-access pack (UK GDPR Art 15): the response PDF and
 * the ZIP (data.json, response.pdf, files/…), both written under temporary
 * names in the destination folder and renamed into place only when both are
 * whole, so a cancel, an error or a full disk leaves nothing behind (the
 * temporary files are removed). Memory stays flat: photos stream from the
 * file store into the ZIP, and the PDF holds one scaled photo at a time.
 *
 * Refused, before anything is written, when the requester's identity (or a
 * third party's authority) is not recorded, when the client's processing is
 * restricted (Art 18) without the owner's override and reason, or when health
 * data would be disclosed without a DPA 2018 Sch 3 check. Every export is
 * recorded on the request and in the audit log with the SHA-256 of each file.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  type AccessPackExportResult,
  type AccessPackPdf,
  type ExportInput,
  type HealthCheck,
  type PdfExportInput,
  exportInputSchema,
  pdfExportInputSchema,
} from '../../contract/access-pack-schemas';
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import { toFsAppError } from '../platform/fs-errors';
import type { ServiceContext } from '../service/service-context';
import { fsyncDirectory } from '../platform/atomic-file';
import { type GatheredPack, gatherPack, requestClientId } from './gather';
import { healthCheckDetail, requireHealthCheck } from './health-check';
import { drawPackPdf } from './pack-pdf';
import { writePackZip } from './pack-zip';
import { generatePassphrase } from './passphrase';
import type { AccessPackPorts, PackRequest } from './ports';
import { RedactionStore } from './redaction-store';
import { releaseBuffer } from '../platform/release-buffer';
import { disclosesHealthData, isWithheld, redactionMap, withoutWithheld } from './withhold';

export interface ExportDeps {
  /** Opens a file for writing; tests pass one that fails part-way (a full disk). */
  openOutput?(path: string): Writable;
}

/** Photos scaled for the page at once, ahead of the one being drawn (sharp runs them on its own threads). */
const PHOTOS_SCALED_AHEAD = 3;

const defaultOpen = (path: string): Writable => createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true, highWaterMark: 4 * 1024 * 1024 });

/** The refusals that need no gathering: identity, a third party's authority. */
export function requireReleasable(request: PackRequest): void {
  if (request.requester.kind === 'third_party' && !request.requester.authority) throw new AppError('ACCESS_PACK_NO_AUTHORITY');
  if (!request.identityVerified) throw new AppError('ACCESS_PACK_IDENTITY_NOT_VERIFIED');
}

function safeName(reference: string): string {
  return reference.replace(/[^A-Za-z0-9-]+/g, '_');
}

function requireFolder(dir: string): string {
  const full = resolve(dir);
  if (!statSync(full, { throwIfNoEntry: false })?.isDirectory()) {
    throw new AppError('VALIDATION', 'There is no folder there to save the pack in. Choose an existing folder.', {
      issues: [{ field: 'outDir', message: 'Choose an existing folder.' }],
    });
  }
  return full;
}

/** Every refusal before anything is written, and the pack with its redactions. */
function checkAndGather(ctx: ServiceContext, ports: AccessPackPorts, input: { requestId: string; healthCheck: HealthCheck | null; restrictionOverride?: string }) {
  const request = ports.getRequest(ctx, input.requestId);
  requireReleasable(request);
  const clientId = requestClientId(request);
  const restricted = ports.isRestricted(ctx, clientId);
  if (restricted && !input.restrictionOverride) throw new AppError('ACCESS_PACK_RESTRICTED');
  const gathered = gatherPack(ctx, ports, request);
  const redactions = redactionMap(new RedactionStore(ctx.db, ctx.keys).list(request.id, clientId));
  const health = disclosesHealthData(gathered.healthItemIds, redactions);
  requireHealthCheck(input.healthCheck, health, londonToday(ctx.clock.now()));
  return { request, clientId, restricted, gathered, redactions, health };
}

/**
 * The response PDF alone, for the app's preview, Save and Print (the app has no
 * folder to write to): the same checks, recorded on the request and audit-logged
 * with its SHA-256 like a full export. Held in memory: photos are scaled, so a
 * 100-photo pack is tens of MB, not hundreds.
 */
export async function exportPackPdf(ctx: ServiceContext, ports: AccessPackPorts, raw: PdfExportInput): Promise<AccessPackPdf> {
  const input = pdfExportInputSchema.parse(raw);
  const { request, clientId, restricted, gathered, redactions, health } = checkAndGather(ctx, ports, input);
  const passphrase = input.protect ? generatePassphrase() : null;
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  let done = 0;
  const total = gathered.pack.photos.length + 1;
  const report = (label: string) => {
    ctx.call?.throwIfStopped();
    ctx.call?.progress({ done, total, label });
  };
  let pdf: { pages: number; sha256: string; bytes: number };
  try {
    pdf = await writePdf(ctx, ports, gathered, redactions, { passphrase, temp: '', open: () => sink, report, tick: () => done++ });
  } catch (err) {
    if (ctx.call && ctx.call.signal.aborted) throw new AppError('CANCELLED');
    throw err;
  }
  const detail = {
    format: 'pdf',
    pdfSha256: pdf.sha256,
    pages: pdf.pages,
    withheld: redactions.size,
    protected: passphrase !== null,
    ...healthCheckDetail(health ? input.healthCheck : null),
    ...(restricted ? { restrictionOverride: input.restrictionOverride } : {}),
  };
  ctx.db.transaction(() => {
    ports.recordOnRequest(ctx, request.id, { kind: 'pack.exported', detail });
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'access_pack.exported',
      subjectType: 'client',
      subjectId: clientId,
      detail: { requestId: request.id, pdfSha256: pdf.sha256, protected: passphrase !== null, restrictionOverridden: restricted },
    });
  })();
  return {
    fileName: `${safeName(request.reference)}-access-pack.pdf`,
    pdfBase64: Buffer.concat(chunks).toString('base64'),
    pages: pdf.pages,
    sha256: pdf.sha256,
    passphrase,
  };
}

export async function exportAccessPack(
  ctx: ServiceContext,
  ports: AccessPackPorts,
  raw: ExportInput,
  deps: ExportDeps = {},
): Promise<AccessPackExportResult> {
  const input = exportInputSchema.parse(raw);
  if (!input.outDir) throw new AppError('VALIDATION', 'Choose a folder to save the pack in.', { issues: [{ field: 'outDir', message: 'Choose a folder.' }] });
  const { request, clientId, restricted, gathered, redactions, health } = checkAndGather(ctx, ports, input);
  const dir = requireFolder(input.outDir);

  const passphrase = input.protect ? generatePassphrase() : null;
  const base = `${safeName(request.reference)}-access-pack`;
  const pdfFile = join(dir, `${base}.pdf`);
  const zipFile = join(dir, `${base}.zip`);
  const tag = randomBytes(6).toString('hex');
  const pdfTemp = join(dir, `.${base}.pdf.tmp-${tag}`);
  const zipTemp = join(dir, `.${base}.zip.tmp-${tag}`);
  const open = deps.openOutput ?? defaultOpen;

  const kept = gathered.files.filter((f) => !isWithheld(f.itemId, redactions));
  const total = gathered.pack.photos.length + kept.length + 2;
  let done = 0;
  const report = (label: string) => {
    ctx.call?.throwIfStopped();
    ctx.call?.progress({ done, total, label });
  };

  try {
    // 1. The PDF, to its temporary name.
    const pdf = await writePdf(ctx, ports, gathered, redactions, { passphrase, temp: pdfTemp, open, report, tick: () => done++ });
    // 2. The ZIP, with the PDF in it, hashed as it is written.
    const fileRows = new Map(kept.map((f) => [f.fileId, ctx.files.info(f.fileId)]));
    const zipOut = open(zipTemp);
    const closedZip = finished(zipOut);
    closedZip.catch(() => undefined);
    const zip = await writePackZip(
      zipOut,
      withoutWithheld(gathered.pack, redactions),
      kept.map((f) => {
        const mediaType = f.mediaType || fileRows.get(f.fileId)!.mediaType;
        const zipPath = f.zipPath.includes('.', f.zipPath.lastIndexOf('/')) ? f.zipPath : `${f.zipPath}${extensionOf(mediaType)}`;
        // Streamed, the file store's decrypted chunks going to the ZIP as they are: reading each file whole first cost
        // a copy and a 4 MB allocation a photo, and the collections that followed (bench/access-pack.ts).
        return { zipPath, mediaType, size: fileRows.get(f.fileId)!.size, attach: f.attach, open: () => ctx.files.openReadStream(f.fileId) };
      }),
      { zipPath: 'response.pdf', mediaType: 'application/pdf', size: statSync(pdfTemp).size, open: () => createReadStream(pdfTemp, { highWaterMark: 1024 * 1024 }) },
      {
        password: passphrase,
        modified: ctx.clock.now(),
        signal: ctx.call?.signal ?? new AbortController().signal,
        throwIfStopped: () => ctx.call?.throwIfStopped(),
        onFile: () => report(`Adding file ${++done - gathered.pack.photos.length} of ${kept.length} to the ZIP`),
      },
    );
    await closedZip;
    ctx.call?.throwIfStopped();

    // 3. Both whole: into place, and the folder flushed so the renames survive a power cut.
    renameSync(pdfTemp, pdfFile);
    renameSync(zipTemp, zipFile);
    fsyncDirectory(dir);

    const detail = {
      pdfSha256: pdf.sha256,
      zipSha256: zip.sha256,
      pages: pdf.pages,
      files: kept.length,
      withheld: redactions.size,
      protected: passphrase !== null,
      ...healthCheckDetail(health ? input.healthCheck : null),
      ...(restricted ? { restrictionOverride: input.restrictionOverride } : {}),
    };
    ctx.db.transaction(() => {
      ports.recordOnRequest(ctx, request.id, { kind: 'pack.exported', detail });
      ctx.audit.append({
        staffId: ctx.actor.id,
        action: 'access_pack.exported',
        subjectType: 'client',
        subjectId: clientId,
        detail: { requestId: request.id, pdfSha256: pdf.sha256, zipSha256: zip.sha256, protected: passphrase !== null, restrictionOverridden: restricted },
      });
    })();
    ctx.call?.progress({ done: total, total, label: 'Done' });
    return { pdfFile, zipFile, pdfSha256: pdf.sha256, zipSha256: zip.sha256, pages: pdf.pages, files: kept.length, passphrase };
  } catch (err) {
    rmSync(pdfTemp, { force: true });
    rmSync(zipTemp, { force: true });
    if (ctx.call && ctx.call.signal.aborted) throw new AppError('CANCELLED');
    throw toFsAppError(err);
  }
}

/**
 * The photo as the page draws it: its print-size copy as stored (made at import
 * or by photos/print-copy-job.ts), which needs no decoding at all; or, for a
 * photo without one (or whose copy cannot be read), the original scaled here.
 */
async function pageImageOf(ctx: ServiceContext, ports: AccessPackPorts, f: { fileId: string; mediaType: string; printFileId?: string }): Promise<Buffer> {
  if (f.printFileId) {
    try {
      return await ctx.files.readToBuffer(f.printFileId);
    } catch (err) {
      ctx.logger.warn('print copy unreadable, scaling the original', { fileId: f.printFileId, code: (err as { code?: string }).code });
    }
  }
  // The original is the pack's alone once scaled (the ZIP reads its own copy): its memory goes back at once.
  const original = await ctx.files.readToBuffer(f.fileId);
  return ports.scaleForPage(original, f.mediaType).finally(() => releaseBuffer(original));
}

function extensionOf(mediaType: string): string {
  const known: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'application/pdf': '.pdf' };
  return known[mediaType] ?? '.bin';
}

async function writePdf(
  ctx: ServiceContext,
  ports: AccessPackPorts,
  gathered: GatheredPack,
  redactions: ReturnType<typeof redactionMap>,
  o: { passphrase: string | null; temp: string; open(path: string): Writable; report(label: string): void; tick(): void },
): Promise<{ pages: number; sha256: string; bytes: number }> {
  const { pack } = gathered;
  const pdf = ports.newPdf({
    title: `Subject access response ${pack.request.reference}`,
    reference: pack.request.reference,
    letterhead: ports.letterhead(ctx),
    password: o.passphrase,
    tableOfContents: true,
  });
  const photoFiles = gathered.files.filter((f) => f.zipPath.startsWith('files/photos/') && !isWithheld(f.itemId, redactions));
  const scaled = new Map<string, Promise<Buffer | null>>();
  let next = 0;
  // Keep PHOTOS_SCALED_AHEAD photos being read and scaled ahead of the drawing, in the order they are drawn.
  const fill = () => {
    while (next < photoFiles.length && scaled.size < PHOTOS_SCALED_AHEAD) {
      const f = photoFiles[next++]!;
      const image = pageImageOf(ctx, ports, f);
      image.catch(() => undefined);
      scaled.set(f.itemId, image);
    }
  };
  await drawPackPdf(
    pdf,
    pack,
    redactions,
    {
      pageImage: async (photoId) => {
        o.tick();
        fill();
        const image = scaled.get(`photo.${photoId}`);
        if (!image) return null;
        scaled.delete(`photo.${photoId}`);
        fill();
        return image;
      },
    },
    o.report,
  );
  o.report('Finishing the PDF');
  const out = o.open(o.temp);
  const closed = finished(out);
  closed.catch(() => undefined);
  const result = await pdf.finish(out, { throwIfStopped: () => ctx.call?.throwIfStopped() });
  await closed;
  o.tick();
  return result;
}
