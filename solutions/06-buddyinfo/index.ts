export { ParseError } from '#shared/errors';
export { formatBuddyinfo } from './format-buddyinfo.ts';
export { formatIndex } from './format-index.ts';
export { type ContigPageInfo, contigPageInfo, fragmentationIndex, unusableIndex } from './fragmentation.ts';
export { freeKb, freePages, largestFreeOrder, type ZoneFreeArea } from './free-area.ts';
export { parseBuddyinfo } from './parse-buddyinfo.ts';
