/** photos add: import photo files for a client, each streamed from disk as a staged upload. */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../contract/errors';
import { inFlight } from '../../contract/in-flight';
import { londonToday } from '../../contract/field-schemas';
import {
  PHOTO_CONSENT_SCOPES,
  PHOTO_IMPORTS_IN_FLIGHT,
  PHOTO_STAGES,
  type PhotoConsentScope,
  type PhotoStage,
} from '../../contract/record-types';
import type { MethodInput } from '../../contract/schemas';
import type { CoreApi } from '../../core/app';
import { type GlobalOptions, UsageError, parseUkDate, print, withSignedIn } from '../cli-context';

interface AddOptions {
  client: string;
  treatment?: string;
  area: string;
  stage: string;
  takenOn?: string;
  scope: string;
}

type Outcome =
  | { file: string; ok: true; photoId: string; width: number; height: number }
  | { file: string; ok: false; code: string; message: string };

function parseScopes(text: string): PhotoConsentScope[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !(PHOTO_CONSENT_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--scope takes one or more of ${PHOTO_CONSENT_SCOPES.join(', ')}, separated by commas.`,
    );
  }
  return scopes as PhotoConsentScope[];
}

function refusal(file: string, err: unknown): Outcome {
  if (err instanceof AppError) {
    const fields = err.issues?.length
      ? ` (${err.issues.map((i) => `${i.field}: ${i.message}`).join('; ')})`
      : '';
    return { file, ok: false, code: err.code, message: `${err.message}${fields}` };
  }
  return { file, ok: false, code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

type PhotoDetails = Omit<MethodInput<'photos.import'>, 'uploadId'>;

async function importOne(api: CoreApi, path: string, details: PhotoDetails): Promise<Outcome> {
  const file = basename(path);
  try {
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
      return { file, ok: false, code: 'NOT_FOUND', message: 'There is no such file.' };
    }
    // Streamed: the file is never read into memory whole on its way into the vault.
    const staged = await api.upload(createReadStream(path), { fileName: file });
    if (!staged.ok) return { file, ok: false, code: staged.error.code, message: staged.error.message };
    const photo = await api.call('photos.import', { ...details, uploadId: staged.value.uploadId });
    return { file, ok: true, photoId: photo.id, width: photo.width, height: photo.height };
  } catch (err) {
    return refusal(file, err);
  }
}

export function registerPhotoCommands(program: Command, globals: () => GlobalOptions): void {
  const photos = program.command('photos').description('Clinical photos (practitioners and the owner).');

  photos
    .command('add <files...>')
    .description(
      'Import photos (JPEG, PNG, HEIC, WebP) for a client. Location and camera details are removed.',
    )
    .requiredOption('--client <id>', "the client's id")
    .option('--treatment <id>', 'link the photos to one of the client’s treatments')
    .option('--area <area>', 'the area photographed', 'Not recorded')
    .option('--stage <stage>', PHOTO_STAGES.join(', '), 'other')
    .option('--taken-on <date>', 'the day the photos were taken, DD/MM/YYYY (default today)')
    .option(
      '--scope <scopes>',
      `what the client consented to, from ${PHOTO_CONSENT_SCOPES.join(', ')}`,
      'clinical-record',
    )
    .action(async (files: string[], o: AddOptions) => {
      const opts = globals();
      if (!(PHOTO_STAGES as readonly string[]).includes(o.stage))
        throw new UsageError(`--stage must be one of: ${PHOTO_STAGES.join(', ')}.`);
      const details: PhotoDetails = {
        clientId: o.client,
        treatmentId: o.treatment ?? null,
        area: o.area,
        stage: o.stage as PhotoStage,
        takenOn: o.takenOn ? parseUkDate(o.takenOn, '--taken-on') : londonToday(),
        consentScopes: parseScopes(o.scope),
        consentReference: '',
      };
      await withSignedIn(opts, async (api) => {
        // Several in flight (importOne reports its own failures): one file's
        // thumbnail decodes on sharp's threads while the next is encrypted on
        // this one. Lines still come out in the order given.
        const outcomes = await inFlight(files, PHOTO_IMPORTS_IN_FLIGHT, (file) => importOne(api, file, details));
        print(opts, outcomes, () =>
          outcomes
            .map((r) =>
              r.ok
                ? `imported  ${r.file}  ${r.photoId}  ${r.width}×${r.height}`
                : `refused   ${r.file}  ${r.message}`,
            )
            .join('\n'),
        );
        if (outcomes.some((r) => !r.ok)) process.exitCode = 1;
      });
    });
}
