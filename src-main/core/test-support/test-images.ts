/**
 * Test and benchmark support (not shipped code): pictures made on the spot with
 * sharp, so no photo of anybody is ever committed, carrying the metadata a phone
 * would add (camera make, a description, GPS position, XMP) for the strip tests
 * to look for afterwards.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** Strings planted in the metadata; none may survive an import. */
export const SECRET_MAKE = 'CvSecretCam';
export const SECRET_DESCRIPTION = 'cv-secret-description-51.5N';
export const SECRET_XMP = 'cv-secret-xmp-creator';

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${SECRET_XMP}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

const EXIF_WITH_GPS = {
  IFD0: { Make: SECRET_MAKE, ImageDescription: SECRET_DESCRIPTION },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '51/1 30/1 2600/100',
    GPSLongitudeRef: 'W',
    GPSLongitude: '2/1 35/1 4200/100',
  },
};

/** A left-to-right, top-to-bottom gradient with a bright block in the top-left corner. */
function gradient(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const corner = x < width / 4 && y < height / 4;
      raw[i] = corner ? 255 : Math.round((x / width) * 200);
      raw[i + 1] = corner ? 255 : Math.round((y / height) * 200);
      raw[i + 2] = corner ? 255 : 60;
    }
  }
  return raw;
}

export interface ImageOptions {
  width?: number;
  height?: number;
  /** EXIF orientation to record (1-8); the pixels are written as given. */
  orientation?: number;
  /** Camera make, description, GPS and XMP; on by default. */
  metadata?: boolean;
}

function base(opts: ImageOptions) {
  const width = opts.width ?? 120;
  const height = opts.height ?? 80;
  let img = sharp(gradient(width, height), { raw: { width, height, channels: 3 } });
  if (opts.metadata !== false) img = img.withExif(EXIF_WITH_GPS).withXmp(XMP);
  if (opts.orientation && opts.orientation !== 1) img = img.withMetadata({ orientation: opts.orientation });
  return img;
}

export const makeJpeg = (opts: ImageOptions = {}) => base(opts).jpeg({ quality: 90 }).toBuffer();
export const makePng = (opts: ImageOptions = {}) => base(opts).png().toBuffer();
export const makeWebp = (opts: ImageOptions = {}) => base(opts).webp({ quality: 90 }).toBuffer();

/** A JPEG segment (marker + length + payload), for planting IPTC or comments by hand. */
export function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The JPEG with extra segments right after SOI and some bytes after its end marker. */
export function withExtraSegments(jpeg: Buffer, segments: Buffer[], trailer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2), trailer]);
}

/**
 * About 4 MB (4.2 MB, 4.0 MiB): 4000x3000 of fine noise over a gradient at
 * quality 90, with EXIF and GPS, like a 12-megapixel phone photo. The noise
 * keeps the JPEG from compressing to nothing, as skin texture and hair do.
 */
export async function makeBenchJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const noise = randomBytes(width * height);
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = (i / width) | 0;
    const n = noise[i]!;
    raw[i * 3] = (x >> 4) + (n & 31);
    raw[i * 3 + 1] = (y >> 4) + ((n >> 2) & 31);
    raw[i * 3 + 2] = 128 + (n & 31);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif(EXIF_WITH_GPS)
    .jpeg({ quality: 90 })
    .toBuffer();
}
