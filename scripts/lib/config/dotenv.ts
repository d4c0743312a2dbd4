/**
 * The one `.env` parser: the project's `.env` and the runner's `--env-file` are read with it. Strict
 * where `dotenv` and `util.parseEnv` skip in silence: a line it cannot read is an error naming the
 * line and the fix. Pure (text in, values out).
 *
 * The grammar is what `renderDotenv` (`../env-file.ts`) writes and docker compose reads alike:
 * - a UTF-8 BOM at the start is ignored; lines end with LF or CRLF;
 * - blank lines, and lines whose first non-blank character is `#`, are skipped;
 * - `NAME=value` or `export NAME=value`; NAME is `[A-Za-z_][A-Za-z0-9_]*`; blanks around `=` and
 *   around the line are ignored;
 * - unquoted: the text up to ` #` (a comment needs a blank before it), trailing blanks dropped;
 * - `'single quoted'`: taken literally (`\'` is a quote), one line;
 * - `"double quoted"`: `\n`, `\r`, `\t`, `\\` and `\"` are escapes, and it may span lines;
 * - after a closing quote only blanks and a `# comment` may follow;
 * - `$` is refused in unquoted and double-quoted values: compose would expand it as a variable,
 *   the toolkit would not, so the two would disagree; in single quotes it is literal for both.
 * What compose reads beyond this is refused too, so a typo is never taken for it: a bare `NAME`
 * (compose: the shell's value, which wins here anyway), `NAME: value`, dotted names, and
 * single-quoted values over several lines.
 */

/** A `.env` line that does not follow the grammar; `line` is 1-based. Never holds a value unmasked. */
export class DotenvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`line ${line}: ${problem} — fix: ${fix}`);
    this.name = 'DotenvSyntaxError';
  }
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/;
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };

/** A `$` outside single quotes: compose would expand it, the toolkit would not. */
function dollarError(lineNo: number, name: string): DotenvSyntaxError {
  return new DotenvSyntaxError(
    lineNo,
    `${name}'s value holds a $, which docker compose would expand`,
    "put the value in single quotes (NAME='value') to keep a literal $",
  );
}

/** Shown as is in a message: an upper-case variable name. Anything else may be a pasted secret. */
const SHOWABLE_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** What a malformed line looks like without its secrets: its first word if it is a NAME, the rest masked. */
function describeLine(line: string, mask: (value: string) => string): string {
  const head = /^[^\s=]*/.exec(line)![0];
  const value = line.slice(head.length).replace(/^[\s=]+/, '');
  if (!SHOWABLE_NAME.test(head)) return JSON.stringify(mask(line));
  return JSON.stringify(value === '' ? head : `${head} ${mask(value)}`);
}

/** The value of an unquoted assignment: the rest of the line up to a ` #` comment. */
function readUnquoted(rest: string, lineNo: number, name: string): string {
  const value = rest.replace(/(?:^|\s+)#.*$/, '').trimEnd();
  if (value.includes('$')) throw dollarError(lineNo, name);
  return value;
}

/** After a closing quote: blanks and an optional comment, nothing else. */
function checkTail(tail: string, lineNo: number, name: string): void {
  if (/^\s*(?:#.*)?$/.test(tail)) return;
  throw new DotenvSyntaxError(
    lineNo,
    `${name}'s quoted value is followed by more text`,
    'quote the whole value, or put a blank and # before a comment',
  );
}

/** Parses `.env` text. `mask` hides a value in a message (a malformed line may hold a secret). */
export function parseDotenv(text: string, mask: (value: string) => string = () => '…'): Record<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (assignment === null) {
      throw new DotenvSyntaxError(
        lineNo,
        `${describeLine(line, mask)} is not NAME=value`,
        'write it as NAME=value (quote values with spaces), or remove the line',
      );
    }
    const name = assignment[1]!;
    const rest = line.slice(assignment[0].length);
    if (rest.startsWith("'")) {
      const match = /^'((?:\\'|[^'])*)'(.*)$/.exec(rest);
      if (match === null)
        throw new DotenvSyntaxError(
          lineNo,
          `${name}'s value opens a ' that this line does not close`,
          'close the quote on the same line (single-quoted values are one line; use double quotes for several)',
        );
      checkTail(match[2]!, lineNo, name);
      values[name] = match[1]!.replace(/\\'/g, "'");
    } else if (rest.startsWith('"')) {
      const read = readDoubleQuoted(lines, i, lines[i]!.indexOf('"', lines[i]!.indexOf('=')) + 1, name);
      i = read.endLine;
      values[name] = read.value;
    } else {
      values[name] = readUnquoted(rest, lineNo, name);
    }
  }
  return values;
}

/** A double-quoted value from `lines[start]` at column `from`, possibly over several lines. */
function readDoubleQuoted(
  lines: readonly string[],
  start: number,
  from: number,
  name: string,
): { value: string; endLine: number } {
  let value = '';
  for (let i = start, col = from; i < lines.length; i++, col = 0) {
    const line = lines[i]!;
    for (; col < line.length; col++) {
      const char = line[col]!;
      if (char === '"') {
        checkTail(line.slice(col + 1), i + 1, name);
        return { value, endLine: i };
      }
      if (char === '$') throw dollarError(i + 1, name);
      if (char === '\\' && col + 1 < line.length) {
        const escaped = line[++col]!;
        value += DOUBLE_QUOTE_ESCAPES[escaped] ?? `\\${escaped}`;
        continue;
      }
      value += char;
    }
    value += '\n';
  }
  throw new DotenvSyntaxError(
    start + 1,
    `${name}'s value opens a " that is never closed`,
    'close the quote (a double-quoted value ends at the next unescaped ")',
  );
}
