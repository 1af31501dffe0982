'use strict';
/*
 * 清查盘点 in Chromium: the demo's closed annual inventory shows its differences (one carrier
 * missing, one out of place); the 保密员 opens a new inventory of 保密办公室, scans labels the way
 * a USB scanner types them (number + Enter, fast, one after another) into the input that keeps its
 * focus, sees the live tallies, closes it, opens a leak incident for a missing carrier from its
 * line, and prints labels from the ledger (pick carriers, a stock, a PDF). No page shows an id or
 * a code; screenshots of the list, the scan page and the labels page at three viewports.
 */
const H = require('./lib');
const h = H.harness('inventory', process.argv.slice(2));

async function tally(page, key) {
  return parseInt(await page.locator(`#inventory-tally [data-tally="${key}"]`).innerText(), 10);
}

h.main(async () => {
  const { page } = await h.open('laptop');
  const stamp = String(Date.now()).slice(-6);

  h.step = 'the list';
  await h.enter(page, 'lixy');
  await page.goto(h.base + '/#/inventory');
  await page.locator('.inv-list').waitFor();
  const closedLink = page.locator('.inv-list a', { hasText: '年度涉密载体清查（办公室）' });
  h.check(await closedLink.count() === 1, 'the demo\'s closed annual inventory is listed');
  h.check(await page.locator('.inv-list a', { hasText: '应急清点（信息中心机房）' }).count() === 1,
    'the demo\'s open emergency count is listed');
  await h.assertNoCodes(page, 'inventory list');
  await h.shotViewports(page, 'inventory-list');

  h.step = 'the closed inventory';
  await closedLink.click();
  await page.locator('#inventory-tally').waitFor();
  await page.locator('#inventory-lines tr[data-status]').first().waitFor();
  h.check(await tally(page, 'missing') === 1, 'the closed inventory found one carrier missing');
  h.check(await tally(page, 'wrong_place') === 1, 'and one out of place');
  h.check(await page.locator('#inventory-scan').count() === 0, 'a closed inventory takes no scans');
  const missingRow = page.locator('#inventory-lines tr[data-status="missing"]');
  h.check(await missingRow.count() === 1 && (await missingRow.innerText()).includes('缺失'),
    'the missing line reads 缺失');
  await page.locator('#inventory-only-diff').check();
  h.check(await page.locator('#inventory-lines tr[data-status="found"]').count() === 0,
    '只看差异 hides the carriers found in place');
  await h.assertNoCodes(page, 'closed inventory');

  h.step = 'open an inventory';
  await page.goto(h.base + '/#/inventory');
  await page.locator('#inventory-open').click();
  const form = page.locator('#inventory-form');
  await form.locator('input[name=name]').fill(`界面清查${stamp}`);
  await form.locator('select[name=department_id]').selectOption({ label: '保密办公室' });
  await form.locator('button[type=submit]').click();
  const input = page.locator('#inventory-scan');
  await input.waitFor();
  const id = page.url().split('/').pop();
  const inv = await h.apiGet(page, '/api/v1/inventories/' + id);
  h.check(inv.status === 200 && inv.body.state === 'open', 'the new inventory is open');
  const numbers = inv.body.lines.filter((l) => l.status === 'missing').map((l) => l.number);
  h.check(numbers.length >= 3, `保密办公室 has carriers in custody to scan (got ${numbers.length})`);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'inventory-scan');

  h.step = 'scan fast like a keyboard wedge';
  const scans = numbers.slice(0, 3).map((n, i) => (i === 1 ? n.toLowerCase() : n)).concat(['ZZ-NOT-ON-LEDGER']);
  for (const s of scans) await page.keyboard.type(s + '\n', { delay: 2 });
  await page.waitForFunction((n) => document.querySelectorAll('#inventory-recent li[data-status]').length === n, scans.length);
  h.check(await page.locator('#inventory-recent li[data-status="found"]').count() === 3,
    'the three labels are found (the lower-cased one too)');
  h.check(await page.locator('#inventory-recent li[data-status="unknown"]').count() === 1,
    'a label not on the ledger is recorded as such');
  h.check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'inventory-scan',
    'the scan input keeps the focus');
  h.check(await input.inputValue() === '', 'the input is empty for the next label');
  await page.waitForFunction(() => {
    const f = document.querySelector('#inventory-tally [data-tally="scans"]');
    return f && f.textContent === '4';
  });
  h.check(await tally(page, 'found') === 3 && await tally(page, 'unknown') === 1,
    'the tallies follow the scans (4 scans: 3 found, 1 not on the ledger)');
  h.expectStatuses = new Set([400]);
  await page.keyboard.type('编号：\n', { delay: 2 });
  await page.locator('#inventory-recent li.error').waitFor();
  h.check((await page.locator('#inventory-recent li.error').innerText()).includes('未读到载体编号'),
    'a scan without a number says so in Chinese');
  h.expectStatuses = new Set();
  await h.assertNoCodes(page, 'scan page');
  await h.shotViewports(page, 'inventory-scan');

  h.step = 'close and open an incident';
  const close = page.locator('.page-actions button', { hasText: '结束清查' });
  await close.click();
  await page.locator('.page-actions button', { hasText: '确认结束' }).click();
  await page.locator('.msg', { hasText: '清查已结束' }).waitFor();
  h.check(await page.locator('#inventory-scan').count() === 0, 'the closed inventory takes no more scans');
  const missing = numbers.length - 3;
  h.check(await tally(page, 'missing') === missing, `the carriers not scanned are missing (${missing})`);
  if (missing > 0) {
    await page.locator('[data-incident]').first().click();
    await page.locator('#inventory-lines a', { hasText: '查看事件' }).first().waitFor();
    h.check(true, 'a missing carrier opened a leak incident from its line');
    await page.locator('#inventory-lines a', { hasText: '查看事件' }).first().click();
    await page.locator('text=清查发现载体缺失').first().waitFor();
    h.check(true, 'the incident is prefilled with the inventory\'s finding');
  }

  h.step = 'labels';
  await page.goto(h.base + '/#/inventory/labels');
  await page.locator('.labels-carriers input[type=checkbox]').first().waitFor();
  const boxes = page.locator('.labels-carriers input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.locator('#labels-layout').selectOption('a4-2x7');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#labels-print').click()
  ]);
  h.check(download.suggestedFilename() === 'carrier-labels.pdf', 'the labels come as a PDF download');
  await page.locator('#labels-done').waitFor();
  await h.assertNoCodes(page, 'labels page');
  await h.shotViewports(page, 'inventory-labels');
});
