/**
 * erase preview|apply REQUEST, restrict|unrestrict --client ID, portability
 * --client ID --out DIR (docs/erasure-and-restriction.md). Owner only: the
 * core refuses anyone else. `erase` takes a request id or reference's id and
 * acts on that request's client, so the step is recorded on the request;
 * `erase apply --letter FILE.pdf` also writes the reply on the letterhead.
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { RESTRICTION_REASONS, TOLD_HOW, type ErasurePreview, type RestrictionReason, type ToldHow } from '../../contract/erasure-types';
import { formatUkDate, parseUkDate } from '../../contract/uk-formats';
import type { CoreApi } from '../../core/app';
import { clinicLetterhead, writeLetterPdf } from '../../core/pdf';
import { writePortabilityFolder } from '../../core/portability/portability-export';
import { type GlobalOptions, UsageError, print, withSignedIn } from '../cli-context';

function previewText(p: ErasurePreview): string {
  const lines = ['Goes:', ...p.goes.map((g) => `  ${g.label} (${g.count})`)];
  if (p.removesWholeRecord) lines.push('Stays: nothing (no clinical record): the whole record is removed.');
  else lines.push('Stays:', ...p.stays.map((s) => `  ${s.what}: kept until ${formatUkDate(s.keptUntil)}`), 'Why:', ...p.legalBasis.map((b) => `  ${b}`));
  if (p.alreadyErased) lines.push('This client’s data has already been erased.');
  return lines.join('\n');
}

async function clientOfRequest(api: CoreApi, requestId: string): Promise<string> {
  const { request } = await api.call('requests.get', { id: requestId });
  if (!request.clientId) throw new UsageError(`Request ${request.reference} is not matched to a client yet: match it first.`);
  return request.clientId;
}

function dateOption(flag: string, text: string | undefined): string | null {
  if (text === undefined) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : parseUkDate(text);
  if (!iso) throw new UsageError(`${flag} takes a date like 21/11/2026.`);
  return iso;
}

export function registerErasureCommands(program: Command, globals: () => GlobalOptions): void {
  const erase = program.command('erase').description('Erase a client’s contact and other non-clinical data for an erasure request (UK GDPR Art 17; owner only).');

  erase
    .command('preview')
    .argument('<request>', 'the request’s id')
    .description('What the erasure would destroy, and what is kept until when, and why.')
    .action(async (requestId: string) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const clientId = await clientOfRequest(api, requestId);
        const preview = await api.call('erasure.preview', { clientId, requestId });
        print(opts, preview, () => previewText(preview));
      });
    });

  erase
    .command('apply')
    .argument('<request>', 'the request’s id')
    .option('--letter <file>', 'also write the reply letter as a PDF')
    .description('Erase now. The clinical record stays until its retention date; the reply letter is printed (or written with --letter).')
    .action(async (requestId: string, o: { letter?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const clientId = await clientOfRequest(api, requestId);
        const result = await api.call('erasure.apply', { clientId, requestId, confirmation: 'ERASE' });
        if (o.letter) {
          const out = createWriteStream(resolve(o.letter), { mode: 0o600 });
          await writeLetterPdf({ ...result.letter, letterhead: clinicLetterhead(api.core.requireSession().vault.settings) }, out);
          await finished(out);
        }
        print(opts, { ...result, ...(o.letter ? { letterFile: resolve(o.letter) } : {}) }, () =>
          [`Erased. ${result.filesDestroyed} file(s) destroyed.`, result.letterText, ...(o.letter ? [`Letter written to ${resolve(o.letter)}.`] : [])].join('\n\n'),
        );
      });
    });

  program
    .command('restrict')
    .description('Restrict processing of a client’s data (UK GDPR Art 18): the record becomes read-only and is left out of marketing and disclosures (owner only).')
    .requiredOption('--client <id>', "the client's id")
    .option('--reason <reason>', `one of ${RESTRICTION_REASONS.join(', ')}`, 'accuracy-contested')
    .option('--detail <text>', 'more about why', '')
    .option('--request <id>', 'the request it answers')
    .action(async (o: { client: string; reason: string; detail: string; request?: string }) => {
      const opts = globals();
      if (!(RESTRICTION_REASONS as readonly string[]).includes(o.reason)) throw new UsageError(`--reason must be one of ${RESTRICTION_REASONS.join(', ')}.`);
      await withSignedIn(opts, async (api) => {
        const r = await api.call('restriction.set', { clientId: o.client, reason: o.reason as RestrictionReason, detail: o.detail, requestId: o.request ?? null });
        print(opts, r, () => `Restricted since ${formatUkDate(r.restrictedAt.slice(0, 10))}: the record is read-only until the restriction is lifted.`);
      });
    });

  program
    .command('unrestrict')
    .description('Lift a restriction, once the client has been told (UK GDPR Art 18(3); owner only).')
    .requiredOption('--client <id>', "the client's id")
    .option('--told-on <date>', 'the date the client was told the restriction will be lifted')
    .option('--told-how <how>', `one of ${TOLD_HOW.join(', ')}`)
    .action(async (o: { client: string; toldOn?: string; toldHow?: string }) => {
      const opts = globals();
      if (o.toldHow !== undefined && !(TOLD_HOW as readonly string[]).includes(o.toldHow)) throw new UsageError(`--told-how must be one of ${TOLD_HOW.join(', ')}.`);
      await withSignedIn(opts, async (api) => {
        const r = await api.call('restriction.lift', {
          clientId: o.client,
          clientToldOn: dateOption('--told-on', o.toldOn),
          clientToldHow: (o.toldHow as ToldHow | undefined) ?? null,
        });
        print(opts, r, () => `Restriction lifted; the client was told on ${formatUkDate(r.clientToldOn)} by ${r.clientToldHow}.`);
      });
    });

  program
    .command('portability')
    .description('The data the client gave the clinic, as JSON and CSV, in a new folder inside DIR (UK GDPR Art 20; owner only).')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--out <dir>', 'an existing folder to write into')
    .action(async (o: { client: string; out: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const exp = await api.call('portability.export', { clientId: o.client });
        const folder = writePortabilityFolder(exp, resolve(o.out));
        print(opts, { folder, files: exp.files.map((f) => f.name) }, () => `Written to ${folder}: ${exp.files.map((f) => f.name).join(', ')}.`);
      });
    });
}
