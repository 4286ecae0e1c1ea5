/**
 * Runs `run` and then `done`, however `run` ends: at once if it returns or throws, when its
 * promise settles if it returns one. For what brackets a call that may be sync or async (a
 * setting restored, a time recorded).
 */
export function whenSettled<T>(run: () => T, done: () => void): T {
  let out: T;
  try {
    out = run();
  } catch (err) {
    done();
    throw err;
  }
  if (out instanceof Promise) return out.finally(done) as T;
  done();
  return out;
}
