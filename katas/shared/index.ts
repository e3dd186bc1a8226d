export { NotImplementedError, notImplemented, ParseError } from './errors.ts';
