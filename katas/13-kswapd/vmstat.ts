/** The /proc/vmstat counters the simulator keeps, under the kernel's names. */
export const VMSTAT_NAMES = [
  'pgscan_kswapd',
  'pgscan_direct',
  'pgsteal_kswapd',
  'pgsteal_direct',
  'pgscan_anon',
  'pgscan_file',
  'pgsteal_anon',
  'pgsteal_file',
  'allocstall_normal',
  'pswpout',
  'pgactivate',
  'pgdeactivate',
  'pgrefill',
  'pgrotated',
  'nr_vmscan_write',
  'nr_vmscan_immediate_reclaim',
  'pageoutrun',
] as const;

export type VmstatName = (typeof VMSTAT_NAMES)[number];
/** Counters since the zone was made: `{ pgscan_kswapd: 0, … }`. */
export type Vmstat = Record<VmstatName, number>;
