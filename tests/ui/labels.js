'use strict';
/*
 * Names, not ids; Chinese, not codes (issue 13). As the roles who use them: the home, ledger,
 * a carrier with its history, the request inbox, the campaign form, an incident and the audit log
 * show no "#12", no English level word, no dotted or snake_case code and no "字段 person_id"
 * (h.assertNoCodes). A person is picked by typing part of a name (no id in the list or the
 * field); an empty required field is named by its label (名称：…); the audit log shows 查阅载体
 * and finds records by Chinese text.
 */
const H = require('./lib');
const h = H.harness('labels', process.argv.slice(2));

async function go(page, route, ready) {
  await page.goto(h.base + '/#/' + route);
  await page.locator(ready).first().waitFor();
  await page.waitForTimeout(300); /* late fills (names, chips) */
}

/* no codes on the page (h.assertNoCodes), and a full-page screenshot of it */
async function look(page, where, file) {
  await h.assertNoCodes(page, where);
  await h.shotFull(page, file);
}

/* Baomi.api inside the page (session cookie and CSRF token) */
async function call(page, method, p, body) {
  return page.evaluate(async ([m, u, b]) => {
    try {
      return { ok: true, body: await window.Baomi.api(m, u, b) };
    } catch (e) {
      return { ok: false, status: e.status, message: e.message_zh };
    }
  }, [method, p, body || null]);
}

h.main(async () => {
  const { page } = await h.open('laptop');

  h.step = 'officer pages';
  await h.enter(page, 'zhangw');
  await look(page, 'home', 'labels-home.png');
  await go(page, 'carriers', '#carrier-filters');
  await look(page, 'ledger', 'labels-ledger.png');

  h.step = 'an empty required field is named by its label';
  await go(page, 'carriers/new', '#carrier-form');
  h.expectStatuses = new Set([400]);
  await page.locator('#carrier-form input[name=title]').fill('');
  /* the level has no default and the form refuses an empty one itself: choose one, so that the
   * server's answer about the empty title is what shows */
  await page.locator('#carrier-form select[name=level]').selectOption('confidential');
  await page.locator('#carrier-form button[type=submit]').click();
  const msg = page.locator('#carrier-form .form-msg');
  await msg.waitFor({ state: 'visible' });
  const msgText = await msg.innerText();
  h.check(/^名称：/.test(msgText), `the message names the field by its label 名称 (got "${msgText}")`);
  h.check(!/title|字段/.test(msgText), `no API field name in "${msgText}"`);
  const fe = await page.locator('#carrier-form .field.invalid .field-error').first().innerText();
  h.check(/^名称：/.test(fe), `the message under the input starts with 名称 (got "${fe}")`);
  await look(page, 'register form with an error', 'labels-register-error.png');
  h.expectStatuses = new Set();

  h.step = 'a carrier with a history';
  const people = await call(page, 'GET', '/api/v1/people?q=' + encodeURIComponent('刘洋'));
  h.check(people.ok && people.body.items.length, 'the officer finds 刘洋 in the people list');
  const liu = people.body.items.find((p) => p.name === '刘洋');
  const reg = await call(page, 'POST', '/api/v1/carriers', { type: 'paper_doc', title: '名称标签测试文件', level: 'secret', period_years: 10, scope_people: [liu.id] });
  h.check(reg.ok, 'a 机密 carrier registered: ' + (reg.message || ''));
  const due = new Date(Date.now() + 5 * 86400000 + 8 * 3600000).toISOString().slice(0, 10);
  const bor = await call(page, 'POST', `/api/v1/carriers/${reg.body.id}/actions`, { action: 'borrow', person_id: liu.id, due_on: due });
  h.check(bor.ok, 'borrowed by 刘洋: ' + (bor.message || ''));
  const req = await call(page, 'POST', `/api/v1/carriers/${reg.body.id}/requests`, { action: 'extend', reason: '工作需要延长' });
  await go(page, 'carriers/' + reg.body.id, '#carrier-timeline');
  const tl = await page.locator('#carrier-timeline').innerText();
  h.check(tl.includes('刘洋'), 'the history names the borrower');
  if (req.ok) h.check(/审批流程：保密员/.test(tl), 'the request in the history names its steps by role label');
  await look(page, 'carrier detail with history' + (req.ok ? ' and a request' : ''), 'labels-carrier.png');

  h.step = 'request inbox';
  await go(page, 'carrier-requests', '.content table, .content .msg');
  await look(page, 'request inbox', 'labels-inbox.png');

  h.step = 'pick a person by part of a name';
  await go(page, 'inspect/new', '#campaign-form');
  const find = page.locator('#campaign-form input[name=inspector_find]');
  await find.pressSequentially('张');
  const opt = page.locator('#campaign-form .picker-option', { hasText: '张伟' }).first();
  await opt.waitFor();
  const optText = await opt.innerText();
  h.check(optText === '张伟（保密办公室）', `the list offers 张伟 with the department and no id (got "${optText}")`);
  await opt.click();
  const ticked = page.locator('#campaign-form .known-accounts label', { hasText: '张伟' }).locator('input:checked');
  await ticked.first().waitFor();
  h.check((await page.locator('#campaign-form input[name=inspectors]').inputValue()) !== '', 'the picked inspector is in the form');
  await look(page, 'campaign form', 'labels-campaign-form.png');
  await go(page, 'inspect', '.content h1');
  await look(page, 'campaign board', 'labels-campaign-board.png');

  h.step = 'incident';
  await h.logout(page);
  await h.enter(page, 'zhengl');
  await go(page, 'incidents', '.content table');
  const first = page.locator('.content a.incident-title').first();
  if (await first.count()) {
    await first.click();
    await page.locator('#incident-head').waitFor();
    await page.waitForTimeout(500);
    await look(page, 'incident detail', 'labels-incident.png');
  } else {
    await look(page, 'incident list', 'labels-incidents.png');
  }

  h.step = 'audit log';
  await h.logout(page);
  await h.enter(page, 'auditor');
  await go(page, 'audit', '.audit-table');
  await look(page, 'audit log', 'labels-audit-log.png');
  await page.locator('input[name=q]').fill('查阅载体');
  await page.locator('.content form button[type=submit]').first().click();
  await page.waitForURL(/q=/);
  await page.locator('.audit-table tbody tr').first().waitFor();
  const events = await page.locator('.audit-table .audit-event').allInnerTexts();
  h.check(events.length > 0 && events.every((e) => e.startsWith('查阅载体')), `查阅载体 finds reads, shown by their label (got ${events.slice(0, 5)})`);
  await page.locator('input[name=q]').fill('刘洋');
  await page.locator('.content form button[type=submit]').first().click();
  await page.waitForURL(/q=%E5%88%98/);
  await page.locator('.audit-table .audit-event[data-event="carrier.borrow"]').first().waitFor();
  const rows = await page.locator('.audit-table tbody').innerText();
  h.check(rows.includes('人员：刘洋'), 'the loan record names the borrower 刘洋');
  await h.assertNoCodes(page, 'audit search by name');
  await h.shot(page, 'labels-audit.png');
});
