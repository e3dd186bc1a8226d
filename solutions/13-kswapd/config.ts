/** A zone's watermarks, in pages (`/proc/zoneinfo`'s min, low, high). */
export interface Marks {
  min: number;
  low: number;
  high: number;
}

/** What `new ReclaimZone(config)` builds. */
export interface ReclaimConfig {
  /** Pages the zone manages (zoneinfo `managed`); all free at the start. */
  managedPages: number;
  /** min ≤ low ≤ high ≤ managedPages. */
  watermarks: Marks;
  /** vm.swappiness, 0..200 (default 60). */
  swappiness?: number;
  /** Swap slots for anon pages (default 0: no swap). */
  swapPages?: number;
  /** Pages kswapd may scan in one tick: how fast it works next to the allocations (default 1024). */
  kswapdBatch?: number;
  /** Ticks a writeback takes (default 1). */
  writebackTicks?: number;
}

/** Which part of a ReclaimConfig is impossible. */
export type ReclaimConfigField =
  | 'managedPages'
  | 'watermarks'
  | 'swappiness'
  | 'swapPages'
  | 'kswapdBatch'
  | 'writebackTicks';

/** Thrown by `new ReclaimZone(config)` for a configuration no kernel could have; `field` names the culprit. */
export class ReclaimConfigError extends Error {
  override readonly name = 'ReclaimConfigError';
  readonly field: ReclaimConfigField;

  constructor(field: ReclaimConfigField, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** The config with defaults filled in. */
export type FullReclaimConfig = Required<ReclaimConfig>;
