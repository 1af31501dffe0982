'use strict';
/*
 * Journey: the incident report form and the printable 附件二, as 郑丽 (应急办, zhengl) reports a
 * lost 机密 USB drive.
 *
 *  - The leak form asks what a leak needs: no 网络与信息系统名称 / 系统用途; the cyber form has
 *    them (in 事件情况), and no 失泄密情况 section.
 *  - Its sections fold: closed at first, so the whole form stays short at 1280×720; one opens
 *    on a click.
 *  - The report is submitted; its HTML 附件二 opens styled by its stylesheet (shaded labels, the
 *    机密★10年 mark top left) with no CSP violation (h.main fails on any console error), and
 *    shows no ISO "T" time.
 * Screenshots: forms-leak-*, forms-cyber-*, forms-html-* at the three viewports.
 */
const H = require('./lib');

const h = H.harness('forms', process.argv.slice(2));
/* the report form, sections folded, at 1280×720: the old one was 2,070 px of empty fields */
const MAX_FORM_PX = 1000;

h.main(async () => {
  const { page } = await h.open('laptop');
  h.step = 'login';
  await h.enter(page, 'zhengl');

  h.step = 'leak form';
  await page.goto(h.base + '/#/incidents/new');
  const form = page.locator('#incident-form');
  await form.waitFor();
  h.check((await form.locator('select[name=kind]').inputValue()) === 'leak', 'the form opens on a leak report');
  const sys = form.locator('input[name="report.system_name"], input[name="report.system_use"]');
  const sysVisible = async () => {
    /* the fields' own hidden state, whether or not their section is unfolded */
    return sys.evaluateAll((els) => els.filter((e) => !e.closest('.field').hidden).length);
  };
  h.check((await sysVisible()) === 0, 'a leak report does not ask 网络与信息系统名称 or 系统用途');
  const folds = form.locator('details.fold');
  const nfolds = await folds.count();
  h.check(nfolds >= 4, `the report's sections fold (got ${nfolds} details sections)`);
  const openAtStart = await folds.evaluateAll((els) => els.filter((d) => d.open).length);
  h.check(openAtStart === 0, `every section starts folded (${openAtStart} open)`);
  h.check(await form.locator('details.leak-fields').isVisible(), 'the leak has its 失泄密情况 section');
  const height = await form.evaluate((f) => f.getBoundingClientRect().height);
  h.log(`leak form height, folded, at 1280×720: ${Math.round(height)} px`);
  h.check(height < MAX_FORM_PX, `the folded leak form is modest: ${Math.round(height)} px < ${MAX_FORM_PX}`);
  await h.assertNoCodes(page, 'leak report form');
  await h.shotViewports(page, 'forms-leak');

  h.step = 'fold opens';
  await form.locator('details.report-event > summary').click();
  h.check(await form.locator('details.report-event').evaluate((d) => d.open), 'a click unfolds 事件情况');
  h.check(await form.locator('input[name="report.department"]').isVisible(), 'its fields show when unfolded');
  h.check(!(await form.locator('input[name="report.system_name"]').isVisible()), 'still no system field for a leak');

  h.step = 'cyber form';
  await form.locator('select[name=kind]').selectOption('cyber');
  h.check((await sysVisible()) === 2, 'a cyber report asks 网络与信息系统名称 and 系统用途');
  h.check(await form.locator('input[name="report.system_name"]').isVisible(), 'in the unfolded 事件情况');
  h.check(!(await form.locator('details.leak-fields').isVisible()), 'a cyber report has no 失泄密情况 section');
  await h.shotViewports(page, 'forms-cyber');

  h.step = 'report the leak';
  await form.locator('select[name=kind]').selectOption('leak');
  h.check((await sysVisible()) === 0, 'back to a leak: the system fields go again');
  await form.locator('input[name=title]').fill('外出途中丢失机密级U盘');
  await form.locator('select[name=info_level]').selectOption('secret');
  await form.locator('textarea[name="report.description"]').fill('工作人员外出途中丢失一个机密级U盘，已报告保密办。');
  await form.locator('details.leak-fields > summary').click();
  await form.locator('input[name="report.period"]').fill('10');
  await form.locator('input[name="report.leak_channel"]').fill('载体丢失');
  const [created] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/incidents' && r.request().method() === 'POST'),
    form.locator('button[type=submit]').click()
  ]);
  h.check(created.status() === 201, `the leak is reported (got ${created.status()})`);
  const inc = await created.json();
  h.check(!('system_name' in (inc.report || {})), 'the leak report carries no system fields');
  await page.locator('#incident-downloads').waitFor();

  h.step = 'HTML 附件二';
  const link = page.locator('#incident-downloads a[data-form=report-html]');
  const href = await link.getAttribute('href');
  await page.goto(h.base + href);
  await page.locator('h1').waitFor();
  const look = await page.evaluate(() => {
    const th = document.querySelector('th');
    const mark = document.querySelector('.mark');
    return {
      sheets: Array.from(document.styleSheets).map((s) => s.href || 'inline'),
      inline: document.querySelectorAll('style, [style]').length,
      thBg: th ? getComputedStyle(th).backgroundColor : '',
      tdBorder: getComputedStyle(document.querySelector('td')).borderTopStyle,
      mark: mark ? mark.textContent : '',
      markLeft: mark ? mark.getBoundingClientRect().left - document.body.getBoundingClientRect().left : -1,
      h1Align: getComputedStyle(document.querySelector('h1')).textAlign,
      text: document.body.innerText
    };
  });
  h.check(look.inline === 0, 'the 附件二 page has no inline style');
  h.check(look.sheets.length === 1 && /\/ui\/form\.css$/.test(look.sheets[0]), `it is styled by its stylesheet (${look.sheets})`);
  h.check(look.thBg === 'rgb(230, 230, 230)', `the labels are shaded (th background ${look.thBg})`);
  h.check(look.tdBorder === 'solid', 'the boxes have borders');
  h.check(look.h1Align === 'center', 'the title is centred');
  h.check(look.mark === '机密★10年', `the 密级★保密期限 mark reads 机密★10年 (got "${look.mark}")`);
  h.check(look.markLeft < 120, `the mark sits at the top left (${Math.round(look.markLeft)} px from the page's left edge)`);
  h.check(!/\d{4}-\d{2}-\d{2}T\d/.test(look.text), 'no ISO "T" time on the form');
  h.check(/打印时间 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/.test(look.text), 'the print time reads 2026年…日 07:22');
  h.check(!/网络与信息系统/.test(look.text), 'the leak form prints no system fields');
  await h.shotViewports(page, 'forms-html');
});
