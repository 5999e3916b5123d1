/**
 * processing show | pdf: the record of processing activities (UK GDPR Art 30;
 * docs/processing-record.md). `show` prints the version in force; `pdf` writes
 * it as a PDF on the clinic's letterhead (owner only, audited). The file is
 * written beside its destination and renamed into place, so a half-written
 * PDF is never left under the name asked for.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ProcessingRecord } from '../../contract/processing-types';
import { type GlobalOptions, formatDate, print, table, withSignedIn } from '../cli-context';

export function processingRecordText(r: ProcessingRecord): string {
  const list = (title: string, items: string[]) => [title, ...items.map((i) => `  - ${i}`)].join('\n');
  return [
    `Record of processing activities, version ${r.version} (${formatDate(r.updatedAt)}${r.updatedBy ? `, ${r.updatedBy}` : ', defaults'})`,
    table(['Purpose', 'Lawful basis', 'Health data condition'], r.purposes.map((p) => [p.name, p.lawfulBasis, p.healthCondition ?? '—'])),
    list('People:', r.peopleCategories),
    list('Data:', r.dataCategories),
    table(['Recipient', 'Role', 'What for', 'Country'], r.recipients.map((x) => [x.name, x.kind, x.purpose, x.country])),
    r.transfers.length === 0 ? 'Transfers: none' : table(['Transfer to', 'Safeguard'], r.transfers.map((t) => [t.destination, t.safeguard])),
    list('Retention:', r.retention),
    list('Security:', r.securityMeasures),
    `Sources: ${r.sources}`,
    `Automated decisions: ${r.automatedDecisions}`,
  ].join('\n\n');
}

export function registerProcessingCommands(program: Command, globals: () => GlobalOptions): void {
  const processing = program.command('processing').description('The record of processing activities (UK GDPR Art 30).');

  processing
    .command('show')
    .description('Print the record of processing in force.')
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const record = await api.call('processing.get', undefined);
        print(opts, record, () => processingRecordText(record));
      });
    });

  processing
    .command('pdf')
    .description('Write the record of processing as a PDF on the clinic letterhead (owner only).')
    .requiredOption('--out <file>', 'the PDF file to write')
    .action(async (o: { out: string }) => {
      const opts = globals();
      const target = resolve(o.out);
      await withSignedIn(opts, async (api) => {
        const pdf = await api.call('processing.exportPdf', { password: null });
        const partial = `${target}.partial`;
        try {
          await writeFile(partial, Buffer.from(pdf.pdfBase64, 'base64'), { flag: 'wx' });
          await rename(partial, target);
        } catch (error) {
          await rm(partial, { force: true });
          throw error;
        }
        const { pdfBase64: _bytes, ...summary } = pdf;
        print(opts, { ...summary, file: target }, () => `wrote  ${target}  (${pdf.pages} pages, SHA-256 ${pdf.sha256})`);
      });
    });
}
