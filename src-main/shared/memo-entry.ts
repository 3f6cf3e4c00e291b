/** A Map or WeakMap: anything that gets and sets by key. */
interface KeyedStore<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value `store` holds under `key`; on the first ask it is made by `make` and kept there. */
export function memoEntry<K, V>(store: KeyedStore<K, V>, key: K, make: () => V): V {
  const held = store.get(key);
  if (held !== undefined) return held;
  const made = make();
  store.set(key, made);
  return made;
}
