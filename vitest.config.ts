import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 20_000,
    // CLI and import messages follow LANG (src/i18n/cli-messages.ts); tests of the English texts
    // must not turn Russian on a Russian developer's machine. Tests of Russian set it themselves.
    env: { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
  },
});
