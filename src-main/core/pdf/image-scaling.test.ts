import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scaleImageForPrint } from './image-scaling';

describe('scaleImageForPrint', () => {
  it('brings a large photo down to 1600 px on its long side as a much smaller JPEG', async () => {
    const noise = Buffer.alloc(4000 * 3000 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const big = await sharp(noise, { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
    const scaled = await scaleImageForPrint(big);
    expect([scaled.width, scaled.height]).toEqual([1600, 1200]);
    const meta = await sharp(scaled.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([1600, 1200]);
    expect(scaled.data.length).toBeLessThan(big.length / 3);
  });

  it('leaves a small image at its size, and turns a PNG into a JPEG on white', async () => {
    const png = await sharp({ create: { width: 300, height: 500, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const scaled = await scaleImageForPrint(png);
    expect([scaled.width, scaled.height]).toEqual([300, 500]);
    const { data } = await sharp(scaled.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
  });

  it('refuses something that is not an image', async () => {
    await expect(scaleImageForPrint(Buffer.from('not an image'))).rejects.toThrow();
  });
});
