// The body of every worker thread of `workerExecutor` (plain JavaScript, shipped as is, so that it runs
// from the sources and from dist alike): imports the user's objective module once per thread and
// evaluates one trial per task.
const objectives = new Map();

/** @param {{ module: string, exportName: string, spec: { id: number, params: object, seed: number } }} task */
export default async function runTrial({ module, exportName, spec }) {
  const key = `${module}#${exportName}`;
  let objective = objectives.get(key);
  if (objective === undefined) {
    const mod = await import(module);
    objective = mod[exportName];
    if (typeof objective !== 'function') {
      throw new TypeError(`workerExecutor: ${module} has no function export '${exportName}' (found: ${Object.keys(mod).join(', ') || 'none'})`);
    }
    objectives.set(key, objective);
  }
  return objective(spec.params, { trial: spec.id, seed: spec.seed });
}
