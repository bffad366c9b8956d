import { mockServices } from '@backstage/backend-test-utils';
import { AnonymousStrategy } from '@backstage/plugin-kubernetes-backend';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type { KubernetesCredential } from '@backstage/plugin-kubernetes-node';
import { ClusterCredentials } from './credentials';
import type { FluxCluster } from '../config/readFluxConfig';

const cluster: FluxCluster = {
  name: 'dev',
  url: 'https://dev.example.com',
  details: {
    name: 'dev',
    url: 'https://dev.example.com',
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
    },
    skipTLSVerify: false,
  },
};

describe('ClusterCredentials', () => {
  const credentials = () =>
    new ClusterCredentials({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });

  afterEach(() => jest.restoreAllMocks());

  it('fetches one credential for concurrent requests', async () => {
    let arrive: (credential: KubernetesCredential) => void = () => {};
    const getCredential = jest
      .spyOn(AnonymousStrategy.prototype, 'getCredential')
      .mockImplementation(
        () =>
          new Promise<KubernetesCredential>(resolve => {
            arrive = resolve;
          }),
      );
    const subject = credentials();

    const requests = Array.from({ length: 12 }, () =>
      subject.credential(cluster),
    );
    arrive({ type: 'anonymous' });
    const received = await Promise.all(requests);

    expect(getCredential).toHaveBeenCalledTimes(1);
    expect(received).toEqual(
      Array.from({ length: 12 }, () => ({ type: 'anonymous' })),
    );
    await subject.credential(cluster);
    expect(getCredential).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed fetch', async () => {
    const getCredential = jest
      .spyOn(AnonymousStrategy.prototype, 'getCredential')
      .mockRejectedValueOnce(new Error('STS is down'))
      .mockResolvedValueOnce({ type: 'anonymous' });
    const subject = credentials();

    const failed = await Promise.allSettled([
      subject.credential(cluster),
      subject.credential(cluster),
    ]);
    expect(failed.map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect(failed[0]).toMatchObject({
      reason: expect.objectContaining({
        message: expect.stringContaining('STS is down'),
      }),
    });
    expect(getCredential).toHaveBeenCalledTimes(1);

    await expect(subject.credential(cluster)).resolves.toEqual({
      type: 'anonymous',
    });
    expect(getCredential).toHaveBeenCalledTimes(2);
  });

  it('fetches again once the credential has expired', async () => {
    const getCredential = jest
      .spyOn(AnonymousStrategy.prototype, 'getCredential')
      .mockResolvedValue({ type: 'anonymous' });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    const subject = credentials();

    await subject.credential(cluster);
    now.mockReturnValue(1_000_000 + 59_999);
    await subject.credential(cluster);
    expect(getCredential).toHaveBeenCalledTimes(1);
    now.mockReturnValue(1_000_000 + 60_000);
    await subject.credential(cluster);
    expect(getCredential).toHaveBeenCalledTimes(2);
  });
});
