import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PlatformRepositories } from '@goldenpath/backstage-plugin-gitops-node';
import { ChecklistService } from '../ChecklistService/types';
import { ReleaseDiscovery } from './types';

/**
 * Watches gitops-config (through gitops-node): a new tag in
 * `apps/<service>/overlays/dev` is a new release of `component:default/<service>`,
 * created by `system`.
 */
export function createReleaseDiscovery(options: {
  repositories: PlatformRepositories;
  checklist: ChecklistService;
  logger: LoggerService;
}): ReleaseDiscovery {
  const { repositories, checklist, logger } = options;
  return {
    async discover() {
      const gitops = await repositories.gitops();
      const created: string[] = [];
      for (const service of await gitops.services()) {
        const entityRef = `component:default/${service}`;
        let tag: string;
        try {
          tag = (await gitops.deployment(service, 'dev')).image.tag;
        } catch (error) {
          logger.warn(
            `Skipping ${service}: cannot read its dev overlay: ${
              (error as Error).message
            }`,
          );
          continue;
        }
        try {
          const result = await checklist.createRelease(
            { entityRef, version: tag },
            { system: true },
          );
          if (result.created) created.push(`${entityRef} ${tag}`);
        } catch (error) {
          if ((error as Error).name === 'NotFoundError') {
            logger.debug(
              `No release for ${service} ${tag}: ${(error as Error).message}`,
            );
          } else {
            logger.warn(
              `Could not create the release ${entityRef} ${tag}: ${
                (error as Error).message
              }`,
            );
          }
        }
      }
      if (created.length) {
        logger.info(`New releases from dev overlays: ${created.join(', ')}`);
      }
      return created;
    },
  };
}
