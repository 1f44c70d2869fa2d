/** The first index in `from`..`to` of the ascending `array` whose item is not below `value` (`to` if none). */
export function lowerBound<T extends number | string>(
  array: ArrayLike<T>,
  value: T,
  from = 0,
  to = array.length,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
