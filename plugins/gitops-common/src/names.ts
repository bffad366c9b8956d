/**
 * A Kubernetes object name (RFC 1123 subdomain): lowercase alphanumeric
 * labels joined by dots, at most 253 characters.
 *
 * @public
 */
export const KUBERNETES_NAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A Kubernetes namespace name (RFC 1123 label): lowercase alphanumerics and
 * '-', at most 63 characters.
 *
 * @public
 */
export const KUBERNETES_NAMESPACE =
  /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
