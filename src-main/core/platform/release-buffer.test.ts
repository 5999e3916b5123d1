import { describe, expect, it } from 'vitest';
import { releaseBuffer } from './release-buffer';

describe('releaseBuffer', () => {
  it('empties a large buffer that owns its memory, so nothing is left to hold', () => {
    const photo = Buffer.alloc(4 * 1024 * 1024, 7);
    releaseBuffer(photo);
    expect(photo.length).toBe(0);
    expect(photo.buffer.byteLength).toBe(0);
  });

  it('leaves alone a view into a larger buffer, whose other bytes someone else may be reading', () => {
    const whole = Buffer.alloc(1024 * 1024, 1);
    const view = whole.subarray(0, 512 * 1024);
    releaseBuffer(view);
    expect(view.length).toBe(512 * 1024);
    expect(whole[1024 * 1024 - 1]).toBe(1);
  });

  it("leaves alone a small buffer from Node's shared pool", () => {
    const small = Buffer.from('a few bytes');
    const neighbour = Buffer.from('its neighbour');
    releaseBuffer(small);
    expect(small.toString()).toBe('a few bytes');
    expect(neighbour.toString()).toBe('its neighbour');
  });
});
