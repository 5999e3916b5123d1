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
  },
});
