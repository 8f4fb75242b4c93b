/**
 * A look-up remembered by its string argument. Ingestion asks the gazetteers about the same
 * surface forms thousands of times in a folder; the cache is emptied when it grows past `limit`
 * so memory stays bounded however many documents stream through.
 */
export function memoized<T>(lookUp: (surface: string) => T, limit = 50_000): (surface: string) => T {
  const cache = new Map<string, T>();
  return (surface) => {
    if (cache.has(surface)) return cache.get(surface)!;
    if (cache.size >= limit) cache.clear();
    const value = lookUp(surface);
    cache.set(surface, value);
    return value;
  };
}
