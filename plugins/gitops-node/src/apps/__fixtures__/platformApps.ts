import { AppSizing, AppSpec } from '../types';

/**
 * The parameters of the eight apps of gitops-config, ported from the Python
 * generator that wrote them (params.py). Rendering each must reproduce the
 * checked-in files byte for byte.
 */

function size(
  replicas: number,
  requestsCpu: string,
  requestsMemory: string,
  limitsCpu: string,
  limitsMemory: string,
): AppSizing {
  return {
    replicas,
    requests: { cpu: requestsCpu, memory: requestsMemory },
    limits: { cpu: limitsCpu, memory: limitsMemory },
  };
}

export const PLATFORM_APPS: AppSpec[] = [
  {
    name: 'frontend',
    kind: 'frontend',
    owner: 'web-team',
    cache: false,
    dependencies: [
      'user-service',
      'product-catalog',
      'cart-service',
      'order-service',
      'search-service',
    ],
    callers: [],
    secrets: [],
    config: {},
    envConfig: {},
    ingressHosts: {
      dev: 'www.dev.ecommerce.com',
      staging: 'www.staging.ecommerce.com',
      prod: 'www.ecommerce.com',
    },
    sizing: {
      dev: size(1, '50m', '64Mi', '200m', '128Mi'),
      staging: size(2, '100m', '96Mi', '300m', '192Mi'),
      prod: size(3, '200m', '128Mi', '500m', '256Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 10 },
    tags: {
      dev: 'sha-3f9c2ab',
      staging: 'v2.4.0',
      prod: 'v2.3.1',
    },
  },
  {
    name: 'user-service',
    kind: 'java',
    owner: 'identity-team',
    database: { instance: 'user-service-db', name: 'userservice' },
    cache: true,
    dependencies: [],
    callers: ['frontend', 'order-service'],
    secrets: [{ name: 'JWT_SECRET', key: 'jwt-secret' }],
    config: {
      CACHE_TTL: '3600',
      SESSION_TIMEOUT: '1800',
      MAX_LOGIN_ATTEMPTS: '5',
      TOKEN_EXPIRATION: '86400',
    },
    envConfig: {
      prod: {
        CACHE_TTL: '7200',
      },
    },
    sizing: {
      dev: size(1, '100m', '256Mi', '500m', '512Mi'),
      staging: size(2, '250m', '512Mi', '1000m', '1Gi'),
      prod: size(5, '500m', '1Gi', '2000m', '2Gi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 20 },
    tags: {
      dev: 'sha-8d41e07',
      staging: 'v1.3.0',
      prod: 'v1.2.3',
    },
  },
  {
    name: 'product-catalog',
    kind: 'java',
    owner: 'catalog-team',
    database: { instance: 'product-catalog-db', name: 'productcatalog' },
    cache: false,
    bucket: 'ecommerce-product-images',
    dependencies: [],
    callers: ['frontend', 'cart-service', 'search-service'],
    secrets: [],
    config: {
      IMAGE_CDN_BASE_URL: 'https://images.ecommerce.com',
      PAGE_SIZE_MAX: '100',
    },
    envConfig: {},
    sizing: {
      dev: size(1, '100m', '384Mi', '500m', '768Mi'),
      staging: size(2, '200m', '512Mi', '1000m', '1Gi'),
      prod: size(4, '500m', '1Gi', '1500m', '2Gi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 15 },
    tags: {
      dev: 'sha-b2c7f19',
      staging: 'v1.8.2',
      prod: 'v1.8.1',
    },
  },
  {
    name: 'cart-service',
    kind: 'node',
    owner: 'checkout-team',
    cache: true,
    dependencies: ['product-catalog'],
    callers: ['frontend', 'order-service'],
    secrets: [],
    config: {
      CART_TTL_SECONDS: '604800',
    },
    envConfig: {},
    sizing: {
      dev: size(1, '50m', '128Mi', '250m', '256Mi'),
      staging: size(2, '100m', '192Mi', '500m', '384Mi'),
      prod: size(4, '250m', '384Mi', '1000m', '768Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 15 },
    tags: {
      dev: 'sha-5e0a3d4',
      staging: 'v0.9.4',
      prod: 'v0.9.4',
    },
  },
  {
    name: 'order-service',
    kind: 'java',
    owner: 'checkout-team',
    database: { instance: 'order-service-db', name: 'orderservice' },
    cache: false,
    queue: 'order-processing',
    dependencies: [
      'cart-service',
      'payment-service',
      'user-service',
      'notification-service',
    ],
    callers: ['frontend'],
    secrets: [],
    config: {
      ORDER_QUEUE_VISIBILITY_TIMEOUT: '300',
      ORDER_QUEUE_MAX_RECEIVE_COUNT: '3',
    },
    envConfig: {},
    sizing: {
      dev: size(1, '100m', '384Mi', '500m', '768Mi'),
      staging: size(2, '250m', '512Mi', '1000m', '1Gi'),
      prod: size(4, '500m', '1Gi', '2000m', '2Gi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 16 },
    tags: {
      dev: 'sha-c71f2e8',
      staging: 'v2.1.0',
      prod: 'v2.0.3',
    },
  },
  {
    name: 'payment-service',
    kind: 'java',
    owner: 'checkout-team',
    database: { instance: 'payment-service-db', name: 'paymentservice' },
    cache: false,
    dependencies: [],
    callers: ['order-service'],
    secrets: [
      { name: 'PAYMENT_PROVIDER_API_KEY', key: 'provider-api-key' },
      { name: 'PAYMENT_WEBHOOK_SECRET', key: 'webhook-secret' },
    ],
    config: {
      PAYMENT_PROVIDER_TIMEOUT_MS: '10000',
      IDEMPOTENCY_KEY_TTL: '86400',
    },
    envConfig: {},
    sizing: {
      dev: size(1, '100m', '256Mi', '500m', '512Mi'),
      staging: size(2, '200m', '512Mi', '1000m', '1Gi'),
      prod: size(3, '400m', '768Mi', '1500m', '1536Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 10 },
    tags: {
      dev: 'sha-1a9b6c3',
      staging: 'v1.5.1',
      prod: 'v1.5.1',
    },
  },
  {
    name: 'notification-service',
    kind: 'node',
    owner: 'engagement-team',
    cache: false,
    dependencies: [],
    callers: ['order-service'],
    secrets: [
      { name: 'EMAIL_PROVIDER_API_KEY', key: 'email-provider-api-key' },
    ],
    config: {
      EMAIL_FROM_ADDRESS: 'no-reply@ecommerce.com',
    },
    envConfig: {},
    sizing: {
      dev: size(1, '50m', '128Mi', '200m', '256Mi'),
      staging: size(1, '100m', '128Mi', '300m', '256Mi'),
      prod: size(3, '150m', '256Mi', '500m', '512Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 8 },
    tags: {
      dev: 'sha-e4d8207',
      staging: 'v0.6.0',
      prod: 'v0.5.2',
    },
  },
  {
    name: 'search-service',
    kind: 'node',
    owner: 'catalog-team',
    cache: false,
    dependencies: ['product-catalog'],
    callers: ['frontend'],
    secrets: [],
    config: {
      SEARCH_RESULTS_MAX: '50',
      INDEX_REFRESH_INTERVAL_SECONDS: '300',
    },
    envConfig: {},
    sizing: {
      dev: size(1, '100m', '256Mi', '500m', '512Mi'),
      staging: size(2, '200m', '384Mi', '800m', '768Mi'),
      prod: size(3, '500m', '768Mi', '1500m', '1536Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 12 },
    tags: {
      dev: 'sha-9f03b5a',
      staging: 'v1.1.0',
      prod: 'v1.0.7',
    },
  },
];
