import { gitopsServiceOf } from './annotations';

describe('gitopsServiceOf', () => {
  const entity = (name: string, annotations?: Record<string, string>) => ({
    metadata: { name, annotations },
  });

  it('takes the last folder of the gitops-path, else the kubernetes-id, else the name', () => {
    expect(
      gitopsServiceOf(
        entity('users', {
          'goldenpath.dev/gitops-path': 'apps/user-service/',
          'backstage.io/kubernetes-id': 'users-k8s',
        }),
      ),
    ).toBe('user-service');
    expect(
      gitopsServiceOf(
        entity('users', { 'backstage.io/kubernetes-id': 'users-k8s' }),
      ),
    ).toBe('users-k8s');
    expect(gitopsServiceOf(entity('users'))).toBe('users');
  });
});
