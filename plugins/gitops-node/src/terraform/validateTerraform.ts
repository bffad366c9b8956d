import { ValidationFinding } from '@goldenpath/backstage-plugin-gitops-common';
import path from 'node:path';
import { GitopsFileError } from '../errors';
import { RepositoryFiles } from '../files/RepositoryFiles';
import { HclBlockRange, lineAt, maskHcl } from './hclText';
import {
  HclBody,
  TerraformFile,
  findBlock,
  labelledBlocks,
  readTerraformFile,
  terraformFolders,
} from './terraformConfig';

/** @public */
export interface ValidateTerraformOptions {
  /** The folder with modules/, environments/ and global/; default `terraform`. */
  root?: string;
}

/** Arguments of a module call that are not the module's variables. */
const META_ARGUMENTS = [
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'depends_on',
];

/** Blocks whose `module.x` are addresses, not references to outputs. */
const ADDRESS_BLOCKS = ['moved', 'removed', 'import'];

interface Folder {
  path: string;
  files: TerraformFile[];
  /** Whether every .tf file parsed; cross-file checks need all of them. */
  complete: boolean;
  variables: Map<string, { body: HclBody; file: TerraformFile }>;
  outputs: Set<string>;
  modules: Map<
    string,
    { body: HclBody; file: TerraformFile; range?: HclBlockRange }
  >;
}

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** ` (did you mean x?)` when one of the candidates is close. */
function suggestion(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined &&
    bestDistance <= Math.max(2, Math.floor(name.length / 3))
    ? ` (did you mean ${best}?)`
    : '';
}

function isLocalSource(source: unknown): source is string {
  return (
    typeof source === 'string' &&
    (source.startsWith('./') || source.startsWith('../'))
  );
}

async function loadFolder(
  files: RepositoryFiles,
  folder: string,
  tfFiles: string[],
  findings: ValidationFinding[],
): Promise<Folder> {
  const result: Folder = {
    path: folder,
    files: [],
    complete: true,
    variables: new Map(),
    outputs: new Set(),
    modules: new Map(),
  };
  for (const file of tfFiles) {
    try {
      const parsed = await readTerraformFile(files, file);
      if (parsed) result.files.push(parsed);
    } catch (error) {
      if (!(error instanceof GitopsFileError)) throw error;
      result.complete = false;
      findings.push({
        file,
        line: error.line,
        rule: 'terraform/parse',
        message: error.message.replace(/^[^:]+(:\d+)?: /, ''),
      });
    }
  }
  for (const file of result.files) {
    for (const [name, body] of labelledBlocks(file.document, 'variable')) {
      result.variables.set(name, { body, file });
    }
    for (const [name] of labelledBlocks(file.document, 'output')) {
      result.outputs.add(name);
    }
    for (const [name, body] of labelledBlocks(file.document, 'module')) {
      result.modules.set(name, {
        body,
        file,
        range: findBlock(file.blocks, 'module', name),
      });
    }
  }
  return result;
}

function checkDocumentation(
  file: TerraformFile,
  findings: ValidationFinding[],
) {
  const lineOf = (type: string, name: string) =>
    findBlock(file.blocks, type, name)?.line;
  const documented = (body: HclBody) =>
    typeof body.description === 'string' && body.description.trim() !== '';
  for (const [name, body] of labelledBlocks(file.document, 'variable')) {
    if (body.type === undefined) {
      findings.push({
        file: file.file,
        line: lineOf('variable', name),
        rule: 'terraform/variable-untyped',
        message: `variable "${name}" has no type; declare one, e.g. type = string`,
      });
    }
    if (!documented(body)) {
      findings.push({
        file: file.file,
        line: lineOf('variable', name),
        rule: 'terraform/variable-undocumented',
        message: `variable "${name}" has no description; add description = "<what it sets, with an example>"`,
      });
    }
  }
  for (const [name, body] of labelledBlocks(file.document, 'output')) {
    if (!documented(body)) {
      findings.push({
        file: file.file,
        line: lineOf('output', name),
        rule: 'terraform/output-undocumented',
        message: `output "${name}" has no description; add description = "<what it is and who uses it>"`,
      });
    }
  }
}

function checkModuleCalls(
  folder: Folder,
  folders: Map<string, Folder>,
  modulesRoot: string,
  findings: ValidationFinding[],
) {
  const moduleFolders = [...folders.keys()].filter(f =>
    f.startsWith(`${modulesRoot}/`),
  );
  for (const [name, call] of folder.modules) {
    const { body, file, range } = call;
    const lineOfArgument = (argument: string) =>
      range?.attributes.find(a => a.name === argument)?.line ?? range?.line;
    const source = body.source;
    if (source === undefined) {
      findings.push({
        file: file.file,
        line: range?.line,
        rule: 'terraform/module-source-missing',
        message: `module "${name}" has no source; set source to the path of a module folder, e.g. "../../modules/database/rds"`,
      });
      continue;
    }
    if (!isLocalSource(source)) continue;
    const target = path.posix.normalize(path.posix.join(folder.path, source));
    const module = folders.get(target);
    if (!module) {
      const candidates = moduleFolders.map(f =>
        path.posix.relative(folder.path, f),
      );
      findings.push({
        file: file.file,
        line: lineOfArgument('source'),
        rule: 'terraform/module-source-missing',
        message: `module "${name}" has source "${source}", but ${target} holds no .tf files; expected the path of a module folder${suggestion(
          source,
          candidates,
        )}`,
      });
      continue;
    }
    // A module that does not parse has already been reported; what it
    // declares is unknown, so its calls cannot be judged.
    if (!module.complete) continue;
    const passed = Object.keys(body).filter(k => !META_ARGUMENTS.includes(k));
    for (const argument of passed) {
      if (!module.variables.has(argument)) {
        findings.push({
          file: file.file,
          line: lineOfArgument(argument),
          rule: 'terraform/module-unknown-argument',
          message: `module "${name}" passes "${argument}", which ${target} does not declare${suggestion(
            argument,
            module.variables.keys(),
          )}; its variables are declared in ${target}/variables.tf`,
        });
      }
    }
    for (const [variable, declaration] of module.variables) {
      if (!('default' in declaration.body) && !passed.includes(variable)) {
        findings.push({
          file: file.file,
          line: range?.line,
          rule: 'terraform/module-missing-argument',
          message: `module "${name}" does not pass "${variable}", which ${target} requires (it has no default); add ${variable} = ...`,
        });
      }
    }
  }
}

function checkReferences(
  folder: Folder,
  folders: Map<string, Folder>,
  findings: ValidationFinding[],
) {
  const reference =
    /(?<![\w.])(module|var)\.([A-Za-z_][\w-]*)(?:\[[^\]\n]*\])?(?:\.([A-Za-z_][\w-]*))?/g;
  for (const file of folder.files) {
    const masked = maskHcl(file.text);
    const addressBlocks = file.blocks.filter(b =>
      ADDRESS_BLOCKS.includes(b.type),
    );
    for (const match of masked.matchAll(reference)) {
      const offset = match.index!;
      if (addressBlocks.some(b => b.start <= offset && offset < b.end)) {
        continue;
      }
      const [text, kind, name, attribute] = match;
      const line = lineAt(file.text, offset);
      if (kind === 'var') {
        if (!folder.variables.has(name)) {
          findings.push({
            file: file.file,
            line,
            rule: 'terraform/undeclared-variable',
            message: `${text} refers to variable "${name}", which ${
              folder.path
            } does not declare${suggestion(
              name,
              folder.variables.keys(),
            )}; declare it in ${folder.path}/variables.tf`,
          });
        }
        continue;
      }
      const call = folder.modules.get(name);
      if (!call) {
        findings.push({
          file: file.file,
          line,
          rule: 'terraform/undeclared-module',
          message: `${text} refers to module "${name}", which ${
            folder.path
          } does not call${suggestion(name, folder.modules.keys())}`,
        });
        continue;
      }
      if (attribute === undefined || !isLocalSource(call.body.source)) {
        continue;
      }
      const target = path.posix.normalize(
        path.posix.join(folder.path, call.body.source),
      );
      const module = folders.get(target);
      if (!module?.complete) continue;
      if (!module.outputs.has(attribute)) {
        findings.push({
          file: file.file,
          line,
          rule: 'terraform/module-unknown-output',
          message: `${text}: module "${name}" (${target}) has no output "${attribute}"${suggestion(
            attribute,
            module.outputs,
          )}; its outputs are declared in ${target}/outputs.tf`,
        });
      }
    }
  }
}

/**
 * Checks the Terraform of the infrastructure repository the way review
 * would: every .tf file parses; variables are typed and described, outputs
 * described; module calls point at existing local modules, pass only their
 * variables and all the required ones; every `module.<name>.<output>` and
 * `var.<name>` refers to something declared. Files in the findings are
 * relative to the repository root.
 *
 * @public
 */
export async function validateTerraform(
  files: RepositoryFiles,
  options?: ValidateTerraformOptions,
): Promise<ValidationFinding[]> {
  const root = options?.root ?? 'terraform';
  const findings: ValidationFinding[] = [];
  const folders = new Map<string, Folder>();
  for (const [folder, tfFiles] of await terraformFolders(files, root)) {
    folders.set(folder, await loadFolder(files, folder, tfFiles, findings));
  }
  for (const folder of folders.values()) {
    for (const file of folder.files) checkDocumentation(file, findings);
    // With a file missing, declarations elsewhere in the folder would look
    // undeclared; only the parse error is reported for it.
    if (!folder.complete) continue;
    checkModuleCalls(
      folder,
      folders,
      path.posix.join(root, 'modules'),
      findings,
    );
    checkReferences(folder, folders, findings);
  }
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}
