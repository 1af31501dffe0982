'use strict';
/*
 * The year's statistics page (年度统计) as the 保密员 uses it: the demo unit's figures show with
 * the same numbers as GET /api/v1/stats, a number opens the records it counts (as many as the
 * number says, each a link that opens its own page: carrier, incident, training session, drill, key
 * place, publication review, inventory), the report downloads as PDF and XLSX, the
 * page shows no codes and does not scroll sideways; a 值班员 has no menu entry and the API says 403.
 */
const fs = require('fs');
const H = require('./lib');
const h = H.harness('stats', process.argv.slice(2));

h.main(async () => {
  const { page } = await h.open('laptop');

  h.step = 'the officer opens the page';
  await h.enter(page, 'zhangw');
  await page.locator('.sidemenu a[data-module=stats]').click();
  await page.locator('#stats-carriers table').waitFor();
  const api = await h.apiGet(page, '/api/v1/stats');
  h.check(api.status === 200, `GET /api/v1/stats answers 200 (got ${api.status})`);
  const figs = api.body.figures;
  for (const f of figs) {
    const cell = page.locator(`tr[data-key="${f.key}"] td.num`);
    h.check((await cell.innerText()).trim() === String(f.total), `${f.zh}: the page shows ${f.total}`);
  }
  const reg = figs.find((f) => f.key === 'carriers_registered');
  h.check(reg.total > 0, 'the demo unit registered carriers this year');
  const period = await page.locator('.stats-period').innerText();
  h.check(period.includes(api.body.year + '-01-01') && period.includes(api.body.year + '-12-31'), `the period is the Beijing year (got ${period})`);
  await h.assertNoCodes(page, 'stats');
  await h.shotViewports(page, 'stats');

  h.step = 'a part opens its records';
  const rep = figs.find((f) => f.key === 'incidents_reporting');
  const part = rep.parts.find((p) => p.n > 0);
  h.check(!!part, 'the demo has reporting duties');
  await page.locator(`#drill-incidents_reporting-${part.code}`).click();
  await page.locator('#stats-records table.stats-records').waitFor();
  const rows = page.locator('#stats-records table.stats-records tbody tr[data-id]');
  h.check((await rows.count()) === part.n, `${rep.zh}（${part.zh}）lists ${part.n} records (got ${await rows.count()})`);
  const heading = await page.locator('#stats-records .panel-title').innerText();
  h.check(heading.includes(part.zh), `the records are titled with the part (got ${heading})`);
  await h.assertNoCodes(page, 'stats records');
  await h.shotFull(page, 'stats-records.png');

  h.step = 'a total opens its records, a record its page';
  await page.locator('#drill-carriers_destroyed').click();
  await page.locator('#stats-records table.stats-records').waitFor();
  const destroyed = figs.find((f) => f.key === 'carriers_destroyed');
  await page.waitForFunction((n) => document.querySelectorAll('#stats-records tbody tr[data-target=carrier]').length === n, Math.min(destroyed.total, 500));
  const first = page.locator('#stats-records a.stats-record').first();
  const number = (await first.innerText()).trim();
  await first.click();
  await page.locator('#carrier-timeline').waitFor();
  const detail = await page.locator('.content').innerText();
  h.check(detail.includes(number) && detail.includes('已销毁'), `the record opens the destroyed carrier ${number}`);

  h.step = 'each kind of record opens its own page';
  const ROUTES = { training: 'training/session', drill: 'drill', place: 'key-places', pubrev: 'pubrev', inventory: 'inventory' };
  for (const [target, route] of Object.entries(ROUTES)) {
    const f = figs.find((x) => x.target === target && x.total > 0);
    h.check(!!f, `the demo has a figure of ${target} records`);
    await page.goto(h.base + `/#/stats?figure=${f.key}`);
    await page.waitForFunction((n) => document.querySelectorAll('#stats-records tbody tr[data-id]').length === n, Math.min(f.total, 500));
    const link = page.locator('#stats-records a.stats-record').first();
    const label = (await link.innerText()).trim();
    const id = await page.locator('#stats-records tbody tr[data-id]').first().getAttribute('data-id');
    await link.click();
    await page.waitForFunction((want) => location.hash === want, `#/${route}/${id}`);
    await page.waitForFunction((l) => document.querySelector('.content').innerText.includes(l), label);
    h.check((await page.locator('.content .error, .content .msg-error').count()) === 0, `${f.zh}: the record opens ${route}/${id} showing ${label}`);
  }

  h.step = 'the report downloads';
  await page.goto(h.base + '/#/stats');
  await page.locator('#stats-pdf').waitFor();
  const [pdl] = await Promise.all([page.waitForEvent('download'), page.locator('#stats-pdf').click()]);
  const pbuf = fs.readFileSync(await pdl.path());
  h.check(pbuf.slice(0, 5).toString() === '%PDF-', 'the PDF download is a PDF');
  h.check(/^stats-.*\.pdf$/.test(pdl.suggestedFilename()), `the PDF is named stats-….pdf (got ${pdl.suggestedFilename()})`);
  const [xdl] = await Promise.all([page.waitForEvent('download'), page.locator('#stats-xlsx').click()]);
  const xbuf = fs.readFileSync(await xdl.path());
  h.check(xbuf.length > 100 && xbuf[0] === 0x50 && xbuf[1] === 0x4b, 'the XLSX download is a zip workbook (PK)');

  h.step = 'the duty officer has no statistics';
  await h.logout(page);
  await h.enter(page, 'sunh');
  h.check((await page.locator('.sidemenu a[data-module=stats]').count()) === 0, 'no 年度统计 in the duty officer\'s menu');
  h.expectStatuses = new Set([403]);
  const denied = await h.apiGet(page, '/api/v1/stats');
  h.check(denied.status === 403, `the duty officer gets 403 from GET /api/v1/stats (got ${denied.status})`);
});
