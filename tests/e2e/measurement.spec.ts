import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { readCsv, relative, runCli } from './support.ts';

/**
 * The measurement a CRM director reads, end to end in the English example with its A/B test of
 * the intro: 2 000 customers imported through the CLI (which prints the plan and the arms),
 * each arm's customers see their own intro, orders come in, and the dashboard shows each arm
 * against control and against the other, lift per segment, and «too early» where the counts
 * are too small.
 */
const PROJECT = 'home-habits-quiz';
const config = parseYaml(readFileSync(path.join('projects', PROJECT, 'project.yaml'), 'utf8')) as {
  intro: { text: string };
  variants: { id: string; intro?: { text: string } }[];
  reactivation: { sentAt: string };
};
const [habitsFirst, giftFirst] = config.variants.map((variant) => variant.id) as [string, string];
/** Who buys inside the window: the same base rate in the control group and the first arm, twice that in the second. */
const BUYING = { control: 0.15, [habitsFirst]: 0.15, [giftFirst]: 0.3 } as Record<string, number>;

/** Two segments of 1 000; one customer in twenty spends like a VIP, too few for a VIP lift yet. */
function customersFile(): string {
  const rows = Array.from({ length: 2000 }, (_, index) => {
    const segment = index % 2 === 0 ? 'lapsed' : 'dormant';
    const spend = index % 20 === 0 ? 80000 : 1000 + (index % 7) * 4000;
    return `ab-${index};Customer ${index};ab-${index}@example.com;${segment};${spend}`;
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rekindle-ab-')), 'customers.csv');
  writeFileSync(file, `customer_id;name;email;segment;total_spend\n${rows.join('\n')}\n`);
  return file;
}

/** Orders for the first BUYING share of each group, five days after the send date. */
function ordersFile(groups: Map<string, string[]>): string {
  const orderedAt = new Date(Date.parse(`${config.reactivation.sentAt}T12:00:00Z`) + 5 * 86_400_000).toISOString();
  const lines = [...groups].flatMap(([group, ids]) =>
    ids.slice(0, Math.round(ids.length * (BUYING[group] ?? 0))).map((id) => `o-${id};${id};${orderedAt};2500`),
  );
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rekindle-ab-orders-')), 'orders.csv');
  writeFileSync(file, `order_id;customer_id;ordered_at;amount\n${lines.join('\n')}\n`);
  return file;
}

function shot(page: Page, testInfo: TestInfo, name: string): Promise<Buffer> {
  return page.screenshot({ path: testInfo.outputPath(name), fullPage: true, animations: 'disabled' });
}

function liftRow(table: Locator, key: string): Locator {
  return table.locator(`tr[data-key="${key}"]`);
}

test('an A/B test of the intro: arms split at import, each arm’s intro shown, lift per arm and segment on the dashboard', async ({
  browser,
}, testInfo) => {
  // Two CLI imports, three pages and three full-page screenshots of a long dashboard: a minute on a busy CI machine.
  test.slow();
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'rekindle-ab-links-')), 'mailing.csv');
  const printed = runCli(['links', 'import', PROJECT, customersFile(), '--out', out]);
  expect(printed).toContain(`A/B arms of the target group (column «arm» of the mail-merge file): ${habitsFirst} 900, ${giftFirst} 900`);
  expect(printed).toMatch(
    /Plan: with \d+ mailed and \d+ held out at a base rate of 4\.00%, the smallest lift this control group can detect/,
  );

  const mailed = readCsv(out);
  const armOf = new Map(mailed.map((row) => [row.customer_id ?? '', row.arm ?? '']));
  const groups = new Map<string, string[]>([
    ['control', readCsv(out.replace(/\.csv$/, '.control.csv')).map((row) => row.customer_id ?? '')],
    ...config.variants.map(({ id }): [string, string[]] => [
      id,
      mailed.filter((row) => row.arm === id).map((row) => row.customer_id ?? ''),
    ]),
  ]);
  expect(groups.get('control')).toHaveLength(200);

  // Each arm's customer sees that arm's intro.
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  for (const variant of config.variants) {
    const customer = mailed.find((row) => armOf.get(row.customer_id ?? '') === variant.id);
    await phone.goto(relative(customer?.url ?? ''));
    await expect(phone.getByText((variant.intro ?? config.intro).text.replace(/\s+/g, ' ').trim())).toBeVisible();
  }
  await shot(phone, testInfo, 'arm-gift-first-intro-360.png');

  expect(runCli(['orders', 'import', PROJECT, ordersFile(groups)])).toContain('orders added');

  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await admin.goto(`/admin/${PROJECT}?lang=en`);
  await admin.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await admin.getByRole('button', { name: /Войти|Sign in/ }).click();

  // Overall: both arms against control (900 + 900 at 22.5% vs 200 at 15%).
  await expect(admin.getByTestId('lift-overall')).toHaveAttribute('data-status', 'measured');
  await expect(admin.getByTestId('detection-plan')).toContainText('power 80%, α 5%');

  const byArm = admin.getByTestId('lift-by-arm');
  // 30% against 15% of 200: the whole interval is above zero.
  await expect(liftRow(byArm, giftFirst)).toHaveAttribute('data-status', 'measured');
  await expect(liftRow(byArm, giftFirst)).toContainText('+15.0 pp');
  await expect(liftRow(byArm, giftFirst)).toContainText('clearly higher');
  // 15% against 15%: shown, and not called better than nothing.
  await expect(liftRow(byArm, habitsFirst)).toContainText('0.0 pp');
  await expect(liftRow(byArm, habitsFirst)).toContainText('no proven difference');
  const armVsArm = admin.getByTestId('lift-arm-vs-arm');
  await expect(liftRow(armVsArm, `${habitsFirst}:${giftFirst}`)).toContainText('−15.0 pp');
  await expect(liftRow(armVsArm, `${habitsFirst}:${giftFirst}`)).toContainText('clearly lower');
  await expect(admin.getByTestId('ab-verdict')).toContainText(`Arm «${giftFirst}» brings back more customers than «${habitsFirst}»`);

  // Per segment, each with its own interval; the VIP tier has too few control customers yet.
  const bySegment = admin.getByTestId('lift-by-segment');
  for (const segment of ['lapsed', 'dormant']) {
    await expect(liftRow(bySegment, segment)).toHaveAttribute('data-status', 'measured');
    await expect(liftRow(bySegment, segment)).toContainText(/[+−]\d+\.\d pp \([+−]?\d+\.\d to [+−]?\d+\.\d\)/);
  }
  const vip = liftRow(admin.getByTestId('lift-by-tier'), 'vip');
  await expect(vip).toHaveAttribute('data-status', 'too-early');
  await expect(vip).toContainText(/too early: needs .*more in control/);
  await shot(admin, testInfo, 'dashboard-ab-1280.png');

  await admin.goto(`/admin/${PROJECT}?lang=ru`);
  await expect(liftRow(admin.getByTestId('lift-by-arm'), giftFirst)).toContainText('значимо выше');
  await expect(liftRow(admin.getByTestId('lift-by-tier'), 'vip')).toContainText('рано судить');
  await admin.setViewportSize({ width: 360, height: 780 });
  await shot(admin, testInfo, 'dashboard-ab-360-ru.png');
});
