import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_SOURCE_LOCATION,
  parseLocationRef,
} from '@backstage/catalog-model';
import {
  replaceGithubUrlType,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ChecklistProvider } from './types';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern finding a version as a whole word: `v1.2.3` also matches a
 * changelog's `1.2.3`, `sha-abc1234` also matches `abc1234`.
 */
export function versionPattern(version: string): RegExp {
  const short =
    /^v(\d.*)$/.exec(version)?.[1] ?? /^sha-(.+)$/.exec(version)?.[1];
  const alternatives = [version, ...(short ? [short] : [])].map(escape);
  return new RegExp(
    `(^|[^\\w.-])(${alternatives.join('|')})(?![\\w]|\\.\\d)`,
    'm',
  );
}

/**
 * The URL (or path) of a file in the entity's repository, from its
 * backstage.io/source-location. A bare repository URL means its default
 * branch.
 */
export function sourceFile(
  location: string,
  file: string,
  integrations: ScmIntegrationRegistry,
): { type: 'url' | 'file'; target: string } {
  const { type, target } = parseLocationRef(location);
  if (type === 'file') {
    return { type: 'file', target: path.join(target, file) };
  }
  if (type !== 'url') {
    throw new Error(`cannot read files from a '${type}' source location`);
  }
  let base = target;
  const github = integrations.byUrl(base)?.type === 'github';
  if (github) {
    const segments = new URL(base).pathname.split('/').filter(Boolean);
    if (segments.length === 2) base = `${base.replace(/\/$/, '')}/tree/HEAD`;
  }
  // A source location is a folder.
  if (!base.endsWith('/')) base = `${base}/`;
  const url = integrations.resolveUrl({ url: file, base });
  // GitHub resolves to a tree URL; a file's page (the evidence link) is a blob.
  return {
    type: 'url',
    target: github ? replaceGithubUrlType(url, 'blob') : url,
  };
}

/**
 * `git`: a file of the entity's repository (CHANGELOG.md unless told)
 * mentions the release's version.
 */
export function createGitProvider(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
}): ChecklistProvider<'git'> {
  return {
    type: 'git',
    async check(spec, context) {
      const file = spec.file ?? 'CHANGELOG.md';
      const location =
        context.entity?.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
      if (!location) {
        return {
          status: 'unknown',
          evidence: {
            error: context.entity
              ? `${context.entityRef} has no ${ANNOTATION_SOURCE_LOCATION} annotation to find ${file} in`
              : `${context.entityRef} is not in the catalog`,
          },
        };
      }
      const source = sourceFile(location, file, options.integrations);
      let text: string;
      try {
        // The file as the source location names it (its branch, not the
        // version): read once for all the versions checked against it.
        text = await context.once(`git ${source.target}`, async () => {
          if (source.type === 'file') {
            return fs.readFile(source.target, 'utf8');
          }
          const response = await options.reader.readUrl(source.target, {
            signal: context.signal,
          });
          return (await response.buffer()).toString('utf8');
        });
      } catch (error) {
        const notFound =
          (error as { name?: string; code?: string }).name ===
            'NotFoundError' || (error as { code?: string }).code === 'ENOENT';
        if (notFound) {
          return {
            status: 'failed',
            evidence: {
              query: source.target,
              link: source.target,
              error: `${file} does not exist in the repository`,
            },
          };
        }
        throw error;
      }
      const match = versionPattern(context.version).exec(text);
      if (!match) {
        return {
          status: 'failed',
          evidence: {
            query: source.target,
            link: source.target,
            error: `${file} does not mention ${context.version}`,
          },
        };
      }
      const lineStart = text.lastIndexOf('\n', match.index) + 1;
      const lineEnd = text.indexOf('\n', match.index + 1);
      const line = text
        .slice(lineStart, lineEnd < 0 ? undefined : lineEnd)
        .trim()
        .slice(0, 200);
      return {
        status: 'passed',
        evidence: { value: line, query: source.target, link: source.target },
      };
    },
  };
}
