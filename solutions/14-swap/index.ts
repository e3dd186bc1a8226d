export { ParseError } from '#shared/errors';
export { formatSwapLine, type SwapMeminfo } from './free-swap-line.ts';
export { HOG_NAME, HOG_PID, type HogOptions, type HogResult, type HogSample, runHog } from './hog.ts';
export { formatSwaps, parseSwaps, SWAPS_HEADER, type SwapArea } from './proc-swaps.ts';
export {
  decodePagemapEntry,
  encodeSwapEntry,
  MAX_SWAP_OFFSET,
  MAX_SWAP_TYPE,
  type PagemapEntry,
  type SwapEntry,
} from './swap-entry.ts';
export {
  MIN_SWAP_PAGES,
  type SwapOnOptions,
  type SwapOutcome,
  SwapSpace,
  type SwapVmstat,
} from './swap-space.ts';
