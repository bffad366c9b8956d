/* eslint-disable no-console */
// Starts the Kubernetes API double as a process, for the browser tests that
// run the whole portal against it:
//
//   node -r @backstage/cli/config/nodeTransform.cjs \
//     packages/test-harness/src/kubernetes/serve.ts --port 6443 \
//     --services user-service,cart-service --tags tags.json [--token secret]
//
// tags.json maps service → environment → image tag (what gitops-config
// declares, so the portal shows no drift), e.g. {"user-service":{"dev":"sha-8d41e07"}}.
// --gitops-config <dir> instead runs every service of that checkout at the
// tags its overlays declare. --reconcile-delay-ms sets how long the
// simulated Flux controller takes to handle a reconcile request.
// Alternatively --fixtures objects.json gives every cluster's objects
// (cluster name → Kubernetes objects). Prints one JSON line with the URL of
// each cluster, then serves until SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { declaredTags } from './declaredTags';
import { platformFluxFixtures } from './fixtures';
import { startKubernetesDouble } from './KubernetesDouble';
import type { KubeObject } from './types';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  const port = Number(argument('port') ?? 0);
  const token = argument('token');
  const reconcileDelayMs = argument('reconcile-delay-ms');
  const environments = (argument('environments') ?? 'dev,staging,prod').split(
    ',',
  );
  let objects: Record<string, KubeObject[]>;
  const fixturesFile = argument('fixtures');
  if (fixturesFile) {
    objects = JSON.parse(readFileSync(fixturesFile, 'utf8'));
  } else {
    const gitopsConfig = argument('gitops-config');
    const tagsFile = argument('tags');
    let tags: Record<string, Record<string, string>> = {};
    if (gitopsConfig) {
      tags = await declaredTags(gitopsConfig);
    } else if (tagsFile) {
      tags = JSON.parse(readFileSync(tagsFile, 'utf8'));
    }
    const services = gitopsConfig
      ? Object.keys(tags)
      : (argument('services') ?? '').split(',').filter(Boolean);
    objects = platformFluxFixtures({
      services,
      environments,
      tagFor: (service, env) => tags[service]?.[env] ?? 'latest',
    });
  }
  const double = await startKubernetesDouble({
    port,
    clusters: Object.fromEntries(
      Object.entries(objects).map(([name, list]) => [
        name,
        {
          objects: list,
          token,
          controller: reconcileDelayMs
            ? { reconcileDelayMs: Number(reconcileDelayMs) }
            : undefined,
        },
      ]),
    ),
  });
  console.log(
    JSON.stringify({
      url: double.url,
      clusters: Object.fromEntries(
        double.clusterNames().map(name => [name, double.cluster(name).url]),
      ),
    }),
  );
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
