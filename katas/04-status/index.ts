export { ParseError } from '#shared/errors';
export { checkMemoryInvariants, MEMORY_INVARIANTS } from './memory-invariants.ts';
export { parseStatm } from './parse-statm.ts';
export { parseStatus } from './parse-status.ts';
export {
  type IdQuad,
  MEMORY_LINES,
  type ProcCapabilities,
  type ProcMemory,
  type ProcSignals,
  type ProcState,
  type ProcStatus,
  STATE_DESCRIPTIONS,
  type StateCode,
  type Statm,
} from './proc-status.ts';
export { parseRangeList, RANGE_LIST_MAX } from './range-list.ts';
export { checkStatmAgainstStatus, STATM_AGREEMENTS } from './statm-agreement.ts';
