import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Real SQLCipher files and scrypt: give slow machines room, but tests keep KDF cost low.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
