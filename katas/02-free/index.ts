export { ParseError } from '#shared/errors';
export { computeFree, type FreeReport, type ProcpsRules, type TotalUsedFree } from './compute-free.ts';
export { type FreeOptions, formatFree } from './format-free.ts';
export { displayWidth, HEADERS, type Locale, padLabel, ROW_LABELS, ROW_NAMES, type RowName } from './labels.ts';
export { type ParsedFree, parseFree } from './parse-free.ts';
export { type Meminfo, parseMeminfo } from './parse-meminfo.ts';
export { type SarMemory, sarMemory } from './sar-memory.ts';
export { type ScaleOptions, scaleSize, type Unit } from './scale-size.ts';
