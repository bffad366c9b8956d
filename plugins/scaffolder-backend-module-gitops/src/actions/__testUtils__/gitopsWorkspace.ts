import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';

export const GITOPS_CONFIG = path.resolve(
  __dirname,
  '../../../../../gitops-config',
);
export const INFRASTRUCTURE = path.resolve(
  __dirname,
  '../../../../../infrastructure',
);

/** A task workspace with copies of the real repositories under gitops/ and infrastructure/. */
export async function createWorkspace() {
  const workspacePath = await fs.mkdtemp(
    path.join(os.tmpdir(), 'task-workspace-'),
  );
  await fs.cp(GITOPS_CONFIG, path.join(workspacePath, 'gitops'), {
    recursive: true,
  });
  await fs.cp(INFRASTRUCTURE, path.join(workspacePath, 'infrastructure'), {
    recursive: true,
  });
  return {
    workspacePath,
    read: (file: string) => fs.readFile(path.join(workspacePath, file), 'utf8'),
    write: (file: string, content: string) =>
      fs.writeFile(path.join(workspacePath, file), content),
    remove: () => fs.rm(workspacePath, { recursive: true, force: true }),
  };
}

/** Every file of a folder with its content, for before/after comparisons. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files[path.relative(root, full)] = await fs.readFile(full, 'utf8');
    }
  }
  await walk(root);
  return files;
}

export function mockContext(
  workspacePath: string,
  input: Record<string, any>,
  options: { isDryRun?: boolean } = {},
) {
  const ctx = createMockActionContext({ workspacePath, input });
  return { ...ctx, isDryRun: options.isDryRun ?? false };
}

/** The steps of a documented example, with their inputs. */
export function exampleSteps(example: TemplateExample): Array<{
  action: string;
  input: Record<string, any>;
}> {
  return yaml.parse(example.example).steps;
}
