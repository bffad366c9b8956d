import { expect, Page, test } from '@playwright/test';

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

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toBeVisible();
}

test('a guest signs in and finds the e-commerce platform in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);

  // All components of the ecommerce-platform system, whoever owns them.
  await page.goto('/?filters[kind]=component&filters[user]=all');
  const table = page.getByRole('table');
  for (const name of PLATFORM_COMPONENTS) {
    await expect(
      table.getByRole('link', { name, exact: true }).first(),
    ).toBeVisible();
  }

  await table.getByRole('link', { name: 'user-service', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/user-service/);
  await expect(
    page.getByRole('heading', { name: 'user-service', level: 1 }),
  ).toBeVisible();
  await expect(page.getByText('identity-team').first()).toBeVisible();
  await expect(page.getByText('ecommerce-platform').first()).toBeVisible();
});

test('"Create component" lists the golden-path templates', async ({ page }) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: /create/i })
    .click();
  await expect(page).toHaveURL(/\/create/);
  for (const title of ['Node.js service']) {
    await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  }
});
