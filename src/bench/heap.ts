import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Runs a full garbage collection. Node hides `gc` unless started with `--expose-gc`; setting the flag at run time
 * and fetching `gc` from a fresh context gives it without re-spawning the process (or asking the caller to).
 */
export function forceGc(passes = 2): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    }
  }
  // Twice by default: the first pass can leave objects that only the second finds unreachable (weak references,
  // finalizers). One is enough to clear garbage before a timed step.
  for (let i = 0; i < passes; i++) collect();
}

/**
 * Live memory in MB after a full collection: the JavaScript heap plus the ArrayBuffer memory beside it. An index
 * built on typed arrays keeps its postings outside `heapUsed`; leaving them out would flatter it.
 */
export function liveMemoryMB(): number {
  forceGc();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 1_048_576;
}
