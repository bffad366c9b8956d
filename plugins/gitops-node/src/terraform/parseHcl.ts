import type * as Hcl2Json from '@cdktf/hcl2json';
import { GitopsFileError } from '../errors';
import { RecentPromises } from '../recentPromises';

let hcl2json: typeof Hcl2Json | undefined;

// Loading the parser starts a Go WebAssembly runtime (some 70 MB), so only a
// process that reads Terraform pays for it, on first use.
function parser(): typeof Hcl2Json {
  hcl2json ??= require('@cdktf/hcl2json') as typeof Hcl2Json;
  return hcl2json;
}

/**
 * A Terraform file as JSON, the way `@cdktf/hcl2json` gives it: blocks as
 * `{ type: { label: [body] } }`, literal values as JSON values, and every
 * expression as a `"${...}"` string.
 *
 * @public
 */
export type HclDocument = Record<string, unknown>;

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The parser reports `parse config: [<file>:<line>,<col>-<line>,<col>:
 * <summary>; <detail> <file>:...]`; this turns the first diagnostic into the
 * line and a readable message, and lists the others briefly.
 */
function describeParseError(
  file: string,
  raw: string,
): { line?: number; message: string } {
  const body = raw
    .replace(/^parse config: \[/, '')
    .replace(/\]\s*$/, '')
    .trim();
  // A diagnostic starts with `<file>:<line>,<col>-...: `; a detail that
  // mentions another position ends it with `.` instead of `: `.
  const start = new RegExp(
    `${escapeRegExp(file)}:(\\d+),\\d+(?:-(?:\\d+,)?\\d+)?: `,
    'g',
  );
  const diagnostics: { line: number; text: string }[] = [];
  let previous: { line: number; from: number } | undefined;
  for (const match of body.matchAll(start)) {
    if (previous) {
      diagnostics.push({
        line: previous.line,
        text: body.slice(previous.from, match.index).trim(),
      });
    }
    previous = { line: Number(match[1]), from: match.index! + match[0].length };
  }
  if (!previous) return { message: body || raw };
  diagnostics.push({ line: previous.line, text: body.slice(previous.from) });

  // The parser does not report in file order; the earliest comes first.
  diagnostics.sort((a, b) => a.line - b.line);
  const [first, ...others] = diagnostics;
  const [summary, ...detail] = first.text.split('; ');
  let message = detail.length ? `${summary}: ${detail.join('; ')}` : summary;
  if (others.length) {
    message += ` (and ${others.length} more: ${others
      .map(o => `line ${o.line}: ${o.text.split('; ')[0]}`)
      .join(', ')})`;
  }
  return { line: first.line, message };
}

/** Recently parsed texts, by file and text. */
const recentlyParsed = new RecentPromises<HclDocument>(256);

async function parseUncached(file: string, text: string) {
  try {
    return await parser().parse(file, text);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    throw new GitopsFileError({ file, ...describeParseError(file, raw) });
  }
}

/**
 * Parses one Terraform (HCL) file. `file` is its path relative to the
 * repository root; a syntax error becomes a {@link GitopsFileError} naming
 * that file, the line and what the parser expected there.
 *
 * @public
 */
export async function parseHcl(
  file: string,
  text: string,
): Promise<HclDocument> {
  // The same file is parsed again and again (an edit, then pricing it
  // against its last commit, then the next page view); parsing is pure, so
  // a copy of the last answer for the same text serves.
  const parsed = recentlyParsed.get(`${file}\u0000${text}`, () =>
    parseUncached(file, text),
  );
  return structuredClone(await parsed);
}
