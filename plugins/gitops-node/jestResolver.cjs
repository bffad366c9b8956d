// The kubernetes-models packages (schemas of Kubernetes, Flux, external-secrets,
// Prometheus operator and Kyverno objects) publish ES modules only, under the
// "import" export condition, which Jest's CommonJS resolution does not use.
// Resolve those packages with that condition; Jest then transpiles them like
// any other module. Everything else resolves as usual.
const KUBERNETES_MODELS = /^(@kubernetes-models\/|kubernetes-models(\/|$))/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    KUBERNETES_MODELS.test(request) ||
      /[\\/]node_modules[\\/](@kubernetes-models[\\/]|kubernetes-models[\\/])/.test(
        options.basedir,
      )
      ? { ...options, conditions: [...(options.conditions ?? []), 'import'] }
      : options,
  );
