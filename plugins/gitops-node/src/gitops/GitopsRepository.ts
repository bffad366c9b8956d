import {
  ENVIRONMENTS,
  EnvironmentName,
  isEnvironmentName,
  nextEnvironment,
  ServiceDeployment,
} from '@goldenpath/backstage-plugin-gitops-common';
import { InputError } from '@backstage/errors';
import { isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import { GitopsFileError, UnknownNameError } from '../errors';
import path from 'node:path';
import { DeploymentFiguresReader } from './deploymentSources';
import { appPaths } from '../layout';
import { RepositoryFiles } from '../files/RepositoryFiles';
import { YamlEdit } from '../yaml/scalarEdits';
import { lineOf, parseYamlDocument, parseYamlValues } from '../yaml/yamlFiles';
import { parseEnvFile, splitLiteral } from './envFile';
import { checkImageTag, splitImage } from './imageTags';

type Json = Record<string, any>;

/** A service's folder name under apps/ (a DNS label). */
const SERVICE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The result of an edit of one file. @public */
export interface GitopsEdit {
  /** The file that was (or would have been) changed, relative to the root. */
  file: string;
  /** False when the repository already said this; nothing was written. */
  changed: boolean;
}

/** @public */
export interface ImageTagEdit extends GitopsEdit {
  service: string;
  environment: EnvironmentName;
  image: string;
  previousTag?: string;
  tag: string;
}

/** @public */
export interface PromotionEdit extends ImageTagEdit {
  from: EnvironmentName;
  /** Config keys copied from the source environment, with their values. */
  config: Record<string, string>;
}

/** @public */
export interface PromoteOptions {
  /**
   * The release tag to run in the target environment, for a build that runs
   * in the source environment under its `sha-<commit>` tag.
   */
  releaseTag?: string;
  /** Config keys whose source-environment values are copied as well. */
  config?: string[];
}

/**
 * The GitOps repository (gitops-config) as data: which services run where,
 * with which image, size and config; and the edits CI and the scaffolder make
 * to it. Only this class knows the layout
 * (`apps/<service>/base`, `apps/<service>/overlays/<env>`, `clusters/<env>-cluster`).
 *
 * @public
 */
export class GitopsRepository {
  constructor(private readonly files: RepositoryFiles) {}

  /** Environments with a cluster folder, in promotion order. */
  async environments(): Promise<EnvironmentName[]> {
    const folders = new Set(await this.files.list('clusters'));
    return ENVIRONMENTS.filter(env =>
      folders.has(path.posix.basename(appPaths.cluster(env))),
    );
  }

  /** Services with an `apps/<service>/base/kustomization.yaml`, sorted. */
  async services(): Promise<string[]> {
    const services: string[] = [];
    for (const name of await this.files.list('apps')) {
      if (await this.files.read(`${appPaths.base(name)}/kustomization.yaml`)) {
        services.push(name);
      }
    }
    return services;
  }

  /** What an environment's overlay declares for a service. */
  async deployment(
    service: string,
    environment: string,
  ): Promise<ServiceDeployment> {
    const env = await this.requireEnvironment(environment);
    await this.requireService(service);
    const base = await this.readBase(service);
    const overlayPath = this.overlayPath(service, env);
    const overlay = await this.readKustomization(overlayPath);
    const image = imageOf(base.container, overlay.value, service);
    if (!image.tag) {
      throw new GitopsFileError({
        file: overlay.file,
        message: `expected an images: entry that pins a tag for ${image.name}`,
      });
    }

    // Sizing is read the one way the cost model reads it too, with the line
    // behind each figure.
    const { replicas, resources, autoscaling } =
      await new DeploymentFiguresReader(this.files).figures(service, env);

    const config = { ...base.config };
    const configName = base.configMapName;
    for (const generator of overlay.value.configMapGenerator ?? []) {
      if (generator.name !== configName) continue;
      const values = await this.generatorValues(overlayPath, generator);
      if (generator.behavior === 'replace') {
        for (const key of Object.keys(config)) delete config[key];
      }
      Object.assign(config, values);
    }

    return {
      service,
      environment: env,
      path: overlayPath,
      image: { name: image.name, tag: image.tag },
      replicas,
      resources,
      autoscaling,
      config,
    };
  }

  /** A service's deployment in every environment, in promotion order. */
  async deployments(service: string): Promise<ServiceDeployment[]> {
    const result: ServiceDeployment[] = [];
    for (const env of await this.environments()) {
      result.push(await this.deployment(service, env));
    }
    return result;
  }

  /**
   * Pins a service's image tag in one environment, as
   * `kustomize edit set image` does in the overlay's `images:`.
   */
  async setImageTag(
    service: string,
    environment: string,
    tag: string,
  ): Promise<ImageTagEdit> {
    const env = await this.requireEnvironment(environment);
    await this.requireService(service);
    checkImageTag(env, tag);
    const base = await this.readBase(service);
    const overlay = await this.readKustomization(
      this.overlayPath(service, env),
    );
    const image = imageOf(base.container, overlay.value, service);
    const edit = await this.editDocument(overlay.file);
    setImageEntry(edit, overlay.file, image.name, service, tag);
    const changed = await this.writeEdit(overlay.file, edit);
    return {
      service,
      environment: env,
      file: overlay.file,
      changed,
      image: image.name,
      previousTag: image.tag,
      tag,
    };
  }

  /**
   * Runs in the next environment what runs in `from`: the same image tag (or
   * its release tag) and, optionally, the values of some config keys.
   */
  async promote(
    service: string,
    from: string,
    to: string,
    options: PromoteOptions = {},
  ): Promise<PromotionEdit> {
    const source = await this.requireEnvironment(from);
    const target = await this.requireEnvironment(to);
    if (nextEnvironment(source) !== target) {
      throw new InputError(
        `Cannot promote ${service} from ${source} to ${target}: releases go ${ENVIRONMENTS.join(
          ' -> ',
        )}, so ${source} promotes to ${nextEnvironment(source) ?? 'nothing'}`,
      );
    }
    const sourceDeployment = await this.deployment(service, source);
    const targetDeployment = await this.deployment(service, target);
    const tag = options.releaseTag ?? sourceDeployment.image.tag;
    checkImageTag(
      target,
      tag,
      options.releaseTag ? 'releaseTag' : `${source} tag`,
    );

    const copied: Record<string, string> = {};
    for (const key of options.config ?? []) {
      // Own keys only: 'constructor' or 'toString' are not config.
      if (!Object.hasOwn(sourceDeployment.config, key)) {
        throw new InputError(
          `Config key '${key}' is not set for ${service} in ${source}; it has: ${Object.keys(
            sourceDeployment.config,
          ).join(', ')}`,
        );
      }
      copied[key] = sourceDeployment.config[key];
    }

    const file = `${this.overlayPath(service, target)}/kustomization.yaml`;
    const edit = await this.editDocument(file);
    setImageEntry(edit, file, targetDeployment.image.name, service, tag);
    if (Object.keys(copied).length > 0) {
      const base = await this.readBase(service);
      setConfigLiterals(edit, file, base.configMapName, copied);
    }
    const changed = await this.writeEdit(file, edit);
    return {
      service,
      from: source,
      environment: target,
      file,
      changed,
      image: targetDeployment.image.name,
      previousTag: targetDeployment.image.tag,
      tag,
      config: copied,
    };
  }

  private overlayPath(service: string, env: EnvironmentName) {
    return appPaths.overlay(service, env);
  }

  private async requireEnvironment(name: string): Promise<EnvironmentName> {
    const known = await this.environments();
    if (!isEnvironmentName(name) || !known.includes(name)) {
      throw new UnknownNameError('environment', name, known);
    }
    return name;
  }

  private async requireService(name: string): Promise<void> {
    // One file read per call; the full list only to name the known services.
    const known =
      SERVICE_NAME.test(name) &&
      (await this.files.read(`${appPaths.base(name)}/kustomization.yaml`)) !==
        undefined;
    if (!known) {
      throw new UnknownNameError('service', name, await this.services());
    }
  }

  private async readText(file: string): Promise<string> {
    const text = await this.files.read(file);
    if (text === undefined) {
      throw new GitopsFileError({
        file,
        message: 'expected this file to exist',
      });
    }
    return text;
  }

  private async readObjects(file: string): Promise<Json[]> {
    const values = parseYamlValues(file, await this.readText(file));
    values.forEach((value, index) => {
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new GitopsFileError({
          file,
          message: `expected document ${
            index + 1
          } to be a Kubernetes object (a mapping)`,
        });
      }
    });
    return values as Json[];
  }

  private async readKustomization(folder: string) {
    const file = `${folder}/kustomization.yaml`;
    const [value] = await this.readObjects(file);
    if (!value) {
      throw new GitopsFileError({
        file,
        message: 'expected a Kustomization, found an empty file',
      });
    }
    return { file, value };
  }

  private async readBase(service: string) {
    const folder = appPaths.base(service);
    const kustomization = await this.readKustomization(folder);
    let deployment: Json | undefined;
    for (const resource of kustomization.value.resources ?? []) {
      if (!String(resource).endsWith('.yaml')) continue;
      for (const object of await this.readObjects(`${folder}/${resource}`)) {
        if (object.kind === 'Deployment' && object.metadata?.name === service) {
          deployment = object;
        }
      }
    }
    if (!deployment) {
      throw new GitopsFileError({
        file: kustomization.file,
        message: `expected one of its resources to be Deployment '${service}'`,
      });
    }
    const container = containerOf(deployment, service);
    if (!container) {
      throw new GitopsFileError({
        file: kustomization.file,
        message: `expected Deployment '${service}' to have a container`,
      });
    }
    const generators: Json[] = kustomization.value.configMapGenerator ?? [];
    const generator =
      generators.find(g => g.name === `${service}-config`) ?? generators[0];
    const config = generator
      ? await this.generatorValues(folder, generator)
      : {};
    return {
      deployment,
      container,
      configMapName: generator?.name as string | undefined,
      config,
    };
  }

  private async generatorValues(folder: string, generator: Json) {
    const values: Record<string, string> = {};
    for (const envFile of generator.envs ?? []) {
      const file = `${folder}/${envFile}`;
      Object.assign(values, parseEnvFile(file, await this.readText(file)));
    }
    for (const literal of generator.literals ?? []) {
      const [key, value] = splitLiteral(String(literal));
      values[key] = value;
    }
    return values;
  }

  private async editDocument(file: string) {
    const text = await this.readText(file);
    return new YamlEdit(parseYamlDocument(file, text), text);
  }

  private async writeEdit(file: string, edit: YamlEdit) {
    const updated = edit.result();
    if (updated === edit.text) return false;
    await this.files.write(file, updated);
    return true;
  }
}

function containerOf(object: Json, service: string): Json | undefined {
  const containers: Json[] = object.spec?.template?.spec?.containers ?? [];
  return containers.find(c => c.name === service) ?? containers[0];
}

function imageMatches(entryName: unknown, image: string, service: string) {
  // `kustomize edit set image` accepts the full repository or the short name.
  return entryName === image || entryName === service;
}

function imageOf(
  container: Json,
  kustomization: Json,
  service: string,
): { name: string; tag?: string } {
  const image = splitImage(String(container.image ?? ''));
  const entry = (kustomization.images ?? []).find((e: Json) =>
    imageMatches(e.name, image.name, service),
  );
  return entry
    ? { name: entry.newName ?? image.name, tag: entry.newTag ?? image.tag }
    : image;
}

function setImageEntry(
  edit: YamlEdit,
  file: string,
  image: string,
  service: string,
  tag: string,
) {
  const { document, text } = edit;
  const root = document.contents;
  if (!isMap(root)) {
    throw new GitopsFileError({
      file,
      message: 'expected a Kustomization (a mapping)',
    });
  }
  const images = root.get('images', true);
  if (images === undefined) {
    root.set('images', document.createNode([{ name: image, newTag: tag }]));
    edit.markStructural();
    return;
  }
  if (!isSeq(images)) {
    throw new GitopsFileError({
      file,
      line: lineOf(text, images as Node),
      message: 'expected images: to be a list of {name, newTag}',
    });
  }
  const entry = images.items.find(
    item => isMap(item) && imageMatches(item.get('name'), image, service),
  ) as YAMLMap | undefined;
  if (!entry) {
    images.add(document.createNode({ name: image, newTag: tag }));
    edit.markStructural();
  } else if (isScalar(entry.get('newTag', true))) {
    edit.setScalar(entry.get('newTag', true), tag);
  } else {
    entry.set('newTag', tag);
    edit.markStructural();
  }
}

function setConfigLiterals(
  edit: YamlEdit,
  file: string,
  configMapName: string | undefined,
  values: Record<string, string>,
) {
  const { document } = edit;
  const generators = document.get('configMapGenerator', true);
  const generator = isSeq(generators)
    ? (generators.items.find(
        item => isMap(item) && item.get('name') === configMapName,
      ) as YAMLMap | undefined)
    : undefined;
  if (!generator) {
    throw new GitopsFileError({
      file,
      message: `expected a configMapGenerator entry named ${configMapName} with behavior: merge`,
    });
  }
  const literals: unknown =
    generator.get('literals', true) ?? document.createNode([]);
  if (!generator.has('literals')) {
    generator.set('literals', literals);
    edit.markStructural();
  }
  if (!isSeq(literals)) {
    throw new GitopsFileError({
      file,
      message: `expected literals: of ${configMapName} to be a list of KEY=VALUE`,
    });
  }
  for (const [key, value] of Object.entries(values)) {
    const literal = `${key}=${value}`;
    const existing = literals.items.find(
      (item: unknown) =>
        isScalar(item) && splitLiteral(String(item.value))[0] === key,
    );
    if (existing) {
      edit.setScalar(existing, literal);
    } else {
      literals.add(document.createNode(literal));
      edit.markStructural();
    }
  }
}
