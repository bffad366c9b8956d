import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Release what runs in staging to prod',
    example: yaml.stringify({
      steps: [
        {
          id: 'promote',
          action: 'gitops:promote',
          name: 'Promote to prod',
          input: {
            repositoryPath: 'gitops',
            service: 'user-service',
            from: 'staging',
            to: 'prod',
          },
        },
      ],
    }),
  },
  {
    description:
      'Promote the dev build to staging under its release tag, with the log level it runs with in dev',
    example: yaml.stringify({
      steps: [
        {
          id: 'promote',
          action: 'gitops:promote',
          name: 'Promote to staging',
          input: {
            repositoryPath: 'gitops',
            service: 'cart-service',
            from: 'dev',
            releaseTag: 'v0.10.0',
            config: ['LOG_LEVEL'],
          },
        },
      ],
    }),
  },
];
