import { notImplemented } from '#shared/errors';
import type { Mapping } from './mapping.ts';

/**
 * Σ of each kB field over the mappings, keys in the order they first appear:
 * [{ fields: { Size: 8, Rss: 4 } }, { fields: { Size: 4, Swap: 12 } }] → { Size: 12, Rss: 4, Swap: 12 }.
 */
export function sumFields(mappings: Mapping[]): Record<string, number> {
  return notImplemented('sumFields');
}
