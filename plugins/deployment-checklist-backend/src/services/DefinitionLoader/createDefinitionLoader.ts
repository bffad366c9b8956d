import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  replaceGithubUrlType,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { CHECKLIST_DEFINITION_ANNOTATION } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDefinition } from './parseDefinition';
import { PromqlValidator } from './promql';
import { DefinitionLoader } from './types';

/** The default definition shipped with the plugin. */
export const DEFAULT_DEFINITION_FILE = resolvePackagePath(
  '@goldenpath/backstage-plugin-deployment-checklist-backend',
  'checklists/default.yaml',
);

/**
 * Where an entity's definition lives: a URL as written, or a path resolved
 * against the file that declares the entity (its managed-by location, else
 * its source location).
 */
export function resolveDefinitionLocation(
  entity: Entity,
  value: string,
  integrations: ScmIntegrationRegistry,
): { type: 'url' | 'file'; target: string } {
  if (/^https?:\/\//i.test(value)) {
    return { type: 'url', target: value };
  }
  const annotations = entity.metadata.annotations ?? {};
  const location =
    annotations[ANNOTATION_LOCATION] ?? annotations[ANNOTATION_SOURCE_LOCATION];
  const ref = stringifyEntityRef(entity);
  if (!location) {
    throw new InputError(
      `${ref}: annotation ${CHECKLIST_DEFINITION_ANNOTATION} '${value}' is a relative path, but the entity has no ${ANNOTATION_LOCATION} to resolve it against; use a URL`,
    );
  }
  const { type, target } = parseLocationRef(location);
  if (type === 'file') {
    return { type: 'file', target: path.resolve(path.dirname(target), value) };
  }
  if (type === 'url') {
    const url = integrations.resolveUrl({ url: value, base: target });
    // GitHub resolves to a tree URL; a file is a blob (its page, the source).
    const github = integrations.byUrl(url)?.type === 'github';
    return {
      type: 'url',
      target: github ? replaceGithubUrlType(url, 'blob') : url,
    };
  }
  throw new InputError(
    `${ref}: cannot resolve ${CHECKLIST_DEFINITION_ANNOTATION} '${value}' against a '${type}' location; use a URL`,
  );
}

/**
 * Loads the default definition at start-up (an invalid default stops the
 * plugin) and entities' definitions on demand through the URL reader.
 */
export async function createDefinitionLoader(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  promql: PromqlValidator;
  logger: LoggerService;
  /** Replaces checklists/default.yaml (tests). */
  defaultFile?: string;
}): Promise<DefinitionLoader> {
  const { reader, integrations, promql } = options;
  const defaultFile = options.defaultFile ?? DEFAULT_DEFINITION_FILE;
  const parsed = await parseDefinition(
    await fs.readFile(defaultFile, 'utf8'),
    options.defaultFile ?? 'checklists/default.yaml',
    promql,
  );
  const defaultDefinition = { ...parsed, source: 'default' };
  options.logger.info(
    `Default checklist '${defaultDefinition.name}': ${defaultDefinition.items.length} items; PromQL validated by ${promql.method}`,
  );

  return {
    defaultDefinition: () => defaultDefinition,
    async forEntity(entity) {
      const value =
        entity.metadata.annotations?.[CHECKLIST_DEFINITION_ANNOTATION];
      if (!value) return defaultDefinition;
      const location = resolveDefinitionLocation(entity, value, integrations);
      let text: string;
      try {
        if (location.type === 'file') {
          text = await fs.readFile(location.target, 'utf8');
        } else {
          const response = await reader.readUrl(location.target);
          text = (await response.buffer()).toString('utf8');
        }
      } catch (error) {
        throw new InputError(
          `${stringifyEntityRef(
            entity,
          )}: cannot read the checklist definition ${
            location.target
          } (annotation ${CHECKLIST_DEFINITION_ANNOTATION}): ${
            (error as Error).message
          }`,
        );
      }
      return parseDefinition(text, location.target, promql);
    },
  };
}
