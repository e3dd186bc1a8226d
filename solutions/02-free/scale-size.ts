/** free's unit options: -b, -k, -m, -g, --tebi, --pebi (with si: --kilo, --mega, --giga, --tera, --peta). */
export type Unit = 'b' | 'k' | 'm' | 'g' | 't' | 'p';

/** How to print one cell: a unit, powers of 1000 instead of 1024 (--si), or -h. */
export interface ScaleOptions {
  unit?: Unit;
  si?: boolean;
  human?: boolean;
}

// free.c's args.exponent: bytes are divided by base^(exponent - 1).
const EXPONENT: Record<Unit, number> = { b: 1, k: 2, m: 3, g: 4, t: 5, p: 6 };
const PREFIXES = ['K', 'M', 'G', 'T', 'P'];

/**
 * One cell of free's output, from a size in KiB: procps-ng 4.0.2 free.c scale_size().
 * scaleSize(24683656) → '24683656', scaleSize(373880, { unit: 'm' }) → '365',
 * scaleSize(10235, { human: true }) → '9Mi' (because '10.0Mi' is one character too wide).
 */
export function scaleSize(kib: number, { unit, si = false, human = false }: ScaleOptions = {}): string {
  const base = si ? 1000 : 1024;
  const bytes = kib * 1024;

  if (human) return humanReadable(bytes, base, si);
  // -b prints the exact byte count (%lld): bigint keeps it exact beyond 2^53 bytes.
  if (unit === 'b') return (BigInt(kib) * 1024n).toString();
  // No unit behaves as -k since 4.0.1: bytes / base, so --si alone prints kB of 1000 bytes.
  const exponent = unit === undefined ? 2 : EXPONENT[unit];
  return cLong(bytes / base ** (exponent - 1));
}

/**
 * -h: the first of "%.1f<unit>" and "%ld<unit>" that fits in 5 characters (4 with --si), trying
 * B, then K, M, G, T, P. Units are Ki, Mi, … (K, M, … with --si).
 */
function humanReadable(bytes: number, base: number, si: boolean): string {
  const maxLength = si ? 4 : 5;
  // free tries "%ldB" first, in 4 characters; only 0 fits, as any other byte count is at least 1024B.
  if (bytes === 0) return '0B';
  // Stryker disable next-line StringLiteral: the loop below always runs and sets text before it is read
  let text = '';
  for (const [index, prefix] of PREFIXES.entries()) {
    const unit = si ? prefix : `${prefix}i`;
    const value = bytes / base ** (index + 1);
    text = printfOneDecimal(Math.fround(value)) + unit; // free casts to float before "%.1f"
    if (text.length <= maxLength) return text;
    text = cLong(value) + unit;
    if (text.length <= maxLength) return text;
  }
  return text; // from 1000 PiB up nothing fits: free prints its last, too wide try
}

/** C's (long) cast printed with %ld: the fraction is cut off, toward zero (-0.2 → "0"; String(-0) is "0"). */
function cLong(value: number): string {
  return String(Math.trunc(value));
}

/**
 * C's printf("%.1f"). It differs from JavaScript's toFixed(1) on exact ties: glibc rounds them to even
 * (1.25 → "1.2", 1.75 → "1.8"), toFixed rounds them up (1.25 → "1.3").
 */
function printfOneDecimal(value: number): string {
  // Stryker disable next-line EqualityOperator: value is never 0 here (a size of 0 printed "0B" before)
  const sign = value < 0 ? '-' : '';
  const tenths = Math.abs(value) * 10; // exact: a float has 24 significant bits, times 10 needs 4 more
  let rounded = Math.floor(tenths);
  const rest = tenths - rounded;
  if (rest > 0.5 || (rest === 0.5 && rounded % 2 === 1)) rounded += 1;
  return `${sign}${Math.floor(rounded / 10)}.${rounded % 10}`;
}
