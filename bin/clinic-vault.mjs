#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx clinic-vault` and `npm run cli` use the same source.
import { register } from 'tsx/esm/api';
register();
await import('../src-main/cli/index.ts');
