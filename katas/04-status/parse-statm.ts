import { notImplemented } from '#shared/errors';
import type { Statm } from './proc-status.ts';

/**
 * "2747 893 334 1 0 2205 0\n" → { size: 2747, resident: 893, shared: 334, text: 1, lib: 0, data: 2205, dt: 0 },
 * all in pages: proc_pid_statm() prints "%lu %lu %lu %lu 0 %lu 0\n" (seven zeros for a task without an mm).
 * Anything but seven decimal counts below 2^53, separated by single spaces, on one line throws ParseError
 * (line 1; line 2 for a second line).
 */
export function parseStatm(text: string): Statm {
  return notImplemented('parseStatm');
}
