import * as certManagerV1 from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import * as externalSecretsV1 from '@kubernetes-models/external-secrets/external-secrets.io/v1';
import * as helmV2 from '@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2';
import * as kustomizeV1 from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1';
import * as notificationV1beta3 from '@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3';
import * as sourceV1 from '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1';
import * as kyvernoV1 from '@kubernetes-models/kyverno/kyverno.io/v1';
import * as monitoringV1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as coreV1 from 'kubernetes-models/v1';

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: object): { validate(): void };
}

interface SchemaError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

// The object schemas, generated from the OpenAPI of Kubernetes and from the
// CRDs of the controllers the platform runs (kubernetes-models packages).
const MODULES: object[] = [
  coreV1,
  appsV1,
  autoscalingV2,
  batchV1,
  networkingV1,
  policyV1,
  rbacV1,
  kustomizeV1,
  sourceV1,
  helmV2,
  notificationV1beta3,
  externalSecretsV1,
  monitoringV1,
  kyvernoV1,
  certManagerV1,
];

function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<ModelClass>).apiVersion === 'string' &&
    typeof (value as Partial<ModelClass>).kind === 'string'
  );
}

let registry: Map<string, ModelClass> | undefined;

function models(): Map<string, ModelClass> {
  if (!registry) {
    registry = new Map();
    for (const module of MODULES) {
      for (const value of Object.values(module)) {
        if (isModelClass(value) && !value.kind.endsWith('List')) {
          registry.set(`${value.apiVersion}/${value.kind}`, value);
        }
      }
    }
  }
  return registry;
}

/** `apiVersion/kind` of every object the suite has a schema for. */
export function knownKinds(): string[] {
  return [...models().keys()].sort();
}

function describe(error: SchemaError): string {
  const at = (error.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map(part => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const allowed = error.params?.allowedValues;
  const detail = Array.isArray(allowed)
    ? `${error.message}: ${allowed.join(', ')}`
    : error.message ?? 'is invalid';
  return `${at || '(object)'} ${detail}`;
}

/**
 * Validates an object against the schema of its apiVersion and kind. Returns
 * the problems (empty when valid), or undefined when no schema is known for
 * that apiVersion and kind.
 */
export function schemaProblems(object: {
  apiVersion?: unknown;
  kind?: unknown;
  [field: string]: unknown;
}): string[] | undefined {
  const Model = models().get(`${object.apiVersion}/${object.kind}`);
  if (!Model) return undefined;
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: SchemaError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors.map(describe);
  }
}
