import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  ENVIRONMENTS,
  clusterName,
} from '@goldenpath/backstage-plugin-gitops-common';
import { declaredTags as declaredTagsOf } from '@goldenpath/test-harness';
import { parseAllDocuments } from 'yaml';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');
export const GITOPS_CONFIG = path.join(REPOSITORY_ROOT, 'gitops-config');
export const INFRASTRUCTURE = path.join(REPOSITORY_ROOT, 'infrastructure');

/** The platform's components as the catalog holds them (catalog/components.yaml). */
export function platformComponents(): Entity[] {
  const text = readFileSync(
    path.join(REPOSITORY_ROOT, 'catalog/components.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(doc => doc.toJS() as Entity)
    .filter(entity => entity?.kind === 'Component')
    .map(entity => ({
      ...entity,
      metadata: { namespace: 'default', ...entity.metadata },
    }));
}

/** The services of gitops-config and the image tag each declares per environment. */
export async function declaredTags(): Promise<{
  services: string[];
  tags: Record<string, Record<string, string>>;
}> {
  const tags = await declaredTagsOf(GITOPS_CONFIG);
  return { services: Object.keys(tags), tags };
}

export const CLUSTERS = ENVIRONMENTS.map(env => clusterName(env));
