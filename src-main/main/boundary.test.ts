/**
 * The shell's own boundary rules, as a test that fails rather than a hope:
 *  - ipcMain is used in ipc.ts only, with exactly three handle()s: IPC_CHANNEL, IPC_CANCEL_CHANNEL
 *    IPC_PICK_FOLDER_CHANNEL and IPC_UPLOAD_CHANNEL (progress goes the other way, to our window's webContents);
 *  - the preload imports nothing at runtime but 'electron' and the pure contract modules
 *    (a sandboxed preload cannot require anything else);
 *  - files unit-tested in plain Node import electron for types only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const mainDir = import.meta.dirname;
const preloadDir = path.join(mainDir, '..', 'preload');

function sources(dir: string): { file: string; text: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** Module specifiers of value imports (`import type` lines are erased by the compiler). */
function runtimeImports(text: string): string[] {
  const specs: string[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(?!type\b)[^'";]*?from\s+'([^']+)'/gm)) {
    if (match[2]) specs.push(match[2]);
  }
  for (const match of text.matchAll(/\b(?:require|import)\(\s*'([^']+)'\s*\)/g)) {
    if (match[1]) specs.push(match[1]);
  }
  return specs;
}

describe('shell boundary', () => {
  it('uses ipcMain only in ipc.ts, with one handle each on IPC_CHANNEL, IPC_CANCEL_CHANNEL, IPC_PICK_FOLDER_CHANNEL and IPC_UPLOAD_CHANNEL', () => {
    const users = [...sources(mainDir), ...sources(preloadDir)].filter(({ text }) =>
      /\bipcMain\b/.test(text),
    );
    expect(users.map((u) => u.file)).toEqual(['ipc.ts']);
    const ipc = users[0]?.text ?? '';
    expect(ipc.match(/ipcMain\.\w+\(/g)).toEqual(['ipcMain.handle(', 'ipcMain.handle(', 'ipcMain.handle(', 'ipcMain.handle(']);
    expect(ipc).toContain('ipcMain.handle(IPC_CHANNEL,');
    expect(ipc).toContain('ipcMain.handle(IPC_CANCEL_CHANNEL,');
    expect(ipc).toContain('ipcMain.handle(IPC_UPLOAD_CHANNEL,');
    expect(ipc).toContain('ipcMain.handle(IPC_PICK_FOLDER_CHANNEL,');
  });

  it('keeps the preload to electron plus pure contract modules', () => {
    const preload = sources(preloadDir);
    expect(runtimeImports(preload.find((s) => s.file === 'index.ts')?.text ?? '')).toContain('electron');
    for (const { file, text } of preload) {
      for (const spec of runtimeImports(text)) {
        expect([`${file}: electron`, `${file}: ../contract/api`, `${file}: ../contract/errors`]).toContain(
          `${file}: ${spec}`,
        );
      }
    }
    // The contract modules the preload bundles must themselves have no runtime imports.
    for (const shared of ['api.ts', 'errors.ts']) {
      const text = fs.readFileSync(path.join(mainDir, '..', 'contract', shared), 'utf8');
      expect(runtimeImports(text), shared).toEqual([]);
    }
  });

  it('keeps electron out of the plain-Node modules', () => {
    for (const file of ['policy.ts', 'launch-options.ts', 'log-file.ts', 'menu.ts']) {
      const text = fs.readFileSync(path.join(mainDir, file), 'utf8');
      expect(
        runtimeImports(text).filter((s) => s === 'electron' || s.startsWith('electron/')),
        file,
      ).toEqual([]);
    }
  });
});
