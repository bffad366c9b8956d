/* eslint-disable no-console */
// The Kubernetes API servers of dev, staging and prod for the browser tests:
// the test-only double (packages/test-harness) with every service of
// gitops-config running the tag its overlay declares, and a Flux
// controller that handles reconcile requests. Started by playwright.config.ts
// on E2E_KUBERNETES_PORT; app-config.e2e.yaml points the portal at it.
import path from 'node:path';
import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import {
  DirectoryFiles,
  GitopsRepository,
} from '@goldenpath/backstage-plugin-gitops-node';
import {
  platformFluxFixtures,
  startKubernetesDouble,
} from '@goldenpath/test-harness';

async function main() {
  const port = Number(process.env.E2E_KUBERNETES_PORT ?? 7441);
  const gitops = new GitopsRepository(
    new DirectoryFiles(path.resolve(__dirname, '../../../../gitops-config')),
  );
  const services = await gitops.services();
  const tags = new Map<string, string>();
  for (const service of services) {
    for (const deployment of await gitops.deployments(service)) {
      tags.set(`${service}/${deployment.environment}`, deployment.image.tag);
    }
  }
  const objects = platformFluxFixtures({
    services,
    environments: [...ENVIRONMENTS],
    tagFor: (service, environment) =>
      tags.get(`${service}/${environment}`) ?? 'unknown',
  });
  const double = await startKubernetesDouble({
    port,
    clusters: Object.fromEntries(
      Object.entries(objects).map(([name, list]) => [
        name,
        {
          objects: list,
          token: 'e2e-token',
          controller: { reconcileDelayMs: 500 },
        },
      ]),
    ),
  });
  console.log(`Kubernetes double for the browser tests at ${double.url}`);
  const stop = () => {
    double.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
