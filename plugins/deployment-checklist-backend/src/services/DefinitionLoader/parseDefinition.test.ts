import { promises as fs } from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { DefinitionError, parseDefinition } from './parseDefinition';
import { createSyntaxPromqlValidator } from './promql';

const promql = createSyntaxPromqlValidator();
const DEFAULT_FILE = path.resolve(
  __dirname,
  '../../../checklists/default.yaml',
);

const parse = (document: unknown, source = 'checklists/x.yaml') =>
  parseDefinition(yaml.stringify(document), source, promql);

const item = (overrides: Record<string, unknown> = {}) => ({
  id: 'deploy-prod',
  phase: 'deployment',
  title: 'Deploy to production',
  ...overrides,
});

describe('parseDefinition', () => {
  it('reads the default checklist: the design’s 22 items in three phases', async () => {
    const definition = await parseDefinition(
      await fs.readFile(DEFAULT_FILE, 'utf8'),
      'checklists/default.yaml',
      promql,
    );
    expect(definition.items).toHaveLength(22);
    expect(
      definition.items.filter(i => i.phase === 'pre-deployment'),
    ).toHaveLength(6);
    expect(definition.items.filter(i => i.phase === 'deployment')).toHaveLength(
      9,
    );
    expect(
      definition.items.filter(i => i.phase === 'post-deployment'),
    ).toHaveLength(7);
    expect(
      Object.fromEntries(
        definition.items
          .filter(i => i.provider)
          .map(i => [i.id, i.provider!.type]),
      ),
    ).toEqual({
      'ci-tests-passing': 'ci',
      'deploy-dev': 'flux',
      'deploy-staging': 'flux',
      'deploy-prod': 'flux',
      'monitor-metrics': 'prometheus',
      'verify-health-checks': 'prometheus',
      'check-error-rates': 'prometheus',
      'monitor-response-times': 'prometheus',
      'update-changelog': 'git',
    });
  });

  it('uses the metric names and thresholds of the platform’s alert rules', async () => {
    const definition = await parseDefinition(
      await fs.readFile(DEFAULT_FILE, 'utf8'),
      'checklists/default.yaml',
      promql,
    );
    const rules = await fs.readFile(
      path.resolve(
        __dirname,
        '../../../../../gitops-config/infrastructure/base/prometheus/rules/order-service-alerts.yaml',
      ),
      'utf8',
    );
    const byId = new Map(definition.items.map(i => [i.id, i.provider]));
    const errors = byId.get('check-error-rates');
    const latency = byId.get('monitor-response-times');
    expect(errors).toMatchObject({ operator: '<', threshold: 0.05 });
    expect(latency).toMatchObject({ operator: '<', threshold: 1 });
    // The alert fires above 5 % and 1 s, on the same series.
    expect(rules).toContain('[5m])) > 0.05');
    expect(rules).toContain(') > 1');
    for (const metric of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
    ]) {
      expect(rules).toContain(metric);
    }
    expect(errors).toMatchObject({
      query: expect.stringContaining(
        'http_requests_total{service="$service",status=~"5.."}[5m]',
      ),
    });
    expect(latency).toMatchObject({
      query: expect.stringContaining('histogram_quantile(0.95,'),
    });
    expect(latency).toMatchObject({
      query: expect.stringContaining(
        'rate(http_request_duration_seconds_bucket{service="$service"}[5m])',
      ),
    });
  });

  it('names the file and field of an unknown provider', async () => {
    await expect(
      parse({
        name: 'x',
        items: [
          item({ id: 'a' }),
          item({ id: 'b' }),
          item({ id: 'c' }),
          item({ id: 'd', provider: { type: 'jenkins' } }),
        ],
      }),
    ).rejects.toThrow(
      "checklists/x.yaml: items[3].provider.type: unknown provider 'jenkins', expected one of flux, ci, prometheus, git, http",
    );
  });

  it('names every missing or wrong field', async () => {
    const error: DefinitionError = await parse({
      items: [
        { id: 'Deploy Prod', phase: 'release', provider: { type: 'flux' } },
        item({ provider: { type: 'prometheus', query: 'up', operator: '~' } }),
        item({ provider: { type: 'http', url: 'ftp://x', expectStatus: 42 } }),
        item({ id: 'notes', titel: 'typo' }),
      ],
    }).catch(e => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error.name).toBe('InputError');
    expect(error.problems).toEqual([
      'name: missing',
      "items[0].id: 'Deploy Prod' is not kebab-case (lowercase letters, digits and single dashes, e.g. deploy-prod)",
      'items[0].phase: unknown phase "release", expected one of pre-deployment, deployment, post-deployment',
      'items[0].title: missing',
      'items[0].provider.environment: missing, expected one of dev, staging, prod',
      'items[1].provider.operator: unknown operator "~", expected one of <, <=, >, >=, ==',
      'items[1].provider.threshold: missing',
      "items[2].id: 'deploy-prod' is already the id of items[1]",
      "items[2].provider.url: 'ftp://x' is not an http(s) URL, e.g. https://$service.example.com/health",
      'items[2].provider.expectStatus: expected an HTTP status (100-599), got 42',
      'items[3].titel: unknown field, expected one of id, phase, title, description, provider',
    ]);
    expect(error.message).toContain('checklists/x.yaml: name: missing; ');
  });

  it('rejects a PromQL expression that does not parse, naming the field', async () => {
    await expect(
      parse({
        name: 'x',
        items: [
          item({
            id: 'errors',
            phase: 'post-deployment',
            provider: {
              type: 'prometheus',
              query: 'sum(rate(http_requests_total{service="$service"}[5m])',
              operator: '<',
              threshold: 0.05,
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      "checklists/x.yaml: items[0].provider.query: not valid PromQL (syntax check): '(' at column 4 is never closed",
    );
  });

  it('validates all PromQL expressions at once, reporting problems in item order', async () => {
    const started: string[] = [];
    const answers: Array<() => void> = [];
    // Answers only once every query has been asked, and the last one first.
    const slow = {
      method: 'slow parser',
      validate(query: string) {
        started.push(query);
        return new Promise<string | undefined>(resolve => {
          answers.push(() =>
            resolve(
              query.startsWith('bad') ? `cannot parse ${query}` : undefined,
            ),
          );
          if (answers.length === 3) answers.reverse().forEach(a => a());
        });
      },
    };
    const prometheus = (id: string, query: string) =>
      item({
        id,
        phase: 'post-deployment',
        provider: { type: 'prometheus', query, operator: '<', threshold: 1 },
      });
    const error: DefinitionError = await parseDefinition(
      yaml.stringify({
        name: 'x',
        items: [
          prometheus('first', 'bad_one'),
          prometheus('second', 'up'),
          prometheus('third', 'bad_two'),
        ],
      }),
      'checklists/x.yaml',
      slow,
    ).catch(e => e);
    expect(started).toEqual(['bad_one', 'up', 'bad_two']);
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error.problems).toEqual([
      'items[0].provider.query: not valid PromQL (slow parser): cannot parse bad_one',
      'items[2].provider.query: not valid PromQL (slow parser): cannot parse bad_two',
    ]);
  });

  it('rejects YAML that is not a definition', async () => {
    await expect(
      parseDefinition('items: [', 'checklists/x.yaml', promql),
    ).rejects.toThrow(/^checklists\/x.yaml: not valid YAML: /);
    await expect(
      parseDefinition('- a\n- b\n', 'checklists/x.yaml', promql),
    ).rejects.toThrow(
      'checklists/x.yaml: expected a mapping with name and items',
    );
    await expect(parse({ name: 'x', items: [] })).rejects.toThrow(
      'checklists/x.yaml: items: expected a non-empty list',
    );
  });

  it('keeps optional fields and trims text', async () => {
    const definition = await parse({
      name: ' Mobile release ',
      items: [
        item({
          description: ' Flux runs it in prod ',
          provider: { type: 'flux', environment: 'prod' },
        }),
        item({ id: 'changelog', provider: { type: 'git' } }),
        item({ id: 'ci', provider: { type: 'ci', workflow: 'build.yaml' } }),
        item({
          id: 'health',
          provider: {
            type: 'http',
            url: 'https://$service.example.com/health',
            expectStatus: 204,
          },
        }),
      ],
    });
    expect(definition).toEqual({
      name: 'Mobile release',
      source: 'checklists/x.yaml',
      items: [
        {
          id: 'deploy-prod',
          phase: 'deployment',
          title: 'Deploy to production',
          description: 'Flux runs it in prod',
          provider: { type: 'flux', environment: 'prod' },
        },
        {
          id: 'changelog',
          phase: 'deployment',
          title: 'Deploy to production',
          provider: { type: 'git' },
        },
        {
          id: 'ci',
          phase: 'deployment',
          title: 'Deploy to production',
          provider: { type: 'ci', workflow: 'build.yaml' },
        },
        {
          id: 'health',
          phase: 'deployment',
          title: 'Deploy to production',
          provider: {
            type: 'http',
            url: 'https://$service.example.com/health',
            expectStatus: 204,
          },
        },
      ],
    });
  });
});
