'use strict';
/*
 * 保密要害部门部位 in Chromium (tests/integration/t0120-ui-places.sh), on the demo: the 保密员
 * (lixy) finds the overdue review of 保密办公室 on the to-do list, reads the register and the
 * server room 中心机房（机要重地） with the carriers kept there and the visitor's ID number masked,
 * and approves the waiting maintenance request; the 分管领导 (wangjg) approves its second step;
 * the 值班员 (sunh) logs the visitor in and out, then records an entry without approval, which is
 * marked 未经批准, and names the room in the demo's incident, whose page then lists the room's
 * A/B people with their phones; a 部门负责人 who answers for no key place (zhaom) sees none.  Every page in
 * Chinese without codes or ids; screenshots at three viewports.
 */
const H = require('./lib');
const h = H.harness('places', process.argv.slice(2));

const ROOM = '中心机房（机要重地）';

async function go(page, route) {
  await page.evaluate((r) => window.Baomi.navigate(r), route);
}

async function openRoom(page) {
  await go(page, 'key-places');
  const link = page.locator('table.grid a', { hasText: ROOM });
  await link.waitFor();
  await link.click();
  await page.locator('#place-visits').waitFor();
}

function requestRow(page, visitor) {
  return page.locator(`#place-visits tr[data-visitor="${visitor}"]`);
}

h.main(async () => {
  h.step = 'officer: to-do and register';
  const off = (await h.open('laptop')).page;
  await h.enter(off, 'lixy');
  await go(off, 'home');
  const review = off.locator('#todo-list li', { hasText: '保密办公室' });
  await review.first().waitFor();
  h.check(/要害部位复查/.test(await review.first().innerText()), 'the overdue review of 保密办公室 is on the officer\'s to-do list');
  await go(off, 'key-places');
  await off.locator('tr[data-place="保密办公室"]').waitFor();
  const listText = await off.locator('.content').innerText();
  h.check(listText.includes(ROOM) && listText.includes('要害部位') && listText.includes('要害部门'), 'the register lists both places with their kinds in Chinese');
  h.check(listText.includes('复查逾期'), 'the register marks the overdue review');
  h.check(listText.includes('门禁') && listText.includes('保密柜'), 'protective measures in Chinese');
  await h.assertNoCodes(off, 'key places register');
  await h.shotViewports(off, 'key-places');

  h.step = 'officer: the server room';
  await openRoom(off);
  const carriers = await off.locator('#place-carriers tbody tr:not(.empty)').count();
  h.check(carriers > 0, `the carriers kept in the server room are listed (${carriers})`);
  const detail = await off.locator('.content').innerText();
  h.check(detail.includes('保密员 → 分管领导'), 'the approval chain reads 保密员 → 分管领导');
  h.check(!detail.includes('330102197912083317') && detail.includes('330***********3317'), 'the visitor\'s ID number is masked');
  h.check(detail.includes('王工') && detail.includes('已离开'), 'the approved maintenance visit is in the log, in and out');
  const zhao = requestRow(off, '赵师傅');
  h.check(/待保密员审批/.test(await zhao.innerText()), 'the pending request waits for the 保密员');
  await h.assertNoCodes(off, 'server room');
  await h.shotViewports(off, 'key-place');
  await zhao.locator('input[name=comment]').fill('同意，全程陪同');
  await zhao.locator('button[data-action=approve]').click();
  await off.locator('#place-visits tr[data-visitor="赵师傅"]', { hasText: '待分管领导审批' }).waitFor();
  h.check(true, 'the officer approves: the request waits for the 分管领导');

  h.step = 'leader approves';
  const lead = (await h.open('laptop')).page;
  await h.enter(lead, 'wangjg');
  await openRoom(lead);
  await requestRow(lead, '赵师傅').locator('button[data-action=approve]').click();
  await lead.locator('#place-visits tr[data-visitor="赵师傅"][data-state="approved"]').waitFor();
  h.check(/已批准/.test(await requestRow(lead, '赵师傅').innerText()), 'the leader approves: 已批准');

  h.step = 'duty desk logs in and out';
  const duty = (await h.open('laptop')).page;
  await h.enter(duty, 'sunh');
  await openRoom(duty);
  await requestRow(duty, '赵师傅').locator('button[data-action=enter]').click();
  const inRow = duty.locator('#place-log tr[data-visitor="赵师傅"][data-state="in"]');
  await inRow.waitFor();
  h.check(/在场/.test(await inRow.innerText()) && /陈静/.test(await inRow.innerText()), 'the entry is logged with the escort');
  await inRow.locator('button[data-action=leave]').click();
  await duty.locator('#place-log tr[data-visitor="赵师傅"][data-state="out"]').waitFor();
  h.check(true, 'the exit is logged: 已离开');

  h.step = 'duty desk records an unapproved entry';
  await duty.locator('button[data-action=entry]').click();
  const form = duty.locator('form[data-form=entry]');
  await form.locator('input[name=visitor]').fill('钱某');
  await form.locator('input[name=organisation]').fill('快递公司');
  await form.locator('input[name=id_no]').fill('110105198001010011');
  await form.locator('input[name=purpose]').fill('送快递误入');
  await form.locator('button[type=submit]').click();
  const bad = duty.locator('#place-log tr[data-visitor="钱某"]');
  await bad.waitFor();
  h.check(/未经批准/.test(await bad.innerText()), 'the entry without approval is marked 未经批准');
  h.check(!(await bad.innerText()).includes('110105198001010011'), 'its ID number is masked too');
  await h.assertNoCodes(duty, 'server room as the duty desk');
  await h.shotViewports(duty, 'key-place-duty');

  h.step = 'an incident names the server room';
  const incs = await h.apiGet(duty, '/api/v1/incidents?limit=1');
  h.check(incs.status === 200 && incs.body.items.length > 0, 'the duty desk sees the demo\'s incident');
  await go(duty, 'incidents/' + incs.body.items[0].id);
  const ip = duty.locator('#incident-places');
  await ip.locator('select[name=place_id]').waitFor();
  await ip.locator('select[name=place_id]').selectOption({ label: ROOM });
  await ip.locator('button[data-action=link-place]').click();
  const placeRow = ip.locator('tbody tr', { hasText: ROOM });
  await placeRow.waitFor();
  const rowText = await placeRow.innerText();
  h.check(/刘洋（0571-\d+）/.test(rowText) && /陈静（0571-\d+）/.test(rowText), `the incident lists the room's A/B people with phones (${rowText})`);
  await h.assertNoCodes(duty, 'incident with its key places');

  h.step = 'need-to-know';
  const other = (await h.open('laptop')).page;
  await h.enter(other, 'zhaom');
  await go(other, 'key-places');
  await other.locator('table.grid tr.empty').waitFor();
  h.check(!(await other.locator('.content').innerText()).includes(ROOM), 'a department head who answers for no place sees none');
  h.expectStatuses.add(404);
  const r = await h.apiGet(other, '/api/v1/key-places/1');
  h.check(r.status === 404, `a place outside their need-to-know answers 404 (got ${r.status})`);
});
