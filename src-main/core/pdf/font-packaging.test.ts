/**
 * electron-builder.yml ships only the font files the PDF builder loads. The
 * app cannot be packaged here (no Electron binary), so this applies the
 * config's `files` patterns the way electron-builder does to every file of the
 * font packages: a production dependency's files are collected, then the
 * patterns are applied in order (the last matching one decides).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, fontPath } from './font-files';

const ROOT = join(__dirname, '..', '..', '..');

function filePatterns(): string[] {
  const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
  const section = /^files:\n((?:\s+-.*\n|\s*#.*\n)+)/m.exec(yml)?.[1] ?? '';
  return [...section.matchAll(/^\s+-\s+'?([^'\n]+)'?\s*$/gm)].map((m) => m[1] as string);
}

function shipped(path: string, patterns: string[]): boolean {
  // The font packages are production dependencies (package.json): collected unless a pattern drops them.
  let included = path.startsWith('node_modules/');
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (minimatch(path, p.slice(1), { dot: true })) included = false;
    } else if (minimatch(path, p, { dot: true })) included = true;
  }
  return included;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

describe('font packaging', () => {
  const patterns = filePatterns();
  const fontDir = join(ROOT, 'node_modules', '@expo-google-fonts');
  // node_modules is a symlink in a worktree: name files as electron-builder sees them.
  const files = walk(fontDir).map((f) => `node_modules/@expo-google-fonts/${relative(fontDir, f)}`);

  it('ships every font the builder loads, and the licences', () => {
    for (const face of Object.keys(FONT_FILES) as Array<keyof typeof FONT_FILES>) {
      expect(fontPath(face)).toContain(FONT_FILES[face]);
      expect(shipped(`node_modules/${FONT_FILES[face]}`, patterns), face).toBe(true);
    }
    expect(shipped('node_modules/@expo-google-fonts/noto-sans-sc/LICENSE_FONT', patterns)).toBe(true);
  });

  it('leaves out the other weights, italics and previews (under 25 MB of fonts shipped)', () => {
    const kept = files.filter((f) => shipped(f, patterns));
    const ttfs = kept.filter((f) => f.endsWith('.ttf')).sort();
    expect(ttfs).toEqual(Object.values(FONT_FILES).map((f) => `node_modules/${f}`).sort());
    expect(kept.some((f) => f.endsWith('.png'))).toBe(false);
    const bytes = kept.reduce((sum, f) => sum + statSync(join(ROOT, f)).size, 0);
    expect(bytes).toBeLessThan(25 * 1024 * 1024);
  });
});
