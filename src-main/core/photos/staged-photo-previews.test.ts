import { describe, expect, it } from 'vitest';
import { StagedPhotoPreviews, previewStagedJpeg } from './staged-photo-previews';
import { NotAnImageError } from './image-processing';
import { makeJpeg } from '../test-support/test-images';

const preview = () =>
  Promise.resolve({
    unchanged: true,
    mediaType: 'image/jpeg' as const,
    width: 1,
    height: 1,
    thumbnail: Promise.resolve(Buffer.alloc(1)),
    printCopy: Promise.resolve({ jpeg: Buffer.alloc(1), width: 1, height: 1 }),
  });

describe('StagedPhotoPreviews', () => {
  it('hands a preview over once, and only for the file it was made from', async () => {
    const previews = new StagedPhotoPreviews();
    const p = preview();
    previews.keep('up_1', 'f_1', p);
    previews.keep('up_2', 'f_2', preview());
    expect(previews.take('up_1', 'f_1')).toBe(p);
    expect(previews.take('up_1', 'f_1')).toBeNull();
    // The wrong file: not handed over, and not kept for later either.
    expect(previews.take('up_2', 'f_other')).toBeNull();
    expect(previews.take('up_2', 'f_2')).toBeNull();
    expect(previews.size).toBe(0);
  });

  it('drops the oldest when full, so memory stays bounded however many are staged', () => {
    const previews = new StagedPhotoPreviews();
    for (let i = 0; i < 100; i++) previews.keep(`up_${i}`, `f_${i}`, preview());
    expect(previews.size).toBe(48);
    expect(previews.take('up_0', 'f_0')).toBeNull();
    expect(previews.take('up_99', 'f_99')).not.toBeNull();
  });

  it('forgets an upload that is discarded', () => {
    const previews = new StagedPhotoPreviews();
    previews.keep('up_1', 'f_1', preview());
    previews.forget('up_1');
    expect(previews.take('up_1', 'f_1')).toBeNull();
  });

  it('keeps a preview that will fail without crashing the process, for the import to report', async () => {
    const previews = new StagedPhotoPreviews();
    previews.keep('up_1', 'f_1', Promise.reject(new NotAnImageError('bad')));
    await new Promise((r) => setTimeout(r, 10)); // an unhandled rejection would fail the run here
    await expect(previews.take('up_1', 'f_1')).rejects.toBeInstanceOf(NotAnImageError);
  });
});

describe('previewStagedJpeg', () => {
  it('prepares a clean JPEG as photos.import would, without holding its bytes', async () => {
    const jpeg = await makeJpeg({ metadata: false, width: 64, height: 48 });
    const result = await previewStagedJpeg(jpeg);
    expect(result).toMatchObject({ unchanged: true, mediaType: 'image/jpeg', width: 64, height: 48 });
    expect(result).not.toHaveProperty('pieces');
    expect((await result!.thumbnail).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('declines a JPEG that stripping would still change, so the import cleans it itself', async () => {
    expect(await previewStagedJpeg(await makeJpeg())).toBeNull();
  });

  it('rejects what is not a readable picture', async () => {
    await expect(previewStagedJpeg(Buffer.from('not a jpeg at all'))).rejects.toBeInstanceOf(NotAnImageError);
  });
});
