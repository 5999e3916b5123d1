import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that time the event loop (`*.alone.test.ts`) measure this process's
 * scheduling, so they run by themselves after the rest (vitest.alone.config.ts,
 * scripts/test-all.mjs): beside other test files on a 2-core machine they would
 * measure their neighbours.
 */
export const ALONE_TESTS = 'src-main/**/*.alone.test.ts';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ALONE_TESTS],
    environment: 'node',
    // Real SQLCipher files and scrypt: give slow machines room, but tests keep KDF cost low.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on the 2-core machines this suite runs on, that is
    // ONE test file at a time. Much of a file's time is spent waiting (fsync on real SQLCipher files, child
    // processes, worker threads), so a second worker overlaps that waiting with another file's work
    // (measured: 40 core files 60 s -> 48 s). On bigger machines the default stands. `isolate: false` would
    // save most of each file's import time, but it breaks the tests that vi.mock modules (rollback-crash).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
