import { createInfraModuleAddAction } from './moduleAdd';
import { itRunsEveryExample } from '../__testUtils__/gitopsWorkspace';

describe('infra:module:add examples', () => {
  itRunsEveryExample(createInfraModuleAddAction(), ctx => {
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
  });
});
