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

function usedMB(): number {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 1_048_576;
}

/**
 * Live memory in MB after full collections: the JavaScript heap plus the ArrayBuffer memory beside it. An index
 * built on typed arrays keeps its postings outside `heapUsed`; leaving them out would flatter it. Collections are
 * repeated until the figure settles: after a large structure dies, one pass does not always free all of it.
 */
export function liveMemoryMB(): number {
  let previous = Infinity;
  let current = Infinity;
  for (let pass = 0; pass < 6 && !(previous - current < 0.5); pass++) {
    forceGc(1);
    previous = current;
    current = usedMB();
  }
  return current;
}
