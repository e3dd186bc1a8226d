/** A value made the first time a spec asks for it: a scenario replayed once per file, never at load time. */
export function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: make() };
    return value.v;
  };
}
