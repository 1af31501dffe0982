'use strict';
/*
 * A drill from plan to 通报 in the browser (tests/integration/t0118-ui-drills.sh), as the 应急办
 * (zhengl) of the demo unit: the year's drill plan lists each plan in force against the six-month
 * rule and the demo's two drills; a new drill is planned (plan, playbook, 实战演练, a participant
 * picked by name); it is started, which opens a drill incident marked 演练 (banner, badge, no
 * upward package, left out of the incident list unless asked for); a finding is recorded with its
 * responsible person (picked by name) and a plan revision; the drill is ended, summarised and made
 * known; the 通报 prints the finding and says it was a drill; the finding is in the
 * rectification tracker.  No page shows an id or an English code.
 */
const H = require('./lib');
const h = H.harness('drills', process.argv.slice(2));

/* A Beijing date DAYS from today, whatever the machine's zone. */
function bjDate(days) {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
}

/* Picks the option naming `name` in the picker whose text input is `input`. */
async function pick(form, input, name) {
  await form.locator(input).fill(name);
  const opt = form.locator('.picker-option', { hasText: name }).first();
  await opt.waitFor();
  await opt.dispatchEvent('mousedown');
}

h.main(async () => {
  const { page } = await h.open('laptop');
  const stamp = String(Date.now()).slice(-6);
  const title = `网络中断应急实战演练${stamp}`;

  h.step = 'the year';
  await h.enter(page, 'zhengl');
  await page.goto(h.base + '/#/drills');
  await page.locator('#drill-plans table').waitFor();
  const plans = await page.locator('#drill-plans').innerText();
  h.check(plans.includes('上半年') && plans.includes('下半年') && plans.includes('下次演练最迟'), `the plans are shown against the six-month rule (got "${plans.slice(0, 200)}")`);
  h.check((await page.locator('#drill-plans tbody tr').count()) >= 2, 'both plans in force are listed');
  const list = await page.locator('#drill-list').innerText();
  h.check(list.includes('涉密文件遗失应急处置桌面推演') && list.includes('已通报'), 'the demo drill held is listed as 已通报');
  /* the demo plans its second drill 20 days on: in next year's plan at the end of December */
  let planned = list;
  if (bjDate(20).slice(0, 4) !== bjDate(0).slice(0, 4)) {
    await page.goto(h.base + '/#/drills?year=' + bjDate(20).slice(0, 4));
    await page.locator('#drill-list', { hasText: '勒索病毒' }).waitFor();
    planned = await page.locator('#drill-list').innerText();
    await page.goto(h.base + '/#/drills');
    await page.locator('#drill-list', { hasText: '涉密文件遗失' }).waitFor();
  }
  h.check(planned.includes('勒索病毒攻击应急处置实战演练') && planned.includes('已计划'), 'the demo drill planned is listed as 已计划');
  h.check((await page.locator('a.menu-item[data-module=drills]').count()) === 1, 'the menu has 应急演练');
  await h.assertNoCodes(page, 'drill plan');
  await h.shotViewports(page, 'drills-year');

  h.step = 'plan';
  h.expectStatuses = new Set([400]); /* the empty form and the empty summary, refused on purpose */
  await page.locator('#drill-new').click();
  const form = page.locator('#drill-form');
  await form.waitFor();
  await form.locator('button[type=submit]').click();
  await form.locator('.field.invalid').first().waitFor();
  h.check((await form.locator('.form-msg').innerText()).length > 0, 'an empty plan is refused with a message');
  const planOpt = await form.locator('select[name=plan_id] option', { hasText: '网络与信息安全' }).first().getAttribute('value');
  await form.locator('select[name=plan_id]').selectOption(planOpt);
  await form.locator('input[name=playbook]').first().waitFor();
  await form.locator('input[name=playbook]').first().check();
  await form.locator('input[name=title]').fill(title);
  await form.locator('select[name=kind]').selectOption('live');
  await form.locator('input[name=planned_on]').fill(bjDate(0));
  await form.locator('textarea[name=scenario]').fill('模拟核心交换机故障导致内网中断，检验研判、报告与恢复流程。');
  await pick(form, 'input[name=participants_find]', '孙浩');
  await form.locator('button[type=submit]').click();
  await page.locator('#drill-head').waitFor();
  h.check((await page.locator('#drill-head').innerText()).includes('已计划'), 'the new drill is 已计划');
  const facts = await page.locator('#drill-facts').innerText();
  h.check(facts.includes('孙浩') && facts.includes('实战演练'), `the participant by name and the kind (got "${facts}")`);

  h.step = 'start';
  await page.locator('#drill-start').click();
  await page.locator('.msg-ok', { hasText: '演练已开始' }).waitFor();
  h.check((await page.locator('#drill-head').innerText()).includes('演练中'), 'the drill is 演练中');
  await page.locator('#drill-incident').click();
  await page.locator('#drill-banner').waitFor();
  const head = await page.locator('#incident-head').innerText();
  h.check(head.includes('【演练】' + title) && head.includes('演练'), `the drill incident is titled and marked 演练 (got "${head}")`);
  h.check((await page.locator('#drill-no-package').count()) === 1 && (await page.locator('[data-form=package]').count()) === 0,
    'the drill incident offers no upward package');
  await h.assertNoCodes(page, 'drill incident');
  await h.shot(page, 'drills-incident.png');
  await page.goto(h.base + '/#/incidents');
  await page.locator('.incident-table').waitFor();
  h.check(!(await page.locator('.incident-table').innerText()).includes(title), 'the incident list leaves the drill out');
  await page.goto(h.base + '/#/incidents?drill=1');
  await page.locator('.incident-table .drill-mark').first().waitFor();
  h.check((await page.locator('.incident-table').innerText()).includes(title), 'asked for drills, the list shows it marked 演练');
  await page.goBack();
  await page.goBack();
  await page.locator('#drill-banner').waitFor();
  await page.locator('#drill-link').click();

  h.step = 'finding';
  await page.locator('#drill-finding-new summary').click();
  const ff = page.locator('#drill-finding-form');
  await ff.locator('input[name=title]').fill('备用链路切换超时');
  await pick(ff, 'input[name=responsible_id]', '刘洋');
  await ff.locator('input[name=deadline]').fill(bjDate(20));
  await ff.locator('textarea[name=plan]').fill('调整切换策略并复测');
  await ff.locator('input[name=revise_plan]').check();
  await ff.locator('button[type=submit]').click();
  await page.locator('.msg-ok', { hasText: '整改任务已分派' }).waitFor();
  const findings = await page.locator('#drill-findings').innerText();
  h.check(findings.includes('备用链路切换超时') && findings.includes('刘洋') && findings.includes('待整改') && findings.includes('修订'),
    `the finding with its responsible person, state and the revision (got "${findings}")`);

  h.step = 'end, summary, notice';
  await page.locator('#drill-end').click();
  await page.locator('#drill-end').click();
  await page.locator('.msg-ok', { hasText: '演练已结束' }).waitFor();
  const sf = page.locator('#drill-summary-form');
  await sf.locator('button[type=submit]').click();
  await sf.locator('.field.invalid').waitFor();
  await sf.locator('textarea[name=text]').fill('演练检验了网络中断的研判与恢复，备用链路切换需改进。');
  await sf.locator('button[type=submit]').click();
  await page.locator('.msg-ok', { hasText: '演练总结已提交' }).waitFor();
  const nf = page.locator('#drill-notice-form');
  await nf.locator('textarea[name=text]').fill('现将本次演练情况通报如下，请各部门对照整改。');
  await nf.locator('button[type=submit]').click();
  await page.locator('.msg-ok', { hasText: '通报已发布' }).waitFor();
  h.check((await page.locator('#drill-head').innerText()).includes('已通报'), 'the drill is 已通报');
  const steps = await page.locator('#drill-steps .step-done').count();
  h.check(steps === 4, `the progress shows four steps done (got ${steps})`);
  const href = await page.locator('#drill-downloads a[data-form=notice-html]').getAttribute('href');
  const notice = await page.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).text(), href);
  h.check(notice.includes('关于应急演练情况的通报') && notice.includes('备用链路切换超时') && notice.includes('非真实事件') && notice.includes('孙浩'),
    'the 通报 names the finding and the participant and says it was a drill');
  const pdf = await page.locator('#drill-downloads a[data-form=notice-pdf]').getAttribute('href');
  const magic = await page.evaluate(async (u) => (await (await fetch(u, { credentials: 'same-origin' })).text()).slice(0, 4), pdf);
  h.check(magic === '%PDF', 'the 通报 as PDF');
  const tl = await page.locator('#drill-timeline').innerText();
  h.check(tl.includes('开始演练') && tl.includes('登记发现的问题') && tl.includes('发布通报'), `the timeline names each step (got "${tl}")`);
  await h.assertNoCodes(page, 'drill detail');
  await h.shotViewports(page, 'drills-detail');

  h.step = 'tracker';
  h.expectStatuses = new Set();
  await h.logout(page);
  await h.enter(page, 'liuy');
  await page.goto(h.base + '/#/rect-tasks');
  const row = page.locator('tr', { hasText: '备用链路切换超时' }).first();
  await row.waitFor();
  h.check((await row.innerText()).includes(title), 'the responsible person finds the finding in the rectification tracker, with its drill');
  await h.assertNoCodes(page, 'rectification tasks');
  await row.locator('.rect-drill a').click();
  await page.locator('#drill-head').waitFor();
  h.check((await page.locator('#drill-findings').innerText()).includes('备用链路切换超时'), 'the tracker opens the drill for them');
  h.check((await page.locator('#drill-actions').count()) === 0, 'they run nothing of the drill');
});
