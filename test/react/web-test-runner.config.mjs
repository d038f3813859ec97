// The React tests alone: `npx wtr --config test/react/web-test-runner.config.mjs` (from the
// repository root). The root config runs them too once it has `reactAsEsm()` in its plugins.
import base from '../../web-test-runner.config.mjs';
import { reactAsEsm } from './react-esm-plugin.mjs';

export default {
  ...base,
  files: ['test/react/**/*.test.ts'],
  plugins: [...base.plugins.filter((p) => p.name !== 'react-as-esm'), reactAsEsm()],
};
