import { ParseError } from '#shared/errors';
import type { Mapping, MappingHeader } from './mapping.ts';
import { parseField } from './parse-field.ts';
import { parseHeader } from './parse-header.ts';

/**
 * The text of /proc/PID/smaps → one Mapping per header line, with the lines below it:
 *
 *   55cde9519000-55cde951a000 r--p 00000000 fe:00 2180967                    /opt/memkata/fixture
 *   Size:                  4 kB
 *   …
 *   VmFlags: rd mr mw me
 *
 * → [{ start: 0x55cde9519000n, …, pathname: '/opt/memkata/fixture', fields: { Size: 4, … },
 *      thpEligible: false, protectionKey: 0, vmFlags: ['rd', 'mr', 'mw', 'me'] }].
 * '' → []. Anything the kernel would not print (a field before the first header, a field twice in one
 * mapping, an empty line, CRLF) throws `new ParseError(message, line)` with the 1-based line.
 */
export function parseSmaps(text: string): Mapping[] {
  const mappings: Mapping[] = [];
  let current: Mapping | undefined;
  // Stryker disable next-line BooleanLiteral: set again at every header, and a line before the first header throws
  let sawVmFlags = false;
  let lineNumber = 0;
  // One pass, one line at a time (text.split('\n') would build the whole array of lines first: slower).
  for (let from = 0; from < text.length; ) {
    const newline = text.indexOf('\n', from);
    // Stryker disable next-line EqualityOperator: newline is 0 only for a text starting with "\n": its first line, '' or (with <=) the whole text, is no header either way, the same ParseError on line 1
    const to = newline < 0 ? text.length : newline;
    const line = text.slice(from, to);
    from = to + 1;
    lineNumber++;

    if (isHeader(line)) {
      current = newMapping(parseHeader(line, lineNumber));
      sawVmFlags = false;
      mappings.push(current);
      continue;
    }
    if (current === undefined) {
      throw new ParseError(`smaps starts with a mapping header, got ${JSON.stringify(line)}`, lineNumber);
    }
    const field = parseField(line, lineNumber);
    switch (field.kind) {
      case 'kb':
        if (Object.hasOwn(current.fields, field.key)) throw new ParseError(`a second ${field.key} line`, lineNumber);
        current.fields[field.key] = field.kb;
        break;
      case 'thp-eligible':
        if (current.thpEligible !== undefined) throw new ParseError('a second THPeligible line', lineNumber);
        current.thpEligible = field.eligible;
        break;
      case 'protection-key':
        if (current.protectionKey !== undefined) throw new ParseError('a second ProtectionKey line', lineNumber);
        current.protectionKey = field.key;
        break;
      case 'vm-flags':
        if (sawVmFlags) throw new ParseError('a second VmFlags line', lineNumber);
        current.vmFlags = field.flags;
        sawVmFlags = true;
        break;
      // Stryker disable next-line ConditionalExpression: unreachable, the type checker proves the four kinds above are all
      default:
        field satisfies never; // every kind of Field is handled above: a new kind fails to compile here
    }
  }
  return mappings;
}

/** A field starts with its label, a capital letter ("Rss:"); a header with an address ("55cde9519000-"). */
function isHeader(line: string): boolean {
  const first = line.charCodeAt(0);
  return !(first >= 0x41 && first <= 0x5a); // not A-Z
}

/** The header's properties written out: `{ ...header, … }` reads the same but made the whole parse 1.6× as slow. */
function newMapping(header: MappingHeader): Mapping {
  const { start, end, perms, offset, dev, inode, pathname, deleted } = header;
  return { start, end, perms, offset, dev, inode, pathname, deleted, fields: new KbFields(), vmFlags: [] };
}

/**
 * A mapping's kB fields: a record like any other ({ Size: 4, Rss: 4, … }), made by a class for speed only.
 * V8 learns how many properties instances of a class get and makes room for all of them inside the object;
 * a `{}` has room for 4 and moves the other ~18 out as they arrive: with `{}` the whole parse is 1.3× as slow.
 */
class KbFields {
  [key: string]: number;
}
