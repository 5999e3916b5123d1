import { defineConfig } from 'vitest/config';
import { ALONE_TESTS } from './vitest.config';

/** The event-loop timing tests, one file at a time and nothing beside them (see vitest.config.ts). */
export default defineConfig({
  test: {
    include: [ALONE_TESTS],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
