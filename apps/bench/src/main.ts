import { writeFileSync } from 'node:fs';
import { getBackend } from '@nn/core';
import { type MatmulResult, benchMatmul } from './matmul';

/**
 * `pnpm bench [--quick] [--json file]`: runs every workload in one process and prints a table.
 * Figures vary from run to run on a shared machine; compare ratios measured in the same run.
 */
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonAt = args.indexOf('--json');
const jsonPath = jsonAt >= 0 ? args[jsonAt + 1] : undefined;

const sizes = quick ? [128, 256] : [128, 256, 512];
const results: MatmulResult[] = [];
const backend = getBackend().name;
for (const dtype of ['float32', 'float64'] as const) {
  for (const n of sizes) {
    const r = benchMatmul(n, dtype, backend, quick);
    results.push(r);
    console.log(`${r.workload}  ${r.backend.padEnd(6)} ${r.dtype}  n = ${String(n).padStart(4)}  ${r.gflops.toFixed(2).padStart(6)} GFLOPS  (${r.medianMs.toFixed(2)} ms)`);
  }
}
if (jsonPath !== undefined) {
  writeFileSync(jsonPath, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
  console.log(`wrote ${jsonPath}`);
}
