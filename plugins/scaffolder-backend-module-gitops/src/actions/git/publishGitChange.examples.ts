import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check out the GitOps repository, change it, and push the change on a branch for a pull request on GitHub',
    example: yaml.stringify({
      steps: [
        {
          id: 'checkout',
          action: 'git:clone',
          name: 'Check out gitops-config',
          input: {
            repoUrl: 'https://github.com/acme/gitops-config.git',
            targetPath: 'gitops',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
        {
          id: 'set-image',
          action: 'gitops:image:set',
          name: 'Run the new build in dev',
          input: {
            repositoryPath: 'gitops',
            service: 'user-service',
            environment: 'dev',
            tag: 'sha-1f2e3d4',
          },
        },
        {
          id: 'propose',
          action: 'publish:git:change',
          name: 'Push the change for review',
          input: {
            sourcePath: 'gitops',
            branchName: 'user-service-dev-sha-1f2e3d4',
            targetBranch: 'main',
            gitCommitMessage: 'Run user-service sha-1f2e3d4 in dev',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'On a repository of the Backstage host (no review system), push the change and merge it into main right away',
    example: yaml.stringify({
      steps: [
        {
          id: 'checkout',
          action: 'git:clone',
          name: 'Check out gitops-config',
          input: {
            repoUrl: 'file:///var/lib/goldenpath/git/gitops-config.git',
            targetPath: 'gitops',
          },
        },
        {
          id: 'set-image',
          action: 'gitops:image:set',
          name: 'Roll prod back',
          input: {
            repositoryPath: 'gitops',
            service: 'user-service',
            environment: 'prod',
            tag: 'v1.2.2',
          },
        },
        {
          id: 'merge',
          action: 'publish:git:change',
          name: 'Merge the change',
          input: {
            sourcePath: 'gitops',
            branchName: 'rollback-user-service-prod',
            gitCommitMessage: 'Roll user-service back to v1.2.2 in prod',
            merge: true,
          },
        },
      ],
    }),
  },
];
