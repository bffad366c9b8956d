import { InputError } from '@backstage/errors';
import {
  CHECKLIST_OPERATORS,
  CHECKLIST_PHASES,
  CHECKLIST_PROVIDER_TYPES,
  ChecklistDefinition,
  ChecklistOperator,
  ChecklistItemDefinition,
  ChecklistProviderSpec,
  ChecklistProviderType,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import {
  ENVIRONMENTS,
  EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import yaml from 'yaml';
import { PromqlValidator } from './promql';

const ITEM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const PROVIDER_FIELDS: Record<ChecklistProviderType, string[]> = {
  flux: ['type', 'environment'],
  ci: ['type', 'workflow'],
  prometheus: ['type', 'query', 'operator', 'threshold', 'environment'],
  git: ['type', 'file'],
  http: ['type', 'url', 'expectStatus'],
};

/** A definition that could not be used: every problem, with its field. */
export class DefinitionError extends InputError {
  constructor(readonly source: string, readonly problems: string[]) {
    super(problems.map(p => `${source}: ${p}`).join('; '));
  }
}

const list = (values: readonly string[]) => values.join(', ');
const describe = (value: unknown) =>
  value === undefined ? 'missing' : JSON.stringify(value);

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(
  value: Record<string, unknown>,
  allowed: string[],
  at: string,
  problems: Problems,
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      problems.push(
        `${at}${key}: unknown field, expected one of ${list(allowed)}`,
      );
    }
  }
}

function requireString(
  value: Record<string, unknown>,
  key: string,
  at: string,
  problems: Problems,
  optional = false,
): string | undefined {
  const field = value[key];
  if (field === undefined && optional) return undefined;
  if (typeof field !== 'string' || !field.trim()) {
    problems.push(
      `${at}${key}: ${
        field === undefined
          ? 'missing'
          : `expected a non-empty string, got ${describe(field)}`
      }`,
    );
    return undefined;
  }
  return field;
}

function parseProvider(
  value: unknown,
  at: string,
  problems: Problems,
): ChecklistProviderSpec | undefined {
  if (!isRecord(value)) {
    problems.push(`${at}: expected a mapping with a type`);
    return undefined;
  }
  const type = value.type;
  if (typeof type !== 'string') {
    problems.push(
      `${at}.type: missing, expected one of ${list(CHECKLIST_PROVIDER_TYPES)}`,
    );
    return undefined;
  }
  if (!(CHECKLIST_PROVIDER_TYPES as readonly unknown[]).includes(type)) {
    problems.push(
      `${at}.type: unknown provider '${type}', expected one of ${list(
        CHECKLIST_PROVIDER_TYPES,
      )}`,
    );
    return undefined;
  }
  const providerType = type as ChecklistProviderType;
  const count = problems.length;
  checkKeys(value, PROVIDER_FIELDS[providerType], `${at}.`, problems);

  const environment = (optional: boolean) => {
    const env = value.environment;
    if (env === undefined && optional) return undefined;
    if (!(ENVIRONMENTS as readonly unknown[]).includes(env)) {
      problems.push(
        `${at}.environment: ${
          env === undefined ? 'missing' : `unknown environment ${describe(env)}`
        }, expected one of ${list(ENVIRONMENTS)}`,
      );
      return undefined;
    }
    return env as EnvironmentName;
  };

  let spec: ChecklistProviderSpec | undefined;
  switch (providerType) {
    case 'flux': {
      const env = environment(false);
      if (env) spec = { type: 'flux', environment: env };
      break;
    }
    case 'ci': {
      const workflow = requireString(
        value,
        'workflow',
        `${at}.`,
        problems,
        true,
      );
      spec = { type: 'ci', ...(workflow ? { workflow } : {}) };
      break;
    }
    case 'prometheus': {
      const query = requireString(value, 'query', `${at}.`, problems);
      const operator = value.operator;
      if (!(CHECKLIST_OPERATORS as readonly unknown[]).includes(operator)) {
        problems.push(
          `${at}.operator: ${
            operator === undefined
              ? 'missing'
              : `unknown operator ${describe(operator)}`
          }, expected one of ${list(CHECKLIST_OPERATORS)}`,
        );
      }
      const threshold = value.threshold;
      if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
        problems.push(
          `${at}.threshold: ${
            threshold === undefined
              ? 'missing'
              : `expected a number, got ${describe(threshold)}`
          }`,
        );
      }
      const env = environment(true);
      if (query) {
        spec = {
          type: 'prometheus',
          query: query.trim(),
          operator: operator as ChecklistOperator,
          threshold: threshold as number,
          ...(env ? { environment: env } : {}),
        };
      }
      break;
    }
    case 'git': {
      const file = requireString(value, 'file', `${at}.`, problems, true);
      if (file && (file.startsWith('/') || file.split('/').includes('..'))) {
        problems.push(
          `${at}.file: '${file}' must be a path inside the repository, e.g. CHANGELOG.md`,
        );
      }
      spec = { type: 'git', ...(file ? { file } : {}) };
      break;
    }
    case 'http': {
      const url = requireString(value, 'url', `${at}.`, problems);
      if (url && !/^https?:\/\/[^/\s]+/.test(url)) {
        problems.push(
          `${at}.url: '${url}' is not an http(s) URL, e.g. https://$service.example.com/health`,
        );
      }
      const expectStatus = value.expectStatus;
      if (
        expectStatus !== undefined &&
        (!Number.isInteger(expectStatus) ||
          (expectStatus as number) < 100 ||
          (expectStatus as number) > 599)
      ) {
        problems.push(
          `${at}.expectStatus: expected an HTTP status (100-599), got ${describe(
            expectStatus,
          )}`,
        );
      }
      if (url) {
        spec = {
          type: 'http',
          url,
          ...(expectStatus !== undefined
            ? { expectStatus: expectStatus as number }
            : {}),
        };
      }
      break;
    }
    default:
      break;
  }
  return problems.length === count ? spec : undefined;
}

/**
 * Parses a checklist definition (YAML) and checks every field; PromQL is
 * parsed with `promql`. Throws a {@link DefinitionError} naming `source` and
 * every wrong field, e.g.
 * `checklists/x.yaml: items[3].provider.type: unknown provider 'jenkins', expected one of flux, ci, prometheus, git, http`.
 */
export async function parseDefinition(
  text: string,
  source: string,
  promql: PromqlValidator,
): Promise<ChecklistDefinition> {
  let document: unknown;
  try {
    document = yaml.parse(text, { prettyErrors: true });
  } catch (error) {
    throw new DefinitionError(source, [
      `not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    ]);
  }
  const problems: Problems = [];
  if (!isRecord(document)) {
    throw new DefinitionError(source, [
      'expected a mapping with name and items',
    ]);
  }
  checkKeys(document, ['name', 'items'], '', problems);
  const name = requireString(document, 'name', '', problems);
  const items: ChecklistItemDefinition[] = [];
  const queries: Array<{ at: string; query: string }> = [];

  if (!Array.isArray(document.items) || document.items.length === 0) {
    problems.push(
      `items: ${
        document.items === undefined ? 'missing' : 'expected a non-empty list'
      }`,
    );
  } else {
    const seen = new Map<string, number>();
    document.items.forEach((raw: unknown, index: number) => {
      const at = `items[${index}]`;
      if (!isRecord(raw)) {
        problems.push(`${at}: expected a mapping with id, phase and title`);
        return;
      }
      const count = problems.length;
      checkKeys(
        raw,
        ['id', 'phase', 'title', 'description', 'provider'],
        `${at}.`,
        problems,
      );
      const id = requireString(raw, 'id', `${at}.`, problems);
      if (id && !ITEM_ID.test(id)) {
        problems.push(
          `${at}.id: '${id}' is not kebab-case (lowercase letters, digits and single dashes, e.g. deploy-prod)`,
        );
      } else if (id && seen.has(id)) {
        problems.push(
          `${at}.id: '${id}' is already the id of items[${seen.get(id)}]`,
        );
      }
      if (id) seen.set(id, seen.get(id) ?? index);
      const phase = raw.phase;
      if (!(CHECKLIST_PHASES as readonly unknown[]).includes(phase)) {
        problems.push(
          `${at}.phase: ${
            phase === undefined ? 'missing' : `unknown phase ${describe(phase)}`
          }, expected one of ${list(CHECKLIST_PHASES)}`,
        );
      }
      const title = requireString(raw, 'title', `${at}.`, problems);
      const description = requireString(
        raw,
        'description',
        `${at}.`,
        problems,
        true,
      );
      let provider: ChecklistProviderSpec | undefined;
      if (raw.provider !== undefined) {
        provider = parseProvider(raw.provider, `${at}.provider`, problems);
        if (provider?.type === 'prometheus') {
          queries.push({ at: `${at}.provider.query`, query: provider.query });
        }
      }
      if (problems.length === count) {
        items.push({
          id: id!,
          phase: phase as ChecklistItemDefinition['phase'],
          title: title!.trim(),
          ...(description ? { description: description.trim() } : {}),
          ...(provider ? { provider } : {}),
        });
      }
    });
  }

  // All at once: a Prometheus that does not answer costs one timeout, not
  // one per query. Problems are reported in the order of the items.
  const verdicts = await Promise.all(
    queries.map(({ query }) => promql.validate(query)),
  );
  queries.forEach(({ at }, index) => {
    const problem = verdicts[index];
    if (problem) {
      problems.push(`${at}: not valid PromQL (${promql.method}): ${problem}`);
    }
  });

  if (problems.length) {
    throw new DefinitionError(source, problems);
  }
  return { name: name!.trim(), source, items };
}
