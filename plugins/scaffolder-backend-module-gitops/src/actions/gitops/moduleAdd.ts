import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import {
  SERVICE_RESOURCE_KINDS,
  ServiceResourceKind,
  ServiceResourceSizing,
  TerraformRepository,
} from '@goldenpath/backstage-plugin-gitops-node';
import { examples } from './moduleAdd.examples';
import { parseSpecInput } from './specInput';
import { workspaceFiles } from './workspaceFiles';

/** Per resource: its instance name, AWS name base and sizing per environment. */
type ResourceSpec = Record<
  ServiceResourceKind,
  {
    name?: string;
    resourceName?: string;
    sizing?: Partial<Record<string, ServiceResourceSizing>>;
  }
>;

/**
 * `infra:module:add` adds a service's data stores to the Terraform of chosen
 * environments.
 *
 * @public
 */
export function createInfraModuleAddAction() {
  return createTemplateAction({
    id: 'infra:module:add',
    description:
      "Adds a service's data stores (PostgreSQL on RDS, Redis on ElastiCache, an S3 bucket, an SQS queue with its dead-letter queue) as module instances to the Terraform of chosen environments of a checked-out infrastructure repository, sized like that environment's existing instances and tagged Service = <service>, with their outputs. Running it again changes nothing.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repositoryPath: z =>
          z
            .string({
              description:
                'Folder of the checked-out infrastructure repository, relative to the task workspace.',
            })
            .default('.'),
        service: z =>
          z.string({
            description:
              'The service the resources belong to, e.g. inventory-service.',
          }),
        resources: z =>
          z
            .array(z.enum(SERVICE_RESOURCE_KINDS), {
              description:
                'What to add: postgresql, redis, s3 and/or sqs (the queue comes with its dead-letter queue).',
            })
            .min(1),
        environments: z =>
          z
            .array(z.enum(ENVIRONMENTS), {
              description: 'The environments to add them to; default: all.',
            })
            .default([...ENVIRONMENTS]),
        spec: z =>
          z
            .union([z.record(z.string(), z.unknown()), z.string()], {
              description:
                'Per resource, what differs from the conventions: the module instance name (name), the base of its AWS names (resourceName) and its sizing per environment (sizing.<env>: instanceClass, allocatedStorage, maxAllocatedStorage, nodeType, numCacheNodes), e.g. { postgresql: { sizing: { prod: { instanceClass: db.r6g.large } } } }; as an object or JSON/YAML text.',
            })
            .optional(),
      },
      output: {
        changes: z =>
          z.array(
            z.object({
              environment: z.string(),
              resource: z.string(),
              module: z.string(),
              file: z.string(),
              changed: z.boolean(),
            }),
            { description: 'One entry per environment and resource.' },
          ),
        changed: z =>
          z.boolean({
            description: 'False when every instance already existed.',
          }),
      },
    },
    async handler(ctx) {
      const { service, resources } = ctx.input;
      const repositoryPath = ctx.input.repositoryPath ?? '.';
      const environments = ctx.input.environments ?? [...ENVIRONMENTS];
      const repository = new TerraformRepository(
        await workspaceFiles(ctx, repositoryPath),
      );
      const spec = parseSpecInput<ResourceSpec>(
        ctx.input.spec,
        'resource settings ({ postgresql: { sizing: { prod: ... } } })',
      );
      // Workspace edits, idempotent: a retried task makes them again.
      const changes = [];
      for (const environment of environments) {
        for (const resource of resources) {
          const { name, resourceName, sizing } = spec[resource] ?? {};
          const result = await repository.addServiceResource(environment, {
            service,
            resource,
            name,
            resourceName,
            sizing: sizing?.[environment],
          });
          changes.push({
            environment,
            resource,
            module: result.name,
            file: result.file,
            changed: result.changed,
          });
        }
      }
      for (const change of changes) {
        ctx.logger.info(
          `${change.environment}: module "${change.module}" (${
            change.resource
          }) ${change.changed ? `added to ${change.file}` : 'already there'}${
            ctx.isDryRun && change.changed ? ' (dry run, nothing written)' : ''
          }`,
        );
      }
      ctx.output('changes', changes);
      ctx.output(
        'changed',
        changes.some(c => c.changed),
      );
    },
  });
}
