import { notImplemented } from '#shared/errors';
import type { Mapping } from './mapping.ts';

/**
 * "Which region is swapped?": the mappings whose Swap field is above 0, the most swapped first; mappings with
 * the same Swap keep their order. Returns the mapping objects themselves; the list given is not changed.
 */
export function swapByMapping(mappings: Mapping[]): Mapping[] {
  return notImplemented('swapByMapping');
}
