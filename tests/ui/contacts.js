'use strict';
/*
 * The contact list (通讯录) in Chromium (tests/integration/t0117-ui-contacts.sh): the 保密员
 * (lixy) finds it in the menu, sees the command with A/B roles and the outside bodies with their
 * numbers, adds a body through the form, finds it by a search, and reads on the open incident's
 * countdown rows whom to call and the number; the 奖惩 page lists the penalties to her. A
 * department head (liuy, no role that reads the list) has no menu entry, gets 403 on the page and
 * on the API, and sees rewards but no penalty on 奖惩.
 */
const H = require('./lib');
const h = H.harness('contacts', process.argv.slice(2));

h.main(async () => {
  h.step = 'officer';
  const { page } = await h.open('laptop');
  await h.enter(page, 'lixy');
  await page.locator('#todo-list, #todo-none').first().waitFor();
  await h.assertNoCodes(page, 'home with the new pages');
  const entry = page.locator('a.menu-item[data-module="contacts"]');
  h.check(await entry.count() === 1, 'the officer has 通讯录 in the menu');
  await entry.click();
  await page.locator('#contacts-internal table').waitFor();
  const internal = page.locator('#contacts-internal tr.contact-row', { hasText: '王建国' }).first();
  h.check(await internal.isVisible(), 'the command lists 王建国');
  h.check(/A 角/.test(await internal.textContent()), 'with his A role');
  const sec = page.locator('#contacts-external tr.contact-row[data-kind="secrecy_admin"]');
  const secText = await sec.first().textContent();
  h.check(/市国家保密局/.test(secText) && /135 7100 1100/.test(secText), `the 保密行政管理部门 with its number (${secText})`);
  h.check(await sec.first().locator('a[href^="tel:"]').count() >= 1, 'a number is a tel: link');
  await h.assertNoCodes(page, 'contacts');
  await h.shotViewports(page, 'contacts');

  h.step = 'add';
  await page.locator('#contact-new').click();
  const form = page.locator('form.contact-form').first();
  await form.locator('select[name=kind]').selectOption('police');
  await form.locator('input[name=name]').fill('城西派出所');
  await form.locator('input[name=contact_person]').fill('值班民警');
  await form.locator('input[name=office_phone]').fill('0571-8800 0110');
  await form.locator('button[type=submit]').click();
  await page.locator('.msg', { hasText: '已保存' }).waitFor();
  await page.locator('form.contact-search input[name=q]').fill('城西');
  await page.locator('form.contact-search button[type=submit]').click();
  await page.locator('#contacts-external tr.contact-row', { hasText: '城西派出所' }).waitFor();
  h.check(await page.locator('#contacts-external tr.contact-row').count() === 1, 'the search finds the new body only');

  h.step = 'countdown';
  const incs = await h.apiGet(page, '/api/v1/incidents');
  const open = incs.body.items.find((i) => /勒索/.test(i.title));
  h.check(!!open, 'the demo has the open ransomware incident');
  await page.evaluate((id) => window.Baomi.navigate('incidents/' + id), open.id);
  const row = page.locator('table.deadline-table tr', { has: page.locator('.dl-contact') }).first();
  await row.waitFor();
  const call = await row.locator('.dl-contact').textContent();
  h.check(/联系：/.test(call) && /0571-8706 1400|135 7100 1200/.test(call), `a countdown row names whom to call and the number (${call})`);
  await h.shot(page, 'incident-countdown-contact.png');

  h.step = 'rewards officer';
  await page.evaluate(() => window.Baomi.navigate('rewards'));
  await page.locator('#rewards-list table').waitFor();
  h.check(await page.locator('#rewards-list tr.reward-row[data-penalty="1"]').count() >= 1, 'the officer sees the penalty');
  await h.assertNoCodes(page, 'rewards');
  await h.shot(page, 'rewards-officer.png');
  await h.logout(page);

  h.step = 'department head';
  await h.enter(page, 'liuy');
  h.check(await page.locator('a.menu-item[data-module="contacts"]').count() === 0, 'a department head has no 通讯录 in the menu');
  h.expectStatuses.add(403);
  await page.evaluate(() => window.Baomi.navigate('contacts'));
  await page.locator('.content .msg, .content .error-box').first().waitFor();
  h.check(await page.locator('#contacts-internal').count() === 0, 'the page shows no contact');
  const api = await h.apiGet(page, '/api/v1/contacts');
  h.check(api.status === 403, `the API refuses the list (${api.status})`);
  const rost = await h.apiGet(page, '/api/v1/contacts/roster?format=xlsx');
  h.check(rost.status === 403, `and the export (${rost.status})`);
  h.expectStatuses.delete(403);
  await page.evaluate(() => window.Baomi.navigate('rewards'));
  await page.locator('#rewards-list table').waitFor();
  h.check(await page.locator('#rewards-list tr.reward-row').count() >= 1, 'the department head sees the rewards');
  h.check(await page.locator('#rewards-list tr.reward-row[data-penalty="1"]').count() === 0, 'but no penalty');
  await h.shot(page, 'rewards-staff.png');
});
