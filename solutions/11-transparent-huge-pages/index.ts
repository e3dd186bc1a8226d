export { ParseError } from '#shared/errors';
export { type HugepageAdvice, type SmapsThp, ThpAddressSpace } from './thp-address-space.ts';
export { HPAGE_PMD_SIZE, type ThpVma, thpEligible } from './thp-eligible.ts';
export { parseThpSetting, type ThpMode } from './thp-setting.ts';
export {
  type HugeFrameAllocator,
  THP_DEFAULTS,
  type ThpAddressSpaceOptions,
  type ThpEvents,
  type ThpSettings,
  type ThpState,
} from './thp-state.ts';
