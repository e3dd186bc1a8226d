import { notImplemented } from '#shared/errors';
import type { ZoneFreeArea } from './free-area.ts';

/**
 * The zones back to /proc/buddyinfo's text, byte for byte as mm/vmstat.c frag_show_print() prints it:
 * "Node %d, zone %8s " (the name right-aligned in 8 columns), then "%6lu " for each order (right-aligned in
 * 6, and a blank after every count, so every line ends with a blank), then "\n".
 * [{ node: 0, zone: 'DMA', free: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3] }]
 * → "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n".
 */
export function formatBuddyinfo(zones: ZoneFreeArea[]): string {
  return notImplemented('formatBuddyinfo');
}
