import {
  DirectoryFiles,
  GitopsRepository,
} from '@goldenpath/backstage-plugin-gitops-node';
import path from 'node:path';

/**
 * service → environment → the image tag its overlay declares in a
 * gitops-config checkout: what the double's clusters run so that the portal
 * shows no drift.
 */
export async function declaredTags(
  folder: string,
): Promise<Record<string, Record<string, string>>> {
  const gitops = new GitopsRepository(new DirectoryFiles(path.resolve(folder)));
  const tags: Record<string, Record<string, string>> = {};
  for (const service of await gitops.services()) {
    tags[service] = {};
    for (const deployment of await gitops.deployments(service)) {
      tags[service][deployment.environment] = deployment.image.tag;
    }
  }
  return tags;
}
