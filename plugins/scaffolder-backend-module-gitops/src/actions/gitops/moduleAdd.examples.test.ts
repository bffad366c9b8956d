import { createInfraModuleAddAction } from './moduleAdd';
import { itRunsEveryExample } from '../__testUtils__/examples';

describe('infra:module:add examples', () => {
  itRunsEveryExample(createInfraModuleAddAction(), { changed: true });
});
