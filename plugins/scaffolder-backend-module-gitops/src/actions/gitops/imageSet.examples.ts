import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Run the build CI just pushed in dev',
    example: yaml.stringify({
      steps: [
        {
          id: 'set-image',
          action: 'gitops:image:set',
          name: 'Set the dev image',
          input: {
            repositoryPath: 'gitops',
            service: 'user-service',
            environment: 'dev',
            tag: 'sha-1f2e3d4',
          },
        },
      ],
    }),
  },
  {
    description: 'Roll prod back to the previous release',
    example: yaml.stringify({
      steps: [
        {
          id: 'rollback',
          action: 'gitops:image:set',
          name: 'Pin the previous release in prod',
          input: {
            repositoryPath: 'gitops',
            service: 'user-service',
            environment: 'prod',
            tag: 'v1.2.2',
          },
        },
      ],
    }),
  },
];
