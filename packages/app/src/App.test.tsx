import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('offers guest sign-in locally', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Golden Path Portal',
              signInProviders: ['guest'],
            },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Golden Path Portal')).toBeInTheDocument();
  });
});
