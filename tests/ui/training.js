'use strict';
/*
 * 保密教育培训 in Chromium (tests/integration/t0119-ui-training.sh): the 保密员 (zhangw) sees the
 * demo's sessions of the year, records a 专题 session of 1.5 hours through the form, signs in
 * 孙浩 picked by name and the whole 信息中心 in one go, gives 孙浩 a test score, opens 孙浩's record
 * (the session, its hours, the score) and the statistics (by department and class, who is below
 * target, the PDF and XLSX files); 孙浩 himself sees his own record only. No page shows an id or
 * an English code.
 */
const H = require('./lib');
const h = H.harness('training', process.argv.slice(2));

const TITLE = '保密应知应会专题培训（浏览器测试）';

async function go(page, route, ready) {
  await page.goto(h.base + '/#/' + route);
  await page.locator(ready).first().waitFor();
  await page.waitForTimeout(200);
}

h.main(async () => {
  const { page } = await h.open('laptop');

  h.step = 'sessions of the year';
  await h.enter(page, 'zhangw');
  await go(page, 'training', 'table.training-sessions');
  const list = await page.locator('table.training-sessions').innerText();
  for (const k of ['岗前培训', '在岗培训', '专题培训', '节前教育'])
    h.check(list.includes(k), `the demo's sessions include a ${k}`);
  h.check(list.includes('新任涉密人员岗前保密培训'), 'the demo 岗前 session is listed by its title');
  await h.assertNoCodes(page, 'training sessions');
  await h.shotViewports(page, 'training-sessions');

  h.step = 'record a session';
  await page.locator('#training-new').click();
  const form = page.locator('#training-form');
  await form.waitFor();
  await form.locator('select[name=kind]').selectOption('topic');
  await form.locator('input[name=hours]').fill('1.5');
  await form.locator('input[name=title]').fill(TITLE);
  await form.locator('input[name=trainer]').fill('张伟');
  await form.locator('input[name=material]').fill('应知应会手册.pdf');
  await form.locator('button[type=submit]').click();
  await page.locator('#training-detail').waitFor();
  h.check((await page.locator('#training-detail').innerText()).includes(TITLE), 'the new session opens with its title');
  h.check((await page.locator('#training-detail').innerText()).includes('1.5'), 'its hours read 1.5');

  h.step = 'bulk attendance';
  const sign = page.locator('#training-sign');
  await sign.locator('input[name=person_ids_find]').pressSequentially('孙');
  const opt = sign.locator('.picker-option', { hasText: '孙浩' }).first();
  await opt.waitFor();
  const optText = await opt.innerText();
  h.check(optText === '孙浩（卫生应急办公室）', `孙浩 is offered by name and department, no id (got "${optText}")`);
  await opt.click();
  await sign.locator('label.check', { hasText: '信息中心' }).locator('input').check();
  await Promise.all([
    page.waitForResponse((r) => /\/attendance$/.test(new URL(r.url()).pathname) && r.status() === 200),
    sign.locator('button[type=submit]').click()
  ]);
  const att = page.locator('table.training-attendees');
  await att.locator('td', { hasText: '陈静' }).first().waitFor();
  const names = await att.innerText();
  for (const n of ['孙浩', '刘洋', '陈静', '杨帆'])
    h.check(names.includes(n), `${n} is signed in (picked, or with 信息中心)`);
  h.check(!names.includes('王建国'), 'nobody else is signed in');
  await h.assertNoCodes(page, 'session with attendees');
  await h.shotViewports(page, 'training-session');

  h.step = 'a test score';
  const row = att.locator('tr', { hasText: '孙浩' });
  await row.locator('input.score-input').fill('88');
  await page.locator('#training-scores button[type=submit]').click();
  await page.locator('#training-scores .form-msg.msg-ok').waitFor();

  h.step = "the person's record";
  await row.locator('a', { hasText: '孙浩' }).click();
  const rec = page.locator('#training-record');
  await rec.waitFor();
  const recText = await rec.innerText();
  h.check(recText.includes(TITLE), "孙浩's record lists the new session");
  h.check(/88/.test(await rec.locator('table.training-record-sessions tr', { hasText: TITLE }).innerText()), 'with the score 88');
  h.check(recText.includes('一般涉密人员'), 'and his class in Chinese');
  await h.assertNoCodes(page, 'person record');
  await h.shotViewports(page, 'training-record');

  h.step = 'statistics';
  await page.locator('#training-tabs a[data-tab=stats]').click();
  await page.locator('table.training-by-dept').waitFor();
  h.check((await page.locator('table.training-by-dept').innerText()).includes('信息中心'), 'the statistics by department name 信息中心');
  h.check((await page.locator('table.training-by-class').innerText()).includes('核心涉密人员'), 'and the classes by their Chinese names');
  h.check((await page.locator('#training-below').innerText()).includes('王建国'), '王建国 is listed below his target');
  for (const [id, magic] of [['#training-pdf', '%PDF'], ['#training-xlsx', 'PK']]) {
    const href = await page.locator(id).getAttribute('href');
    const head = await page.evaluate(async (u) => {
      const r = await fetch(u, { credentials: 'same-origin' });
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, head: String.fromCharCode.apply(null, b.slice(0, 4)) };
    }, href);
    h.check(head.status === 200 && head.head.startsWith(magic), `${id} downloads a real file (${head.status} ${head.head})`);
  }
  await h.assertNoCodes(page, 'statistics');
  await h.shotViewports(page, 'training-stats');

  h.step = 'a staff member sees their own record';
  await h.logout(page);
  await h.enter(page, 'sunh');
  await go(page, 'training', '#training-record');
  const mine = await page.locator('#training-record').innerText();
  h.check(mine.includes('我的培训档案') && mine.includes(TITLE), '孙浩 sees his own record with the session');
  h.check(!(await page.locator('#training-tabs').count()), 'and no tabs to the unit');
  h.check(!(await page.locator('#training-new').count()), 'and no button to record sessions');
  await h.assertNoCodes(page, 'own record');
  await h.shot(page, 'training-mine.png');
});
