/**
 * Positions in HCL text. `@cdktf/hcl2json` gives values but no positions, so
 * this scanner finds where blocks and attributes are: to report lines and to
 * edit a file without re-printing (and so reformatting) the parts it keeps.
 * It assumes text that has already parsed.
 */

/** An attribute (`name = value`) of a block body. */
export interface HclAttributeRange {
  name: string;
  /** 1-based line of the name. */
  line: number;
  /** Offset of the name. */
  start: number;
  /** Offsets of the value expression (end exclusive, before the newline). */
  valueStart: number;
  valueEnd: number;
}

/** A block (`type "label" { ... }`) with what its body contains. */
export interface HclBlockRange {
  type: string;
  labels: string[];
  /** 1-based line of the block header. */
  line: number;
  /** Offset of the block type. */
  start: number;
  /** Offset just after the closing brace. */
  end: number;
  attributes: HclAttributeRange[];
  blocks: HclBlockRange[];
}

const HEREDOC = /<<-?([A-Za-z_][\w-]*)\r?\n/y;

class Masker {
  private readonly out: string[];
  private i = 0;

  constructor(private readonly text: string) {
    this.out = text.split('');
  }

  mask(): string {
    this.scanCode(false);
    return this.out.join('');
  }

  private blank(from: number, to: number) {
    for (let k = from; k < to && k < this.text.length; k++) {
      if (this.out[k] !== '\n' && this.out[k] !== '\r') this.out[k] = ' ';
    }
  }

  // Scans code until the end, or (inside an interpolation) until the brace
  // that closes it, which is left at `i`.
  private scanCode(insideInterpolation: boolean): void {
    const text = this.text;
    const n = text.length;
    let depth = 0;
    while (this.i < n) {
      const i = this.i;
      const c = text[i];
      if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        const eol = text.indexOf('\n', i);
        const end = eol === -1 ? n : eol;
        this.blank(i, end);
        this.i = end;
      } else if (c === '/' && text[i + 1] === '*') {
        const close = text.indexOf('*/', i + 2);
        const end = close === -1 ? n : close + 2;
        this.blank(i, end);
        this.i = end;
      } else if (c === '"') {
        this.i++;
        this.scanString();
      } else if (c === '<' && text[i + 1] === '<') {
        HEREDOC.lastIndex = i;
        const match = HEREDOC.exec(text);
        if (match) {
          this.blank(i, i + match[0].length);
          this.i += match[0].length;
          this.scanHeredoc(match[1]);
        } else {
          this.i++;
        }
      } else if (c === '{') {
        depth++;
        this.i++;
      } else if (c === '}') {
        if (insideInterpolation && depth === 0) return;
        depth--;
        this.i++;
      } else {
        this.i++;
      }
    }
  }

  // Scans one character (or escape, or interpolation) of a template. Heredocs
  // have no backslash escapes.
  private scanTemplateChar(heredoc: boolean): void {
    const text = this.text;
    const i = this.i;
    const c = text[i];
    if (c === '\\' && !heredoc) {
      this.blank(i, i + 2);
      this.i += 2;
    } else if ((c === '$' || c === '%') && text[i + 1] === c) {
      // `$${` and `%%{` are escapes for a literal `${` / `%{`.
      this.blank(i, i + 2);
      this.i += 2;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      this.blank(i, i + 2);
      this.i += 2;
      this.scanCode(true);
      this.blank(this.i, this.i + 1);
      this.i++;
    } else {
      this.blank(i, i + 1);
      this.i++;
    }
  }

  private scanString(): void {
    const text = this.text;
    while (
      this.i < text.length &&
      text[this.i] !== '"' &&
      text[this.i] !== '\n'
    ) {
      this.scanTemplateChar(false);
    }
    if (text[this.i] === '"') this.i++;
  }

  private scanHeredoc(marker: string): void {
    const text = this.text;
    const terminator = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`);
    while (this.i < text.length) {
      const eol = text.indexOf('\n', this.i);
      const lineEnd = eol === -1 ? text.length : eol;
      if (terminator.test(text.slice(this.i, lineEnd))) {
        this.blank(this.i, lineEnd);
        this.i = lineEnd;
        return;
      }
      while (this.i < lineEnd) this.scanTemplateChar(true);
      // An interpolation may have run over the end of the line.
      if (this.i <= lineEnd) this.i = lineEnd + 1;
    }
  }
}

/**
 * The text with comments and the literal parts of strings and heredocs
 * replaced by spaces (newlines kept, so offsets and lines stay the same).
 * Interpolations (`${...}`, `%{...}`) stay, with their delimiters blanked:
 * what is left is the code, in which references and brackets can be searched
 * without being fooled by a `#` or `{` inside a string.
 */
export function maskHcl(text: string): string {
  return new Masker(text).mask();
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) line++;
  }
  return line;
}

const IDENTIFIER = /[A-Za-z_][\w-]*/y;

function skipBlanks(masked: string, from: number, end: number): number {
  let i = from;
  while (i < end && /\s/.test(masked[i])) i++;
  return i;
}

function skipSpaces(masked: string, from: number, end: number): number {
  let i = from;
  while (i < end && (masked[i] === ' ' || masked[i] === '\t')) i++;
  return i;
}

// The offset of the bracket closing the one at `open`.
function matchingBracket(masked: string, open: number, end: number): number {
  let depth = 0;
  for (let k = open; k < end; k++) {
    const c = masked[k];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return end;
}

// The end of an expression starting at `i`: the first newline outside brackets.
function expressionEnd(masked: string, i: number, end: number): number {
  let depth = 0;
  for (let k = i; k < end; k++) {
    const c = masked[k];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === '\n' && depth <= 0) return k;
  }
  return end;
}

function trimEnd(masked: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(masked[end - 1])) end--;
  return end;
}

function scanBody(
  text: string,
  masked: string,
  from: number,
  to: number,
  lines: number[],
): { attributes: HclAttributeRange[]; blocks: HclBlockRange[] } {
  const attributes: HclAttributeRange[] = [];
  const blocks: HclBlockRange[] = [];
  let i = skipBlanks(masked, from, to);
  for (; i < to; i = skipBlanks(masked, i, to)) {
    IDENTIFIER.lastIndex = i;
    const identifier = IDENTIFIER.exec(masked);
    if (!identifier) {
      // Not something this scanner describes (a stray token); go on at the
      // next line.
      const eol = masked.indexOf('\n', i);
      i = eol === -1 || eol > to ? to : eol + 1;
      continue;
    }
    const start = i;
    let k = skipSpaces(masked, i + identifier[0].length, to);
    if (masked[k] === '=' && masked[k + 1] !== '=') {
      const valueStart = skipSpaces(masked, k + 1, to);
      const valueEnd = trimEnd(
        masked,
        valueStart,
        expressionEnd(masked, valueStart, to),
      );
      attributes.push({
        name: identifier[0],
        line: lineOf(lines, start),
        start,
        valueStart,
        valueEnd,
      });
      i = valueEnd;
      continue;
    }
    const labels: string[] = [];
    while (k < to && masked[k] !== '{' && masked[k] !== '\n') {
      if (masked[k] === '"') {
        const close = masked.indexOf('"', k + 1);
        labels.push(text.slice(k + 1, close));
        k = skipSpaces(masked, close + 1, to);
      } else {
        IDENTIFIER.lastIndex = k;
        const label = IDENTIFIER.exec(masked);
        if (!label) break;
        labels.push(label[0]);
        k = skipSpaces(masked, k + label[0].length, to);
      }
    }
    if (masked[k] !== '{') {
      const eol = masked.indexOf('\n', k);
      i = eol === -1 || eol > to ? to : eol + 1;
      continue;
    }
    const close = matchingBracket(masked, k, to);
    const body = scanBody(text, masked, k + 1, close, lines);
    blocks.push({
      type: identifier[0],
      labels,
      line: lineOf(lines, start),
      start,
      end: close + 1,
      ...body,
    });
    i = close + 1;
  }
  return { attributes, blocks };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) {
    if (text.charCodeAt(k) === 10) starts.push(k + 1);
  }
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** The top-level blocks and attributes of a file, with their positions. */
export function scanHcl(text: string): {
  attributes: HclAttributeRange[];
  blocks: HclBlockRange[];
} {
  const masked = maskHcl(text);
  return scanBody(text, masked, 0, text.length, lineStarts(text));
}

/**
 * Where the comment lines directly above a block start (the block's own
 * description, e.g. `# RDS PostgreSQL for User Service`), or the block's start
 * when there are none.
 */
export function leadingCommentStart(text: string, blockStart: number): number {
  let start = text.lastIndexOf('\n', blockStart - 1) + 1;
  while (start > 0) {
    const previousStart = text.lastIndexOf('\n', start - 2) + 1;
    const previous = text.slice(previousStart, start - 1);
    if (!/^\s*(#|\/\/)/.test(previous)) break;
    start = previousStart;
  }
  return start;
}
