import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src-main/contract/csp';

/**
 * The CSP goes into the built index.html as a meta tag, on top of the header
 * that app:// and the browser host send. Not in dev: Vite's dev server needs
 * inline scripts for hot reload, which the policy rightly forbids.
 */
function cspMetaInBuild(): Plugin {
  return {
    name: 'clinic-vault-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * A sandboxed preload can require nothing but 'electron' (and a few built-ins
 * we do not use), and it must be a single file. Fail the build, not the app
 * at runtime, if an import sneaks in.
 */
function sandboxedPreloadGuard(): Plugin {
  return {
    name: 'clinic-vault:sandboxed-preload-guard',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      if (chunks.length !== 1) this.error(`The preload must build to one file, got ${chunks.length}.`);
      for (const chunk of chunks) {
        const extra = [...chunk.imports, ...chunk.dynamicImports].filter((id) => id !== 'electron');
        if (extra.length > 0)
          this.error(`The sandboxed preload may only import 'electron', not: ${extra.join(', ')}`);
      }
    },
  };
}

/**
 * e2e builds only (e2e/global-setup.ts sets CLINIC_E2E_BUILD=1): a second main
 * entry that starts the same app with the cheap key derivation, so Electron
 * specs run fast vaults without any test switch in the shipped entry. A plain
 * build (and so `npm run dist`) does not contain it.
 */
const e2eMainEntry: Record<string, string> =
  process.env['CLINIC_E2E_BUILD'] === '1'
    ? { 'e2e-fast-kdf': resolve(__dirname, 'src-main/test-support/electron-fast-kdf-main.ts') }
    : {};

// Three builds: the main process (Node + Electron), the preload (sandboxed, so
// one CommonJS file with no imports but 'electron'), and the React renderer.
export default defineConfig({
  main: {
    resolve: {
      // The HEIC decoder's worker is bundled as its own file (?modulePath); from the
      // source tree (tsx, vitest) heic-worker-path.ts finds the .ts beside it instead.
      alias: [
        { find: /^\.\/heic-worker-path$/, replacement: resolve(__dirname, 'src-main/core/photos/heic-worker-path.electron.ts') },
        // The same for the database's structural check (src-main/core/db/structure-check.ts).
        { find: /^\.\/structure-worker-path$/, replacement: resolve(__dirname, 'src-main/core/db/structure-worker-path.electron.ts') },
        // And the backup's database copy (src-main/core/backup/vacuum-copy.ts).
        { find: /^\.\/vacuum-worker-path$/, replacement: resolve(__dirname, 'src-main/core/backup/vacuum-worker-path.electron.ts') },
        // And the backup's file threads (src-main/core/backup/hash-pool.ts).
        { find: /^\.\/backup-io-worker-path$/, replacement: resolve(__dirname, 'src-main/core/backup/backup-io-worker-path.electron.ts') },
      ],
    },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // core-worker: the core's worker thread (docs/core-worker.md), started by CoreClient from out/main/core-worker.js.
        input: {
          index: resolve(__dirname, 'src-main/main/index.ts'),
          'core-worker': resolve(__dirname, 'src-main/core-worker/worker-entry.ts'),
          ...e2eMainEntry,
        },
        external: ['better-sqlite3-multiple-ciphers'],
      },
    },
  },
  preload: {
    plugins: [sandboxedPreloadGuard()],
    build: {
      // Bundle any dependency into the preload rather than leave a require() the sandbox cannot satisfy.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves builds unminified; the window loads every byte of the renderer at start.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [react(), cspMetaInBuild()],
  },
});
