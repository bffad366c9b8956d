import { defineConfig } from '@playwright/test';

/**
 * Browser tests run in the machine's Chromium (Debian's package), never a
 * browser downloaded by Playwright. `scripts/test.sh` installs it when missing.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/e2e.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  // Starts the Kubernetes API double of the three clusters, then backend
  // (7007) and frontend (3000) with app-config.e2e.yaml pointing at it,
  // unless they are already running.
  webServer: [
    {
      command:
        'node --require @backstage/cli/config/nodeTransform.cjs packages/test-harness/src/kubernetes/serve.ts --port 7441 --token e2e-token --gitops-config gitops-config --reconcile-delay-ms 500',
      port: 7441,
      reuseExistingServer: true,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command:
        'yarn start --config ../../app-config.yaml --config ../../packages/app/e2e-tests/app-config.e2e.yaml',
      url: 'http://localhost:3000',
      reuseExistingServer: true,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: 'test-results/e2e-artifacts',
  projects: [{ name: 'app', testDir: 'packages/app/e2e-tests' }],
});
