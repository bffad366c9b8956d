import {
  EnvironmentName,
  TerraformModuleInstance,
} from '@goldenpath/backstage-plugin-gitops-common';
import { RepositoryFiles } from '../files/RepositoryFiles';
import { findBlock } from './terraformConfig';
import { lineAt, maskHcl, scanHcl } from './hclText';
import { TerraformRepository } from './TerraformRepository';

/** A node taint, as the EKS module takes it. @public */
export interface NodeGroupTaint {
  key: string;
  value?: string;
  /** `NoSchedule`, `NO_SCHEDULE`, `NoExecute`, ... */
  effect: string;
}

/**
 * One EKS managed node group of an environment, as its `node_groups`
 * argument declares it.
 *
 * @public
 */
export interface NodeGroup {
  environment: EnvironmentName;
  /** The module instance that declares it, e.g. `eks`. */
  module: string;
  /** Its key in `node_groups`, e.g. `general`. */
  key: string;
  /** The node group's name (its `name`, or the key). */
  name: string;
  instanceTypes: string[];
  capacityType: 'ON_DEMAND' | 'SPOT';
  minSize?: number;
  maxSize?: number;
  desiredSize?: number;
  labels: Record<string, string>;
  taints: NodeGroupTaint[];
  /** File (relative to the repository root) and 1-based line of its entry. */
  file: string;
  line: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numberOrUndefined = (value: unknown) =>
  typeof value === 'number' ? value : undefined;

function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

function taintsOf(value: unknown): NodeGroupTaint[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap(taint =>
    typeof taint.key === 'string' && typeof taint.effect === 'string'
      ? [
          {
            key: taint.key,
            ...(typeof taint.value === 'string' && { value: taint.value }),
            effect: taint.effect,
          },
        ]
      : [],
  );
}

/** Line of `<key> = {` inside the node_groups argument of a module block. */
function groupLines(
  text: string | undefined,
  instance: TerraformModuleInstance,
): Map<string, number> {
  const lines = new Map<string, number>();
  if (text === undefined) return lines;
  const block = findBlock(scanHcl(text).blocks, 'module', instance.name);
  const attribute = block?.attributes.find(a => a.name === 'node_groups');
  if (!attribute) return lines;
  // Keys of the outer map sit one level inside its braces.
  const masked = maskHcl(text);
  let depth = 0;
  const key = /([A-Za-z_][\w-]*|"[^"]*")\s*=/y;
  for (let k = attribute.valueStart; k < attribute.valueEnd; k++) {
    const c = masked[k];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (depth === 1 && /[A-Za-z_"]/.test(c)) {
      key.lastIndex = k;
      const match = key.exec(text);
      if (match) {
        lines.set(match[1].replace(/^"|"$/g, ''), lineAt(text, k));
        k = key.lastIndex - 1;
      }
    }
  }
  return lines;
}

/**
 * The EKS managed node groups of an environment: every module instance with
 * a literal `node_groups` map. Pass the environment's module instances when
 * they were read already, to parse its Terraform once.
 *
 * @public
 */
export async function readNodeGroups(
  files: RepositoryFiles,
  environment: string,
  options: { root?: string; instances?: TerraformModuleInstance[] } = {},
): Promise<NodeGroup[]> {
  const instances =
    options.instances ??
    (await new TerraformRepository(files, {
      root: options.root,
    }).moduleInstances(environment));
  const groups: NodeGroup[] = [];
  for (const instance of instances) {
    const declared = instance.arguments.node_groups;
    if (!isObject(declared)) continue;
    const lines = groupLines(await files.read(instance.file), instance);
    for (const [key, value] of Object.entries(declared)) {
      if (!isObject(value)) continue;
      groups.push({
        environment: instance.environment,
        module: instance.name,
        key,
        name: typeof value.name === 'string' ? value.name : key,
        instanceTypes: Array.isArray(value.instance_types)
          ? value.instance_types.filter(
              (t): t is string => typeof t === 'string',
            )
          : [],
        // The module's default, like EKS's own.
        capacityType: value.capacity_type === 'SPOT' ? 'SPOT' : 'ON_DEMAND',
        minSize: numberOrUndefined(value.min_size),
        maxSize: numberOrUndefined(value.max_size),
        desiredSize: numberOrUndefined(value.desired_size),
        labels: stringMap(value.labels),
        taints: taintsOf(value.taints),
        file: instance.file,
        line: lines.get(key) ?? instance.line,
      });
    }
  }
  // hcl2json sorts map keys; keep the order of the file.
  return groups.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
