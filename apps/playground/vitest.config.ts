import { packageTests } from '../../tooling/vitest-preset.ts';

export default packageTests({ include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'] });
