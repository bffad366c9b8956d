import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A PostgreSQL database for a new service in every environment',
    example: yaml.stringify({
      steps: [
        {
          id: 'infra',
          action: 'infra:module:add',
          name: 'Add the database',
          input: {
            repositoryPath: 'infrastructure',
            service: 'inventory-service',
            resources: ['postgresql'],
          },
        },
      ],
    }),
  },
  {
    description: 'A queue and a bucket, in dev only to start with',
    example: yaml.stringify({
      steps: [
        {
          id: 'infra',
          action: 'infra:module:add',
          name: 'Add the queue and bucket',
          input: {
            repositoryPath: 'infrastructure',
            service: 'shipping-service',
            resources: ['sqs', 's3'],
            environments: ['dev'],
          },
        },
      ],
    }),
  },
  {
    description:
      "A database that is larger in prod than the environment's default",
    example: yaml.stringify({
      steps: [
        {
          id: 'infra',
          action: 'infra:module:add',
          name: 'Add the database',
          input: {
            repositoryPath: 'infrastructure',
            service: 'inventory-service',
            resources: ['postgresql'],
            spec: {
              postgresql: {
                sizing: {
                  prod: {
                    instanceClass: 'db.r6g.large',
                    allocatedStorage: 100,
                  },
                },
              },
            },
          },
        },
      ],
    }),
  },
];
