/**
 * Every field in the contract that names a folder must be in FOLDER_FIELDS, or
 * the desktop app's folder check (src-main/main/folder-grants.ts) would let a
 * page send it anywhere. Found two ways: a top-level field built on the shared
 * folderPath schema, or one whose name says it is a folder.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { folderPath } from './backup-schemas';
import { FOLDER_FIELDS, foldersIn } from './folder-fields';
import { schemas } from './schemas';

const FOLDER_NAME = /(dir|folder|destination|path)$/i;

/** The schema under optional, nullable and default wrappers. */
function unwrapped(schema: z.ZodType): unknown {
  let s: unknown = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = (s as { def: { innerType: unknown } }).def.innerType;
  return s;
}

/** The object shape under defaults, optionals, pipes and refinements. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  let s: unknown = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return s.shape as Record<string, z.ZodType>;
    const def = (s as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } }).def;
    s = def?.innerType ?? def?.in ?? def?.schema;
    if (!s) return null;
  }
  return null;
}

describe('FOLDER_FIELDS', () => {
  it('lists every folder-naming field of every method, and nothing that does not exist', () => {
    const found: Record<string, string[]> = {};
    for (const [method, schema] of Object.entries(schemas)) {
      const shape = shapeOf(schema as z.ZodType);
      if (!shape) continue;
      const fields = Object.keys(shape).filter((k) => FOLDER_NAME.test(k) || unwrapped(shape[k]!) === folderPath);
      if (fields.length) found[method] = fields;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(FOLDER_FIELDS).map(([m, f]) => [m, [...f]])));
  });

  it('reads the folders a call names, ignoring empty and non-string values', () => {
    expect(foldersIn('restore.run', { from: '/a', to: '', snapshotId: 'x' })).toEqual(['/a']);
    expect(foldersIn('backup.now', undefined)).toEqual([]);
    expect(foldersIn('staff.list', { to: '/a' })).toEqual([]);
  });
});
