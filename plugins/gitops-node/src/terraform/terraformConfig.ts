import path from 'node:path';
import { RepositoryFiles } from '../files/RepositoryFiles';
import { HclBlockRange, scanHcl } from './hclText';
import { HclDocument, parseHcl } from './parseHcl';

/** One parsed .tf file with the positions of its blocks. */
export interface TerraformFile {
  /** Path relative to the repository root. */
  file: string;
  text: string;
  document: HclDocument;
  blocks: HclBlockRange[];
}

export type HclBody = Record<string, unknown>;

/** The `.tf` files directly in a folder, sorted. */
export async function terraformFilesIn(
  files: RepositoryFiles,
  folder: string,
): Promise<string[]> {
  return (await files.list(folder))
    .filter(name => name.endsWith('.tf'))
    .map(name => path.posix.join(folder, name));
}

/**
 * Every folder under `root` (itself included) that holds `.tf` files, with
 * those files. Hidden folders (`.terraform`) are skipped.
 */
export async function terraformFolders(
  files: RepositoryFiles,
  root: string,
): Promise<Map<string, string[]>> {
  const folders = new Map<string, string[]>();
  const visit = async (folder: string) => {
    const entries = await files.list(folder);
    const tf = entries
      .filter(name => name.endsWith('.tf'))
      .map(name => path.posix.join(folder, name));
    if (tf.length) folders.set(folder, tf);
    for (const name of entries) {
      // Files list as empty folders; skipping the obvious ones saves reads.
      if (name.startsWith('.') || /\.(tf|tfvars|md|hcl|json|sh)$/.test(name)) {
        continue;
      }
      await visit(path.posix.join(folder, name));
    }
  };
  await visit(root);
  return folders;
}

/** Reads and parses a .tf file; throws GitopsFileError when it does not parse. */
export async function readTerraformFile(
  files: RepositoryFiles,
  file: string,
): Promise<TerraformFile | undefined> {
  const text = await files.read(file);
  if (text === undefined) return undefined;
  const document = await parseHcl(file, text);
  return { file, text, document, blocks: scanHcl(text).blocks };
}

/** The bodies of the blocks of one type, by label, e.g. all `module` blocks. */
export function labelledBlocks(
  document: HclDocument,
  type: string,
): Array<[string, HclBody]> {
  const byLabel = document[type];
  if (!byLabel || typeof byLabel !== 'object' || Array.isArray(byLabel)) {
    return [];
  }
  const result: Array<[string, HclBody]> = [];
  for (const [label, bodies] of Object.entries(byLabel)) {
    for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
      result.push([label, body as HclBody]);
    }
  }
  return result;
}

/** The block range with that type and first label. */
export function findBlock(
  blocks: HclBlockRange[],
  type: string,
  label: string,
): HclBlockRange | undefined {
  return blocks.find(b => b.type === type && b.labels[0] === label);
}

/** Whether a hcl2json value is (or contains) an expression. */
export function containsExpression(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value && typeof value === 'object') {
    return Object.values(value).some(containsExpression);
  }
  return false;
}

/** The expression inside a `"${...}"` string, or undefined for a literal. */
export function expressionOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{([\s\S]*)\}$/.exec(value);
  return match ? match[1] : undefined;
}

// Splits `a, {b = 1}, c` at the commas outside brackets and strings.
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (inString) {
      if (c === '\\') k++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if ('{[('.includes(c)) depth++;
    else if ('}])'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, k).trim());
      from = k + 1;
    }
  }
  parts.push(text.slice(from).trim());
  return parts.filter(Boolean);
}

/**
 * The tags written in a `tags` argument: a map literal, or the map literals
 * merged in `merge(local.common_tags, { Service = "..." })`. Entries whose
 * values are expressions are left out.
 */
export async function literalTags(
  value: unknown,
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  const add = (map: unknown) => {
    if (!map || typeof map !== 'object' || Array.isArray(map)) return;
    for (const [key, entry] of Object.entries(map)) {
      if (typeof entry === 'string' && !entry.includes('${')) {
        tags[key] = entry;
      }
    }
  };
  const expression = expressionOf(value);
  if (expression === undefined) {
    add(value);
    return tags;
  }
  const merge = /^\s*merge\(([\s\S]*)\)\s*$/.exec(expression);
  const parts = merge ? splitArguments(merge[1]) : [expression.trim()];
  for (const part of parts) {
    if (!part.startsWith('{')) continue;
    try {
      add((await parseHcl('tags.tf', `tags = ${part}\n`)).tags);
    } catch {
      // Not a map literal after all; it contributes no literal tags.
    }
  }
  return tags;
}

/** Arguments whose values are literals (no expressions anywhere inside). */
export function literalArguments(
  body: HclBody,
  exclude: readonly string[],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (exclude.includes(key) || containsExpression(value)) continue;
    result[key] = value;
  }
  return result;
}
