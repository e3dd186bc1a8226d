export { ParseError } from '#shared/errors';
export { formatSmem, type ProcessColumn, type SmemOptions } from './format-smem.ts';
export { formatSmemUsers, type UserColumn } from './format-users.ts';
export { measureProcess, type ProcessInput, type ProcessMemory } from './process-memory.ts';
export { type Cell, type Column, showTable, type TableOptions } from './show-table.ts';
export { formatCell, units } from './smem-columns.ts';
export { topSwappers } from './top-swappers.ts';
