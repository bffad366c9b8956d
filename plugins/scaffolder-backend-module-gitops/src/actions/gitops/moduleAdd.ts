import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import {
  SERVICE_RESOURCE_KINDS,
  TerraformRepository,
} from '@goldenpath/backstage-plugin-gitops-node';
import { examples } from './moduleAdd.examples';
import { workspaceFiles } from './workspaceFiles';

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
      // Workspace edits, idempotent: a retried task makes them again.
      const changes = [];
      for (const environment of environments) {
        for (const resource of resources) {
          const result = await repository.addServiceResource(environment, {
            service,
            resource,
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
