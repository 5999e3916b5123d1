/**
 * The record of processing as a PDF on the clinic's letterhead, for the ICO
 * on request (UK GDPR Art 30(4)) or the clinic's own file. Export is audited
 * with the version and the SHA-256 of the file produced.
 */
import { Writable } from 'node:stream';
import type { ProcessingRecordPdf } from '../../contract/processing-types';
import { formatUkInstantDate } from '../../contract/uk-formats';
import { clinicLetterhead, PdfBuilder, type PdfResult } from '../pdf';
import type { ServiceContext } from '../service/service-context';
import { readProcessingRecord, type ProcessingRecord } from './processing-record';

function buildPdf(ctx: Pick<ServiceContext, 'settings'>, record: ProcessingRecord, password: string | null): PdfBuilder {
  const clinic = ctx.settings.getClinic();
  const pdf = new PdfBuilder({
    title: 'Record of processing activities (UK GDPR Art 30)',
    reference: `Version ${record.version}`,
    letterhead: clinicLetterhead(ctx.settings),
    password,
  });
  pdf.letterheadBlock().heading('Record of processing activities', 1);
  pdf.fields([
    ['Controller', clinic.clinicName],
    ['Data protection contact', clinic.dataProtectionContact || clinic.email || '—'],
    ['ICO registration', clinic.icoRegistrationNumber || '—'],
    ['Version', String(record.version)],
    ['Last updated', `${formatUkInstantDate(record.updatedAt)}${record.updatedBy ? ` by ${record.updatedBy}` : ' (defaults)'}`],
  ]);
  pdf.heading('Purposes and lawful basis', 2);
  pdf.table(
    ['Purpose', 'Lawful basis', 'Health data condition'],
    record.purposes.map((p) => [p.name, p.lawfulBasis, p.healthCondition ?? 'No health data used']),
  );
  pdf.heading('Categories of people', 2).bullets(record.peopleCategories);
  pdf.heading('Categories of personal data', 2).bullets(record.dataCategories);
  pdf.heading('Recipients and processors', 2);
  if (record.recipients.length === 0) pdf.paragraph('None.');
  else
    pdf.table(
      ['Name', 'Role', 'What for', 'Country'],
      record.recipients.map((r) => [r.name, r.kind === 'processor' ? 'Processor' : 'Recipient', r.purpose, r.country]),
    );
  pdf.heading('Transfers outside the UK and safeguards', 2);
  if (record.transfers.length === 0) pdf.paragraph('None.');
  else pdf.table(['Destination', 'Safeguard'], record.transfers.map((t) => [t.destination, t.safeguard]));
  pdf.heading('Retention', 2).bullets(record.retention);
  pdf.heading('Security measures (UK GDPR Art 32)', 2).bullets(record.securityMeasures);
  pdf.heading('Sources of personal data', 2).paragraph(record.sources);
  pdf.heading('Automated decision-making', 2).paragraph(record.automatedDecisions);
  return pdf;
}

/** Write the record in force as a PDF to `out`, and audit the export. */
export async function writeProcessingRecordPdf(
  ctx: Pick<ServiceContext, 'db' | 'settings' | 'audit' | 'actor' | 'call'>,
  out: NodeJS.WritableStream,
  password: string | null = null,
): Promise<PdfResult & { version: number }> {
  const record = readProcessingRecord(ctx);
  const result = await buildPdf(ctx, record, password).finish(out, { throwIfStopped: () => ctx.call?.throwIfStopped() });
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'processing_record.exported',
    subjectType: 'processing_record',
    subjectId: String(record.version),
    detail: { version: record.version, sha256: result.sha256, protected: password !== null },
  });
  return { ...result, version: record.version };
}

/** The PDF in memory (it is a few pages) for the renderer to save as a download. */
export async function exportProcessingRecordPdf(
  ctx: Pick<ServiceContext, 'db' | 'settings' | 'audit' | 'actor' | 'call'>,
  password: string | null,
): Promise<ProcessingRecordPdf> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const result = await writeProcessingRecordPdf(ctx, sink, password);
  return {
    fileName: `record-of-processing-v${result.version}.pdf`,
    pdfBase64: Buffer.concat(chunks).toString('base64'),
    sha256: result.sha256,
    pages: result.pages,
    bytes: result.bytes,
  };
}
