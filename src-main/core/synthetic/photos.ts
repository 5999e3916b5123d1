/**
 * Photos for some synthetic clients: small gradient pictures (64×48 JPEGs,
 * made by sharp, so they carry no metadata to strip) with thumbnails made by
 * the photos service's rule, stored encrypted through the FileStore like any
 * imported photo, in before/after pairs on the client's treatments.
 */
import sharp from 'sharp';
import type { PhotoConsentScope } from '../../contract/record-types';
import type { Db } from '../db/types';
import { FileStore } from '../files/file-store';
import { THUMBNAIL_QUALITY, THUMBNAIL_SIZE } from '../photos/image-processing';
import { storedPhotoText } from '../photos/photo-rows';
import { openTreatmentDetails } from '../treatments/treatment-repo';
import { type Clock, systemClock } from '../platform/ports';
import { dayOf, isoDay, isoStamp, openingSeconds } from './calendar';
import { Rng } from './random';

export interface AddPhotosInput {
  seed: number;
  vaultDir: string;
  clock?: Clock;
  /** The clinic's today (YYYY-MM-DD): no photo is dated after it. */
  today: string;
  /** The clients to photograph, in generation order. */
  clientIds: readonly string[];
  /** How many photos client i gets; undefined for the usual 2-6. */
  photosFor(i: number): number | undefined;
  createdBy: string;
  /** The vault's clinical key: photo files' keys, areas and references are then sealed as an import seals them. */
  clinicalKey?: Buffer;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

const WIDTH = 64;
const HEIGHT = 48;
/** Streams apart from the clients' (which count up from 0) and the batches' (top bit set). */
const PICTURE_STREAM = 0x70000000;
const PHOTO_STREAMS = 0x50000000;
/** Distinct pictures to cycle through: enough to tell thumbnails apart, few enough to make quickly. */
const PICTURES = 8;

/** A diagonal gradient between two skin-ish colours, the same for the same seed. */
async function gradientJpeg(rng: Rng): Promise<Buffer> {
  const from = [rng.int(150, 240), rng.int(110, 190), rng.int(90, 170)];
  const to = [rng.int(60, 160), rng.int(40, 120), rng.int(30, 110)];
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const t = (x / WIDTH + y / HEIGHT) / 2;
      for (let c = 0; c < 3; c++) pixels[(y * WIDTH + x) * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

interface Picture {
  image: Buffer;
  thumbnail: Buffer;
}

async function makePicture(rng: Rng): Promise<Picture> {
  const image = await gradientJpeg(rng);
  const thumbnail = await sharp(image)
    .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: THUMBNAIL_QUALITY })
    .toBuffer();
  return { image, thumbnail };
}

interface TreatmentRef {
  id: string;
  treated_on: string;
  /** The first area treated. */
  area: string | undefined;
}

interface TreatmentRow {
  id: string;
  client_id: string;
  treated_on: string;
  areas: string;
  details_sealed: Buffer | null;
}

function refOf(r: TreatmentRow, key: Buffer | undefined): TreatmentRef {
  const areas = key && r.details_sealed ? openTreatmentDetails(key, r.client_id, r.id, r.details_sealed).areas : (JSON.parse(r.areas) as string[]);
  return { id: r.id, treated_on: r.treated_on, area: areas[0] };
}

interface PhotoPlan {
  treatmentId: string | null;
  area: string;
  stage: 'before' | 'after' | 'other';
  takenOn: string;
  consentScopes: PhotoConsentScope[];
}

/** Before on the day, after at the two-week review: pairs walk back from the latest treatment. */
function planPhotos(rng: Rng, treatments: TreatmentRef[], count: number, today: string): PhotoPlan[] {
  const plans: PhotoPlan[] = [];
  const scopes = (): PhotoConsentScope[] => rng.weighted<PhotoConsentScope[]>([[['clinical-record'], 80], [['clinical-record', 'training'], 12], [['clinical-record', 'training', 'website-social'], 8]]);
  for (let i = 0; plans.length < count; i++) {
    const t = treatments[treatments.length - 1 - (i % Math.max(1, treatments.length))];
    if (!t) {
      plans.push({ treatmentId: null, area: 'Face', stage: 'other', takenOn: today, consentScopes: ['clinical-record'] });
      continue;
    }
    const area = t.area ?? 'Face';
    const consentScopes = scopes();
    plans.push({ treatmentId: t.id, area, stage: 'before', takenOn: t.treated_on, consentScopes });
    const after = isoDay(dayOf(t.treated_on) + 14);
    if (plans.length < count) plans.push({ treatmentId: t.id, area, stage: 'after', takenOn: after < today ? after : today, consentScopes });
  }
  return plans;
}

export async function addPhotos(db: Db, input: AddPhotosInput): Promise<number> {
  const clock = input.clock ?? systemClock;
  const key = input.clinicalKey;
  const store = new FileStore({ db, vaultDir: input.vaultDir, clock, keys: { clinical: key ?? null } });
  const pictureRng = new Rng(input.seed, PICTURE_STREAM);
  const pictures: Picture[] = [];
  for (let i = 0; i < PICTURES; i++) pictures.push(await makePicture(pictureRng));
  const treatmentsOf = db.prepare('SELECT id, client_id, treated_on, areas, details_sealed FROM treatments WHERE client_id = ? ORDER BY treated_on, id');
  const insert = db.prepare(
    `INSERT INTO photos (id, client_id, treatment_id, file_id, thumb_file_id, area, stage, taken_on, width, height,
       media_type, consent_scopes, consent_reference, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'image/jpeg', ?, ?, ?, ?)`,
  );
  const counts = input.clientIds.map((_, i) => input.photosFor(i));
  const meta = { mediaType: 'image/jpeg', createdBy: input.createdBy, clinical: key !== undefined };
  let done = 0;
  for (let i = 0; i < input.clientIds.length; i++) {
    input.signal?.throwIfAborted();
    const clientId = input.clientIds[i]!;
    const rng = new Rng(input.seed, PHOTO_STREAMS + i);
    const count = counts[i] ?? rng.int(2, 6);
    const refs = (treatmentsOf.all(clientId) as TreatmentRow[]).map((r) => refOf(r, key));
    const plans = planPhotos(rng, refs, count, input.today);
    const rows: unknown[][] = [];
    for (const plan of plans) {
      const picture = pictures[rng.int(0, PICTURES - 1)]!;
      // Each picture is stored as its own files, under its own keys, as an import would.
      const image = await store.write(picture.image, meta, input.signal);
      const thumb = await store.write(picture.thumbnail, meta, input.signal);
      // A photo taken today was stored at some time today, but not later than now.
      const stamp = isoStamp(dayOf(plan.takenOn), openingSeconds(rng.float()));
      const now = clock.now().toISOString();
      const createdAt = stamp < now ? stamp : now;
      const id = rng.id('ph');
      const text = key ? storedPhotoText({ clinical: key }, { id, client_id: clientId, area: plan.area, consent_reference: '' }) : { area: plan.area, consent_reference: '' };
      rows.push([id, clientId, plan.treatmentId, image.id, thumb.id, text.area, plan.stage, plan.takenOn, WIDTH, HEIGHT, JSON.stringify(plan.consentScopes), text.consent_reference, createdAt, input.createdBy]);
    }
    db.transaction(() => rows.forEach((r) => insert.run(...r)))();
    done += rows.length;
    input.onProgress?.(i + 1, input.clientIds.length);
  }
  return done;
}
