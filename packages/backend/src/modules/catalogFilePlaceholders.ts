import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  processingResult,
  PlaceholderResolverParams,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Lets `$text: ./relative/path` work for entities read from `type: file`
 * locations. The built-in resolver only joins URLs, so for a file location
 * (whose base is a filesystem path) it fails with "could not form a URL".
 * URL locations (GitHub in production) keep the URL behaviour.
 */
export const catalogModuleFilePlaceholders = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'file-placeholders',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addPlaceholderResolver('text', resolveText);
      },
    });
  },
});

async function resolveText(params: PlaceholderResolverParams) {
  const { key, value, baseUrl, read, resolveUrl, emit } = params;
  if (typeof value !== 'string') {
    throw new Error(
      `Placeholder $${key} expected a string: an absolute URL or a path relative to the entity's file`,
    );
  }
  if (path.isAbsolute(baseUrl) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const dir = path.dirname(baseUrl);
    const file = path.resolve(dir, value);
    if (!file.startsWith(`${dir}${path.sep}`)) {
      throw new Error(
        `Placeholder $${key} may only read files under ${dir}, not ${value}`,
      );
    }
    return fs.readFile(file, 'utf8');
  }
  const url = resolveUrl(value, baseUrl);
  emit(processingResult.refresh(`url:${url}`));
  return (await read(url)).toString('utf8');
}
