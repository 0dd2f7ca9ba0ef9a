/** `items[index]`, throwing instead of returning undefined: for indices the caller knows are in range. */
export function checkedAt<T>(items: ArrayLike<T>, index: number): T {
  const value = items[index];
  if (value === undefined || index < 0 || index >= items.length) {
    throw new RangeError(`Index ${index} is outside 0..${items.length - 1}`);
  }
  return value;
}
