export {
  type FullReclaimConfig,
  type Marks,
  type ReclaimConfig,
  ReclaimConfigError,
  type ReclaimConfigField,
} from './config.ts';
export {
  LRU_NAMES,
  LruLists,
  type LruName,
  type LruPage,
  type LruSizes,
  type NewPage,
  type PageKind,
} from './lru.ts';
export { type PageVerdict, pageVerdict, type Reclaimer } from './page-verdict.ts';
export {
  type AllocationKind,
  type AllocationPath,
  type AllocationRequest,
  type AllocationResult,
  type KswapdState,
  MAX_RECLAIM_RETRIES,
  ReclaimZone,
  type Sample,
} from './reclaim-zone.ts';
export {
  DEF_PRIORITY,
  EVICTABLE_LRUS,
  type EvictableLru,
  inactiveIsLow,
  type LruCounts,
  MAX_SWAPPINESS,
  type ScanFractions,
  type ScanMode,
  type ScanModeInput,
  scanCounts,
  scanFractions,
  scanMode,
} from './scan-balance.ts';
export {
  type ReclaimAction,
  type ScanControl,
  type ShrinkStats,
  SWAP_CLUSTER_MAX,
  shrinkActiveList,
  shrinkInactiveList,
  shrinkLruvec,
} from './shrink.ts';
export {
  formatTraceEvent,
  type GfpFlags,
  KSWAPD_TASK,
  type ReclaimEvent,
  type ReclaimEventType,
  type Task,
  type TraceLineOptions,
} from './trace.ts';
export { VMSTAT_NAMES, type Vmstat, type VmstatName } from './vmstat.ts';
export { type AllocFlag, MAX_PAGE_ORDER, type WatermarkCheck, watermarkOk } from './watermark-ok.ts';
