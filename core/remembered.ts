/** A value read once and kept until it is forgotten or replaced; a read that fails is not kept, so the next asks again. */
export function remembered<T>(read: () => Promise<T>) {
  let value: Promise<T> | undefined;
  const get = (): Promise<T> =>
    (value ??= read().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
  return {
    get,
    set: (known: T) => void (value = Promise.resolve(known)),
    forget: () => void (value = undefined),
  };
}
