import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GitopsRepository } from '@goldenpath/backstage-plugin-gitops-node';
import { examples } from './imageSet.examples';
import { workspaceFiles } from './workspaceFiles';

/**
 * `gitops:image:set` pins a service's image tag in one environment's overlay,
 * what the design's CI does with `kustomize edit set image`.
 *
 * @public
 */
export function createGitopsImageSetAction() {
  return createTemplateAction({
    id: 'gitops:image:set',
    description:
      "Sets a service's image tag in one environment of a checked-out GitOps repository (the overlay's images: entry). Comments and formatting are kept; setting the tag it already has changes nothing.",
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
        service: z =>
          z.string({
            description:
              'The service (its folder under apps/), e.g. user-service.',
          }),
        environment: z =>
          z.string({
            description: 'The environment: dev, staging or prod.',
          }),
        tag: z =>
          z.string({
            description:
              'The image tag to run: sha-<commit> in dev, a release vX.Y.Z in staging and prod; never latest.',
          }),
      },
      output: {
        file: z =>
          z.string({
            description: 'The overlay file, relative to the repository.',
          }),
        changed: z =>
          z.boolean({
            description: 'False when the overlay already ran this tag.',
          }),
        previousTag: z =>
          z
            .string({ description: 'The tag the environment ran before.' })
            .optional(),
      },
    },
    async handler(ctx) {
      const { service, environment, tag } = ctx.input;
      const repositoryPath = ctx.input.repositoryPath ?? '.';
      const repository = new GitopsRepository(
        await workspaceFiles(ctx, repositoryPath),
      );
      // Edits stay in the task workspace and are idempotent, so a retried
      // task simply makes them again; what leaves the workspace (a push) is
      // checkpointed by the publishing actions.
      const edit = await repository.setImageTag(service, environment, tag);
      ctx.logger.info(
        edit.changed
          ? `${service} in ${environment}: ${
              edit.previousTag ?? '(none)'
            } -> ${tag}${ctx.isDryRun ? ' (dry run, nothing written)' : ''}`
          : `${service} in ${environment} already runs ${tag}`,
      );
      ctx.output('file', edit.file);
      ctx.output('changed', edit.changed);
      if (edit.previousTag) ctx.output('previousTag', edit.previousTag);
    },
  });
}
