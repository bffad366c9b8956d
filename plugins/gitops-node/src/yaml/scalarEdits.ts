import { Document, isScalar, Scalar } from 'yaml';
import { stringifyYamlDocument } from './yamlFiles';

const PLAIN_SAFE = /^[A-Za-z0-9_./:@=+-][A-Za-z0-9_./:@=+ -]*$/;
const PLAIN_AMBIGUOUS =
  /^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+)$/i;

/**
 * Whether a value written plain would read back as something else: a
 * mapping (`Note: read this`, `key:`), a sequence (`- x`), a reserved
 * indicator (`@x`), a boolean, null or number.
 */
function needsQuotes(value: string): boolean {
  return (
    !PLAIN_SAFE.test(value) ||
    value.endsWith(' ') ||
    /:( |$)/.test(value) ||
    /^[-:?]( |$)/.test(value) ||
    value.startsWith('@') ||
    PLAIN_AMBIGUOUS.test(value)
  );
}

/** The value as the original scalar wrote its kind, quoted when plain would misread. */
function renderScalar(value: string, original: Scalar): string {
  if (original.type === Scalar.QUOTE_SINGLE) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  if (original.type === Scalar.QUOTE_DOUBLE || needsQuotes(value)) {
    return JSON.stringify(value);
  }
  return value;
}

/**
 * Edits a parsed YAML file so that everything the edit does not touch stays
 * byte for byte as it was. Changing a scalar rewrites only its characters;
 * structural changes (adding keys or list items) re-serialize the document,
 * which the yaml library does keeping comments and order.
 */
export class YamlEdit {
  private readonly replacements: Array<{
    start: number;
    end: number;
    text: string;
  }> = [];
  private structural = false;

  constructor(readonly document: Document, readonly text: string) {}

  /** Sets a string scalar that exists in the source. */
  setScalar(node: unknown, value: string): void {
    if (!isScalar(node) || !node.range) {
      throw new Error('setScalar needs a scalar node parsed from the text');
    }
    if (node.value === value) return;
    this.replacements.push({
      start: node.range[0],
      end: node.range[1],
      text: renderScalar(value, node),
    });
    node.value = value;
  }

  /** Records that the document's structure changed (call after changing it). */
  markStructural(): void {
    this.structural = true;
  }

  /** The edited text. */
  result(): string {
    if (this.structural) return stringifyYamlDocument(this.document);
    let text = this.text;
    for (const r of [...this.replacements].sort((a, b) => b.start - a.start)) {
      text = text.slice(0, r.start) + r.text + text.slice(r.end);
    }
    return text;
  }
}
