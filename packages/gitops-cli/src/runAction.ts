import { InputError } from '@backstage/errors';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { Validator } from 'jsonschema';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the CLI writes: human-readable log lines and the action's outputs. */
export interface CliIo {
  log(line: string): void;
  error(line: string): void;
}

export interface RunActionOptions {
  /** The folder the action works in (its "task workspace"). */
  workspacePath: string;
  dryRun?: boolean;
  io: CliIo;
}

function logger(io: CliIo, fields: Record<string, unknown> = {}): any {
  const suffix = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
  return {
    info: (message: string) => io.log(`${message}${suffix}`),
    warn: (message: string) => io.error(`warning: ${message}${suffix}`),
    error: (message: string) => io.error(`error: ${message}${suffix}`),
    debug: () => {},
    child: (more: Record<string, unknown>) =>
      logger(io, { ...fields, ...more }),
  };
}

/**
 * Runs a scaffolder action outside the portal, on a local checkout: the same
 * handler, with its input checked against the same schema first, so CI gets
 * the portal's behaviour and errors. Returns the action's outputs.
 */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: Record<string, unknown>,
  options: RunActionOptions,
): Promise<Record<string, unknown>> {
  const defined = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
  if (action.schema?.input) {
    const result = new Validator().validate(
      defined,
      action.schema.input as any,
    );
    if (!result.valid) {
      throw new InputError(
        result.errors
          .map(
            e =>
              `${e.property.replace(/^instance\.?/, '') || 'input'} ${
                e.message
              }`,
          )
          .join('; '),
      );
    }
  }
  if (options.dryRun && !action.supportsDryRun) {
    throw new InputError(`${action.id} does not support --dry-run`);
  }
  const outputs: Record<string, unknown> = {};
  const temporary: string[] = [];
  try {
    await action.handler({
      input: defined,
      workspacePath: path.resolve(options.workspacePath),
      isDryRun: options.dryRun ?? false,
      logger: logger(options.io),
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
      checkpoint: async ({ fn }: { fn: () => Promise<any> }) => fn(),
      createTemporaryDirectory: async () => {
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gitops-cli-'));
        temporary.push(dir);
        return dir;
      },
      getInitiatorCredentials: async () => {
        throw new Error(
          `${action.id} needs a portal user; run it from the portal`,
        );
      },
      task: { id: 'gitops-cli' },
      secrets: {},
    } as any);
  } finally {
    for (const dir of temporary)
      await fs.rm(dir, { recursive: true, force: true });
  }
  return outputs;
}
