/**
 * Work written as a generator that yields between steps of at most a few tens of milliseconds, run either at once
 * (a start-up, which nothing waits on) or a step at a time with the event loop turning in between (a reload while
 * answers are being given), so that the same code serves both.
 */
export type Steps<T> = Generator<void, T, void>;

export function finishNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function finishGradually<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
