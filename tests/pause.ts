/**
 * What `work` resolves to, and the longest this thread was held while it ran, seen by a 2 ms ticker. The ticker
 * outlives `work` by one turn: a pause that ends the work is seen by the next tick only, which would otherwise come
 * after the ticker was cleared.
 */
export async function longestPauseDuring<T>(work: () => Promise<T>): Promise<{ value: T; longestPause: number }> {
  let longestPause = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestPause = Math.max(longestPause, now - last);
    last = now;
  }, 2);
  try {
    const value = await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { value, longestPause };
  } finally {
    clearInterval(ticker);
  }
}
