/**
 * A small LRU of promises: Map order is insertion order, so re-inserting marks an entry as most recently used, and
 * the oldest entries go once there are more than `capacity`.
 */
export function remember<T>(
  map: Map<string, Promise<T>>,
  key: string,
  capacity: number,
  make: () => Promise<T>,
): Promise<T> {
  const entry = map.get(key) ?? make();
  map.delete(key);
  map.set(key, entry);
  while (map.size > capacity) map.delete(map.keys().next().value as string);
  return entry;
}
