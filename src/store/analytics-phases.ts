import { whenSettled } from "./settled.js";
/**
 * Where an analytics request spends its time, for the benchmark (scripts/bench-analytics.ts): the
 * result set, the facts, the view's own work. Off unless a recorder is active, when `timed` is one
 * call and a branch; the benchmark turns it on around one request at a time and awaits it, so no
 * other request's phases can land in the same recorder.
 */

export type Phase = "set" | "facts" | "view";

let current: Map<Phase, number> | null = null;

/**
 * Runs `fn`, adding its wall time to `phase` when a recorder is active; when `fn` returns a
 * promise (a view reading PostgreSQL, or any view since the views are async), until it settles.
 */
export function timed<T>(phase: Phase, fn: () => T): T {
  const into = current;
  if (!into) return fn();
  const started = performance.now();
  return whenSettled(fn, () =>
    into.set(phase, (into.get(phase) ?? 0) + performance.now() - started),
  );
}

/** Starts recording; the returned function stops and gives each phase's milliseconds. */
export function recordPhases(): () => Map<Phase, number> {
  const into = new Map<Phase, number>();
  current = into;
  return () => {
    if (current === into) current = null;
    return into;
  };
}
