import { ConflictError } from '@backstage/errors';
import {
  ENVIRONMENTS,
  EnvironmentName,
  TerraformModuleInstance,
} from '@goldenpath/backstage-plugin-gitops-common';
import path from 'node:path';
import { GitopsFileError, UnknownNameError } from '../errors';
import { RepositoryFiles } from '../files/RepositoryFiles';
import { HclBlockRange, scanHcl } from './hclText';
import { parseHcl } from './parseHcl';
import {
  RenderedServiceResource,
  ServiceResourceOutput,
  ServiceResourceRequest,
  renderServiceResource,
  resolveServiceResourceRequest,
} from './serviceResources';
import {
  HclBody,
  TerraformFile,
  findBlock,
  labelledBlocks,
  literalArguments,
  literalTags,
  readTerraformFile,
  terraformFilesIn,
} from './terraformConfig';

/**
 * What {@link TerraformRepository.addServiceResource} did.
 *
 * @public
 */
export interface AddServiceResourceResult {
  /** The environment's main.tf, relative to the repository root. */
  file: string;
  /** The module instance name, e.g. `user_service_db`. */
  name: string;
  /** False when everything was already there. */
  changed: boolean;
  /** The files written (main.tf, outputs.tf), empty when nothing changed. */
  changedFiles: string[];
}

interface ModuleBlock {
  name: string;
  body: HclBody;
  file: TerraformFile;
  range: HclBlockRange;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** `a is 1 (asked: 2)` for every argument that differs. */
function describeDifferences(existing: HclBody, wanted: HclBody): string {
  const keys = [...new Set([...Object.keys(existing), ...Object.keys(wanted)])];
  return keys
    .filter(key => !sameValue(existing[key], wanted[key]))
    .map(key => {
      const show = (v: unknown) =>
        v === undefined ? 'not set' : JSON.stringify(v);
      return `${key} is ${show(existing[key])} (the request gives ${show(
        wanted[key],
      )})`;
    })
    .join(', ');
}

function insertAt(text: string, offset: number, insertion: string) {
  return text.slice(0, offset) + insertion + text.slice(offset);
}

/** Appends blocks after `after` (a block's end) or at the end of the file. */
function insertBlocks(text: string, blocks: string[], after?: number): string {
  const chunk = blocks.join('\n\n');
  if (after !== undefined) return insertAt(text, after, `\n\n${chunk}`);
  if (text.trim() === '') return `${chunk}\n`;
  const separator = text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${separator}${chunk}\n`;
}

function outputBlock(output: ServiceResourceOutput): string {
  const reference = `module.${output.module}.${output.attribute}`;
  if (output.kind === 'map-entry') {
    return [
      `output "${output.output}" {`,
      `  description = "${output.description}"`,
      `  value = {`,
      `    ${output.key} = ${reference}`,
      `  }`,
      ...(output.sensitive ? [`  sensitive = true`] : []),
      `}`,
    ].join('\n');
  }
  return [
    `output "${output.output}" {`,
    `  description = "${output.description}"`,
    `  value       = ${reference}`,
    ...(output.sensitive ? [`  sensitive   = true`] : []),
    `}`,
  ].join('\n');
}

/**
 * The Terraform of the infrastructure repository:
 * `<root>/modules/<group>/<module>`, `<root>/environments/<env>` and
 * `<root>/global/<stack>`. Reads work on any {@link RepositoryFiles};
 * edits need a writable one (a checkout on disk).
 *
 * @public
 */
export class TerraformRepository {
  private readonly root: string;

  constructor(
    private readonly files: RepositoryFiles,
    options?: { root?: string },
  ) {
    this.root = options?.root ?? 'terraform';
  }

  private environmentFolder(environment: string) {
    return path.posix.join(this.root, 'environments', environment);
  }

  /** The environments that have a folder, in promotion order. */
  async environments(): Promise<EnvironmentName[]> {
    const folders = await this.files.list(
      path.posix.join(this.root, 'environments'),
    );
    return ENVIRONMENTS.filter(environment => folders.includes(environment));
  }

  private async checkEnvironment(environment: string) {
    const known = await this.environments();
    if (!(known as string[]).includes(environment)) {
      throw new UnknownNameError('environment', environment, known);
    }
    return environment as EnvironmentName;
  }

  private async environmentFiles(environment: EnvironmentName) {
    const result: TerraformFile[] = [];
    for (const file of await terraformFilesIn(
      this.files,
      this.environmentFolder(environment),
    )) {
      const parsed = await readTerraformFile(this.files, file);
      if (parsed) result.push(parsed);
    }
    return result;
  }

  private moduleBlocks(files: TerraformFile[]): ModuleBlock[] {
    const result: ModuleBlock[] = [];
    for (const file of files) {
      for (const [name, body] of labelledBlocks(file.document, 'module')) {
        const range = findBlock(file.blocks, 'module', name);
        if (range) result.push({ name, body, file, range });
      }
    }
    return result.sort(
      (a, b) =>
        a.file.file.localeCompare(b.file.file) || a.range.line - b.range.line,
    );
  }

  /** Every `module "<name>" { ... }` block of an environment. */
  async moduleInstances(
    environment: string,
  ): Promise<TerraformModuleInstance[]> {
    const checked = await this.checkEnvironment(environment);
    const blocks = this.moduleBlocks(await this.environmentFiles(checked));
    const instances: TerraformModuleInstance[] = [];
    for (const { name, body, file, range } of blocks) {
      const source = typeof body.source === 'string' ? body.source : '';
      const tags = await literalTags(body.tags);
      instances.push({
        environment: checked,
        name,
        source,
        kind:
          source
            .replace(/[?#].*$/, '')
            .split('/')
            .filter(Boolean)
            .pop() ?? '',
        file: file.file,
        line: range.line,
        ...(tags.Service ? { service: tags.Service } : {}),
        arguments: literalArguments(body, ['source', 'tags']),
        tags,
      });
    }
    return instances;
  }

  /**
   * Adds the module instance(s) a service needs for a data store to an
   * environment's main.tf, and the outputs that expose them to outputs.tf.
   * Only text is inserted: the rest of each file stays as it was. Asking
   * again for what is there changes nothing; a module of the same name with
   * other arguments is a ConflictError.
   */
  async addServiceResource(
    environment: string,
    request: ServiceResourceRequest,
  ): Promise<AddServiceResourceResult> {
    const checked = await this.checkEnvironment(environment);
    const resolved = resolveServiceResourceRequest(request);
    const folder = this.environmentFolder(checked);
    const modulesPath = path.posix.relative(
      folder,
      path.posix.join(this.root, 'modules'),
    );
    const rendered = renderServiceResource(checked, resolved, { modulesPath });
    const source = `${modulesPath}/${rendered.moduleFolder}`;

    const files = await this.environmentFiles(checked);
    const mainFile = path.posix.join(folder, 'main.tf');
    const main = files.find(f => f.file === mainFile);
    if (!main) {
      throw new GitopsFileError({
        file: mainFile,
        message: `Environment ${checked} has no main.tf to add module "${resolved.name}" to`,
      });
    }
    const modules = this.moduleBlocks(files);

    const newMain = await this.withModules(main, modules, rendered, source);
    const outputsFile = path.posix.join(folder, 'outputs.tf');
    const outputs = files.find(f => f.file === outputsFile);
    const newOutputs = await this.withOutputs(
      outputsFile,
      outputs,
      files,
      modules,
      rendered,
      source,
    );

    // main.tf first: should outputs.tf fail, the modules are there without
    // their outputs (still a valid configuration) and a retry completes it.
    const changedFiles: string[] = [];
    if (newMain !== main.text) {
      await this.checkParses(mainFile, newMain);
      await this.files.write(mainFile, newMain);
      changedFiles.push(mainFile);
    }
    if (newOutputs !== (outputs?.text ?? '')) {
      await this.checkParses(outputsFile, newOutputs);
      await this.files.write(outputsFile, newOutputs);
      changedFiles.push(outputsFile);
    }
    return {
      file: mainFile,
      name: resolved.name,
      changed: changedFiles.length > 0,
      changedFiles,
    };
  }

  private async checkParses(file: string, text: string) {
    // An edit that breaks the file is a bug here, never something to write.
    await parseHcl(file, text);
  }

  private async withModules(
    main: TerraformFile,
    modules: ModuleBlock[],
    rendered: RenderedServiceResource,
    source: string,
  ): Promise<string> {
    const missing: string[] = [];
    for (const module of rendered.modules) {
      const wanted = (await parseHcl('generated.tf', module.text)) as {
        module: Record<string, HclBody[]>;
      };
      const wantedBody = wanted.module[module.name][0];
      const existing = modules.find(m => m.name === module.name);
      if (!existing) {
        missing.push(module.text);
      } else if (!sameValue(existing.body, wantedBody)) {
        throw new ConflictError(
          `${existing.file.file}:${existing.range.line}: module "${
            module.name
          }" already exists with other arguments: ${describeDifferences(
            existing.body,
            wantedBody,
          )}; choose another name, or change the request to match it`,
        );
      }
    }
    if (!missing.length) return main.text;

    // New instances join the last instance of the same module, so that an
    // environment's databases (queues, ...) stay together.
    const sameKind = modules.filter(
      m => m.file === main && m.body.source === source,
    );
    const after = sameKind.length
      ? Math.max(...sameKind.map(m => m.range.end))
      : undefined;
    return insertBlocks(main.text, missing, after);
  }

  private async withOutputs(
    outputsFile: string,
    outputs: TerraformFile | undefined,
    files: TerraformFile[],
    modules: ModuleBlock[],
    rendered: RenderedServiceResource,
    source: string,
  ): Promise<string> {
    let text = outputs?.text ?? '';
    const existing = files.flatMap(file =>
      labelledBlocks(file.document, 'output').map(([name, body]) => ({
        name,
        body,
        file,
      })),
    );
    const where = (file: TerraformFile, name: string) =>
      findBlock(file.blocks, 'output', name)?.line;

    const newBlocks: string[] = [];
    for (const output of rendered.outputs) {
      const reference = `\${module.${output.module}.${output.attribute}}`;
      const named = existing.find(o => o.name === output.output);
      if (output.kind === 'output') {
        if (existing.some(o => o.body.value === reference)) continue;
        if (named) {
          throw new ConflictError(
            `${named.file.file}:${where(named.file, named.name)}: output "${
              output.output
            }" already exists with another value; expected module.${
              output.module
            }.${output.attribute}`,
          );
        }
        newBlocks.push(outputBlock(output));
        continue;
      }
      if (!named) {
        newBlocks.push(outputBlock(output));
        continue;
      }
      const map = named.body.value;
      const line = where(named.file, named.name);
      if (!map || typeof map !== 'object' || Array.isArray(map)) {
        throw new GitopsFileError({
          file: named.file.file,
          line,
          message: `output "${output.output}" should be a map of ${output.attribute} per service, to add ${output.key} = module.${output.module}.${output.attribute} to it`,
        });
      }
      const entry = (map as Record<string, unknown>)[output.key];
      if (entry === reference) continue;
      if (entry !== undefined) {
        throw new ConflictError(
          `${named.file.file}:${line}: output "${output.output}" already maps ${
            output.key
          } to ${String(entry).replace(/^\$\{|\}$/g, '')}; expected module.${
            output.module
          }.${output.attribute}`,
        );
      }
      if (named.file.file !== outputsFile) {
        throw new GitopsFileError({
          file: named.file.file,
          line,
          message: `output "${output.output}" is expected in ${outputsFile}`,
        });
      }
      text = addMapEntry(
        outputsFile,
        text,
        output.output,
        output.key,
        `module.${output.module}.${output.attribute}`,
      );
    }
    if (!newBlocks.length) return text;

    // Next to the outputs of the same kind of module, like the instances.
    const blocks = scanHcl(text).blocks;
    const sameKindModules = new Set([
      ...modules.filter(m => m.body.source === source).map(m => m.name),
      ...rendered.modules.map(m => m.name),
    ]);
    const parsed = text.trim() ? await parseHcl(outputsFile, text) : {};
    let after: number | undefined;
    for (const [name, body] of labelledBlocks(parsed, 'output')) {
      const value = JSON.stringify(body.value ?? '');
      const match = /\$\{module\.([A-Za-z_][\w-]*)\./.exec(value);
      if (match && sameKindModules.has(match[1])) {
        const range = findBlock(blocks, 'output', name);
        if (range && (after === undefined || range.end > after)) {
          after = range.end;
        }
      }
    }
    return insertBlocks(text, newBlocks, after);
  }
}

/**
 * Adds `key = value` to the map of an output block, realigning the entries
 * the way `terraform fmt` does (the longest key sets the column of `=`).
 */
function addMapEntry(
  file: string,
  text: string,
  output: string,
  key: string,
  value: string,
): string {
  const range = findBlock(scanHcl(text).blocks, 'output', output)!;
  const attribute = range.attributes.find(a => a.name === 'value')!;
  const open = text.indexOf('{', attribute.valueStart);
  const close = attribute.valueEnd - 1;
  const inner = text.slice(open + 1, close);
  const lines = inner.split('\n');
  // The first element is what follows `{` on its line, the last the
  // indentation before `}`.
  const closingIndent = lines.pop() ?? '';
  const entries: Array<[string, string]> = [];
  let indent = `${closingIndent}  `;
  for (const [index, line] of lines.entries()) {
    if (index === 0 && line.trim() === '') continue;
    const match = /^(\s*)([A-Za-z_][\w-]*|"[^"]*")\s*=\s*(\S.*?)\s*$/.exec(
      line,
    );
    if (
      !match ||
      index === 0 ||
      /#|\/\//.test(match[3]) ||
      /[{[(]\s*$/.test(match[3])
    ) {
      throw new GitopsFileError({
        file,
        line: range.line,
        message: `cannot add ${key} to output "${output}": expected its value to be a map with one \`key = value\` per line and no comments`,
      });
    }
    indent = match[1];
    entries.push([match[2], match[3]]);
  }
  entries.push([key, value]);
  const width = Math.max(...entries.map(([k]) => k.length));
  const body = entries
    .map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}`)
    .join('\n');
  return `${text.slice(0, open + 1)}\n${body}\n${closingIndent}${text.slice(
    close,
  )}`;
}
