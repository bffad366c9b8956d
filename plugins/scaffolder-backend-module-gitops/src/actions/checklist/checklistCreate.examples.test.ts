import { mockServices } from '@backstage/backend-test-utils';
import { itRunsEveryExample } from '../__testUtils__/examples';
import { startChecklistApiDouble } from './checklistApiDouble';
import { createChecklistCreateAction } from './checklistCreate';

describe('checklist:create examples', () => {
  let api: Awaited<ReturnType<typeof startChecklistApiDouble>>;
  const discovery = {
    getBaseUrl: async () => api.baseUrl,
    getExternalBaseUrl: async () => api.baseUrl,
  };
  beforeAll(async () => {
    api = await startChecklistApiDouble();
  });
  afterAll(() => api.close());

  itRunsEveryExample(
    createChecklistCreateAction({ discovery, auth: mockServices.auth() }),
    { created: true },
  );
});
