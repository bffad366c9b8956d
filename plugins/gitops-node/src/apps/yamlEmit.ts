import { parse } from 'yaml';

/**
 * A deterministic YAML writer for the generated app files, in the layout the
 * repository uses (block style, indented sequences, prettier's quoting), so
 * that generating an app twice gives the same bytes and a diff shows only
 * what changed.
 *
 * Values are plain objects, arrays and scalars. An object key starting with
 * `#` is a comment: its value is written as comment lines before the next
 * key. Strings are quoted only when YAML would read them as something else.
 */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | Literal
  | YamlValue[]
  | YamlObject;

/** A mapping; keys starting with `#` are comments. */
export interface YamlObject {
  [key: string]: YamlValue;
}

/** A string written as a block literal (`|`). */
export class Literal {
  constructor(readonly text: string) {}
}

// What a YAML 1.1 or 1.2 reader (PyYAML in CI, `yaml` here) would not read
// as the same string when written plain.
const PLAIN_UNSAFE = new RegExp(
  [
    '^(?:',
    '|~|null|Null|NULL|true|True|TRUE|false|False|FALSE',
    '|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N',
    '|[-+]?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?',
    '|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?',
    '|0x[0-9a-fA-F]+|0o[0-7]+',
    '|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
    ')$',
  ].join(''),
);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function needsQuotes(s: string): boolean {
  return (
    PLAIN_UNSAFE.test(s) ||
    s !== s.trim() ||
    '!&*,[]{}#|>@`\'"%'.includes(s[0]) ||
    ('-?:'.includes(s[0]) && (s.length === 1 || s[1] === ' ')) ||
    s === '=' ||
    s.includes(': ') ||
    s.includes(' #') ||
    s.includes('{{') ||
    s.endsWith(':')
  );
}

// What the safety net below found, per string: an app's files repeat the
// same keys and values many times, and each parse builds a whole document.
const readsBack = new Map<string, boolean>();
const READS_BACK_LIMIT = 10_000;

/**
 * A safety net for forms the list above misses: whether YAML reads the
 * string, written plain, as that same string.
 */
function readsBackAsItself(value: string): boolean {
  let known = readsBack.get(value);
  if (known === undefined) {
    try {
      known = parse(value) === value;
    } catch {
      known = false;
    }
    if (readsBack.size >= READS_BACK_LIMIT) readsBack.clear();
    readsBack.set(value, known);
  }
  return known;
}

/** A scalar as YAML text. */
export function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (CONTROL.test(value)) {
    // Only double quotes can escape line breaks and tabs; JSON's escapes are YAML's.
    return JSON.stringify(value);
  }
  const quote = needsQuotes(value) || !readsBackAsItself(value);
  if (!quote) return value;
  // Single quotes, as prettier (the repository's formatter) writes them.
  if (value.includes("'") && !value.includes('"') && !value.includes('\\')) {
    return `"${value}"`;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

function block(text: string, indent: number): string[] {
  const keepsNewline = text.endsWith('\n');
  const body = keepsNewline ? text.slice(0, -1) : text;
  if (body.endsWith('\n') || /^[ \t]/.test(body)) {
    throw new Error(
      'Literal blocks must not start with a blank or end in more than one newline',
    );
  }
  const pad = ' '.repeat(indent);
  return [
    keepsNewline ? '|' : '|-',
    ...body.split('\n').map(line => (line ? pad + line : '')),
  ];
}

function isObject(value: YamlValue): value is YamlObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Literal)
  );
}

function mapping(object: YamlObject, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('#')) {
      for (const line of String(value).split('\n')) {
        out.push(line ? `${pad}# ${line}` : `${pad}#`);
      }
      continue;
    }
    out.push(...entry(key, value, indent));
  }
  return out;
}

function entry(key: string, value: YamlValue, indent: number): string[] {
  const head = `${' '.repeat(indent)}${scalar(key)}:`;
  if (value instanceof Literal) {
    const [indicator, ...lines] = block(value.text, indent + 2);
    return [`${head} ${indicator}`, ...lines];
  }
  if (Array.isArray(value)) {
    return value.length
      ? [head, ...sequence(value, indent + 2)]
      : [`${head} []`];
  }
  if (isObject(value)) {
    return Object.keys(value).length
      ? [head, ...mapping(value, indent + 2)]
      : [`${head} {}`];
  }
  return [`${head} ${scalar(value)}`];
}

function sequence(items: YamlValue[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const item of items) {
    if (item instanceof Literal) {
      const [indicator, ...lines] = block(item.text, indent + 2);
      out.push(`${pad}- ${indicator}`, ...lines);
    } else if (Array.isArray(item)) {
      throw new Error('Nested sequences are not part of the layout');
    } else if (isObject(item)) {
      const [first, ...rest] = mapping(item, indent + 2);
      out.push(`${pad}- ${first.slice(indent + 2)}`, ...rest);
    } else {
      out.push(`${pad}- ${scalar(item)}`);
    }
  }
  return out;
}

function comment(header: string): string[] {
  return header.split('\n').map(line => (line ? `# ${line}` : '#'));
}

/** One YAML document, optionally after a comment. */
export function yamlDocument(object: YamlObject, header?: string): string {
  const lines = header ? comment(header) : [];
  lines.push(...mapping(object, 0));
  return `${lines.join('\n')}\n`;
}

/** Several documents separated by `---`, optionally after a comment. */
export function yamlDocuments(objects: YamlObject[], header?: string): string {
  const text = objects.map(object => yamlDocument(object)).join('---\n');
  return header ? `${comment(header).join('\n')}\n${text}` : text;
}
