// @ts-check
/** Terminal colours, only when they will be seen (a TTY, no NO_COLOR) or asked for (FORCE_COLOR). */
const enabled =
  process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0'
    ? true
    : Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';

/** @param {number} open @param {number} close */
const paint = (open, close) => (/** @type {string} */ text) => (enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text);

export const style = {
  bold: paint(1, 22),
  dim: paint(2, 22),
  red: paint(31, 39),
  green: paint(32, 39),
  yellow: paint(33, 39),
  cyan: paint(36, 39),
};

/** Removes colour codes (from messages that other tools coloured). @param {string} text */
export function stripAnsi(text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ESC character is the point
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
