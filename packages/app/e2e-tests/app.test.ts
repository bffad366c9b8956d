import { expect, Page, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

const PLATFORM_COMPONENTS = [
  'frontend',
  'user-service',
  'product-catalog',
  'cart-service',
  'order-service',
  'payment-service',
  'notification-service',
  'search-service',
];

const componentLink = (page: Page, name: string) =>
  page.locator(`table a[href$="/catalog/default/component/${name}"]`).first();

test('a guest signs in and finds the e-commerce platform in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);

  // All components of the ecommerce-platform system, whoever owns them.
  await page.goto('/?filters[kind]=component&filters[user]=all');
  for (const name of PLATFORM_COMPONENTS) {
    await expect(componentLink(page, name)).toBeVisible();
  }

  await componentLink(page, 'user-service').click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/user-service/);
  await expect(
    page.getByRole('heading', { name: 'User service', exact: true }),
  ).toBeVisible();
  // The About card names the owner and the system.
  await expect(
    page.locator('a[href$="/catalog/default/group/identity-team"]').first(),
  ).toBeVisible();
  await expect(
    page
      .locator('a[href$="/catalog/default/system/ecommerce-platform"]')
      .first(),
  ).toBeVisible();
});

test('"Create component" lists the golden-path templates', async ({ page }) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Create', exact: true }).first().click();
  await expect(page).toHaveURL(/\/create/);
  for (const title of [
    'Node.js service',
    'Spring Boot service',
    'React frontend',
    'Promote a release',
  ]) {
    await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  }
});

test('"Create component" creates a Node.js service from the browser', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Unique per run: the local git repositories (.data/git) outlive a run.
  const name = `browser-${Date.now().toString(36)}`;
  await signInAsGuest(page);
  await page.goto('/create/templates/default/node-service');

  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page
    .getByRole('textbox', { name: /^Description/ })
    .fill('Made by the browser test.');
  // The owner picker takes a typed group name as well as a picked one.
  const owner = page.getByRole('textbox', { name: /^Owner/ });
  await owner.fill('checkout-team');
  await owner.press('Tab');
  await page.getByRole('button', { name: 'Next' }).click();

  // Data stores: the defaults (none).
  await page.getByRole('button', { name: 'Next' }).click();

  // Repository location: the organisation is the only one allowed.
  // An autocomplete: typed like a person, committed by leaving the field.
  const repository = page.getByRole('textbox', { name: /^Repository/ });
  await repository.click();
  await repository.pressSequentially(name);
  await repository.press('Tab');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The run finishes with links to what it made.
  await expect(page.getByRole('link', { name: 'Repository' })).toBeVisible({
    timeout: 120_000,
  });
  await expect(page.getByRole('link', { name: 'GitOps change' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Open in catalog' }),
  ).toBeVisible();
  // No data stores, so there is no infrastructure change to link.
  await expect(
    page.getByRole('link', { name: 'Infrastructure change' }),
  ).toHaveCount(0);

  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();

  // Its page reads the GitOps and infrastructure repositories the run
  // merged into (read again every 10 s): the tags gitops:app:create
  // declared, not yet running anywhere, and what the service will cost.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('deployment-dev')).toContainText(
      'sha-0000000',
      { timeout: 2000 },
    );
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('deployment-prod')).toContainText('v0.0.0');
  await expect(
    page.getByText(/\$[\d,]+\.\d\d a month in dev, staging, prod/),
  ).toBeVisible();
});
