import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeSingleByte } from '../unit/lib/legacy-encode.ts';
import { importCustomers, relative } from './support.ts';

const PROJECT = 'new-year-traditions';

test('a customer file saved by Russian Excel (Windows-1251) greets the customer by name, not «�������»', async ({ page }, testInfo) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rekindle-cp1251-')), 'customers.csv');
  writeFileSync(
    file,
    encodeSingleByte('customer_id;name;segment\r\ncp1251-olga;Ольга;спящие\r\ncp1251-petr;Пётр;спящие\r\n', 'windows-1251'),
  );
  const urls = importCustomers(PROJECT, file);
  const url = urls.get('cp1251-olga') ?? urls.get('cp1251-petr');
  if (!url) throw new Error('neither customer was mailed');
  const name = urls.has('cp1251-olga') ? 'Ольга' : 'Пётр';

  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(relative(url));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.locator('body')).not.toContainText('\uFFFD');
  await page.screenshot({ path: testInfo.outputPath('cp1251-greeting-360.png'), fullPage: true });
});
