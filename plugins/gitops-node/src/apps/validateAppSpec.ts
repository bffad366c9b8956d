import {
  clusterName,
  ENVIRONMENTS,
  KUBERNETES_NAME,
} from '@goldenpath/backstage-plugin-gitops-common';
import { InputError } from '@backstage/errors';
import { usesAws } from './conventions';
import { APP_KINDS, AppSpec } from './types';
import { DEV_TAG, RELEASE_TAG } from '../gitops/imageTags';

// RFC 1123 label that also starts with a letter, since it names a Service
// (RFC 1035 label).
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const POSTGRES_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const OWNER = /^[A-Za-z0-9][-_.:/A-Za-z0-9]*$/;
const CPU = /^(\d+m|\d+(\.\d{1,3})?)$/;
const MEMORY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const SPEC_FIELDS: ReadonlyArray<keyof AppSpec> = [
  'name',
  'kind',
  'owner',
  'database',
  'cache',
  'queue',
  'bucket',
  'dependencies',
  'callers',
  'secrets',
  'config',
  'envConfig',
  'ingressHosts',
  'sizing',
  'hpa',
  'tags',
];

// The IRSA role is `<cluster>-<app>`, and IAM role names have at most 64 characters.
const IAM_ROLE_NAME_MAX = 64;
const LONGEST_CLUSTER = Math.max(
  ...ENVIRONMENTS.map(e => clusterName(e).length),
);

const LABEL_EXPECTED =
  'a lowercase DNS label: letters a-z, digits and -, starting with a letter, not ending with -, at most 63 characters';

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === 'string' && !CONTROL.test(value)
    ? `'${value}'`
    : JSON.stringify(value);
}

function checkLabel(problems: Problems, field: string, value: unknown) {
  if (
    typeof value !== 'string' ||
    value.length > 63 ||
    !DNS_LABEL.test(value)
  ) {
    problems.push(`${field} ${show(value)} is not ${LABEL_EXPECTED}`);
    return false;
  }
  return true;
}

function checkLine(problems: Problems, field: string, value: unknown) {
  if (typeof value !== 'string' || CONTROL.test(value)) {
    problems.push(
      `${field} ${show(
        value,
      )} must be a string on one line (no control characters)`,
    );
  }
}

/** Checks that `value` is an object whose keys are exactly the environments. */
function checkEnvKeys(
  problems: Problems,
  field: string,
  value: unknown,
  options: { all: boolean },
): value is Record<string, unknown> {
  if (!isRecord(value)) {
    problems.push(
      `${field} must be an object keyed by environment (${ENVIRONMENTS.join(
        ', ',
      )})`,
    );
    return false;
  }
  let ok = true;
  for (const key of Object.keys(value)) {
    if (!(ENVIRONMENTS as readonly string[]).includes(key)) {
      problems.push(
        `${field} has unknown environment '${key}'; expected ${ENVIRONMENTS.join(
          ', ',
        )}`,
      );
      ok = false;
    }
  }
  if (options.all) {
    for (const env of ENVIRONMENTS) {
      if (!(env in value)) {
        problems.push(
          `${field}.${env} is missing; every environment needs one`,
        );
        ok = false;
      }
    }
  }
  return ok;
}

function checkSettings(problems: Problems, field: string, value: unknown) {
  if (!isRecord(value)) {
    problems.push(`${field} must be an object of NAME: value settings`);
    return;
  }
  for (const [key, setting] of Object.entries(value)) {
    if (!ENV_VAR.test(key)) {
      problems.push(
        `${field} key '${key}' is not an environment variable name: expected letters, digits and _, not starting with a digit`,
      );
    }
    checkLine(problems, `${field}.${key}`, setting);
  }
}

function milliCores(cpu: string): number {
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
}

function bytes(memory: string): number {
  const [, number, unit] = /^([\d.]+)(.*)$/.exec(memory)!;
  return Number(number) * MEMORY_UNITS[unit];
}

function checkSizing(problems: Problems, env: string, value: unknown) {
  const field = `sizing.${env}`;
  if (!isRecord(value)) {
    problems.push(
      `${field} must be an object with replicas, requests and limits`,
    );
    return;
  }
  const { replicas, requests, limits } = value;
  if (!Number.isInteger(replicas) || (replicas as number) < 1) {
    problems.push(
      `${field}.replicas ${show(
        replicas,
      )} must be a whole number of at least 1`,
    );
  }
  const parsed: Record<string, { cpu?: number; memory?: number }> = {};
  for (const [part, quantities] of Object.entries({ requests, limits })) {
    parsed[part] = {};
    if (!isRecord(quantities)) {
      problems.push(`${field}.${part} must be an object with cpu and memory`);
      continue;
    }
    const { cpu, memory } = quantities;
    if (typeof cpu !== 'string' || !CPU.test(cpu)) {
      problems.push(
        `${field}.${part}.cpu ${show(
          cpu,
        )} is not a CPU quantity: expected millicores like 500m or cores like 1 or 0.5`,
      );
    } else {
      parsed[part].cpu = milliCores(cpu);
    }
    if (typeof memory !== 'string' || !MEMORY.test(memory)) {
      problems.push(
        `${field}.${part}.memory ${show(
          memory,
        )} is not a memory quantity: expected a number with a unit like 256Mi or 1Gi`,
      );
    } else {
      parsed[part].memory = bytes(memory);
    }
  }
  for (const resource of ['cpu', 'memory'] as const) {
    const request = parsed.requests?.[resource];
    const limit = parsed.limits?.[resource];
    if (request !== undefined && limit !== undefined && request > limit) {
      problems.push(
        `${field}.requests.${resource} is more than ${field}.limits.${resource}; a request must not exceed its limit`,
      );
    }
  }
}

function checkNameList(
  problems: Problems,
  field: string,
  value: unknown,
  self: unknown,
) {
  if (!Array.isArray(value)) {
    problems.push(`${field} must be a list of app names`);
    return;
  }
  const seen = new Set<string>();
  value.forEach((name, index) => {
    if (!checkLabel(problems, `${field}[${index}]`, name)) return;
    if (name === self) {
      problems.push(`${field}[${index}] is the app itself`);
    } else if (seen.has(name)) {
      problems.push(`${field}[${index}] '${name}' is listed twice`);
    }
    seen.add(name);
  });
}

function collectProblems(spec: Record<string, unknown>): Problems {
  const problems: Problems = [];
  for (const key of Object.keys(spec)) {
    if (!(SPEC_FIELDS as readonly string[]).includes(key)) {
      problems.push(
        `unknown field '${key}'; expected one of ${SPEC_FIELDS.join(', ')}`,
      );
    }
  }

  const nameOk = checkLabel(problems, 'name', spec.name);
  const name = spec.name as string;
  if (!(APP_KINDS as readonly unknown[]).includes(spec.kind)) {
    problems.push(
      `kind ${show(spec.kind)} is not one of ${APP_KINDS.join(', ')}`,
    );
  }
  if (typeof spec.owner !== 'string' || !OWNER.test(spec.owner)) {
    problems.push(
      `owner ${show(
        spec.owner,
      )} is not a team name or entity reference such as checkout-team or group:default/checkout-team`,
    );
  }

  if (spec.database !== undefined) {
    if (!isRecord(spec.database)) {
      problems.push(
        'database must be an object with instance and name, or left out',
      );
    } else {
      checkLabel(problems, 'database.instance', spec.database.instance);
      const dbName = spec.database.name;
      if (typeof dbName !== 'string' || !POSTGRES_NAME.test(dbName)) {
        problems.push(
          `database.name ${show(
            dbName,
          )} is not a PostgreSQL database name: expected lowercase letters, digits and _, not starting with a digit, at most 63 characters`,
        );
      }
    }
  }
  if (typeof spec.cache !== 'boolean') {
    problems.push(`cache ${show(spec.cache)} must be true or false`);
  }
  if (spec.queue !== undefined) {
    // `<queue>-dlq-staging` must stay within SQS's 80 characters.
    if (
      checkLabel(problems, 'queue', spec.queue) &&
      (spec.queue as string).length > 68
    ) {
      problems.push(
        `queue is longer than 68 characters; SQS names (<queue>-dlq-<env>) have at most 80`,
      );
    }
  }
  if (spec.bucket !== undefined) {
    // `<bucket>-staging` must stay within S3's 63 characters.
    if (
      typeof spec.bucket !== 'string' ||
      spec.bucket.length < 3 ||
      spec.bucket.length > 55 ||
      !KUBERNETES_NAME.test(spec.bucket)
    ) {
      problems.push(
        `bucket ${show(
          spec.bucket,
        )} is not an S3 bucket base name: expected 3 to 55 lowercase letters, digits, - and . (the bucket of an environment is <bucket>-<env>)`,
      );
    }
  }
  if (nameOk && usesAws(spec as { bucket?: string; queue?: string })) {
    const max = IAM_ROLE_NAME_MAX - LONGEST_CLUSTER - 1;
    if (name.length > max) {
      problems.push(
        `name '${name}' is too long for an app with a bucket or queue: its IAM role <cluster>-<name> allows at most ${max} characters`,
      );
    }
  }

  checkNameList(problems, 'dependencies', spec.dependencies, spec.name);
  checkNameList(problems, 'callers', spec.callers, spec.name);

  if (!Array.isArray(spec.secrets)) {
    problems.push('secrets must be a list of { name, key }');
  } else {
    const envNames = new Set([
      'DATABASE_URL',
      'DATABASE_USERNAME',
      'DATABASE_PASSWORD',
      'REDIS_PASSWORD',
    ]);
    spec.secrets.forEach((secret, index) => {
      const field = `secrets[${index}]`;
      if (!isRecord(secret)) {
        problems.push(`${field} must be an object with name and key`);
        return;
      }
      if (typeof secret.name !== 'string' || !ENV_VAR.test(secret.name)) {
        problems.push(
          `${field}.name ${show(
            secret.name,
          )} is not an environment variable name: expected letters, digits and _, not starting with a digit`,
        );
      } else if (envNames.has(secret.name)) {
        problems.push(
          `${field}.name '${secret.name}' is already set by the app's generated secrets or another entry`,
        );
      } else {
        envNames.add(secret.name);
      }
      if (typeof secret.key !== 'string' || !SECRET_KEY.test(secret.key)) {
        problems.push(
          `${field}.key ${show(
            secret.key,
          )} is not a secret key: expected letters, digits, -, _ and .`,
        );
      }
    });
  }

  checkSettings(problems, 'config', spec.config);
  if (checkEnvKeys(problems, 'envConfig', spec.envConfig, { all: false })) {
    for (const [env, settings] of Object.entries(spec.envConfig as object)) {
      checkSettings(problems, `envConfig.${env}`, settings);
    }
  }

  if (spec.ingressHosts !== undefined) {
    if (
      checkEnvKeys(problems, 'ingressHosts', spec.ingressHosts, { all: true })
    ) {
      for (const [env, host] of Object.entries(spec.ingressHosts as object)) {
        if (typeof host !== 'string' || !KUBERNETES_NAME.test(host)) {
          problems.push(
            `ingressHosts.${env} ${show(
              host,
            )} is not a host name: expected lowercase DNS labels separated by dots`,
          );
        }
      }
    }
  }

  if (checkEnvKeys(problems, 'sizing', spec.sizing, { all: true })) {
    for (const env of ENVIRONMENTS) {
      checkSizing(problems, env, (spec.sizing as Record<string, unknown>)[env]);
    }
  }

  if (!isRecord(spec.hpa)) {
    problems.push('hpa must be an object with minReplicas and maxReplicas');
  } else {
    const { minReplicas, maxReplicas } = spec.hpa;
    if (!Number.isInteger(minReplicas) || (minReplicas as number) < 3) {
      problems.push(
        `hpa.minReplicas ${show(
          minReplicas,
        )} must be a whole number of at least 3: the prod PodDisruptionBudget keeps 2 pods available`,
      );
    } else if (
      !Number.isInteger(maxReplicas) ||
      (maxReplicas as number) < (minReplicas as number)
    ) {
      problems.push(
        `hpa.maxReplicas ${show(
          maxReplicas,
        )} must be a whole number of at least hpa.minReplicas (${minReplicas})`,
      );
    } else {
      const prod =
        isRecord(spec.sizing) && isRecord(spec.sizing.prod)
          ? spec.sizing.prod.replicas
          : undefined;
      if (
        Number.isInteger(prod) &&
        ((prod as number) < (minReplicas as number) ||
          (prod as number) > (maxReplicas as number))
      ) {
        problems.push(
          `sizing.prod.replicas ${prod} is outside hpa ${minReplicas}..${maxReplicas}; the HPA would rescale at once`,
        );
      }
    }
  }

  if (checkEnvKeys(problems, 'tags', spec.tags, { all: true })) {
    for (const env of ENVIRONMENTS) {
      const tag = (spec.tags as Record<string, unknown>)[env];
      if (tag === undefined) continue;
      if (env === 'dev') {
        if (typeof tag !== 'string' || !DEV_TAG.test(tag)) {
          problems.push(
            `tags.dev ${show(
              tag,
            )} is not a dev build tag: expected sha-<commit> with 7 to 40 lowercase hex digits, e.g. sha-8d41e07`,
          );
        }
      } else if (typeof tag !== 'string' || !RELEASE_TAG.test(tag)) {
        problems.push(
          `tags.${env} ${show(
            tag,
          )} is not a release tag: ${env} runs vX.Y.Z, e.g. v1.2.3`,
        );
      }
    }
  }
  return problems;
}

/**
 * Checks an app spec (which may come from a form or a JSON body) against
 * the repository's conventions and throws an InputError that names every
 * field that is wrong and what it should be.
 *
 * @public
 */
export function validateAppSpec(spec: unknown): asserts spec is AppSpec {
  if (!isRecord(spec)) {
    throw new InputError('Invalid app spec: expected an object');
  }
  const problems = collectProblems(spec);
  if (problems.length) {
    const what = typeof spec.name === 'string' ? ` '${spec.name}'` : '';
    throw new InputError(`Invalid app spec${what}: ${problems.join('; ')}`);
  }
}
