/**
 * Run `f` now and hand its result back as a promise, a throw as a rejection: synchronous code behind an interface
 * that returns promises (the paper broker, the sample source, the inline bar writer) behaves like the async ones.
 */
export function asPromise<T>(f: () => T): Promise<T> {
  return new Promise((resolve) => resolve(f()));
}
