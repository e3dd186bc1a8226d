/**
 * A value made the first time a spec asks for it: a scenario replayed once per file, never at load time.
 *
 * Except while StrykerJS measures which spec reaches which line (`npm run mutation`'s first, "dry" run, the only
 * time its `currentTestId` is set): then every spec makes the value afresh, so that the replay's code counts as
 * reached by every spec that reads it. Cached, only the first spec would reach it, and each mutant of that code
 * would be run against that one spec (a survivor that a later spec of the file kills). When mutants run, the
 * value is made once again, under the mutant.
 */
export function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    if (measuringCoverage()) return make();
    value ??= { v: make() };
    return value.v;
  };
}

/** True inside a spec of StrykerJS's coverage run: its vitest runner sets `__stryker__.currentTestId` there. */
function measuringCoverage(): boolean {
  const stryker = (globalThis as { __stryker__?: { currentTestId?: string } }).__stryker__;
  return stryker?.currentTestId !== undefined;
}
