import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { FluxReadiness } from '@goldenpath/backstage-plugin-flux-common';
import { ReadinessStatus } from './ReadinessStatus';

describe('ReadinessStatus', () => {
  it.each<[FluxReadiness, string, string]>([
    ['ready', 'Ready', 'Status ok'],
    ['reconciling', 'Reconciling', 'Status pending'],
    ['stalled', 'Stalled', 'Status warning'],
    ['failed', 'Failed', 'Status error'],
    ['unknown', 'unknown', 'Status aborted'],
  ])(
    'shows %s as %s with the matching status',
    async (readiness, label, aria) => {
      await renderInTestApp(<ReadinessStatus readiness={readiness} />);
      expect(screen.getByText(label)).toBeInTheDocument();
      expect(screen.getByLabelText(aria)).toBeInTheDocument();
    },
  );

  it('shows a readiness it does not know as unknown', async () => {
    await renderInTestApp(
      <ReadinessStatus readiness={'degraded' as FluxReadiness} />,
    );
    expect(screen.getByText('unknown')).toBeInTheDocument();
    expect(screen.getByLabelText('Status aborted')).toBeInTheDocument();
  });
});
