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
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
}

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
  for (const title of ['Node.js service']) {
    await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  }
});
