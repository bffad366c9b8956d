import { Document, parseAllDocuments, parseDocument, YAMLError } from 'yaml';
import { GitopsFileError } from '../errors';

/**
 * Options that make `String(document)` reproduce the repository's style, so
 * an edit leaves untouched lines byte for byte as they were.
 */
export const YAML_STRINGIFY_OPTIONS = {
  lineWidth: 0,
  indentSeq: true,
} as const;

function toFileError(file: string, error: YAMLError): GitopsFileError {
  const line = error.linePos?.[0]?.line;
  // The parser's message repeats the location and a source excerpt; keep the first line.
  const message = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '');
  return new GitopsFileError({
    file,
    line,
    message: `invalid YAML: ${message}`,
  });
}

/** Parses a single-document YAML file for editing (comments and order kept). */
export function parseYamlDocument(file: string, text: string): Document {
  const document = parseDocument(text, { keepSourceTokens: true });
  if (document.errors.length > 0) {
    throw toFileError(file, document.errors[0]);
  }
  return document;
}

/** Parses every document of a YAML file into plain values. */
export function parseYamlValues(file: string, text: string): unknown[] {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) {
    // An empty stream parses to an EmptyStream with no documents.
    return [];
  }
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw toFileError(file, document.errors[0]);
    }
  }
  return documents
    .map(document => document.toJS())
    .filter(value => value !== null && value !== undefined);
}

/** Serializes an edited document in the repository's style. */
export function stringifyYamlDocument(document: Document): string {
  return document.toString(YAML_STRINGIFY_OPTIONS);
}

/** The 1-based line where a node starts, if the document was parsed from text. */
export function lineOf(
  text: string,
  node: { range?: [number, number, number] | null } | null | undefined,
): number | undefined {
  if (!node?.range) return undefined;
  return text.slice(0, node.range[0]).split('\n').length;
}
