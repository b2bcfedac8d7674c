import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run print the plain 'N passed, N failed' line CI reads.
    reporters: ['default', ['json', { outputFile: '.cache/test-results.json' }]],
  },
});
