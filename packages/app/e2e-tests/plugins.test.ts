import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The golden path's own tabs on a service's page, against the portal started
 * with app-config.e2e.yaml: Flux status from the Kubernetes API double of the
 * three clusters, cost from the checked-in overlays and Terraform.
 */

const GITOPS_CONFIG = path.resolve(__dirname, '../../../gitops-config');

/** The tag an overlay of gitops-config declares. */
async function declaredTag(service: string, environment: string) {
  const text = await fs.readFile(
    path.join(
      GITOPS_CONFIG,
      `apps/${service}/overlays/${environment}/kustomization.yaml`,
    ),
    'utf8',
  );
  return /newTag:\s*(\S+)/.exec(text)![1];
}

test('the Flux tab shows user-service in dev, staging and prod, and reconciles', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/user-service/flux');

  for (const environment of ['dev', 'staging', 'prod']) {
    const row = page.getByTestId(`environment-${environment}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(
      await declaredTag('user-service', environment),
    );
    await expect(row).toContainText('Ready');
    await expect(row).not.toContainText(/drift/i);
  }

  // Reconcile the first object; the double's controller answers it.
  await page
    .getByRole('button', { name: /^Reconcile Kustomization / })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Reconcile', exact: true }).click();
  await expect(dialog.getByText(/succeeded/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The audit trail records who did what.
  await expect(
    page
      .getByRole('row', {
        name: /Guest reconcile Kustomization flux-system\/user-service/,
      })
      .first(),
  ).toBeVisible();
});

test("user-service's overview sums up its deployments, its latest release and its cost, with links to the tabs", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/user-service');

  for (const environment of ['dev', 'staging', 'prod']) {
    const row = page.getByTestId(`deployment-${environment}`);
    await expect(row).toContainText(
      await declaredTag('user-service', environment),
    );
    await expect(row).toContainText('Ready');
  }
  await expect(
    page.getByRole('group', { name: 'Monthly cost per environment' }),
  ).toBeVisible();
  await expect(
    page.getByText(/\$[\d,]+\.\d\d a month in dev, staging, prod/),
  ).toBeVisible();

  // The latest release: the tag CI last set in the dev overlay, whose release
  // the backend opens shortly after it starts (the card reads it on load).
  const devTag = await declaredTag('user-service', 'dev');
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('link', { name: devTag, exact: true }),
    ).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  await page.getByRole('link', { name: /Flux tab/ }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/user-service\/flux$/,
  );
  await expect(page.getByTestId('environment-prod')).toBeVisible();
  await page.goBack();
  await page.getByRole('link', { name: /Cost tab/ }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/user-service\/cost$/,
  );
});

test('the Cost tab prices user-service per environment and links every figure to its source', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/user-service/cost');

  for (const environment of ['dev', 'staging', 'prod']) {
    await expect(
      page.getByRole('group', { name: `${environment} total` }),
    ).toContainText(/\$[\d,]+\.\d\d \/ month/);
  }
  const prodLines = page.getByRole('table', { name: 'prod cost lines' });
  await expect(prodLines).toContainText('user_service_db');
  // Its column titles stay whole words on one line (the formula column once
  // squeezed them into "Cate/gory" and "Monthl/y"): one line box each.
  const titleLines = await prodLines
    .getByRole('columnheader')
    .evaluateAll(cells =>
      cells.map(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return [cell.textContent, range.getClientRects().length];
      }),
    );
  expect(titleLines).toEqual(
    ['Category', 'Name', 'Formula', 'Monthly', 'Sources'].map(title => [
      title,
      1,
    ]),
  );
  // A figure links to the overlay line it was computed from.
  const source = prodLines
    .locator(
      'a[href*="/local-git/gitops-config/blob/main/apps/user-service/overlays/prod/"]',
    )
    .first();
  await expect(source).toBeVisible();
  const response = await page.request.get(
    (await source.getAttribute('href'))!.replace(/#.*$/, ''),
  );
  expect(response.status()).toBe(200);
});

test('the Release checklist tab lets an owner tick an item of a release', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/user-service/release-checklist');

  // The backend opened a release for the tag CI last set in the dev overlay.
  const devTag = await declaredTag('user-service', 'dev');
  await page.getByRole('link', { name: devTag, exact: true }).click();

  const item = page.getByRole('listitem', { name: 'Code review approved' });
  await expect(item).toBeVisible();
  const untick = item.getByRole('button', {
    name: 'Untick Code review approved',
  });
  if (await untick.isVisible()) {
    // A portal reused from an earlier run: start from an open item.
    await untick.click();
    await expect(
      item.getByRole('button', { name: 'Tick Code review approved' }),
    ).toBeVisible();
  }
  await item.getByRole('button', { name: 'Tick Code review approved' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill('Reviewed in the browser test');
  await dialog.getByRole('button', { name: 'Tick', exact: true }).click();

  await expect(item).toContainText('Ticked by');
  await expect(item).toContainText('“Reviewed in the browser test”');
  // The audit trail keeps who did it.
  await expect(
    page
      .getByRole('row', { name: /code-review-approved|Code review approved/ })
      .first(),
  ).toContainText(/guest/i);
});

test("the sidebar's Flux item opens the Flux runtime of every cluster", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Flux', exact: true }).click();
  await expect(page).toHaveURL(/\/flux$/);
  for (const environment of ['dev', 'staging', 'prod']) {
    await expect(
      page.getByText(`Environment ${environment}`, { exact: true }),
    ).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'Controllers' })).toHaveCount(3);
});
