import { createGitopsImageSetAction } from './imageSet';
import { itRunsEveryExample } from '../__testUtils__/examples';

describe('gitops:image:set examples', () => {
  itRunsEveryExample(createGitopsImageSetAction(), {
    changed: true,
    file: expect.stringMatching(
      /^apps\/user-service\/overlays\/(dev|prod)\/kustomization\.yaml$/,
    ),
  });
});
