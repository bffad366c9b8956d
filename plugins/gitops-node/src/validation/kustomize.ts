import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const execFileAsync = promisify(execFile);

const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
const WRAPPER = '.gitops-validate';

/** An object `kubectl kustomize` rendered, and the file that declares it. */
export interface RenderedObject {
  object: Record<string, any>;
  /** File relative to the repository root, when kustomize reports one. */
  file?: string;
}

export type BuildResult =
  | { ok: true; objects: RenderedObject[] }
  | { ok: false; error: string };

/**
 * Builds kustomization folders of a scratch copy of a repository with
 * `kubectl kustomize`, asking kustomize to record which file each object
 * came from (`buildMetadata: [originAnnotations]` in a wrapper kustomization
 * that includes the folder), so that problems can be reported against the
 * file to fix rather than the folder that was built.
 */
export class KustomizeBuilder {
  private readonly cache = new Map<string, Promise<BuildResult>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** A scratch copy; the wrapper folder is written into it. */
    private readonly root: string,
    private readonly kubectl = 'kubectl',
  ) {}

  /** Builds `folder` (relative to the root); each folder is built once. */
  build(folder: string): Promise<BuildResult> {
    const key = path.posix.normalize(folder);
    let result = this.cache.get(key);
    if (!result) {
      // One wrapper folder, so builds run one after another.
      result = this.queue.then(() => this.run(key));
      this.queue = result;
      this.cache.set(key, result);
    }
    return result;
  }

  private async run(folder: string): Promise<BuildResult> {
    const wrapper = path.join(this.root, WRAPPER);
    await fs.mkdir(wrapper, { recursive: true });
    await fs.writeFile(
      path.join(wrapper, 'kustomization.yaml'),
      `resources:\n  - ../${folder}\nbuildMetadata:\n  - originAnnotations\n`,
    );
    let stdout: string;
    try {
      ({ stdout } = await execFileAsync(this.kubectl, ['kustomize', wrapper], {
        maxBuffer: 64 * 1024 * 1024,
      }));
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? error);
      return { ok: false, error: cleanKustomizeError(stderr, this.root) };
    }
    const objects: RenderedObject[] = [];
    for (const document of parseAllDocuments(stdout) as any[]) {
      const object = document.toJS();
      if (!object) continue;
      objects.push({ object, file: takeOrigin(object) });
    }
    return { ok: true, objects };
  }
}

function takeOrigin(object: Record<string, any>): string | undefined {
  const annotations = object.metadata?.annotations;
  const origin: string | undefined = annotations?.[ORIGIN_ANNOTATION];
  if (origin === undefined) return undefined;
  delete annotations[ORIGIN_ANNOTATION];
  if (Object.keys(annotations).length === 0) delete object.metadata.annotations;
  const match = origin.match(/^(?:path|configuredIn): (.+)$/m);
  return match
    ? path.posix.normalize(match[1].replace(/^\.\.\//, ''))
    : undefined;
}

function cleanKustomizeError(stderr: string, root: string): string {
  const message = stderr
    .replace(/^E\d{4} [\d:.]+\s+\d+ \S+\] "command failed" err=/m, '')
    .trim()
    .replace(/^"|"$/g, '')
    .replace(/\\"/g, '"')
    .split(`${root}/`)
    .join('')
    .split(`${WRAPPER}/../`)
    .join('')
    .replace(/accumulating resources from '\.\.\/[^']*': /, '');
  return message;
}
