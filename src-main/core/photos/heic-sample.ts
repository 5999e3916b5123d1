/**
 * Test support (not shipped code): a real HEIC (HEVC-coded HEIF, major brand
 * "heic") of 64x48 pixels, 1,386 bytes, the only binary sample in the photo tests.
 *
 * Nothing installed with the project can write HEIC: sharp's prebuilt libvips has
 * no HEVC encoder (its HEIF output is AV1, i.e. AVIF, which is not what iPhones
 * write) and libheif-js only decodes. So it was made once, from the synthetic
 * gradient JPEG of test-images.ts (makeJpeg({ width: 64, height: 48 }), with its
 * planted EXIF, GPS and XMP), by Debian's libheif-examples 1.15.1 (libheif +
 * x265): `heif-enc -q 40 -o sample.heic gradient.jpg`. heif-enc copied the EXIF
 * and XMP into the HEIC, so it carries SECRET_MAKE and SECRET_XMP for the strip test.
 * No person's photo: a generated gradient.
 */
export const HEIC_SAMPLE_WIDTH = 64;
export const HEIC_SAMPLE_HEIGHT = 48;

export const HEIC_SAMPLE = Buffer.from(
  'AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAi1tZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAA' +
    'AAAAAA5waXRtAAAAAAACAAAAEGlkYXQAAAAAAEAAMAAAAGBpbG9jAQAAAERAAAQAAQAAAAAAAAJRAAEAAAAAAAAAcgACAAEA' +
    'AAAAAAAAAQAAAAAAAAAIAAMAAAAAAAACwwABAAAAAAAAAWoABAAAAAAAAAQtAAEAAAAAAAABPQAAAHdpaW5mAAAAAAAEAAAA' +
    'FWluZmUCAAABAAEAAGh2YzEAAAAAFWluZmUCAAAAAAIAAGdyaWQAAAAAFWluZmUCAAABAAMAAEV4aWYAAAAAKmluZmUCAAAB' +
    'AAQAAG1pbWUAYXBwbGljYXRpb24vcmRmK3htbAAAAAAA1WlwcnAAAACzaXBjbwAAAHNodmNDAQNwAAAAAAAAAAAAHvAA/P34' +
    '+AAADwMgAAEAGEABDAH//wNwAAADAJAAAAMAAAMAHroCQCEAAQAnQgEBA3AAAAMAkAAAAwAAAwAeoCCBBZbq5Ka5sCAAAAMA' +
    'IAAAAwAhIgABAAZEAcFzwIkAAAAUaXNwZQAAAAAAAABAAAAAQAAAABRpc3BlAAAAAAAAAEAAAAAwAAAAEHBpeGkAAAAAAwgI' +
    'CAAAABppcG1hAAAAAAAAAAIAAQKBAgACAgOEAAAANmlyZWYAAAAAAAAADmRpbWcAAgABAAEAAAAOY2RzYwADAAEAAgAAAA5j' +
    'ZHNjAAQAAQACAAADIW1kYXQAAABuKAGvWPICNWGEnrjB2/4GDnq1Q52JzIQuvJH/6OohiROkd4B3zlWR0ZL16TktkoXBYnmU' +
    'lm/IMhiYgbLKcbz7UdYmo1IpFY/sXSHnOdxUTuh3lD3Skw59vyepemr5K0phEmMxNtJI6WA89pjKWUAAAAAASUkqAAgAAAAJ' +
    'AA4BAgAcAAAAigAAAA8BAgAMAAAApgAAABIBAwABAAAAAQAAABoBBQABAAAAegAAABsBBQABAAAAggAAACgBAwABAAAAAgAA' +
    'ABMCAwABAAAAAQAAAGmHBAABAAAAsgAAACWIBAABAAAAAAEAAAAAAAA4YwAA6AMAADhjAADoAwAAY3Ytc2VjcmV0LWRlc2Ny' +
    'aXB0aW9uLTUxLjVOAEN2U2VjcmV0Q2FtAAYAAJAHAAQAAAAwMjEwAZEHAAQAAAABAgMAAKAHAAQAAAAwMTAwAaADAAEAAAD/' +
    '/wAAAqAEAAEAAABAAAAAA6AEAAEAAAAwAAAAAAAAAAQAAQACAAIAAABOAAAAAgAFAAMAAABOAQAAAwACAAIAAABXAAAABAAF' +
    'AAMAAAA2AQAAAAAAAAIAAAABAAAAIwAAAAEAAABoEAAAZAAAADMAAAABAAAAHgAAAAEAAAAoCgAAZAAAADw/eHBhY2tldCBi' +
    'ZWdpbj0iIiBpZD0iVzVNME1wQ2VoaUh6cmVTek5UY3prYzlkIj8+PHg6eG1wbWV0YSB4bWxuczp4PSJhZG9iZTpuczptZXRh' +
    'LyI+PHJkZjpSREYgeG1sbnM6cmRmPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5LzAyLzIyLXJkZi1zeW50YXgtbnMjIj48cmRm' +
    'OkRlc2NyaXB0aW9uIHhtbG5zOmRjPSJodHRwOi8vcHVybC5vcmcvZGMvZWxlbWVudHMvMS4xLyI+PGRjOmNyZWF0b3I+Y3Yt' +
    'c2VjcmV0LXhtcC1jcmVhdG9yPC9kYzpjcmVhdG9yPjwvcmRmOkRlc2NyaXB0aW9uPjwvcmRmOlJERj48L3g6eG1wbWV0YT48' +
    'P3hwYWNrZXQgZW5kPSJ3Ij8+',
  'base64',
);

/**
 * The sample with a lie in its container, as a decompression bomb would tell
 * it: every `ispe` property, or the grid's output size (the 16-bit fields of
 * its descriptor in idat), rewritten to claim a far larger picture. The coded
 * picture data is unchanged, a few hundred bytes.
 */
export function heicDeclaring(size: { width: number; height: number }, where: 'ispe' | 'grid'): Buffer {
  const out = Buffer.from(HEIC_SAMPLE);
  if (where === 'ispe') {
    for (let at = out.indexOf('ispe'); at >= 0; at = out.indexOf('ispe', at + 4)) {
      out.writeUInt32BE(size.width, at + 8); // after the type: version and flags, then width, height
      out.writeUInt32BE(size.height, at + 12);
    }
  } else {
    const idat = out.indexOf('idat');
    out.writeUInt16BE(size.width, idat + 8); // after version, flags, rows-1, columns-1
    out.writeUInt16BE(size.height, idat + 10);
  }
  return out;
}
