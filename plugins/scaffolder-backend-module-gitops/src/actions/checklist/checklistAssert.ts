import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CHECKLIST_PHASES,
  describeClosedGate,
  GateResult,
  isChecklistPhase,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { ChecklistActionOptions, checklistRequest } from './checklistApi';
import { examples } from './checklistAssert.examples';

/**
 * `checklist:assert` fails the task unless a phase of a release is complete,
 * listing the items that are still open: the gate before a promotion.
 *
 * @public
 */
export function createChecklistAssertAction(options: ChecklistActionOptions) {
  return createTemplateAction({
    id: 'checklist:assert',
    description:
      'Fails unless every item of a phase of a release (pre-deployment, deployment or post-deployment) is done, passed or not applicable; the error lists the open items. In a dry run it reports them without failing.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string({
            description:
              'The component released, e.g. component:default/user-service.',
          }),
        version: z =>
          z.string({
            description: 'The version released, e.g. v1.2.3.',
          }),
        phase: z =>
          z.string({
            description: `The phase that must be complete: ${CHECKLIST_PHASES.join(
              ', ',
            )}.`,
          }),
      },
      output: {
        passed: z =>
          z.boolean({ description: 'True when the phase is complete.' }),
        releaseId: z => z.string({ description: 'The release checked.' }),
        openItems: z =>
          z.array(z.string(), {
            description: 'Ids of the items that keep the phase open.',
          }),
      },
    },
    async handler(ctx) {
      const { entityRef, version, phase } = ctx.input;
      if (!isChecklistPhase(phase)) {
        throw new InputError(
          `phase '${phase}' is not a phase; expected one of ${CHECKLIST_PHASES.join(
            ', ',
          )}`,
        );
      }
      const query = new URLSearchParams({ entityRef, version, phase });
      const { body: gate } = await checklistRequest<GateResult>(
        options,
        await ctx.getInitiatorCredentials(),
        `/gate?${query}`,
      );
      ctx.output('passed', gate.passed);
      ctx.output('releaseId', gate.releaseId);
      ctx.output(
        'openItems',
        gate.openItems.map(item => item.id),
      );
      if (gate.passed) {
        ctx.logger.info(`${entityRef} ${version}: ${phase} is complete`);
        return;
      }
      const message = describeClosedGate(gate);
      if (ctx.isDryRun) {
        ctx.logger.warn(`${message}\n(dry run: not failing)`);
        return;
      }
      throw new Error(message);
    },
  });
}
