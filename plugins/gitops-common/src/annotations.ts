/**
 * Path of a component's folder in the GitOps repository, e.g. `apps/user-service`.
 *
 * @public
 */
export const GITOPS_PATH_ANNOTATION = 'goldenpath.dev/gitops-path';

/**
 * The Terraform module instance (in each environment's main.tf) that provisions
 * a resource, e.g. `user_service_db`.
 *
 * @public
 */
export const TERRAFORM_MODULE_ANNOTATION = 'goldenpath.dev/terraform-module';

/**
 * The runtime a component is built on: `java`, `node` or `frontend`.
 *
 * @public
 */
export const RUNTIME_ANNOTATION = 'goldenpath.dev/runtime';

/**
 * The label, annotation and Flux object name that tie Kubernetes objects to a
 * catalog component.
 *
 * @public
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/**
 * The app of the GitOps repository a catalog entity stands for: the last
 * segment of its `goldenpath.dev/gitops-path` annotation, else its
 * `backstage.io/kubernetes-id`, else its name. The Flux and cost plugins
 * both answer with this, so their tabs show the same app.
 *
 * @public
 */
export function gitopsServiceOf(entity: {
  metadata: { name: string; annotations?: Record<string, string> };
}): string {
  const annotations = entity.metadata.annotations ?? {};
  const path = annotations[GITOPS_PATH_ANNOTATION]?.replace(/\/+$/, '');
  if (path) return path.slice(path.lastIndexOf('/') + 1);
  return annotations[KUBERNETES_ID_ANNOTATION] ?? entity.metadata.name;
}
