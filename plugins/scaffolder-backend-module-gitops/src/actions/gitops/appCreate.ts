import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  addApp,
  DryRunFiles,
  AppSpec,
  defaultAppSpec,
  validateAppSpec,
} from '@goldenpath/backstage-plugin-gitops-node';
import { examples } from './appCreate.examples';
import { parseSpecInput } from './specInput';
import { workspaceFiles } from './workspaceFiles';

/**
 * `gitops:app:create` adds a new service to a checked-out GitOps repository.
 *
 * @public
 */
export function createGitopsAppCreateAction(
  options: {
    /** When given, the owner must be in the catalog and the name must be free there. */
    catalog?: CatalogService;
  } = {},
) {
  return createTemplateAction({
    id: 'gitops:app:create',
    description:
      "Adds a service to a checked-out GitOps repository: apps/<name>/base and overlays/{dev,staging,prod} (prod with HPA, PDB and NetworkPolicy; ServiceMonitor, ExternalSecret), its Flux Kustomization in each cluster, its PrometheusRule and Grafana dashboard, and its entries in the lists and in its neighbours' NetworkPolicies. Running it again with the same parameters changes nothing.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repositoryPath: z =>
          z
            .string({
              description:
                'Folder of the checked-out GitOps repository, relative to the task workspace.',
            })
            .default('.'),
        name: z =>
          z.string({
            description:
              'The service name: a lowercase DNS label starting with a letter, e.g. inventory-service. Names the folder, namespace, image and Flux Kustomization.',
          }),
        kind: z =>
          z.enum(['java', 'node', 'frontend'], {
            description:
              'Runtime: java (Spring Boot, management port 8081), node (Node.js) or frontend (React served by nginx).',
          }),
        owner: z =>
          z.string({
            description:
              'The owning team, as a group name or entity ref, e.g. group:default/checkout-team.',
          }),
        database: z =>
          z
            .boolean({
              description:
                'A PostgreSQL database of its own (instance <name>-db): DB settings, database secret, wait-for-db init container and connection-pool alert.',
            })
            .default(false),
        cache: z =>
          z
            .boolean({
              description: 'Uses the shared Redis sessions cache.',
            })
            .default(false),
        queue: z =>
          z
            .boolean({
              description:
                'An SQS queue <name>-<env> with a dead-letter queue (IRSA role, queue names in the config).',
            })
            .default(false),
        bucket: z =>
          z
            .boolean({
              description: 'An S3 bucket ecommerce-<name>-<env> (IRSA role).',
            })
            .default(false),
        dependencies: z =>
          z
            .array(z.string(), {
              description:
                'Services it calls, e.g. [product-catalog]; their prod NetworkPolicies admit it.',
            })
            .default([]),
        spec: z =>
          z
            .union([z.record(z.string(), z.unknown()), z.string()], {
              description:
                'Parameters that override the defaults of a new service (sizing, hpa, tags, config, envConfig, secrets, callers, ingressHosts, database, queue, bucket), as an object or as JSON/YAML text; the full parameters of an existing app reproduce its folder (see templates/*/golden/).',
            })
            .optional(),
        overwrite: z =>
          z
            .boolean({
              description:
                'Replace an existing app with different files instead of failing.',
            })
            .default(false),
      },
      output: {
        path: z =>
          z.string({
            description: "The app's folder, e.g. apps/inventory-service.",
          }),
        created: z => z.array(z.string(), { description: 'Files created.' }),
        updated: z =>
          z.array(z.string(), { description: 'Existing files changed.' }),
        changed: z =>
          z.boolean({
            description: 'False when the repository already had exactly this.',
          }),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const repositoryPath = input.repositoryPath ?? '.';
      const spec: AppSpec = {
        ...defaultAppSpec({
          name: input.name,
          kind: input.kind,
          owner: input.owner.replace(/^group:(default\/)?/, ''),
          database: input.database ?? false,
          cache: input.cache ?? false,
          queue: input.queue ?? false,
          bucket: input.bucket ?? false,
          dependencies: input.dependencies ?? [],
        }),
        ...parseSpecInput<AppSpec>(
          input.spec,
          'app parameters (sizing, tags, config, ...)',
        ),
      };
      validateAppSpec(spec);
      const files = await workspaceFiles(ctx, repositoryPath);
      if (options.catalog) {
        const credentials = await ctx.getInitiatorCredentials();
        let ownerRef: string;
        try {
          ownerRef = stringifyEntityRef(
            parseEntityRef(input.owner, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          );
        } catch {
          throw new InputError(
            `owner '${input.owner}' is not an entity reference, e.g. group:default/checkout-team`,
          );
        }
        // Both questions at once: each is a round trip to the catalog.
        const [owner, existing] = await Promise.all([
          options.catalog.getEntityByRef(ownerRef, { credentials }),
          options.catalog.getEntityByRef(
            { kind: 'component', namespace: 'default', name: spec.name },
            { credentials },
          ),
        ]);
        if (!owner) {
          throw new InputError(
            `owner '${input.owner}' is not in the catalog; expected a group or user, e.g. group:default/checkout-team`,
          );
        }
        if (existing) {
          // A retried task finds its own earlier result: the app is already
          // exactly as asked. Anything else is a name that is taken.
          const plan = await addApp(new DryRunFiles(files), spec);
          if (plan.created.length + plan.updated.length > 0) {
            throw new ConflictError(
              `The name ${spec.name} is taken: component:default/${spec.name} is already in the catalog; choose another name`,
            );
          }
        }
      }
      // A workspace edit, idempotent: a retried task makes it again.
      const result = await addApp(files, spec, {
        overwrite: input.overwrite ?? false,
      });
      const changed = result.created.length + result.updated.length > 0;
      ctx.logger.info(
        changed
          ? `${spec.name}: created ${result.created.length} files, updated ${
              result.updated.length
            }${ctx.isDryRun ? ' (dry run, nothing written)' : ''}`
          : `${spec.name} is already in the repository as specified`,
      );
      ctx.output('path', `apps/${spec.name}`);
      ctx.output('created', result.created);
      ctx.output('updated', result.updated);
      ctx.output('changed', changed);
    },
  });
}
