/**
 * The layering rule from docs/architecture.md, as a test that fails: the core
 * and contract code never import Electron or React; contract never imports Node;
 * the renderer never imports Node or Electron. Which src-main folders the
 * renderer may import, the core's folder directions and test support kept out
 * of product code are dependency-cruiser's rules (.dependency-cruiser.cjs,
 * `npm run lint:deps`; scripts/dependency-rules.test.ts shows they bite).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specs.map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function violations(dir: string, isForbidden: (spec: string) => boolean): string[] {
  return sourceFiles(join(ROOT, dir)).flatMap((f) =>
    importsOf(f)
      .filter(isForbidden)
      .map((spec) => `${relative(ROOT, f)} imports ${spec}`),
  );
}

const electronOrReact = (s: string) => /^(electron|react|react-dom)(\/|$)/.test(s);

describe('layering rule', () => {
  it('finds imports in a real file (the checker itself works)', () => {
    expect(importsOf(join(ROOT, 'src-main/core/app.ts'))).toContain('./clinic-core');
  });

  it('core never imports electron or react', () => {
    expect(violations('src-main/core', electronOrReact)).toEqual([]);
  });

  it('the CLI and the browser host never import electron or react', () => {
    expect([...violations('src-main/cli', electronOrReact), ...violations('src-main/host', electronOrReact)]).toEqual([]);
  });

  it('contract is pure TypeScript: no electron, react or Node built-ins, nothing from the other floors', () => {
    expect(
      violations('src-main/contract', (s) => electronOrReact(s) || s.startsWith('node:') || /^(fs|path|crypto|os)$/.test(s) || /\.\.\/(core|main|preload|host|cli)\//.test(s)),
    ).toEqual([]);
  });

  it('the renderer imports nothing from Node or Electron', () => {
    expect(violations('src-renderer/src', (s) => s.startsWith('node:') || s === 'electron')).toEqual([]);
  });

  it('test helpers live in a test-support folder, never among the source files they help test', () => {
    const strays = sourceFiles(join(ROOT, 'src-main'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !/(^|\/)test-support\//.test(f) && /(^|\/)(test-[^/]*|[^/]*-test-support)\.ts$/.test(f));
    expect(strays).toEqual([]);
  });
});
