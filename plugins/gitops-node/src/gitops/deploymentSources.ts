import {
  EnvironmentName,
  ResourceRequirements,
} from '@goldenpath/backstage-plugin-gitops-common';
import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import { GitopsFileError } from '../errors';
import { RepositoryFiles } from '../files/RepositoryFiles';
import { appPaths } from '../layout';

/** A file (relative to the repository root) and a 1-based line. @public */
export interface SourceLocation {
  file: string;
  line: number;
}

/**
 * Where the figures of a deployment are written: the lines that set the
 * replicas, the main container's requests and limits, and the
 * HorizontalPodAutoscaler's bounds, after the overlay's patches. Each is
 * absent when nothing sets it.
 *
 * @public
 */
export interface DeploymentSources {
  replicas?: SourceLocation;
  cpuRequest?: SourceLocation;
  memoryRequest?: SourceLocation;
  cpuLimit?: SourceLocation;
  memoryLimit?: SourceLocation;
  minReplicas?: SourceLocation;
  maxReplicas?: SourceLocation;
}

/**
 * The sizing part of a {@link ServiceDeployment} (replicas, the main
 * container's resources, HPA bounds) with the line behind each figure.
 *
 * @public
 */
export interface DeploymentFigures {
  service: string;
  environment: EnvironmentName;
  replicas: number;
  resources: ResourceRequirements;
  autoscaling?: { minReplicas: number; maxReplicas: number };
  sources: DeploymentSources;
}

type Json = Record<string, any>;
type Field = keyof DeploymentSources;
type Path = Array<string | number>;

const CONTAINER_FIELDS: Array<
  [Field, 'requests' | 'limits', 'cpu' | 'memory']
> = [
  ['cpuRequest', 'requests', 'cpu'],
  ['memoryRequest', 'requests', 'memory'],
  ['cpuLimit', 'limits', 'cpu'],
  ['memoryLimit', 'limits', 'memory'],
];

/** One document of a YAML file: its value and the lines it spans. */
interface YamlDocument {
  value: unknown;
  /** 0-based index of its first and after its last line in `lines`. */
  from: number;
  to: number;
  /** Where the value of a path prefix is: see {@link keyLine}. */
  ranges: Map<string, Range>;
}

interface Range {
  from: number;
  to: number;
  column: number;
  /** 0-based line of the deepest key matched so far. */
  found?: number;
}

interface LineIndex {
  /** Indentation of each line; -1 for blank and comment lines. */
  indents: Int32Array;
  /** Whether a line is a sequence item (`- ...`). */
  items: Uint8Array;
}

interface ParsedFile {
  file: string;
  text: string;
  /** The text's lines, split when a position is first looked for. */
  lines?: string[];
  /** Built when a position is first looked for. */
  index?: LineIndex;
  documents: YamlDocument[];
  /** Line in the file of the text's first line (inline patches). */
  firstLine: number;
}

const DOCUMENT_MARKER = /^(---|\.\.\.)(\s|$)/;

// js-yaml reads a manifest about ten times faster than a parser that keeps
// positions; the few positions needed are found in the text afterwards.
function parse(file: string, text: string, firstLine = 1): ParsedFile {
  const documents: YamlDocument[] = [];
  const load = (chunk: string, from: number, to: number) => {
    try {
      // The YAML 1.2 core schema, as Kubernetes reads manifests: no
      // timestamps or other YAML 1.1 types.
      const value = loadYaml(chunk, { schema: CORE_SCHEMA });
      if (value !== undefined && value !== null) {
        documents.push({ value, from, to, ranges: new Map() });
      }
    } catch (error) {
      if (!(error instanceof YAMLException)) throw error;
      throw new GitopsFileError({
        file,
        line: from + (error.mark?.line ?? 0) + firstLine,
        message: `invalid YAML: ${error.reason}`,
      });
    }
  };
  if (
    !text.includes('\n---') &&
    !text.includes('\n...') &&
    !/^(---|\.\.\.)/.test(text)
  ) {
    // One document, the usual case: its lines are only split if needed.
    load(text, 0, Number.MAX_SAFE_INTEGER);
    return { file, text, documents, firstLine };
  }
  const lines = text.split('\n');
  let from = 0;
  lines.forEach((line, index) => {
    if (DOCUMENT_MARKER.test(line)) {
      load(lines.slice(from, index).join('\n'), from, index);
      from = index + 1;
    }
  });
  load(lines.slice(from).join('\n'), from, lines.length);
  return { file, text, lines, documents, firstLine };
}

function linesOf(parsed: ParsedFile): string[] {
  parsed.lines ??= parsed.text.split('\n');
  return parsed.lines;
}

function lineIndex(parsed: ParsedFile): LineIndex {
  if (parsed.index) return parsed.index;
  const lines = linesOf(parsed);
  const indents = new Int32Array(lines.length);
  const items = new Uint8Array(lines.length);
  lines.forEach((line, index) => {
    const indent = line.length - line.trimStart().length;
    const c = line.charCodeAt(indent);
    // Blank, or a comment: `#`.
    indents[index] = indent === line.length || c === 35 ? -1 : indent;
    // `-` followed by a space or the end of the line.
    const next = line.charCodeAt(indent + 1);
    items[index] =
      c === 45 && (Number.isNaN(next) || next === 32 || next === 9) ? 1 : 0;
  });
  parsed.index = { indents, items };
  return parsed.index;
}

const keyPatterns = new Map<string, RegExp>();

/** `key:`, `"key":` or `'key':` at the start of a string. */
function keyPattern(key: string): RegExp {
  let pattern = keyPatterns.get(key);
  if (!pattern) {
    const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`^(${name}|"${name}"|'${name}'):(\\s|$)`);
    keyPatterns.set(key, pattern);
  }
  return pattern;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The range of one more path segment below `range`. */
function descend(
  parsed: ParsedFile,
  range: Range,
  segment: string | number,
): Range | undefined {
  const lines = linesOf(parsed);
  const { indents, items } = lineIndex(parsed);
  const { from, to, column } = range;
  if (typeof segment === 'number') {
    let itemColumn = -1;
    let seen = -1;
    let start = -1;
    let end = to;
    for (let i = from; i < to; i++) {
      if (indents[i] < 0) continue;
      if (itemColumn < 0) itemColumn = indents[i];
      if (indents[i] === itemColumn && items[i]) {
        seen++;
        if (seen === segment) start = i;
        else if (seen === segment + 1) {
          end = i;
          break;
        }
      }
    }
    if (start < 0) return undefined;
    const afterDash = lines[start].slice(itemColumn + 1);
    return {
      from: start,
      to: end,
      column:
        itemColumn + 1 + (afterDash.length - afterDash.trimStart().length),
      found: range.found,
    };
  }
  const key = keyPattern(segment);
  let at = -1;
  for (let i = from; i < to; i++) {
    const indent = indents[i];
    // A key of this mapping: at its column, or after the `- ` of an item.
    if (
      indent >= 0 &&
      indent <= column &&
      (indent === column || items[i]) &&
      key.test(lines[i].slice(column))
    ) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  // The value: the lines below it that are indented deeper, or that are
  // items of a sequence written at the key's own column.
  let end = at + 1;
  let childColumn = -1;
  for (; end < to; end++) {
    const indent = indents[end];
    if (indent < 0) continue;
    if (indent < column || (indent === column && !items[end])) break;
    if (childColumn < 0) childColumn = indent;
  }
  return {
    from: at + 1,
    to: end,
    column: childColumn < 0 ? column + 2 : childColumn,
    found: at,
  };
}

/**
 * The 0-based line of the deepest key of `path` found in a block-style
 * document (flow-style values end the search at their key). Ranges of path
 * prefixes are kept: the four resource fields share their walk.
 */
function keyLine(
  parsed: ParsedFile,
  document: YamlDocument,
  path: Path,
): number | undefined {
  let range: Range = {
    from: document.from,
    to: Math.min(document.to, linesOf(parsed).length),
    column: 0,
  };
  let prefix = '';
  for (const segment of path) {
    prefix += `\u0000${segment}`;
    let next = document.ranges.get(prefix);
    if (!next) {
      next = descend(parsed, range, segment) ?? { ...range, to: range.from };
      document.ranges.set(prefix, next);
    }
    if (next.to === next.from && next.found === range.found) break;
    range = next;
  }
  return range.found;
}

function locate(
  parsed: ParsedFile,
  document: YamlDocument,
  path: Path,
): SourceLocation | undefined {
  const line = keyLine(parsed, document, path);
  return line === undefined
    ? undefined
    : { file: parsed.file, line: line + parsed.firstLine };
}

function containerIndex(workload: Json, service: string): number {
  const containers: unknown = workload.spec?.template?.spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) return -1;
  const index = containers.findIndex(c => isObject(c) && c.name === service);
  return index === -1 ? 0 : index;
}

/** Applies a Deployment (base or strategic-merge patch); true if it is the service's. */
function applyDeployment(
  figures: DeploymentFigures,
  parsed: ParsedFile,
): boolean {
  let found = false;
  for (const document of parsed.documents) {
    const root = document.value;
    if (
      !isObject(root) ||
      root.kind !== 'Deployment' ||
      root.metadata?.name !== figures.service
    ) {
      continue;
    }
    found = true;
    if (typeof root.spec?.replicas === 'number') {
      figures.replicas = root.spec.replicas;
      figures.sources.replicas = locate(parsed, document, ['spec', 'replicas']);
    }
    const index = containerIndex(root, figures.service);
    if (index === -1) continue;
    const container: unknown = root.spec.template.spec.containers[index];
    const resources = isObject(container) ? container.resources : undefined;
    for (const [field, group, quantity] of CONTAINER_FIELDS) {
      const value: unknown = isObject(resources)
        ? resources[group]?.[quantity]
        : undefined;
      if (value === undefined || value === null || typeof value === 'object') {
        continue;
      }
      figures.resources[group][quantity] = String(value);
      figures.sources[field] = locate(parsed, document, [
        'spec',
        'template',
        'spec',
        'containers',
        index,
        'resources',
        group,
        quantity,
      ]);
    }
  }
  return found;
}

function applyAutoscaler(figures: DeploymentFigures, parsed: ParsedFile) {
  for (const document of parsed.documents) {
    const root = document.value;
    if (
      !isObject(root) ||
      root.kind !== 'HorizontalPodAutoscaler' ||
      root.spec?.scaleTargetRef?.name !== figures.service
    ) {
      continue;
    }
    const min = root.spec.minReplicas;
    const max = root.spec.maxReplicas;
    const minReplicas = typeof min === 'number' ? min : 1;
    figures.autoscaling = {
      minReplicas,
      maxReplicas: typeof max === 'number' ? max : minReplicas,
    };
    figures.sources.minReplicas = locate(parsed, document, [
      'spec',
      'minReplicas',
    ]);
    figures.sources.maxReplicas = locate(parsed, document, [
      'spec',
      'maxReplicas',
    ]);
  }
}

function yamlResources(kustomization: Json | undefined): string[] {
  const resources: unknown = kustomization?.resources;
  return Array.isArray(resources)
    ? resources.map(String).filter(r => r.endsWith('.yaml'))
    : [];
}

/**
 * Reads what each service requests in each environment, and the line behind
 * every figure, resolving the base and the overlay (strategic-merge patches
 * from files or inline, HorizontalPodAutoscalers among the overlay's
 * resources). {@link GitopsRepository.deployment} takes its sizing from here.
 * It parses every file once for its lifetime, so one reader serves one
 * snapshot of the repository: reading many services stays linear.
 *
 * @public
 */
export class DeploymentFiguresReader {
  private readonly parsed = new Map<string, Promise<ParsedFile | undefined>>();

  constructor(private readonly files: RepositoryFiles) {}

  /**
   * The file parsed, or undefined when it is missing or cannot hold what is
   * looked for (`mention`: a word its text must contain to be parsed).
   */
  private parseFile(file: string, mention?: string) {
    const key = `${file}\u0000${mention ?? ''}`;
    let result = this.parsed.get(key);
    if (!result) {
      result = this.files
        .read(file)
        .then(text =>
          text === undefined || (mention && !text.includes(mention))
            ? undefined
            : parse(file, text),
        );
      this.parsed.set(key, result);
    }
    return result;
  }

  private async requireFile(file: string) {
    const parsed = await this.parseFile(file);
    if (!parsed) {
      throw new GitopsFileError({
        file,
        message: 'expected this file to exist',
      });
    }
    return parsed;
  }

  /** A service's figures in one environment. */
  async figures(
    service: string,
    environment: EnvironmentName,
  ): Promise<DeploymentFigures> {
    const figures: DeploymentFigures = {
      service,
      environment,
      replicas: 1,
      resources: { requests: {}, limits: {} },
      sources: {},
    };

    const baseFolder = appPaths.base(service);
    const base = await this.requireFile(`${baseFolder}/kustomization.yaml`);
    let found = false;
    for (const resource of yamlResources(base.documents[0]?.value as Json)) {
      const parsed = await this.parseFile(
        `${baseFolder}/${resource}`,
        'Deployment',
      );
      if (parsed && applyDeployment(figures, parsed)) found = true;
    }
    if (!found) {
      throw new GitopsFileError({
        file: base.file,
        message: `expected one of its resources to be Deployment '${service}'`,
      });
    }

    const overlayFolder = appPaths.overlay(service, environment);
    const overlay = await this.requireFile(
      `${overlayFolder}/kustomization.yaml`,
    );
    const kustomization = overlay.documents[0];
    const patches: unknown = isObject(kustomization?.value)
      ? kustomization.value.patches
      : undefined;
    for (const [index, patch] of (Array.isArray(patches)
      ? patches
      : []
    ).entries()) {
      if (!isObject(patch)) continue;
      if (typeof patch.path === 'string') {
        applyDeployment(
          figures,
          await this.requireFile(`${overlayFolder}/${patch.path}`),
        );
      } else if (typeof patch.patch === 'string') {
        // A block scalar's text starts on the line after its key.
        const at = locate(overlay, kustomization, ['patches', index, 'patch']);
        applyDeployment(
          figures,
          parse(overlay.file, patch.patch, (at?.line ?? 0) + 1),
        );
      }
    }
    for (const resource of yamlResources(kustomization?.value as Json)) {
      const parsed = await this.parseFile(
        `${overlayFolder}/${resource}`,
        'HorizontalPodAutoscaler',
      );
      if (parsed) applyAutoscaler(figures, parsed);
    }
    for (const field of Object.keys(figures.sources) as Field[]) {
      if (!figures.sources[field]) delete figures.sources[field];
    }
    return figures;
  }
}

/**
 * The lines behind a service's deployment figures in one environment.
 *
 * @public
 */
export async function readDeploymentSources(
  files: RepositoryFiles,
  service: string,
  environment: EnvironmentName,
): Promise<DeploymentSources> {
  return (
    await new DeploymentFiguresReader(files).figures(service, environment)
  ).sources;
}
