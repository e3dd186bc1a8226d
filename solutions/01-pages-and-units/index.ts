export { ParseError } from '#shared/errors';
export { alignDown, alignUp, pageNumber, pageOffset } from './address.ts';
export { formatHex, parseHex } from './hex.ts';
export { kbToPages, PAGE_SHIFT, PAGE_SIZE, pagesToKb, parseKb } from './units.ts';
