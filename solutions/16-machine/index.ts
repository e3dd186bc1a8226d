export { formatMeminfo } from './format-meminfo.ts';
export { formatSmapsRollup } from './format-rollup.ts';
export { formatStatus, type TaskStatus } from './format-status.ts';
export { formatVmstat } from './format-vmstat.ts';
export { formatZoneinfo, type Pageset, type ZoneinfoZone } from './format-zoneinfo.ts';
export {
  DIRTY_BACKGROUND_RATIO,
  DIRTY_EXPIRE_TICKS,
  DIRTY_RATIO,
  DIRTY_WRITEBACK_TICKS,
  FIRST_PID,
  GLOBAL_OOM,
  Machine,
  type MachineCounters,
  MachineError,
  type MachineErrorCode,
  type MachineProcess,
  type OomKillRecord,
  type SpawnOptions,
  type TickReport,
  type TouchResult,
} from './machine.ts';
export {
  CPUS,
  DEFAULT_DISK_KB,
  KERNEL_IMAGE_KB,
  LOWMEM_RESERVE_RATIO,
  type MachineConfig,
  MachineConfigError,
  type MachineConfigField,
  type MachinePlan,
  NORMAL_START_PFN,
  planMachine,
  STRUCT_PAGE_BYTES,
  ZONE_NAMES,
  type ZoneLayout,
} from './machine-config.ts';
export { HUGEPAGE_KB, type MemoryCounts, meminfoOf, OVERCOMMIT_RATIO, VMALLOC_TOTAL_KB } from './meminfo.ts';
export { type FilePage, PageCache, type PageCacheCounts } from './page-cache.ts';
export { MEMINFO_NAMES, NODE_STAT_NAMES, VMSTAT_NAMES, ZONE_STAT_NAMES } from './proc-names.ts';
export {
  HOG,
  type MallocOptions,
  type MallocResult,
  type MallocStep,
  type Observer,
  type PageCacheOptions,
  type PageCacheResult,
  type SarOptions,
  type SarResult,
  SCENARIOS,
  type SwapTestOptions,
  type SwapTestResult,
} from './scenarios.ts';
export { type SmapsOptions, smapsOf } from './smaps.ts';
export { ZoneFrames, type ZoneFramesOptions } from './zone-frames.ts';
