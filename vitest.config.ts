import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // The first ingestion in a file loads the gazetteers (several MB of JSON); on a busy machine that alone can pass 5 s.
    testTimeout: 30_000,
  },
});
