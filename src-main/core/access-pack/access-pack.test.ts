import { createWriteStream, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import { type PackFile, accessPackSchema } from '../../contract/access-pack-schemas';
import { ACCESS_PACK_JSON_SCHEMA_PATH } from '../../contract/access-pack-json-schema';
import type { CallContext } from '../platform/ports';
import { MemoryRegister, TextPdf, fillingDisk, packContext } from '../test-support/access-pack-test-support';
import { importBytes } from '../test-support/photo-test-support';
import { createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { newClient, signInAs } from '../test-support/test-clients';
import { makeJpeg } from '../test-support/test-images';
import { exportAccessPack, exportPackPdf } from './export-pack';
import { PdfBuilder } from '../pdf';
import { normaliseExtracted, pdfText, tryPdfText } from '../test-support/pdf-tools';
import { addRedaction, reviewPack } from './redactions';
import { gatherPack } from './gather';
import { writePackZipWithZipJs } from './pack-zip-zipjs';
import { withoutWithheld } from './withhold';

let tv: TestVault;
let register: MemoryRegister;
let clientId: string;
let out: string;
let treatmentId: string;
let photoId: string;

const health = { kind: 'reviewer_is_health_professional' } as const;
const files = () => readdirSync(out).sort();

async function readZip(path: string, password?: string) {
  // checkCrc32: an unzip tool refuses an entry whose CRC-32 is wrong, so the test does too.
  const zip = new ZipReader(new Uint8ArrayReader(readFileSync(path)), { checkCrc32: true, ...(password ? { password } : {}) });
  const entries = new Map<string, Buffer>();
  for (const e of await zip.getEntries()) if (!e.directory) entries.set(e.filename, Buffer.from(await e.getData!(new Uint8ArrayWriter())));
  await zip.close();
  return entries;
}

function call(onProgress?: (done: number) => void): { call: CallContext; controller: AbortController } {
  const controller = new AbortController();
  const throwIfStopped = () => {
    if (controller.signal.aborted) throw controller.signal.reason ?? new Error('aborted');
  };
  return { controller, call: { signal: controller.signal, throwIfStopped, progress: (p) => onProgress?.(p.done) } };
}

beforeEach(async () => {
  tv = await createTestVault();
  const client = await tv.api.call('clients.create', newClient({ firstName: 'Małgorzata', lastName: 'Wiśniewska', preferredName: 'فاطمة الزهراء', notes: 'Sister Aisha Rahman also a client' }));
  clientId = client.id;
  await tv.api.call('medical.update', { clientId, changes: { allergies: 'Penicillin', reviewedOn: '2026-11-01' }, reason: 'Consultation' });
  const t = await tv.api.call('treatments.create', {
    clientId,
    treatedOn: '2026-11-20',
    typeId: 'tt_chemical_peel',
    notes: 'Her friend Joanna Kowalska came along and asked about fillers',
    medicalHistoryReviewed: true,
  });
  treatmentId = t.id;
  photoId = (await importBytes(tv.api, clientId, await makeJpeg({ width: 800, height: 600 }), { consentScopes: ['clinical-record'] })).id;
  register = new MemoryRegister();
  out = join(tv.vaultDir, '..', 'out');
  mkdirSync(out);
});
afterEach(() => tv.cleanup());

describe('the access pack', () => {
  it('exports a PDF and a ZIP whose data.json matches the schema and the files it lists', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    const result = await exportAccessPack(ctx, register.ports(), { requestId: r.id, outDir: out, healthCheck: health });
    expect(files()).toEqual(['DSR-2026-0001-access-pack.pdf', 'DSR-2026-0001-access-pack.zip']);
    expect(result.passphrase).toBeNull();

    const zip = await readZip(result.zipFile);
    const raw = JSON.parse(zip.get('data.json')!.toString('utf8')) as unknown;
    // Valid against the committed JSON Schema a recipient's developer would use, not only the zod one.
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(ACCESS_PACK_JSON_SCHEMA_PATH, 'utf8')) as object);
    expect(validate(raw), JSON.stringify(validate.errors)).toBe(true);
    const data = accessPackSchema.parse(raw);
    expect(data.identity.find((f) => f.field === 'lastName')?.value).toBe('Wiśniewska');
    expect(data.medicalHistory.fields.find((f) => f.field === 'allergies')?.value).toBe('Penicillin');
    expect(data.treatments[0]?.notes?.text).toContain('Joanna Kowalska');
    expect(data.supplementary.recipients[0]?.name).toBe('BookingCo');
    // Each file's SHA-256 in the JSON is the hash of the bytes in the ZIP.
    const photo = data.photos.find((p) => p.photoId === photoId)!;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(zip.get(photo.file!.path)!).digest('hex')).toBe(photo.file!.sha256);
    expect(createHash('sha256').update(zip.get('response.pdf')!).digest('hex')).toBe(data.responsePdf!.sha256);
    expect(createHash('sha256').update(readFileSync(result.zipFile)).digest('hex')).toBe(result.zipSha256);

    // Recorded on the request and in the audit log, with the hashes.
    expect(register.history.at(-1)).toMatchObject({ kind: 'pack.exported', detail: { pdfSha256: result.pdfSha256, zipSha256: result.zipSha256, healthCheck: 'reviewer_is_health_professional' } });
    const audit = ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'access_pack.exported'").all() as Array<{ detail: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toContain(result.zipSha256);
    expect(audit[0]!.detail).not.toContain('Wiśniewska');
  });

  it('leaves a withheld note out of the JSON and shows a labelled gap in the PDF; the practitioner stays named', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    const pdf = new TextPdf();
    const ports = register.ports({ newPdf: () => pdf });
    const review = reviewPack(ctx, ports, r.id);
    const noteItem = review.items.find((i) => i.itemId === `treatment.${treatmentId}.notes`)!;
    expect(noteItem).toBeDefined();
    addRedaction(ctx, ports, { requestId: r.id, itemId: noteItem.itemId, reason: 'third_party' });
    expect(register.history.at(-1)).toEqual({ requestId: r.id, kind: 'redaction.added', detail: { itemId: noteItem.itemId, reason: 'third_party' } });

    const result = await exportAccessPack(ctx, ports, { requestId: r.id, outDir: out, healthCheck: health });
    const json = (await readZip(result.zipFile)).get('data.json')!.toString('utf8');
    expect(json).not.toContain('Joanna Kowalska');
    expect(JSON.parse(json).withheld).toEqual({ third_party: 1 });
    expect(pdf.lines).toContain('WITHHELD Withheld: third-party data');
    expect(pdf.lines.join('\n')).not.toContain('Joanna Kowalska');
    expect(pdf.lines).toContain(`F Treated by: ${OWNER_NAME}`);
    expect(pdf.lines.some((l) => l.startsWith('IMG before photo'))).toBe(true);
  });

  it("draws each photo's stored print copy without decoding the original, and scales the original only for a photo with none", async () => {
    class ImagesPdf extends TextPdf {
      readonly images: Buffer[] = [];
      override image(data: Buffer, opts: { caption: string }) {
        this.images.push(Buffer.from(data));
        return super.image(data, opts);
      }
    }
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    const scaled: number[] = [];
    const scaleForPage = async (image: Buffer) => {
      scaled.push(image.length);
      return Buffer.from('scaled here');
    };
    const { file_id: printFileId } = ctx.db.prepare('SELECT file_id FROM photo_print_copies WHERE photo_id = ?').get(photoId) as { file_id: string };

    const withCopy = new ImagesPdf();
    await exportPackPdf(ctx, register.ports({ newPdf: () => withCopy, scaleForPage }), { requestId: r.id, healthCheck: health });
    expect(withCopy.images).toEqual([await ctx.files.readToBuffer(printFileId)]);
    expect(scaled).toEqual([]);

    // A photo held from before print copies (or not yet reached by the job): the original is scaled for the page.
    ctx.db.prepare('DELETE FROM photo_print_copies WHERE photo_id = ?').run(photoId);
    const without = new ImagesPdf();
    await exportPackPdf(ctx, register.ports({ newPdf: () => without, scaleForPage }), { requestId: r.id, healthCheck: health });
    expect(without.images).toEqual([Buffer.from('scaled here')]);
    expect(scaled).toHaveLength(1);
  });

  it('protects the PDF and the ZIP with a passphrase that is returned once and stored nowhere', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    let pdfPassword: string | null = null;
    const ports = register.ports({ newPdf: (o) => ((pdfPassword = o.password), new TextPdf()) });
    const result = await exportAccessPack(ctx, ports, { requestId: r.id, outDir: out, protect: true, healthCheck: health });
    expect(result.passphrase).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
    expect(pdfPassword).toBe(result.passphrase);
    await expect(readZip(result.zipFile)).rejects.toThrow();
    await expect(readZip(result.zipFile, 'AAAA-BBBB-CCCC-DDDD-EEEE')).rejects.toThrow(/password/i);
    const zip = await readZip(result.zipFile, result.passphrase!);
    // Opened with the passphrase, each file's SHA-256 in data.json is the hash of what comes out.
    const data = accessPackSchema.parse(JSON.parse(zip.get('data.json')!.toString('utf8')));
    const photo = data.photos.find((p) => p.photoId === photoId)!;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(zip.get(photo.file!.path)!).digest('hex')).toBe(photo.file!.sha256);
    expect(createHash('sha256').update(zip.get('response.pdf')!).digest('hex')).toBe(data.responsePdf!.sha256);
    const stored = ctx.db.prepare('SELECT group_concat(detail) AS d FROM audit_log').get() as { d: string };
    expect(stored.d).not.toContain(result.passphrase);
    expect(JSON.stringify(register.history)).not.toContain(result.passphrase);
  });
});

describe('a pack too big for the pack’s own ZIP writer (Zip64)', () => {
  it('is written by zip.js with the same entries and data.json, protected too', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    const ports = register.ports();
    const gathered = gatherPack(ctx, ports, ports.getRequest(ctx, r.id));
    const pdfBytes = Buffer.from('%PDF-1.7 stand-in');
    const file = join(out, 'big.zip');
    const attached: PackFile[] = [];
    await writePackZipWithZipJs(
      createWriteStream(file),
      withoutWithheld(gathered.pack, new Map()),
      gathered.files.map((f) => ({ zipPath: f.zipPath, mediaType: f.mediaType, size: ctx.files.info(f.fileId).size, attach: (p: PackFile) => void attached.push(p), open: () => ctx.files.openReadStream(f.fileId) })),
      { zipPath: 'response.pdf', mediaType: 'application/pdf', size: pdfBytes.length, open: () => Readable.from([pdfBytes]) },
      { password: 'K7PM-4XRT-9WQH-3NVB-6CJD', signal: new AbortController().signal, modified: new Date(), onFile: () => undefined, throwIfStopped: () => undefined },
    );
    const zip = await readZip(file, 'K7PM-4XRT-9WQH-3NVB-6CJD');
    const data = accessPackSchema.parse(JSON.parse(zip.get('data.json')!.toString('utf8')));
    expect(attached.length).toBeGreaterThan(0);
    const { createHash } = await import('node:crypto');
    for (const f of attached) expect(createHash('sha256').update(zip.get(f.path)!).digest('hex')).toBe(f.sha256);
    expect(data.responsePdf?.sha256).toBe(createHash('sha256').update(pdfBytes).digest('hex'));
  });
});

const OWNER_NAME = 'Olivia Owner';

describe("the app's PDF export", () => {
  it('answers the PDF itself, with the same checks, recorded with its SHA-256', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    const ports = register.ports({ newPdf: (o) => new PdfBuilder(o) });
    expect(await errorCodeOf(() => exportPackPdf(ctx, ports, { requestId: r.id }))).toBe('HEALTH_CHECK_REQUIRED');
    const pdf = await exportPackPdf(ctx, ports, { requestId: r.id, healthCheck: { kind: 'already_seen' } });
    const bytes = Buffer.from(pdf.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf.sha256);
    expect(register.history.at(-1)).toMatchObject({ kind: 'pack.exported', detail: { format: 'pdf', pdfSha256: pdf.sha256, healthCheck: 'already_seen' } });
    expect(files()).toEqual([]);
  });
});

describe('the response PDF', () => {
  it('reads as the person will read it: headings, names in any script, the gap, Page 1 of N; locked with the passphrase', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    const ports = register.ports({ newPdf: (o) => new PdfBuilder(o) });
    addRedaction(ctx, ports, { requestId: r.id, itemId: `treatment.${treatmentId}.notes`, reason: 'third_party' });
    const plain = await exportAccessPack(ctx, ports, { requestId: r.id, outDir: out, healthCheck: health });
    const text = normaliseExtracted(pdfText(plain.pdfFile));
    for (const heading of ['Your request for your personal data', 'About how we use your data', '(c) Who receives it', 'Identity and contact details', 'Medical history', 'Treatments', 'Photos', 'Consent record', 'Who has opened your record']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Wiśniewska');
    expect(text).toContain('فاطمة الزهراء');
    expect(text).toContain('Withheld: third-party data');
    expect(text).not.toContain('Joanna Kowalska');
    expect(text).toContain(`Page 1 of ${plain.pages}`);
    expect(text).toContain('DSR-2026-0001');

    const locked = await exportAccessPack(ctx, ports, { requestId: r.id, outDir: out, healthCheck: health, protect: true });
    expect(tryPdfText(locked.pdfFile).status).not.toBe(0);
    expect(normaliseExtracted(pdfText(locked.pdfFile, { password: locked.passphrase! }))).toContain('Wiśniewska');
  });
});

describe('bad input', () => {
  it('refuses to export before the identity is verified, writing nothing', async () => {
    const r = register.add({ clientId, identityVerified: false });
    expect(await errorCodeOf(() => exportAccessPack(packContext(tv.api), register.ports(), { requestId: r.id, outDir: out, healthCheck: health }))).toBe('ACCESS_PACK_IDENTITY_NOT_VERIFIED');
    expect(files()).toEqual([]);
    expect(register.history).toEqual([]);
  });

  it('refuses a third party with no authority recorded', async () => {
    const r = register.add({ clientId, requester: { kind: 'third_party', name: 'Piotr', relationship: 'husband', authority: null, proof: null }, identityVerified: true });
    expect(await errorCodeOf(() => exportAccessPack(packContext(tv.api), register.ports(), { requestId: r.id, outDir: out, healthCheck: health }))).toBe('ACCESS_PACK_NO_AUTHORITY');
    expect(files()).toEqual([]);
  });

  it('refuses a redaction with no reason, or "other" with no words, storing nothing', async () => {
    const r = register.add({ clientId });
    for (const input of [{ reason: undefined }, { reason: 'other' }, { reason: 'other', reasonText: '   ' }]) {
      const res = await tv.api.dispatch('accessPack.redact', { requestId: r.id, itemId: 'identity.notes', ...input });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('VALIDATION');
    }
    expect(packContext(tv.api).db.prepare('SELECT count(*) AS n FROM access_pack_redactions').get()).toEqual({ n: 0 });
  });

  it('refuses health data with no Sch 3 check, and an opinion older than six months', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    expect(await errorCodeOf(() => exportAccessPack(ctx, register.ports(), { requestId: r.id, outDir: out }))).toBe('HEALTH_CHECK_REQUIRED');
    // Today is 22/11/2026 in the test clock: 21/05/2026 is more than six months ago, 22/05/2026 is not.
    const old = { kind: 'health_opinion', professionalName: 'Dr Ewa Nowak', opinionOn: '2026-05-21' } as const;
    expect(await errorCodeOf(() => exportAccessPack(ctx, register.ports(), { requestId: r.id, outDir: out, healthCheck: old }))).toBe('HEALTH_OPINION_TOO_OLD');
    expect(files()).toEqual([]);
    await exportAccessPack(ctx, register.ports(), { requestId: r.id, outDir: out, healthCheck: { ...old, opinionOn: '2026-05-22' } });
    expect(register.history.at(-1)?.detail).toMatchObject({ healthCheck: 'health_opinion', professionalName: 'Dr Ewa Nowak', opinionOn: '2026-05-22' });
  });

  it('needs no health check once every health item is withheld', async () => {
    const r = register.add({ clientId });
    const ctx = packContext(tv.api);
    const ports = register.ports();
    for (const i of reviewPack(ctx, ports, r.id).items.filter((x) => x.health)) {
      addRedaction(ctx, ports, { requestId: r.id, itemId: i.itemId, reason: 'serious_harm' });
    }
    await exportAccessPack(ctx, ports, { requestId: r.id, outDir: out });
    expect(files()).toHaveLength(2);
  });

  it('leaves no half-written pack when the disk fills up, and says so', async () => {
    const r = register.add({ clientId });
    // The ZIP's stream fails part-way through the photo; the PDF's has been written whole by then.
    let opened = 0;
    const openOutput = (path: string) => {
      const file = createWriteStream(path, { flags: 'wx' });
      return ++opened === 2 ? fillingDisk(20_000, file) : file;
    };
    const err = await exportAccessPack(packContext(tv.api), register.ports(), { requestId: r.id, outDir: out, healthCheck: health }, { openOutput }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('disk is full') });
    expect(files()).toEqual([]);
    expect(register.history).toEqual([]);
  });

  it('leaves nothing behind when cancelled halfway', async () => {
    const r = register.add({ clientId });
    // Stopped once the PDF is done and the ZIP is under way.
    const c: ReturnType<typeof call> = call((done) => {
      if (done >= 2) c.controller.abort();
    });
    const err = await exportAccessPack(packContext(tv.api, c.call), register.ports(), { requestId: r.id, outDir: out, healthCheck: health }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED' });
    expect(files()).toEqual([]);
    expect(register.history).toEqual([]);
  });

  it('refuses a restricted client without the owner’s override, and records the override', async () => {
    const r = register.add({ clientId });
    register.restricted.add(clientId);
    const ctx = packContext(tv.api);
    expect(await errorCodeOf(() => exportAccessPack(ctx, register.ports(), { requestId: r.id, outDir: out, healthCheck: health }))).toBe('ACCESS_PACK_RESTRICTED');
    expect(files()).toEqual([]);
    await exportAccessPack(ctx, register.ports(), { requestId: r.id, outDir: out, healthCheck: health, restrictionOverride: 'Client’s own request for their data' });
    expect(register.history.at(-1)?.detail).toMatchObject({ restrictionOverride: 'Client’s own request for their data' });
  });

  it('refuses reception (and practitioners) calling the pack methods directly', async () => {
    await signInAs(tv.api, 'reception');
    for (const [method, input] of [
      ['accessPack.export', { requestId: 'rq_1', outDir: out }],
      ['accessPack.review', { requestId: 'rq_1' }],
      ['accessPack.pdf', { requestId: 'rq_1' }],
      ['accessPack.redact', { requestId: 'rq_1', itemId: 'identity.notes', reason: 'third_party' }],
    ] as const) {
      const res = await tv.api.dispatch(method, input);
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(files()).toEqual([]);
  });
});
