export { AddressError, type AddressErrorCode } from './address-error.ts';
export { isCanonical, isUserAddress, TASK_SIZE_MAX } from './canonical.ts';
export { bytesMappedBy, ENTRIES_PER_TABLE, LEVEL_SHIFT, LEVELS, type Level } from './levels.ts';
export { type AddressParts, joinAddress, splitAddress } from './split-address.ts';
