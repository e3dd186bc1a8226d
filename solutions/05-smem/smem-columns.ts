const SUFFIXES = ['', 'K', 'M', 'G', 'T'] as const;

/**
 * Python's "%.1f": the double's exact binary value rounded to one decimal, a tie going to the even digit.
 * JavaScript's toFixed(1) also rounds the exact value, but sends a tie up. A tie (x·10 ending in exactly .5)
 * needs x = n/4 with n odd (1.25, 2.75, …), so only there do the two differ: 1.25 → "1.2", 3.75 → "3.8".
 */
function pythonFixed1(x: number): string {
  const quarters = x * 4;
  if (Number.isInteger(quarters) && quarters % 2 !== 0) {
    const below = Math.floor(x * 10); // x·10 is below + 0.5, exactly
    const even = below % 2 === 0 ? below : below + 1;
    return (even / 10).toFixed(1);
  }
  // toFixed switches to exponent notation from 1e21; Python keeps every digit of such a (whole) number.
  if (Math.abs(x) >= 1e21) return `${BigInt(x)}.0`;
  return x.toFixed(1);
}

/**
 * smem units(), which -k uses for every size: bytes → "%.1f" and a suffix '', K, M, G or T (no B, no i);
 * 0 → "0". It divides by 1024 while the value is ≥ 1024: units(144 * 1024) → "144.0K",
 * units(1660 * 1024) → "1.6M", units(1280 * 1024) → "1.2M" (1.25 is a tie: Python rounds it to even).
 * A quirk kept from smem: from 1024 T up the loop runs out of suffixes after one more division, so
 * 2^50 bytes (1 PiB) prints "1.0T". A size that is not a finite number throws RangeError.
 */
export function units(bytes: number): string {
  if (!Number.isFinite(bytes)) throw new RangeError(`units() takes a finite number of bytes, got ${bytes}`);
  if (bytes === 0) return '0';
  let x = bytes;
  // Stryker disable next-line StringLiteral: the loop below always sets suffix before it is read
  let suffix = '';
  for (suffix of SUFFIXES) {
    if (x < 1024) break;
    x /= 1024;
  }
  return pythonFixed1(x) + suffix;
}

// The printf formats smem's tables use: '% 5s', '%-8s', '%-27.27s', '% 8s' (flags, width, precision, s).
const FORMAT = /^%([-+ 0#]*)(\d*)(?:\.(\d+))?s$/;

/**
 * Python's `format % value` for the formats smem uses: str(value), cut to the precision, padded to the width
 * (on the left, or on the right with the '-' flag). Widths count characters (code points), as Python does:
 * formatCell(1203, '% 5s') → " 1203"; formatCell('/usr/sbin/apache2 -k start -DFOREGROUND', '%-27.27s') →
 * "/usr/sbin/apache2 -k start " (27). A value wider than the width is not cut: formatCell(9999999, '% 5s')
 * → "9999999". Any other format throws RangeError.
 */
export function formatCell(value: string | number, format: string): string {
  const match = FORMAT.exec(format);
  if (!match) throw new RangeError(`formatCell understands "%[-][width][.precision]s", got ${JSON.stringify(format)}`);
  // Stryker disable next-line StringLiteral: both groups take part in every match (maybe empty); the defaults only satisfy the types
  const [, flags = '', width = '', precision] = match;
  let chars = Array.from(String(value));
  if (precision !== undefined) chars = chars.slice(0, Number(precision));
  const padding = ' '.repeat(Math.max(0, Number(width) - chars.length));
  const text = chars.join('');
  return flags.includes('-') ? text + padding : padding + text;
}
