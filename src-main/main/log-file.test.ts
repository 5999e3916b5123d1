import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLogLine, openFileLogger } from './log-file';

const at = new Date('2025-03-01T09:30:00.000Z');

function parse(line: string): Record<string, unknown> {
  expect(line.endsWith('\n')).toBe(true);
  return JSON.parse(line) as Record<string, unknown>;
}

describe('formatLogLine', () => {
  it('writes one JSON line with time, level and message', () => {
    expect(parse(formatLogLine('info', 'app.starting', { version: '0.1.0' }, at))).toEqual({
      at: '2025-03-01T09:30:00.000Z',
      level: 'info',
      msg: 'app.starting',
      version: '0.1.0',
    });
  });

  it('redacts fields whose names suggest personal data or secrets', () => {
    const entry = parse(
      formatLogLine(
        'warn',
        'x',
        {
          username: 'jsmith',
          displayName: 'Jane',
          password: 'p',
          recoveryKey: 'k',
          clientEmail: 'a@b',
          notes: 'n',
          input: {},
          staffId: 's_1',
          code: 'FORBIDDEN',
        },
        at,
      ),
    );
    for (const key of [
      'username',
      'displayName',
      'password',
      'recoveryKey',
      'clientEmail',
      'notes',
      'input',
    ]) {
      expect(entry[key]).toBe('[redacted]');
    }
    expect(entry['staffId']).toBe('s_1');
    expect(entry['code']).toBe('FORBIDDEN');
  });

  it('omits objects, keeps an error as type, code and stack, and cannot overwrite the envelope', () => {
    const err = Object.assign(new Error('boom'), { code: 'SQLITE_FULL' });
    const entry = parse(
      formatLogLine('error', 'x', { details: { a: 1 }, error: err, level: 'info', at: 'then' }, at),
    );
    expect(entry['details']).toBe('[omitted]');
    expect(entry['level']).toBe('error');
    expect(entry['at']).toBe('2025-03-01T09:30:00.000Z');
    expect(entry['error']).toMatchObject({ type: 'Error', code: 'SQLITE_FULL' });
    expect(String((entry['error'] as { stack: string }).stack)).toContain('boom');
  });

  it('keeps a line a line and clips long values', () => {
    const line = formatLogLine('info', 'two\nlines', { origin: 'x'.repeat(1000) }, at);
    expect(line.split('\n')).toHaveLength(2);
    expect(String(parse(line)['origin']).length).toBeLessThan(400);
  });
});

describe('openFileLogger', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('creates the folder and appends lines', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-log-'));
    const logsDir = path.join(dir, 'logs');
    const logger = openFileLogger(logsDir, { now: () => at });
    logger.info('one');
    logger.error('two', { code: 'INTERNAL' });
    logger.close();
    logger.warn('after close is ignored');
    const lines = fs.readFileSync(logger.filePath, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['one', 'two']);
    if (process.platform !== 'win32') expect(fs.statSync(logger.filePath).mode & 0o077).toBe(0);
  });
});
