import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { importCustomers, readCsv, relative } from './support.ts';

/**
 * Play pages are rendered once for every player who would get the same page (see
 * src/server/play-page-cache.ts). These pages are fetched without a browser, so no beacon or
 * play is counted beside the quiz spec's: each player is a request context with its own cookies.
 */
const PROJECT = 'new-year-traditions';

/** The island's copy of the play, as the page serialises it into the HTML. */
function startedIn(html: string): boolean | undefined {
  const started = /started&quot;:\[0,(true|false)\]/.exec(html)?.[1];
  return started === undefined ? undefined : started === 'true';
}

async function pageOf(player: APIRequestContext, path: string): Promise<string> {
  const response = await player.get(path);
  expect(response.status()).toBe(200);
  return response.text();
}

test('each player gets a page with their own name and their own play, however the pages before were rendered', async ({ baseURL }) => {
  const links = importCustomers(PROJECT, 'tests/e2e/fixtures/customers.csv');
  const players = await Promise.all([0, 1, 2, 3].map(() => request.newContext({ baseURL })));
  const [first, second, started, fresh] = players as [APIRequestContext, APIRequestContext, APIRequestContext, APIRequestContext];
  // Two mailed customers with different one-word first names.
  const [one, other] = readCsv('tests/e2e/fixtures/customers.csv')
    .filter((row) => links.has(row.customer_id ?? '') && /^[А-Яа-яЁё]+$/.test(row.name ?? ''))
    .filter((row, index, rows) => rows.findIndex((each) => each.name === row.name) === index);
  if (!one?.name || !other?.name) throw new Error('the customer fixture needs two mailed customers with different first names');
  const linkOf = (customerId: string | undefined) => relative(links.get(customerId ?? '') ?? '');

  for (let round = 0; round < 2; round++) {
    const firstPage = await pageOf(first, linkOf(one.customer_id));
    const secondPage = await pageOf(second, linkOf(other.customer_id));
    expect(firstPage).toContain(`${one.name}, 2020`);
    expect(firstPage).not.toContain(other.name);
    expect(secondPage).toContain(`${other.name}, 2020`);
    expect(secondPage).not.toContain(one.name);
  }

  expect(startedIn(await pageOf(started, `/${PROJECT}`))).toBe(false);
  const start = await started.post(`/api/${PROJECT}/start`, { headers: { Origin: baseURL ?? '' }, data: {} });
  expect(start.status()).toBe(200);
  for (let round = 0; round < 2; round++) {
    expect(startedIn(await pageOf(started, `/${PROJECT}`))).toBe(true);
    expect(startedIn(await pageOf(fresh, `/${PROJECT}`))).toBe(false);
  }
  // The cookie that names a player is never kept with a page for the next one.
  const [firstCookie, secondCookie] = await Promise.all(
    [0, 1].map(async () => {
      const anonymous = await request.newContext({ baseURL });
      const cookie = (await anonymous.get(`/${PROJECT}`)).headers()['set-cookie'];
      await anonymous.dispose();
      return cookie;
    }),
  );
  expect(firstCookie).toMatch(/^rk_new_year_traditions=anon:/);
  expect(secondCookie).toMatch(/^rk_new_year_traditions=anon:/);
  expect(firstCookie).not.toBe(secondCookie);
  await Promise.all(players.map((player) => player.dispose()));
});

test('a shared render gets each player’s own first name, whatever characters the name holds', async ({ baseURL }) => {
  const names = ['Анна', 'Ольга', 'Жан-Поль', "Д'Артаньян", 'Мари&Ко', '<b>Вера</b>', '"Ёжик"'];
  const dir = mkdtempSync(path.join(tmpdir(), 'rekindle-names-'));
  const file = path.join(dir, 'customers.csv');
  // Five customers a name, so each name has a mailed one whichever are held out as the control group.
  const rows = names.flatMap((name, index) =>
    [0, 1, 2, 3, 4].map((copy) => `names-${index}-${copy};"${name.replaceAll('"', '""')}";names-${index}-${copy}@example.com;churned;100`),
  );
  writeFileSync(file, `customer_id;name;email;segment;total_spend\n${rows.join('\n')}\n`);
  const links = importCustomers(PROJECT, file);
  for (let round = 0; round < 2; round++) {
    for (const [index, name] of names.entries()) {
      const link = [0, 1, 2, 3, 4].map((copy) => links.get(`names-${index}-${copy}`)).find(Boolean);
      if (!link) throw new Error(`no mailed customer named ${name}`);
      const player = await request.newContext({ baseURL });
      const html = await pageOf(player, relative(link));
      await player.dispose();
      // Svelte writes text with & and < escaped.
      expect(html).toContain(`>${name.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}, 2020`);
      expect(html).not.toMatch(/rkname[0-9a-f]/);
      for (const other of names.filter((each) => each !== name && !name.includes(each))) expect(html).not.toContain(other);
    }
  }
});
