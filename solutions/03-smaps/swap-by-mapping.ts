import type { Mapping } from './mapping.ts';

/**
 * "Which region is swapped?": the mappings whose Swap field is above 0, the most swapped first; mappings with
 * the same Swap keep their order. Returns the mapping objects themselves; the list given is not changed.
 */
export function swapByMapping(mappings: Mapping[]): Mapping[] {
  const swapOf = (mapping: Mapping) => mapping.fields.Swap ?? 0;
  // filter() makes a new array, so sorting it leaves the caller's list alone; sort() is stable since ES2019.
  return mappings.filter((mapping) => swapOf(mapping) > 0).sort((a, b) => swapOf(b) - swapOf(a));
}
