/**
 * The shipped desktop app's entry (out/main/index.js): production key
 * derivation, always. Everything else is in desktop-app.ts.
 */
import path from 'node:path';
import { startDesktopApp } from './desktop-app';

// This bundle is out/main/index.js; the preload and the renderer are its siblings. Resolving from
// here rather than app.getAppPath() works however the app is started: installed (inside app.asar),
// `electron .`, or `electron out/main/index.js` as Playwright does.
startDesktopApp({ kdfCost: 'production', outDir: path.join(import.meta.dirname, '..') });
