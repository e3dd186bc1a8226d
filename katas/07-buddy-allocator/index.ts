export { AllocatorError, type AllocatorErrorCode } from './allocator-error.ts';
export { buddyOf, MAX_PAGE_ORDER } from './buddy.ts';
export { BuddyAllocator, type BuddyAllocatorOptions, type FreeBlock } from './buddy-allocator.ts';
