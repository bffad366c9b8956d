import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A Node.js service with a database that calls the product catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'gitops',
          action: 'gitops:app:create',
          name: 'Add the service to the GitOps repository',
          input: {
            repositoryPath: 'gitops',
            name: 'inventory-service',
            kind: 'node',
            owner: 'group:default/checkout-team',
            database: true,
            dependencies: ['product-catalog'],
          },
        },
      ],
    }),
  },
  {
    description: 'A Spring Boot service with a queue, larger in prod',
    example: yaml.stringify({
      steps: [
        {
          id: 'gitops',
          action: 'gitops:app:create',
          name: 'Add the service to the GitOps repository',
          input: {
            repositoryPath: 'gitops',
            name: 'shipping-service',
            kind: 'java',
            owner: 'checkout-team',
            queue: true,
            spec: {
              hpa: { minReplicas: 3, maxReplicas: 12 },
            },
          },
        },
      ],
    }),
  },
];
