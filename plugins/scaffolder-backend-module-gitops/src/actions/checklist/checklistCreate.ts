import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  pendingItems,
  type Release,
  type ReleaseDetail,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { ChecklistActionOptions, checklistRequest } from './checklistApi';
import { examples } from './checklistCreate.examples';

/**
 * `checklist:create` records a release (an entity's version) in the
 * deployment checklist, with the checklist the entity's definition names.
 *
 * @public
 */
export function createChecklistCreateAction(options: ChecklistActionOptions) {
  return createTemplateAction({
    id: 'checklist:create',
    description:
      "Creates the release of a component's version in the deployment checklist (its items come from the component's checklist definition, or the platform's default). An existing release is left as it is.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string({
            description:
              'The component (or system) released, e.g. component:default/user-service.',
          }),
        version: z =>
          z.string({
            description:
              'The version released: its image tag, e.g. v1.2.3 or sha-8d41e07.',
          }),
      },
      output: {
        releaseId: z =>
          z
            .string({
              description:
                'The release (empty in a dry run that would create it).',
            })
            .optional(),
        created: z =>
          z.boolean({
            description: 'False when the release already existed.',
          }),
        pending: z =>
          z.number({
            description:
              'How many items are still open or pending across all phases.',
          }),
      },
    },
    async handler(ctx) {
      const { entityRef, version } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const query = new URLSearchParams({ entityRef });
        const { body: releases } = await checklistRequest<Release[]>(
          options,
          credentials,
          `/releases?${query}`,
        );
        const existing = releases.find(r => r.version === version);
        ctx.logger.info(
          existing
            ? `${entityRef} ${version} already has a release (${existing.id})`
            : `Would create the release ${entityRef} ${version} (dry run, nothing created)`,
        );
        ctx.output('created', !existing);
        if (existing) ctx.output('releaseId', existing.id);
        ctx.output('pending', existing ? pendingItems(existing) : 0);
        return;
      }
      // The release as the step saw it: a retried task reuses it.
      const release = await ctx.checkpoint({
        key: `checklist.create.${entityRef}.${version}`,
        fn: async () => {
          const { status, body } = await checklistRequest<ReleaseDetail>(
            options,
            credentials,
            '/releases',
            { entityRef, version },
          );
          return {
            id: body.id,
            created: status === 201,
            definition: body.definition.name,
            pending: pendingItems(body),
          };
        },
      });
      ctx.logger.info(
        `${
          release.created ? 'Created' : 'Found'
        } the release ${entityRef} ${version} (${release.id}) from '${
          release.definition
        }': ${release.pending} items to go`,
      );
      ctx.output('releaseId', release.id);
      ctx.output('created', release.created);
      ctx.output('pending', release.pending);
    },
  });
}
