/**
 * The desktop app's log: JSON lines in <userData>/logs/main.log.
 *
 * The log must never hold a client's name or health data (docs/compliance.md,
 * "Security and accountability"), so besides asking callers to log ids and codes only, the
 * formatter drops fields whose names suggest personal data and anything that
 * is not a plain value. Writes are synchronous: lines are few, and a startup
 * failure must reach the disk before the app quits.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/platform/ports';

export type LogLevel = 'info' | 'warn' | 'error';

/** Field names that could carry personal data or secrets; their values are never written. */
const SENSITIVE_FIELD =
  /pass|secret|key|token|name|email|phone|address|postcode|note|birth|dob|body|input|content|text/i;
const MAX_STRING = 300;
/** Stack traces (the core logs them as strings under `error`) get more room. */
const MAX_TRACE = 4000;
const TRACE_FIELD = /^(error|stack)$/;
const MAX_LOG_BYTES = 5 * 1024 * 1024;

function clip(value: string, max = MAX_STRING): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function describeError(err: Error): Record<string, string> {
  const out: Record<string, string> = { type: err.name };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out['code'] = clip(code);
  // Stack traces belong in the log (never on screen); frames are file paths and function names.
  if (err.stack) out['stack'] = clip(err.stack.split('\n').slice(0, 15).join('\n'), MAX_TRACE);
  return out;
}

function safeValue(value: unknown, max: number): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return clip(value, max);
  if (value instanceof Error) return describeError(value);
  return '[omitted]';
}

export function formatLogLine(
  level: LogLevel,
  message: string,
  fields: Record<string, unknown> | undefined,
  now: Date,
): string {
  const entry: Record<string, unknown> = {
    at: now.toISOString(),
    level,
    msg: clip(message.replace(/\s+/g, ' ')),
  };
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (key === 'at' || key === 'level' || key === 'msg') continue;
    entry[key] = SENSITIVE_FIELD.test(key)
      ? '[redacted]'
      : safeValue(value, TRACE_FIELD.test(key) ? MAX_TRACE : MAX_STRING);
  }
  return `${JSON.stringify(entry)}\n`;
}

export interface FileLogger extends Logger {
  readonly filePath: string;
  close(): void;
}

/** Opens (creating if needed) the log, keeping one previous file when it grows past 5 MB. */
export function openFileLogger(dir: string, options: { echo?: boolean; now?: () => Date } = {}): FileLogger {
  const now = options.now ?? (() => new Date());
  const filePath = path.join(dir, 'main.log');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    if (fs.statSync(filePath).size > MAX_LOG_BYTES)
      fs.renameSync(filePath, path.join(dir, 'main.previous.log'));
  } catch {
    // No log yet: nothing to rotate.
  }
  let fd: number | null = fs.openSync(filePath, 'a', 0o600);

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    const line = formatLogLine(level, message, fields, now());
    if (options.echo) process.stderr.write(line);
    if (fd === null) return;
    try {
      fs.writeSync(fd, line);
    } catch {
      // A full or vanished disk must not take the app down with it; the core reports DISK_FULL itself.
    }
  };

  return {
    filePath,
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
