'use strict';
/*
 * The 保密员's ledger files and corrections in the browser (zhangw on the demo unit):
 * imports a CSV with one bad row (the preview names its line and column; nothing is stored),
 * fixes it and imports (the rows appear), exports the ledger (a real XLSX; a CSV with the
 * screen's column names and the imported rows), corrects a carrier with a reason (the history shows it), finds the register form
 * without a default level and is refused a future 定密日期 on the field, and reads the approval a
 * take-out needs before any field of its form.
 */
const fs = require('fs');
const H = require('./lib');
const h = H.harness('ledger', process.argv.slice(2));

/* A Beijing date DAYS from today, whatever the machine's zone. */
function bjDate(days) {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
}

h.main(async () => {
  const { page } = await h.open();
  const stamp = String(Date.now()).slice(-6);
  const title = (n) => `导入测试${stamp}-${n}`;

  h.step = 'ledger';
  await h.enter(page, 'zhangw');
  await page.goto(h.base + '/#/carriers');
  await page.locator('.carrier-table').waitFor();
  await page.locator('#ledger-files').waitFor();

  h.step = 'import with a bad row';
  await page.locator('#ledger-import').click();
  const file = page.locator('#import-panel input[type=file]');
  const header = '名称,类型,密级,定密日期,存放位置\n';
  const bad = header + `${title(1)},纸质文件资料,秘密,${bjDate(-3)},保密柜1\n${title(2)},纸质文件资料,机蜜,,保密柜2\n${title(3)},U盘,内部,,保密柜3\n`;
  await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
  await page.locator('#import-summary').waitFor();
  const errRow = page.locator('.import-errors tr[data-line="3"]');
  h.check(await errRow.count() === 1, 'the preview lists line 3');
  const errText = await errRow.innerText();
  h.check(errText.includes('密级') && errText.includes('3'), `the preview names line 3 and column 密级 (got "${errText}")`);
  h.check(await page.locator('.import-rows tr[data-line="2"]').count() === 1 &&
    await page.locator('.import-rows tr[data-line="4"]').count() === 1, 'the preview lists the good rows 2 and 4');
  h.check(await page.locator('#import-confirm').isDisabled(), '确认导入 is disabled while a row is wrong');
  const none = await h.apiGet(page, '/api/v1/carriers?q=' + encodeURIComponent(`导入测试${stamp}`));
  h.check(none.status === 200 && none.body.total === 0, `nothing is stored by the preview (got ${JSON.stringify(none.body)})`);
  await h.assertNoCodes(page, 'import preview');
  await h.shotViewports(page, 'ledger-preview');

  h.step = 'import fixed';
  await file.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace('机蜜', '秘密'), 'utf8') });
  await page.locator('#import-summary', { hasText: '可导入 3 行' }).waitFor();
  h.check(await page.locator('.import-errors').count() === 0, 'the fixed file has no errors');
  await page.locator('#import-confirm:not([disabled])').click();
  await page.locator('.msg-ok', { hasText: '已导入 3 条载体' }).waitFor();
  /* the demo's ledger holds some 200 carriers: find the imported ones by the search box */
  await page.locator('form input[name=q]').first().fill(`导入测试${stamp}`);
  await page.locator('form input[name=q]').first().press('Enter');
  await page.locator('.carrier-table', { hasText: title(3) }).waitFor();
  for (const n of [1, 2, 3]) {
    h.check(await page.locator('.carrier-table', { hasText: title(n) }).count() === 1, `the imported ${title(n)} is in the ledger`);
  }

  await h.assertNoCodes(page, 'ledger');
  await h.shotViewports(page, 'ledger');

  h.step = 'export';
  const [xdl] = await Promise.all([page.waitForEvent('download'), page.locator('#ledger-export-xlsx').click()]);
  const xbuf = fs.readFileSync(await xdl.path());
  h.check(xbuf.length > 100 && xbuf[0] === 0x50 && xbuf[1] === 0x4b, 'the XLSX download is a zip workbook (PK)');
  h.check(/\.xlsx$/.test(xdl.suggestedFilename()), `the XLSX is named .xlsx (got ${xdl.suggestedFilename()})`);
  const [cdl] = await Promise.all([page.waitForEvent('download'), page.locator('#ledger-export-csv').click()]);
  const csv = fs.readFileSync(await cdl.path(), 'utf8').replace(/^\uFEFF/, '');
  const head = csv.split(/\r?\n/)[0].split(',');
  for (const col of ['编号', '名称', '密级', '定密日期', '保管人', '当前持有人', '知悉人员', '知悉部门']) {
    h.check(head.includes(col), `the CSV has the screen's column ${col} (got ${head.join(',')})`);
  }
  h.check(!head.includes('起始日期') && !head.includes('责任人') && !head.includes('借用人'), 'the CSV has none of the old column names');
  const line = csv.split(/\r?\n/).find((l) => l.includes(title(1)));
  h.check(!!line, 'the CSV holds the imported rows');
  h.check(line.split(',')[head.indexOf('保管人')] === '张伟', `the CSV names the custodian (got "${line}")`);

  h.step = 'correct';
  await page.locator('.carrier-table a', { hasText: title(1) }).click();
  await page.locator('#carrier-actions').waitFor();
  const edit = page.locator('#carrier-correct');
  h.check((await edit.innerText()).trim() === '编辑', 'the officer has an 编辑 button');
  await edit.click();
  const cform = page.locator('#carrier-correct-form');
  await cform.locator('input[name=title]').fill(title(1) + '（更正）');
  await cform.locator('button[type=submit]').click();
  await cform.locator('.field.invalid input[name=reason]').waitFor();
  h.check((await cform.locator('.field.invalid .field-error').innerText()).includes('理由'), 'a correction without a reason is refused on the reason field');
  await cform.locator('input[name=reason]').fill('登记时名称录错');
  await cform.locator('button[type=submit]').click();
  await page.locator('.msg-ok', { hasText: '登记信息已更正' }).waitFor();
  const hist = await page.locator('#carrier-history').innerText();
  h.check(hist.includes('更正登记') && hist.includes('登记时名称录错') && hist.includes('（更正）'), `the history shows the correction with its reason (got "${hist.slice(0, 300)}")`);
  await page.locator('#carrier-correct').click();
  const corr = await page.locator('#carrier-corrections').innerText();
  h.check(corr.includes('登记时名称录错'), `the edit form lists the corrections made (got "${corr}")`);
  await h.shot(page, 'ledger-correction.png');
  await page.locator('#carrier-correct-form button', { hasText: '取消' }).click();

  h.step = 'approval note';
  await page.locator('.action-btn[data-action=take_out]').click();
  const aform = page.locator('#carrier-action-form[data-action=take_out]');
  await aform.waitFor();
  const note = await aform.locator('.approval-note').innerText();
  h.check(note.includes('此操作须先经审批') && note.includes('保密员'), `the take-out form says first that it needs an approval and by whom (got "${note}")`);
  h.check(await aform.locator('input, select, textarea').count() === 0, 'no field to fill before the approval');
  await aform.locator('#approval-request-link').click();
  const rform = page.locator('#carrier-request-form');
  h.check(await rform.locator('select[name=action]').inputValue() === 'take_out', 'the request link picks 外携 in the request form');
  h.check(await page.evaluate(() => document.activeElement && document.activeElement.name === 'reason'), 'the request reason has the focus');
  await h.assertNoCodes(page, 'carrier detail');
  await h.shot(page, 'ledger-approval-note.png');

  h.step = 'register form';
  let posted = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/carriers') posted++;
  });
  await page.goto(h.base + '/#/carriers/new');
  const rf = page.locator('#carrier-form');
  await rf.waitFor();
  h.check(await rf.locator('select[name=level]').inputValue() === '', 'the register form has no default level');
  await rf.locator('input[name=title]').fill('未选密级的载体');
  await rf.locator('button[type=submit]').click();
  await rf.locator('.field.invalid select[name=level]').waitFor();
  h.check((await rf.locator('.field.invalid .field-error').innerText()).includes('请选择密级'), 'an empty level is refused on its field');
  await rf.locator('select[name=level]').selectOption('confidential');
  const issued = rf.locator('input[name=issued_on]');
  await issued.fill(bjDate(1));
  await issued.dispatchEvent('change');
  await rf.locator('.field.invalid input[name=issued_on]').waitFor();
  h.check((await rf.locator('.field.invalid .field-error').innerText()).includes('定密日期不能晚于今天'), 'a future 定密日期 is refused on its field');
  await rf.locator('button[type=submit]').click();
  await rf.locator('.field.invalid input[name=issued_on]').waitFor();
  h.check(posted === 0, `nothing is sent while the form is refused (got ${posted} POST)`);
  await h.shot(page, 'ledger-register-future-date.png');
});
