import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';
import { InputError } from '@backstage/errors';

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** The tags CI writes for dev: `sha-<commit>`. */
export const DEV_TAG = /^sha-[0-9a-f]{7,40}$/;
/** The tags staging and prod run: releases `vX.Y.Z`. */
export const RELEASE_TAG = /^v\d+\.\d+\.\d+$/;

/**
 * The repository's tag convention: dev runs the `sha-<commit>` builds that CI
 * writes (any pinned tag is accepted there), staging and prod run release tags
 * `vX.Y.Z`; `latest` runs nowhere.
 */
export function checkImageTag(
  environment: EnvironmentName,
  tag: string,
  argument = 'tag',
): void {
  if (!DOCKER_TAG.test(tag)) {
    throw new InputError(
      `${argument} '${tag}' is not a valid image tag: expected letters, digits, '_', '.' or '-' (at most 128, not starting with '.' or '-')`,
    );
  }
  if (tag === 'latest') {
    throw new InputError(
      `${argument} 'latest' is not allowed in ${environment}: pin the build, e.g. sha-8d41e07 or v1.2.3`,
    );
  }
  if (environment !== 'dev' && !RELEASE_TAG.test(tag)) {
    throw new InputError(
      `${argument} '${tag}' cannot run in ${environment}: ${environment} runs release tags vX.Y.Z (e.g. v1.2.3)`,
    );
  }
}

/**
 * Splits `repo/name:tag`, `repo/name@digest` or `repo/name:tag@digest` into
 * the repository and the tag (registry ports are not tags; a digest is
 * neither and is dropped). @public
 */
export function splitImage(image: string): { name: string; tag?: string } {
  const at = image.indexOf('@');
  const end = at >= 0 ? at : image.length;
  const slash = image.lastIndexOf('/', end);
  const colon = image.lastIndexOf(':', end);
  if (colon > slash && colon < end) {
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, end) };
  }
  return { name: image.slice(0, end) };
}
