'use strict';
/*
 * A duty officer's shift on the 值班 page (tests/integration/t0116-ui-duty.sh): 孙浩 (值班员) sees
 * who is on duty now with the leader on call and the duty phone, writes a call in the duty log,
 * opens an incident from it (the report form comes filled from the entry, the incident shows it
 * came from the duty log, the entry links back), and writes the handover.  The 保密员 (zhangw)
 * edits one shift of this month's table, picking the duty officer by name.  No page shows an id
 * or a code, at three viewports.
 */
const H = require('./lib');
const h = H.harness('duty', process.argv.slice(2));

async function dutyPage(page) {
  await page.evaluate(() => window.Baomi.navigate('duty'));
  await page.locator('#duty-now .kv, #duty-now .msg').first().waitFor();
}

h.main(async () => {
  h.step = 'login';
  const { page } = await h.open('laptop');
  await h.enter(page, 'sunh');

  h.step = 'who is on duty';
  await page.locator('a.menu-item[data-module="duty"]').click();
  await page.locator('#duty-now .kv').waitFor();
  const now = await page.locator('#duty-now').innerText();
  h.check(/带班领导/.test(now) && /王建国/.test(now), `the leader on call is named (${now.replace(/\s+/g, ' ')})`);
  h.check(/值班电话/.test(now) && /010-66012345/.test(now), 'the duty phone is shown');
  await page.locator('#duty-table .duty-grid tbody tr[data-id]').first().waitFor();
  const rows = await page.locator('#duty-table .duty-grid tbody tr[data-id]').count();
  h.check(rows >= 28, `this month's table lists its shifts (${rows})`);
  h.check(await page.locator('#duty-generate').count() === 0, 'a 值班员 is not offered to generate the table');

  h.step = 'duty log';
  const text = 'UI 来电：档案室烟感报警 ' + Date.now();
  const form = page.locator('#duty-log-form');
  await form.locator('input[name=caller]').fill('档案室 马兰');
  await form.locator('textarea[name=text]').fill(text);
  await form.locator('button[type=submit]').click();
  const row = page.locator('#duty-log-list tr', { hasText: text });
  await row.waitFor();
  h.check(await row.locator('.duty-open-incident').count() === 1, 'the new entry offers to report an incident');

  h.step = 'incident from the log';
  await row.locator('.duty-open-incident').click();
  const inc = page.locator('#incident-form');
  await inc.waitFor();
  h.check((await inc.locator('input[name=title]').inputValue()) === text, 'the report form takes the entry as its title');
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/incidents' && r.request().method() === 'POST'),
    inc.locator('button[type=submit]').click()
  ]);
  h.check(resp.status() === 201, `the incident is reported (got ${resp.status()})`);
  await page.locator('.from-duty-log').waitFor();
  h.check((await page.locator('.from-duty-log').innerText()).indexOf(text) >= 0, 'the incident shows it came from the duty log');
  await dutyPage(page);
  await page.locator('#duty-log-list tr', { hasText: text }).locator('.duty-log-incident').waitFor();
  h.check(true, 'the log entry links to its incident');

  h.step = 'handover';
  const note = 'UI 交班：烟感报警已报告事件 ' + Date.now();
  const ho = page.locator('#duty-handover-form');
  await ho.locator('textarea[name=text]').fill(note);
  await ho.locator('textarea[name=pending]').fill('等待保密办核实');
  await ho.locator('button[type=submit]').click();
  await page.locator('.duty-handover', { hasText: note }).waitFor();
  h.check(true, 'the handover note is on the shift');
  await h.assertNoCodes(page, 'duty page (值班员)');
  await h.shotViewports(page, 'duty-officer');
  await h.logout(page);

  h.step = 'the officer edits a shift';
  await h.enter(page, 'zhangw');
  await dutyPage(page);
  await page.locator('#duty-generate').waitFor();
  const edit = page.locator('#duty-table .duty-edit').first();
  await edit.click();
  const ef = page.locator('.duty-edit-form');
  await ef.waitFor();
  await ef.locator('input[name=phone]').fill('010-66019999');
  const [pr] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/duty\/shifts\/\d+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH'),
    ef.locator('button[type=submit]').click()
  ]);
  h.check(pr.status() === 200, `the shift is saved (got ${pr.status()})`);
  await page.locator('#duty-table .duty-grid td', { hasText: '010-66019999' }).first().waitFor();
  h.check(true, 'the table shows the edited phone');
  await h.assertNoCodes(page, 'duty page (保密员)');
  await h.shotViewports(page, 'duty-editor');
});
