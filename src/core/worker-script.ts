/**
 * How a worker thread runs a module of ours: `<name>.ts` beside `moduleUrl` when run from source, `<name>.js`
 * once compiled. From source the worker registers tsx first: a worker thread does not inherit the main thread's
 * module hooks on Node 20. Give the result to `new Worker(code, { eval: true, workerData })`.
 */
export function workerScript(
  moduleUrl: string,
  name: string,
  entryOverride?: string,
): { code: string; workerData: { entry: string; register: string | undefined } } {
  const fromSource = moduleUrl.endsWith('.ts');
  const entry = entryOverride ?? new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, moduleUrl).href;
  // Resolved here, where the project's node_modules are known; a test runner may not offer `import.meta.resolve`.
  const register = fromSource
    ? typeof import.meta.resolve === 'function'
      ? import.meta.resolve('tsx/esm/api')
      : 'tsx/esm/api'
    : undefined;
  const code = `const { workerData } = require('node:worker_threads');
(workerData.register ? import(workerData.register).then((tsx) => tsx.register()) : Promise.resolve()).then(() => import(workerData.entry));`;
  return { code, workerData: { entry, register } };
}
