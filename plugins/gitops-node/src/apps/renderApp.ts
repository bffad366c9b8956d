import { appPaths } from '../layout';
import {
  clusterName,
  ENVIRONMENTS,
  EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import { KINDS, PLATFORM, ProbeTimings, usesAws } from './conventions';
import { AppSizing, AppSpec } from './types';
import { validateAppSpec } from './validateAppSpec';
import { Literal, YamlObject, yamlDocument, yamlDocuments } from './yamlEmit';

function labels(spec: AppSpec) {
  return { app: spec.name, 'backstage.io/kubernetes-id': spec.name };
}

function metadata(
  spec: AppSpec,
  options: { name?: string; annotations?: YamlObject } = {},
): YamlObject {
  return {
    name: options.name ?? spec.name,
    namespace: spec.name,
    labels: labels(spec),
    ...(options.annotations ? { annotations: options.annotations } : {}),
  };
}

/** `order-service` -> `ORDER_SERVICE`, the prefix of its URL setting. */
function envPrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

function title(name: string): string {
  return name
    .split('-')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function serviceUrl(app: string): string {
  return `http://${app}.${app}.svc.cluster.local`;
}

/** Peers sorted by name, so that adding one inserts it at a known place. */
function sorted(names: string[]): string[] {
  return [...names].sort(compareNames);
}

/** The order of apps in every list of the repository. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function resources(size: AppSizing): YamlObject {
  return {
    requests: { cpu: size.requests.cpu, memory: size.requests.memory },
    limits: { cpu: size.limits.cpu, memory: size.limits.memory },
  };
}

// ---------------------------------------------------------------- base

function namespace(spec: AppSpec): string {
  return yamlDocument({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: spec.name,
      labels: {
        ...labels(spec),
        '#': 'Kyverno policies (policies/) apply to namespaces with this label.',
        'app.kubernetes.io/part-of': 'ecommerce-platform',
      },
    },
  });
}

function serviceAccount(spec: AppSpec): string {
  const meta = metadata(spec);
  if (usesAws(spec)) {
    meta.annotations = {
      '#': 'IRSA role created by Terraform; AWS_ACCOUNT_ID comes from the cluster-vars ConfigMap\n(Flux post-build substitution, see clusters/<env>-cluster/apps/).',
      'eks.amazonaws.com/role-arn': `arn:aws:iam::\${AWS_ACCOUNT_ID}:role/\${CLUSTER_NAME}-${spec.name}`,
    };
  }
  return yamlDocument({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta,
    automountServiceAccountToken: false,
  });
}

/** The container's secret environment variables, in the container's order. */
export function secretEnv(
  spec: AppSpec,
): Array<{ name: string; secret: string; key: string }> {
  const env: Array<{ name: string; secret: string; key: string }> = [];
  if (spec.database) {
    for (const [name, key] of [
      ['DATABASE_URL', 'url'],
      ['DATABASE_USERNAME', 'username'],
      ['DATABASE_PASSWORD', 'password'],
    ]) {
      env.push({ name, secret: `${spec.name}-db-credentials`, key });
    }
  }
  if (spec.cache) {
    env.push({
      name: 'REDIS_PASSWORD',
      secret: `${spec.name}-redis-credentials`,
      key: 'auth-token',
    });
  }
  for (const { name, key } of spec.secrets) {
    env.push({ name, secret: `${spec.name}-secrets`, key });
  }
  return env;
}

function containerSecurity(): YamlObject {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 1001,
    capabilities: { drop: ['ALL'] },
  };
}

function probe(path: string, port: string, timings: ProbeTimings): YamlObject {
  return { httpGet: { path, port, scheme: 'HTTP' }, ...timings };
}

function deployment(spec: AppSpec): string {
  const kind = KINDS[spec.kind];
  const name = spec.name;
  const size = spec.sizing.dev;
  const podSpec: YamlObject = {
    serviceAccountName: name,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1001,
      runAsGroup: 1001,
      fsGroup: 2000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
  if (spec.database) {
    podSpec['#'] =
      'Hold the rollout until the database answers, so the app does not crash-loop on start.';
    podSpec.initContainers = [
      {
        name: 'wait-for-db',
        image: 'busybox:1.36',
        command: [
          'sh',
          '-c',
          new Literal(
            'until nc -z -v -w30 $DB_HOST $DB_PORT; do\n' +
              '  echo "Waiting for database connection..."\n' +
              '  sleep 2\n' +
              'done\n',
          ),
        ],
        env: ['DB_HOST', 'DB_PORT'].map(variable => ({
          name: variable,
          valueFrom: {
            configMapKeyRef: { name: `${name}-config`, key: variable },
          },
        })),
        resources: {
          requests: { cpu: '10m', memory: '16Mi' },
          limits: { cpu: '100m', memory: '32Mi' },
        },
        securityContext: containerSecurity(),
      },
    ];
  }
  const container: YamlObject = {
    name,
    image: `${PLATFORM.imageRepository}/${name}`,
    imagePullPolicy: 'IfNotPresent',
    ports: kind.ports.map(port => ({
      name: port.name,
      containerPort: port.port,
      protocol: 'TCP',
    })),
  };
  const env = secretEnv(spec);
  if (env.length) {
    container.env = env.map(variable => ({
      name: variable.name,
      valueFrom: {
        secretKeyRef: { name: variable.secret, key: variable.key },
      },
    }));
  }
  container.envFrom = [{ configMapRef: { name: `${name}-config` } }];
  container.resources = resources(size);
  container.livenessProbe = probe(
    kind.livenessPath,
    kind.probePort,
    kind.liveness,
  );
  container.readinessProbe = probe(
    kind.readinessPath,
    kind.probePort,
    kind.readiness,
  );
  container.startupProbe = probe(
    kind.livenessPath,
    kind.probePort,
    kind.startup,
  );
  container.securityContext = containerSecurity();
  container.volumeMounts = kind.volumes.map(volume => ({
    name: volume.name,
    mountPath: volume.mountPath,
  }));
  podSpec.containers = [container];
  podSpec.volumes = kind.volumes.map(volume => ({
    name: volume.name,
    emptyDir: {},
  }));
  podSpec.affinity = {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            labelSelector: {
              matchExpressions: [
                { key: 'app', operator: 'In', values: [name] },
              ],
            },
            topologyKey: 'kubernetes.io/hostname',
          },
        },
      ],
    },
  };
  podSpec.topologySpreadConstraints = [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { app: name } },
    },
  ];
  return yamlDocument({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(spec),
    spec: {
      '#': 'Replicas and resources are set per environment in overlays/<env>/patch-*.yaml.',
      replicas: size.replicas,
      revisionHistoryLimit: 10,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: labels(spec),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(kind.metricsPort.port),
            'prometheus.io/path': kind.metricsPath,
          },
        },
        spec: podSpec,
      },
    },
  });
}

function service(spec: AppSpec): string {
  const ports: YamlObject[] = [
    { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
  ];
  for (const port of KINDS[spec.kind].ports.slice(1)) {
    ports.push({
      name: port.name,
      port: port.port,
      targetPort: port.name,
      protocol: 'TCP',
    });
  }
  return yamlDocument({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(spec),
    spec: {
      type: 'ClusterIP',
      selector: { app: spec.name },
      ports,
      sessionAffinity: 'None',
    },
  });
}

/** Settings that are the same in every environment (`envConfig` adds the rest). */
function baseConfig(spec: AppSpec): Map<string, string> {
  const kind = KINDS[spec.kind];
  // A Map, because a later key of the same name replaces an earlier one in place.
  const config = new Map<string, string>([
    ['SERVICE_NAME', spec.name],
    ['HTTP_PORT', '8080'],
  ]);
  const set = (values: Record<string, string>) =>
    Object.entries(values).forEach(([key, value]) => config.set(key, value));
  set(kind.runtimeConfig);
  if (kind.component === 'backend') config.set('AWS_REGION', PLATFORM.region);
  if (spec.database) {
    config.set('DB_PORT', '5432');
    config.set('DB_NAME', spec.database.name);
  }
  if (spec.cache) {
    config.set('REDIS_PORT', '6379');
    config.set('REDIS_TLS', 'true');
  }
  for (const dependency of spec.dependencies) {
    config.set(`${envPrefix(dependency)}_URL`, serviceUrl(dependency));
  }
  set(spec.config);
  return config;
}

function envConfig(spec: AppSpec, env: EnvironmentName): Map<string, string> {
  const kind = KINDS[spec.kind];
  const zone = PLATFORM.internalZone;
  const config = new Map<string, string>([
    ['ENVIRONMENT', env],
    ['LOG_LEVEL', PLATFORM.logLevel[env]],
  ]);
  const set = (values: Record<string, string>) =>
    Object.entries(values).forEach(([key, value]) => config.set(key, value));
  set(kind.envRuntimeConfig(env));
  if (spec.database) {
    config.set('DB_HOST', `${spec.database.instance}.${env}.${zone}`);
    config.set('DB_POOL_MAX_SIZE', PLATFORM.dbPoolMaxSize[env]);
  }
  if (spec.cache) {
    config.set('REDIS_HOST', `${PLATFORM.cacheName}.${env}.${zone}`);
  }
  if (spec.bucket) config.set('PRODUCT_IMAGES_BUCKET', `${spec.bucket}-${env}`);
  if (spec.queue) {
    config.set('ORDER_QUEUE_NAME', `${spec.queue}-${env}`);
    config.set('ORDER_DLQ_NAME', `${spec.queue}-dlq-${env}`);
  }
  set(spec.envConfig[env] ?? {});
  return config;
}

function configEnv(spec: AppSpec): string {
  const lines = [
    `# Settings of ${spec.name} that are the same in every environment. Each`,
    '# overlays/<env>/kustomization.yaml merges in the environment-specific ones',
    '# (ENVIRONMENT, LOG_LEVEL, hosts, queue and bucket names) with configMapGenerator.',
  ];
  for (const [key, value] of baseConfig(spec)) lines.push(`${key}=${value}`);
  return `${lines.join('\n')}\n`;
}

function externalSecret(
  spec: AppSpec,
  name: string,
  remote: string,
  keys: string[],
): YamlObject {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: metadata(spec, { name }),
    spec: {
      refreshInterval: '1h',
      secretStoreRef: {
        name: 'aws-secrets-manager',
        kind: 'ClusterSecretStore',
      },
      target: { name, creationPolicy: 'Owner' },
      data: keys.map(key => ({
        secretKey: key,
        remoteRef: { key: remote, property: key },
      })),
    },
  };
}

function externalSecrets(spec: AppSpec): string | undefined {
  const n = spec.name;
  const objects: YamlObject[] = [];
  if (spec.database) {
    objects.push(
      externalSecret(
        spec,
        `${n}-db-credentials`,
        `\${ENVIRONMENT}/${n}/database`,
        ['url', 'username', 'password'],
      ),
    );
  }
  if (spec.cache) {
    objects.push(
      externalSecret(
        spec,
        `${n}-redis-credentials`,
        `\${ENVIRONMENT}/${PLATFORM.cacheName}/auth`,
        ['auth-token'],
      ),
    );
  }
  if (spec.secrets.length) {
    objects.push(
      externalSecret(
        spec,
        `${n}-secrets`,
        `\${ENVIRONMENT}/${n}/app`,
        spec.secrets.map(secret => secret.key),
      ),
    );
  }
  if (!objects.length) return undefined;
  return yamlDocuments(
    objects,
    `Secrets come from AWS Secrets Manager under <env>/<name>/...; ENVIRONMENT is\nsubstituted by Flux (postBuild) from clusters/<env>-cluster/apps/${n}.yaml.`,
  );
}

function serviceMonitor(spec: AppSpec): string {
  const kind = KINDS[spec.kind];
  return yamlDocument({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: metadata(spec),
    spec: {
      selector: { matchLabels: { app: spec.name } },
      endpoints: [
        {
          port: kind.metricsPort.name,
          path: kind.metricsPath,
          interval: '30s',
          scrapeTimeout: '10s',
        },
      ],
    },
  });
}

function ingress(
  spec: AppSpec,
  hosts: Record<EnvironmentName, string>,
): string {
  const host = hosts.prod;
  return yamlDocument({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: metadata(spec, {
      annotations: {
        'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      },
    }),
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [host], secretName: `${spec.name}-tls` }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: { name: spec.name, port: { name: 'http' } },
                },
              },
            ],
          },
        },
      ],
    },
  });
}

function baseKustomization(spec: AppSpec, resourceFiles: string[]): string {
  return yamlDocument({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: spec.name,
    resources: resourceFiles,
    configMapGenerator: [
      {
        name: `${spec.name}-config`,
        envs: ['config.env'],
        options: { labels: labels(spec) },
      },
    ],
    labels: [
      {
        pairs: {
          'app.kubernetes.io/name': spec.name,
          'app.kubernetes.io/component': KINDS[spec.kind].component,
          'app.kubernetes.io/part-of': 'ecommerce-platform',
          'app.kubernetes.io/managed-by': 'flux',
        },
        '#': 'Selectors stay as written in the manifests (app: <name>): they are immutable.',
        includeSelectors: false,
        includeTemplates: true,
      },
    ],
  });
}

// ---------------------------------------------------------------- overlays

function patchReplicas(spec: AppSpec, env: EnvironmentName): string {
  return yamlDocument({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: spec.name },
    spec: { replicas: spec.sizing[env].replicas },
  });
}

function patchResources(spec: AppSpec, env: EnvironmentName): string {
  return yamlDocument({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: spec.name },
    spec: {
      template: {
        spec: {
          containers: [
            { name: spec.name, resources: resources(spec.sizing[env]) },
          ],
        },
      },
    },
  });
}

function patchIngress(
  spec: AppSpec,
  env: EnvironmentName,
  host: string,
): string {
  return [
    `# Public host of ${spec.name} in ${env} (JSON 6902 patch on the base Ingress).`,
    '- op: replace',
    '  path: /spec/rules/0/host',
    `  value: ${host}`,
    '- op: replace',
    '  path: /spec/tls/0/hosts/0',
    `  value: ${host}`,
    '',
  ].join('\n');
}

function hpa(spec: AppSpec): string {
  const utilization = (name: string, averageUtilization: number) => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization } },
  });
  return yamlDocument({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(spec),
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: spec.name,
      },
      minReplicas: spec.hpa.minReplicas,
      maxReplicas: spec.hpa.maxReplicas,
      metrics: [utilization('cpu', 70), utilization('memory', 80)],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 300,
          policies: [
            { type: 'Percent', value: 50, periodSeconds: 60 },
            { type: 'Pods', value: 2, periodSeconds: 60 },
          ],
          selectPolicy: 'Min',
        },
        scaleUp: {
          stabilizationWindowSeconds: 0,
          policies: [
            { type: 'Percent', value: 100, periodSeconds: 30 },
            { type: 'Pods', value: 4, periodSeconds: 30 },
          ],
          selectPolicy: 'Max',
        },
      },
    },
  });
}

function pdb(spec: AppSpec): string {
  return yamlDocument({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(spec),
    spec: { minAvailable: 2, selector: { matchLabels: { app: spec.name } } },
  });
}

/**
 * A NetworkPolicy peer: the pods of app `name` in its namespace. Shared with
 * addApp, which adds peers to the policies of an app's neighbours.
 */
export function appPeer(name: string): YamlObject {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
    podSelector: { matchLabels: { app: name } },
  };
}

/** The ports other apps reach an app on. */
export const APP_PORTS: YamlObject[] = [{ protocol: 'TCP', port: 8080 }];

function networkPolicy(spec: AppSpec): string {
  const kind = KINDS[spec.kind];
  const ingressRules: YamlObject[] = [];
  if (spec.ingressHosts) {
    ingressRules.push({
      from: [
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
          },
          podSelector: {
            matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
          },
        },
      ],
      ports: APP_PORTS,
    });
  }
  if (spec.callers.length) {
    ingressRules.push({
      from: sorted(spec.callers).map(appPeer),
      ports: APP_PORTS,
    });
  }
  ingressRules.push({
    from: [
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
        },
      },
    ],
    ports: [{ protocol: 'TCP', port: kind.metricsPort.port }],
  });
  const egress: YamlObject[] = [
    {
      to: [
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
          },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    },
  ];
  if (spec.dependencies.length) {
    egress.push({
      to: sorted(spec.dependencies).map(appPeer),
      ports: APP_PORTS,
    });
  }
  const vpc = [{ ipBlock: { cidr: PLATFORM.prodVpcCidr } }];
  if (spec.database) {
    egress.push({ to: vpc, ports: [{ protocol: 'TCP', port: 5432 }] });
  }
  if (spec.cache) {
    egress.push({ to: vpc, ports: [{ protocol: 'TCP', port: 6379 }] });
  }
  if (kind.component === 'backend') {
    egress.push({
      to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
      ports: [{ protocol: 'TCP', port: 443 }],
    });
  }
  const header =
    kind.component === 'backend'
      ? `Who may talk to ${spec.name} in prod: callers from apps/README.md, Prometheus;\nRDS/ElastiCache live in the prod VPC (${PLATFORM.prodVpcCidr}); HTTPS out for AWS APIs.`
      : `Who may talk to ${spec.name} in prod: ingress-nginx, Prometheus; it calls the\nbackends it proxies (apps/README.md).`;
  return yamlDocument(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(spec),
      spec: {
        podSelector: { matchLabels: { app: spec.name } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: ingressRules,
        egress,
      },
    },
    header,
  );
}

function overlayKustomization(spec: AppSpec, env: EnvironmentName): string {
  const resourceFiles = ['../../base'];
  if (env === 'prod')
    resourceFiles.push('hpa.yaml', 'pdb.yaml', 'networkpolicy.yaml');
  const patches: YamlObject[] = [
    { path: 'patch-replicas.yaml' },
    { path: 'patch-resources.yaml' },
  ];
  if (spec.ingressHosts) {
    patches.push({
      path: 'patch-ingress.yaml',
      target: { kind: 'Ingress', name: spec.name },
    });
  }
  return yamlDocument({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: spec.name,
    resources: resourceFiles,
    patches,
    images: [
      {
        name: `${PLATFORM.imageRepository}/${spec.name}`,
        newTag: spec.tags[env],
      },
    ],
    configMapGenerator: [
      {
        name: `${spec.name}-config`,
        behavior: 'merge',
        literals: [...envConfig(spec, env)].map(
          ([key, value]) => `${key}=${value}`,
        ),
      },
    ],
    labels: [
      {
        pairs: { environment: env },
        includeSelectors: false,
        includeTemplates: true,
      },
    ],
  });
}

// ---------------------------------------------------------------- clusters

function fluxKustomization(spec: AppSpec, env: EnvironmentName): string {
  const cluster = clusterName(env);
  return yamlDocument({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: spec.name,
      namespace: 'flux-system',
      labels: labels(spec),
    },
    spec: {
      interval: '5m',
      retryInterval: '1m',
      timeout: KINDS[spec.kind].rolloutTimeout,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      path: `./apps/${spec.name}/overlays/${env}`,
      prune: true,
      '#': 'Ready only once the Deployment has rolled out and the ExternalSecrets are synced.',
      wait: true,
      '#1': 'Admitted only once the platform, its secret store and the policies are in place.',
      dependsOn: [
        { name: 'infrastructure' },
        { name: 'infrastructure-configs' },
        { name: 'policies' },
      ],
      postBuild: {
        substitute: {
          CLUSTER_NAME: cluster,
          ENVIRONMENT: env,
          AWS_REGION: PLATFORM.region,
        },
        substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-vars' }],
      },
      patches: [
        {
          patch: new Literal(
            `- op: add\n  path: /spec/template/metadata/labels/cluster\n  value: ${cluster}\n`,
          ),
          target: { kind: 'Deployment' },
        },
      ],
    },
  });
}

// ---------------------------------------------------------------- monitoring

function prometheusRule(spec: AppSpec): string {
  const n = spec.name;
  const sel = `service="${n}"`;
  const rule = (
    alert: string,
    expr: string,
    duration: string,
    severity: string,
    summary: string,
    description: string,
  ): YamlObject => ({
    alert,
    expr: new Literal(expr),
    for: duration,
    labels: { severity, service: n },
    annotations: { summary, description },
  });
  const rules = [
    rule(
      'HighErrorRate',
      `sum(rate(http_requests_total{${sel},status=~"5.."}[5m]))\n  /\nsum(rate(http_requests_total{${sel}}[5m])) > 0.05\n`,
      '5m',
      'critical',
      `High error rate in ${n}`,
      'Error rate is {{ $value | humanizePercentage }} (threshold: 5%)',
    ),
    rule(
      'HighResponseTime',
      `histogram_quantile(0.95,\n  sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[5m]))\n) > 1\n`,
      '10m',
      'warning',
      `High response time in ${n}`,
      'P95 latency is {{ $value | humanizeDuration }}',
    ),
    rule(
      'PodCrashLooping',
      `increase(kube_pod_container_status_restarts_total{namespace="${n}",pod=~"${n}-.*"}[15m]) > 0\n`,
      '5m',
      'critical',
      'Pod {{ $labels.pod }} is crash looping',
      'Pod has restarted {{ $value }} times in the last 15 minutes',
    ),
  ];
  if (spec.database) {
    rules.push(
      rule(
        'DatabaseConnectionPoolExhausted',
        `hikaricp_connections_active{${sel}}\n  /\nhikaricp_connections_max{${sel}} > 0.9\n`,
        '5m',
        'warning',
        'Database connection pool near capacity',
        'Connection pool is {{ $value | humanizePercentage }} full',
      ),
    );
  }
  return yamlDocument({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: `${n}-alerts`,
      namespace: 'monitoring',
      labels: labels(spec),
    },
    spec: { groups: [{ name: n, interval: '30s', rules }] },
  });
}

function dashboardJson(spec: AppSpec): string {
  const n = spec.name;
  const sel = `service="${n}"`;
  const datasource = { type: 'prometheus', uid: 'prometheus' };
  const panels = [
    {
      title: 'Request Rate',
      expr: `sum(rate(http_requests_total{${sel}}[5m]))`,
      unit: 'reqps',
      legend: n,
    },
    {
      title: 'Error Rate',
      expr: `sum(rate(http_requests_total{${sel},status=~"5.."}[5m])) / sum(rate(http_requests_total{${sel}}[5m]))`,
      unit: 'percentunit',
      legend: n,
    },
    {
      title: 'Response Time (p95)',
      expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[5m])))`,
      unit: 's',
      legend: n,
    },
  ];
  if (spec.database) {
    panels.push({
      title: 'Database Connections',
      expr: `sum by (pod) (hikaricp_connections_active{${sel}})`,
      unit: 'short',
      legend: '{{pod}}',
    });
  }
  const model = {
    uid: n,
    title: `${title(n)} Metrics`,
    tags: ['ecommerce', n, spec.kind],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    editable: false,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [] },
    annotations: { list: [] },
    panels: panels.map((panel, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: panel.title,
      datasource,
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      options: {
        legend: { displayMode: 'list', placement: 'bottom' },
        tooltip: { mode: 'multi' },
      },
      targets: [
        {
          refId: 'A',
          datasource,
          expr: panel.expr,
          legendFormat: panel.legend,
        },
      ],
    })),
  };
  return `${JSON.stringify(model, null, 2)}\n`;
}

function dashboard(spec: AppSpec): string {
  const n = spec.name;
  return yamlDocument({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${n}-dashboard`,
      namespace: 'monitoring',
      labels: {
        ...labels(spec),
        '#': 'Picked up by the Grafana dashboard sidecar (infrastructure/base/grafana).',
        grafana_dashboard: '1',
      },
    },
    data: { [`${n}.json`]: new Literal(dashboardJson(spec)) },
  });
}

/**
 * Every file of a new app, keyed by its path relative to the gitops-config
 * root: `apps/<name>/base/*`, `apps/<name>/overlays/<env>/*`,
 * `clusters/<env>-cluster/apps/<name>.yaml`, the app's PrometheusRule and
 * Grafana dashboard. The lists that include these files, the apps README and
 * the NetworkPolicies of its neighbours are edited by `addApp`.
 *
 * Throws an InputError naming every field of the spec that is invalid.
 *
 * @public
 */
export function renderApp(spec: AppSpec): Record<string, string> {
  validateAppSpec(spec);
  const files: Record<string, string> = {};
  const n = spec.name;
  const base = `apps/${n}/base`;
  const baseResources = [
    'namespace.yaml',
    'serviceaccount.yaml',
    'deployment.yaml',
    'service.yaml',
  ];
  files[`${base}/namespace.yaml`] = namespace(spec);
  files[`${base}/serviceaccount.yaml`] = serviceAccount(spec);
  files[`${base}/deployment.yaml`] = deployment(spec);
  files[`${base}/service.yaml`] = service(spec);
  if (spec.ingressHosts) {
    files[`${base}/ingress.yaml`] = ingress(spec, spec.ingressHosts);
    baseResources.push('ingress.yaml');
  }
  files[`${base}/config.env`] = configEnv(spec);
  const secrets = externalSecrets(spec);
  if (secrets) {
    files[`${base}/externalsecret.yaml`] = secrets;
    baseResources.push('externalsecret.yaml');
  }
  files[`${base}/servicemonitor.yaml`] = serviceMonitor(spec);
  baseResources.push('servicemonitor.yaml');
  files[`${base}/kustomization.yaml`] = baseKustomization(spec, baseResources);
  for (const env of ENVIRONMENTS) {
    const overlay = `apps/${n}/overlays/${env}`;
    files[`${overlay}/kustomization.yaml`] = overlayKustomization(spec, env);
    files[`${overlay}/patch-replicas.yaml`] = patchReplicas(spec, env);
    files[`${overlay}/patch-resources.yaml`] = patchResources(spec, env);
    if (spec.ingressHosts) {
      files[`${overlay}/patch-ingress.yaml`] = patchIngress(
        spec,
        env,
        spec.ingressHosts[env],
      );
    }
    if (env === 'prod') {
      files[`${overlay}/hpa.yaml`] = hpa(spec);
      files[`${overlay}/pdb.yaml`] = pdb(spec);
      files[`${overlay}/networkpolicy.yaml`] = networkPolicy(spec);
    }
    files[appPaths.fluxKustomization(n, env)] = fluxKustomization(spec, env);
  }
  files[appPaths.rule(n)] = prometheusRule(spec);
  files[appPaths.dashboard(n)] = dashboard(spec);
  return files;
}
