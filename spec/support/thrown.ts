/**
 * The error of class `Class` that `call` throws. Another error is thrown on (the spec fails with it), and a call
 * that returns fails the spec too: a stub that throws something else, or a parser that accepts, never passes.
 */
// biome-ignore lint/suspicious/noExplicitAny: any constructor of an Error subclass
export function thrown<E extends Error>(call: () => unknown, Class: new (...args: any[]) => E): E {
  try {
    call();
  } catch (error) {
    if (error instanceof Class) return error;
    throw error;
  }
  throw new Error(`it did not throw ${Class.name}`);
}
