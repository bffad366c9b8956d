import { InputError } from '@backstage/errors';
import {
  createGitopsAppCreateAction,
  createGitopsImageSetAction,
  createGitopsPromoteAction,
} from '@goldenpath/plugin-scaffolder-backend-module-gitops';
import {
  describeClosedGate,
  pendingItems,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { Command, CommanderError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import yaml from 'yaml';
import { checklistGate, createChecklistRelease } from './commands/checklist';
import { runTemplate } from './commands/templateRun';
import { CliIo, runAction } from './runAction';

export interface CliEnvironment {
  io: CliIo;
  env: Record<string, string | undefined>;
  cwd: string;
  fetch?: typeof fetch;
}

function printOutputs(
  io: CliIo,
  outputs: Record<string, unknown>,
  json: boolean,
) {
  if (json) {
    io.log(JSON.stringify(outputs));
    return;
  }
  for (const [name, value] of Object.entries(outputs)) {
    io.log(
      `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
    );
  }
}

/**
 * One `--values key=value`: the value read as YAML, so that numbers,
 * booleans and lists keep their type, except where that would change what
 * was written (`1.10` stays '1.10', `007` stays '007') or it is not YAML.
 */
export function parseValue(
  text: string,
  previous: Record<string, unknown> = {},
) {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new InputError(`--values '${text}' is not key=value`);
  }
  const raw = text.slice(equals + 1);
  let value: unknown;
  try {
    value = yaml.parse(raw) ?? '';
  } catch {
    value = raw;
  }
  if (typeof value === 'number' && String(value) !== raw.trim()) {
    value = raw;
  }
  return { ...previous, [text.slice(0, equals)]: value };
}

/** The `gitops` command line; `run` returns its exit code. */
export function createProgram(environment: CliEnvironment) {
  const { io } = environment;
  const program = new Command('gitops')
    .description(
      "Runs the golden path's GitOps actions on a local checkout (what CI does), or starts a software template on the portal.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: text => io.log(text.trimEnd()),
      writeErr: text => io.error(text.trimEnd()),
    });

  const repoOption = () =>
    new Option('--repo <dir>', 'the checked-out GitOps repository').default(
      environment.cwd,
      'the current folder',
    );
  const dryRunOption = () =>
    new Option('--dry-run', 'say what would change, change nothing');
  const jsonOption = () =>
    new Option('--json', 'print the outputs as one JSON object');

  const list = (value: string) =>
    value
      .split(',')
      .map(item => item.trim())
      .filter(Boolean);

  const app = program
    .command('app')
    .description('services in the GitOps repository');
  app
    .command('create')
    .description(
      'add a service: base, overlays, Flux Kustomizations, alerts, dashboard (what "Create component" does)',
    )
    .argument(
      '<name>',
      'the service, a lowercase DNS label, e.g. inventory-service',
    )
    .requiredOption('--kind <kind>', 'java, node or frontend')
    .requiredOption('--owner <team>', 'the owning team, e.g. checkout-team')
    .option('--database', 'a PostgreSQL database of its own')
    .option('--cache', 'uses the shared Redis sessions cache')
    .option('--queue', 'an SQS queue with a dead-letter queue')
    .option('--bucket', 'an S3 bucket')
    .option('--calls <services>', 'comma-separated services it calls', list)
    .option(
      '--spec <file>',
      'a YAML file of parameters that override the defaults (sizing, hpa, tags, config, ...)',
    )
    .addOption(repoOption())
    .addOption(dryRunOption())
    .addOption(jsonOption())
    .action(async (name, opts) => {
      const spec = opts.spec
        ? yaml.parse(await fs.readFile(opts.spec, 'utf8'))
        : undefined;
      const outputs = await runAction(
        createGitopsAppCreateAction(),
        {
          repositoryPath: '.',
          name,
          kind: opts.kind,
          owner: opts.owner,
          database: !!opts.database,
          cache: !!opts.cache,
          queue: !!opts.queue,
          bucket: !!opts.bucket,
          dependencies: opts.calls ?? [],
          spec,
        },
        { workspacePath: opts.repo, dryRun: opts.dryRun, io },
      );
      printOutputs(io, outputs, !!opts.json);
    });

  const image = program.command('image').description("a service's image tag");
  image
    .command('set')
    .description(
      "pin a service's image tag in one environment (kustomize edit set image)",
    )
    .argument('<service>', 'the service, e.g. user-service')
    .argument('<environment>', 'dev, staging or prod')
    .argument('<tag>', 'sha-<commit> in dev, vX.Y.Z in staging and prod')
    .addOption(repoOption())
    .addOption(dryRunOption())
    .addOption(jsonOption())
    .action(async (service, env, tag, opts) => {
      const outputs = await runAction(
        createGitopsImageSetAction(),
        { repositoryPath: '.', service, environment: env, tag },
        { workspacePath: opts.repo, dryRun: opts.dryRun, io },
      );
      printOutputs(io, outputs, !!opts.json);
    });

  program
    .command('promote')
    .description('run in the next environment what runs in one environment')
    .argument('<service>', 'the service, e.g. user-service')
    .requiredOption('--from <environment>', 'dev or staging')
    .option('--to <environment>', 'defaults to the environment after --from')
    .option(
      '--release-tag <tag>',
      'the release tag (vX.Y.Z) of the build that runs in --from',
    )
    .option(
      '--config <keys>',
      'comma-separated config keys whose values are copied too',
      (value: string) =>
        value
          .split(',')
          .map(k => k.trim())
          .filter(Boolean),
    )
    .addOption(repoOption())
    .addOption(dryRunOption())
    .addOption(jsonOption())
    .action(async (service, opts) => {
      const outputs = await runAction(
        createGitopsPromoteAction(),
        {
          repositoryPath: '.',
          service,
          from: opts.from,
          to: opts.to,
          releaseTag: opts.releaseTag,
          config: opts.config ?? [],
        },
        { workspacePath: opts.repo, dryRun: opts.dryRun, io },
      );
      printOutputs(io, outputs, !!opts.json);
    });

  const portalOptions = (opts: { portalUrl?: string }) => {
    const portalUrl = opts.portalUrl ?? environment.env.GITOPS_PORTAL_URL;
    if (!portalUrl) {
      throw new InputError('--portal-url (or GITOPS_PORTAL_URL) is required');
    }
    const token = environment.env.GITOPS_PORTAL_TOKEN;
    if (!token) {
      throw new InputError(
        'GITOPS_PORTAL_TOKEN is not set: the portal needs a token (its backend.auth.externalAccess static token for CI)',
      );
    }
    return { portalUrl, token, fetch: environment.fetch };
  };
  const portalUrlOption = () =>
    new Option('--portal-url <url>', "the portal's base URL").env(
      'GITOPS_PORTAL_URL',
    );

  const template = program
    .command('template')
    .description('software templates on the portal');
  template
    .command('run')
    .description(
      'start a template on the portal, print its log, and fail if it fails',
    )
    .argument('<templateRef>', 'e.g. template:default/promote-release')
    .option(
      '--values <key=value>',
      'a template parameter (repeatable)',
      parseValue,
      {},
    )
    .option(
      '--values-file <file>',
      'a YAML or JSON file of template parameters',
    )
    .addOption(portalUrlOption())
    .addOption(jsonOption())
    .action(async (templateRef, opts) => {
      const { portalUrl, token } = portalOptions(opts);
      let values: Record<string, unknown> = {};
      if (opts.valuesFile) {
        values = yaml.parse(await fs.readFile(opts.valuesFile, 'utf8')) ?? {};
      }
      values = { ...values, ...opts.values };
      const result = await runTemplate({
        portalUrl,
        token,
        templateRef,
        values,
        io,
        fetch: environment.fetch,
      });
      if (opts.json) io.log(JSON.stringify(result));
      else
        printOutputs(
          io,
          { task: result.id, status: result.status, ...result.output },
          false,
        );
      if (result.status !== 'completed') {
        throw new Error(`Task ${result.id} ${result.status}`);
      }
    });

  const checklist = program
    .command('checklist')
    .description('release checklists on the portal');
  checklist
    .command('create')
    .description(
      "record a release (a component's version) and its checklist; an existing one is kept",
    )
    .requiredOption(
      '--entity <entityRef>',
      'the component, e.g. component:default/user-service',
    )
    .requiredOption('--version <version>', 'the image tag, e.g. v1.2.3')
    .addOption(portalUrlOption())
    .addOption(jsonOption())
    .action(async opts => {
      const { release, created } = await createChecklistRelease({
        ...portalOptions(opts),
        entityRef: opts.entity,
        version: opts.version,
      });
      printOutputs(
        io,
        {
          releaseId: release.id,
          created,
          pending: pendingItems(release),
        },
        !!opts.json,
      );
    });
  checklist
    .command('assert')
    .description(
      'exit non-zero, listing the open items, unless a phase of a release is complete',
    )
    .requiredOption(
      '--entity <entityRef>',
      'the component, e.g. component:default/user-service',
    )
    .requiredOption('--version <version>', 'the image tag, e.g. v1.2.3')
    .requiredOption(
      '--phase <phase>',
      'pre-deployment, deployment or post-deployment',
    )
    .addOption(portalUrlOption())
    .addOption(jsonOption())
    .action(async opts => {
      const gate = await checklistGate({
        ...portalOptions(opts),
        entityRef: opts.entity,
        version: opts.version,
        phase: opts.phase,
      });
      if (opts.json) io.log(JSON.stringify(gate));
      if (!gate.passed) throw new Error(describeClosedGate(gate, '  '));
      if (!opts.json) {
        io.log(`${gate.entityRef} ${gate.version}: ${gate.phase} is complete`);
      }
    });

  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(
  argv: string[],
  environment: CliEnvironment,
): Promise<number> {
  const program = createProgram(environment);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    environment.io.error(`error: ${(error as Error).message}`);
    return 1;
  }
}
