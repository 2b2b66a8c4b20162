import { appBuild } from '../../tooling/tsup-preset.ts';

export default appBuild({ main: 'src/main.ts' });
