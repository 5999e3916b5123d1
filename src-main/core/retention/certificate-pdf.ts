/**
 * The destruction certificate as a PDF on the clinic's letterhead, made from
 * the stored certificate data (certificate-data.ts). It names the date, the
 * member of staff, the retention policy version, the count and each client's
 * reference with the categories destroyed; no client's name or contact. The
 * SHA-256 printed on it is of the stored data, the same as in the audit log.
 */
import { Writable } from 'node:stream';
import type { RetentionCertificateData, RetentionCertificatePdf } from '../../contract/retention-action-types';
import { AppError } from '../../contract/errors';
import { formatUkDate, formatUkDateTime } from '../../contract/uk-formats';
import { PdfBuilder, clinicLetterhead } from '../pdf';
import type { ServiceContext } from '../service/service-context';
import { readCertificate } from './certificate-data';

const CATEGORY_WORDS: Record<string, string> = {
  contact: 'contact details',
  marketing: 'marketing preferences',
  other: 'other non-clinical data',
  clinical: 'clinical records and photos',
};

function build(ctx: Pick<ServiceContext, 'settings'>, d: RetentionCertificateData, sha256: string): PdfBuilder {
  const anonymise = d.kind === 'anonymise';
  const title = anonymise ? 'Certificate of anonymisation' : 'Certificate of destruction';
  const pdf = new PdfBuilder({ title, reference: d.certificateId, letterhead: clinicLetterhead(ctx.settings), password: null });
  pdf.letterheadBlock().heading(title, 1);
  pdf.fields([
    ['Certificate', d.certificateId],
    ['Batch', d.batchId],
    ['Date', formatUkDateTime(d.issuedAt)],
    ['Retention date applied', formatUkDate(d.asOf)],
    ['Carried out by', d.staff.name],
    ['Retention policy version', String(d.policyVersion)],
    [anonymise ? 'Clients anonymised' : 'Clients destroyed', String(d.count)],
  ]);
  pdf.paragraph(
    anonymise
      ? 'Each client below was anonymised at the end of their retention period: the treatment type, month and year, product, batch number and practitioner of each treatment were kept under new random identifiers that do not link back to the client, and everything else, photos included, was then securely destroyed.'
      : 'The data of each client below was securely destroyed at the end of its retention period, in the categories shown.',
  );
  pdf.paragraph(
    'How: the database rows were deleted with secure delete on (freed space overwritten), the search index entries removed, the write-ahead log checkpointed and truncated, and the encryption keys of photos and evidence files destroyed with their files removed from disk. The audit log keeps only ids and hashes.',
  );
  if (d.refusedCount > 0) pdf.paragraph(`${d.refusedCount} selected client(s) were not touched (for example under a legal hold) and are not listed.`);
  pdf.heading('Clients', 2);
  pdf.table(
    ['Reference', 'Categories destroyed'],
    d.clients.map((c) => [c.reference, c.categories.map((k) => CATEGORY_WORDS[k] ?? k).join(', ')]),
  );
  pdf.heading('Backups', 2).paragraph(d.backupStatement);
  pdf.heading('Checking this certificate', 2);
  pdf.paragraph(`SHA-256 of the certificate’s data, as recorded in the clinic’s audit log: ${sha256}`);
  return pdf;
}

async function render(ctx: Pick<ServiceContext, 'settings'>, d: RetentionCertificateData, sha256: string): Promise<{ bytes: Buffer; pages: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const result = await build(ctx, d, sha256).finish(sink);
  return { bytes: Buffer.concat(chunks), pages: result.pages };
}

/** The certificate's PDF for download or `retention certificate ID --out FILE`; the export is audited. */
export async function certificatePdf(ctx: ServiceContext, id: string): Promise<RetentionCertificatePdf> {
  const cert = readCertificate(ctx.db, id);
  if (!cert) throw new AppError('NOT_FOUND', 'That destruction certificate could not be found. Check its reference in the destruction log.');
  const { bytes, pages } = await render(ctx, cert.data, cert.sha256);
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'retention.certificate_exported',
    subjectType: 'retention_certificate',
    subjectId: id,
    detail: { sha256: cert.sha256 },
  });
  return { fileName: `${cert.data.kind === 'anonymise' ? 'anonymisation' : 'destruction'}-certificate-${id}.pdf`, pdfBase64: bytes.toString('base64'), sha256: cert.sha256, pages };
}
