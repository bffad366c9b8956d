import { expect, Page } from '@playwright/test';

/** Signs in as the guest (a member of platform-team) and waits for the nav. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
}
