import { Entity } from '@backstage/catalog-model';
import { ProviderContext } from './types';

/** A provider context for one release, as an evaluation makes it. */
export function providerContext(
  overrides: Partial<ProviderContext> & { entity?: Entity } = {},
): ProviderContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    entityRef: 'component:default/user-service',
    service: 'user-service',
    version: 'v1.2.3',
    signal: new AbortController().signal,
    once<T>(key: string, load: () => Promise<T>) {
      if (!memo.has(key)) memo.set(key, load());
      return memo.get(key) as Promise<T>;
    },
    ...overrides,
  };
}
