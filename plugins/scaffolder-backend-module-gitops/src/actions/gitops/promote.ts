import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ENVIRONMENTS,
  isEnvironmentName,
  nextEnvironment,
} from '@goldenpath/backstage-plugin-gitops-common';
import { GitopsRepository } from '@goldenpath/backstage-plugin-gitops-node';
import { examples } from './promote.examples';
import { workspaceFiles } from './workspaceFiles';

/**
 * `gitops:promote` runs in the next environment what runs in one environment.
 *
 * @public
 */
export function createGitopsPromoteAction() {
  return createTemplateAction({
    id: 'gitops:promote',
    description:
      "Promotes a service from one environment to the next (dev -> staging -> prod) in a checked-out GitOps repository: the target overlay gets the source's image tag (or the release tag of that build) and, optionally, the values of chosen config keys.",
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
        from: z =>
          z.string({
            description: 'The environment to promote from: dev or staging.',
          }),
        to: z =>
          z
            .string({
              description:
                'The environment to promote to; defaults to the one after `from`.',
            })
            .optional(),
        releaseTag: z =>
          z
            .string({
              description:
                'The release tag (vX.Y.Z) of the build that runs in `from`, when it runs there under its sha-<commit> tag. Staging and prod only run release tags.',
            })
            .optional(),
        config: z =>
          z
            .array(z.string(), {
              description:
                'Config keys whose values in `from` are copied to the target overlay, e.g. [FEATURE_PASSKEYS].',
            })
            .default([]),
      },
      output: {
        file: z =>
          z.string({
            description: 'The target overlay file, relative to the repository.',
          }),
        changed: z =>
          z.boolean({
            description: 'False when the target already ran this.',
          }),
        tag: z => z.string({ description: 'The tag the target now runs.' }),
        previousTag: z =>
          z
            .string({ description: 'The tag the target ran before.' })
            .optional(),
        to: z => z.string({ description: 'The target environment.' }),
      },
    },
    async handler(ctx) {
      const { service, from } = ctx.input;
      // Template forms send an empty string for an empty optional field.
      const releaseTag = ctx.input.releaseTag || undefined;
      const repositoryPath = ctx.input.repositoryPath ?? '.';
      const config = ctx.input.config ?? [];
      if (!isEnvironmentName(from)) {
        throw new InputError(
          `from '${from}' is not an environment; expected one of: ${ENVIRONMENTS.join(
            ', ',
          )}`,
        );
      }
      const to = ctx.input.to ?? nextEnvironment(from);
      if (!to) {
        throw new InputError(
          `from '${from}' is the last environment; there is nothing to promote to`,
        );
      }
      const repository = new GitopsRepository(
        await workspaceFiles(ctx, repositoryPath),
      );
      // A workspace edit, idempotent: a retried task makes it again.
      const edit = await repository.promote(service, from, to, {
        releaseTag,
        config,
      });
      ctx.logger.info(
        edit.changed
          ? `${service}: ${to} ${edit.previousTag ?? '(none)'} -> ${
              edit.tag
            } (from ${from})${
              ctx.isDryRun ? ' (dry run, nothing written)' : ''
            }`
          : `${service}: ${to} already runs ${edit.tag}`,
      );
      ctx.output('file', edit.file);
      ctx.output('changed', edit.changed);
      ctx.output('tag', edit.tag);
      ctx.output('to', to);
      if (edit.previousTag) ctx.output('previousTag', edit.previousTag);
    },
  });
}
