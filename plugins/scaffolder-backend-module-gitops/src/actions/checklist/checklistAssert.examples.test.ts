import { mockServices } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { itRunsEveryExample } from '../__testUtils__/examples';
import { startChecklistApiDouble } from './checklistApiDouble';
import { createChecklistAssertAction } from './checklistAssert';
import { examples } from './checklistAssert.examples';

describe('checklist:assert examples', () => {
  let api: Awaited<ReturnType<typeof startChecklistApiDouble>>;
  const discovery = {
    getBaseUrl: async () => api.baseUrl,
    getExternalBaseUrl: async () => api.baseUrl,
  };
  beforeAll(async () => {
    api = await startChecklistApiDouble();
    // Each example's release exists with its phase complete.
    for (const example of examples) {
      for (const step of yaml.parse(example.example).steps) {
        api.addRelease(step.input.entityRef, step.input.version);
      }
    }
  });
  afterAll(() => api.close());

  itRunsEveryExample(
    createChecklistAssertAction({ discovery, auth: mockServices.auth() }),
    { passed: true, openItems: [] },
  );
});
