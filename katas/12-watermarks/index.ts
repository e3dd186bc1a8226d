export { ParseError } from '#shared/errors';
export { lowmemReserve } from './lowmem-reserve.ts';
export {
  MIGRATE_PCPTYPES,
  MIN_FREE_KBYTES_CEILING,
  MIN_FREE_KBYTES_FLOOR,
  minFreeKbytes,
  PAGEBLOCK_PAGES,
  thpMinFreeKbytes,
} from './min-free-kbytes.ts';
export { parseZoneinfo } from './parse-zoneinfo.ts';
export { type Pressure, pressure } from './pressure.ts';
export { computeWatermarks, HIGHMEM_MIN_CEILING, HIGHMEM_MIN_FLOOR, legacyWatermarks } from './watermarks.ts';
export type { Watermarks, Zone, ZoneSize } from './zone.ts';
