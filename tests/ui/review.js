'use strict';
/*
 * 信息发布保密审查 in the browser (issue 15): the author submits a draft holding a keyword on the
 * 发布审查 page and sees the hit in context; the officer sees the demo's press release with its
 * hits (a keyword and a ledger document's title), cannot approve it while they are unchecked,
 * marks each 已核实无密 with a reason and approves; the leader approves the last step; the author
 * registers the publication of the frozen version, which the register then lists. The officer's
 * keyword page lists the words with their levels. Every page in Chinese, without ids or codes.
 */
const H = require('./lib');
const h = H.harness('review', process.argv.slice(2));

async function go(page, route, ready) {
  await page.goto(h.base + '/#/' + route);
  await page.locator(ready).first().waitFor();
  await page.waitForTimeout(300);
}

h.main(async () => {
  const { page } = await h.open('laptop');

  h.step = 'the author submits a draft';
  await h.enter(page, 'chenj');
  await go(page, 'pubrev', '#pubrev-submit');
  const list = await page.locator('.pubrev-list').innerText();
  h.check(list.includes('防汛救灾卫生应急工作新闻稿'), 'the list shows the demo press release under review');
  h.check(list.includes('网络安全宣传周活动报道'), 'the list shows the published news item');
  const reg = await page.locator('.pubrev-register').innerText();
  h.check(reg.includes('门户网站') && reg.includes('工作动态'), 'the register shows where the news item went');
  await page.locator('#pubrev-submit input[name=title]').fill('关于开展健康义诊活动的报道');
  await page.locator('#pubrev-submit select[name=channel]').selectOption('wechat');
  await page.locator('#pubrev-submit input[type=file]').setInputFiles({
    name: '义诊报道.txt', mimeType: 'text/plain',
    buffer: Buffer.from('本周我委在各区开展健康义诊活动，并介绍了方舱选址方案的有关情况。\n', 'utf8')
  });
  await page.locator('#pubrev-submit button[type=submit]').click();
  await page.locator('#pubrev-hits').waitFor();
  const hits = await page.locator('#pubrev-hits').innerText();
  h.check(hits.includes('方舱选址方案') && hits.includes('机密'), 'the keyword is shown with its level');
  h.check(hits.includes('介绍了方舱选址方案的有关情况'), 'the hit is shown in its context');
  h.check(await page.locator('#pubrev-hits mark').count() === 1, 'the word is marked in the context');
  h.check(!(await page.locator('#pubrev-decide').count()), 'the author has no decision form');
  await h.assertNoCodes(page, 'submitted draft');
  await h.shotViewports(page, 'review-submitted');
  await h.logout(page);

  h.step = 'the officer checks the hits and approves';
  await h.enter(page, 'zhangw');
  await go(page, 'pubkw', '.pubkw-list');
  const kws = await page.locator('.pubkw-list').innerText();
  h.check(kws.includes('应急物资储备点') && kws.includes('秘密'), 'the keyword page lists words with their levels');
  await h.assertNoCodes(page, 'keyword list');
  await h.shotViewports(page, 'review-keywords');
  await go(page, 'pubrev', '.pubrev-list');
  await page.locator('.pubrev-list a', { hasText: '防汛救灾卫生应急工作新闻稿' }).click();
  await page.locator('#pubrev-hits').waitFor();
  const ph = await page.locator('#pubrev-hits').innerText();
  h.check(ph.includes('应急物资储备点') && ph.includes('台账载体'), 'both hits are shown: the keyword and the ledger document');
  h.check(await page.locator('#pubrev-decide .msg-warn').count() === 1, 'the decision form says approval is blocked');
  h.expectStatuses = new Set([409]);
  await page.locator('#pubrev-decide textarea[name=reason]').fill('同意');
  await page.locator('#pubrev-decide button[data-decision=approve]').click();
  const err = page.locator('#pubrev-decide .form-msg');
  await err.waitFor({ state: 'visible' });
  h.check((await err.innerText()).includes('未经保密员核实'), 'approval with unchecked hits is refused in Chinese');
  h.expectStatuses = new Set();
  await h.assertNoCodes(page, 'press release with hits');
  await h.shotViewports(page, 'review-hits');
  for (let i = 0; i < 2; i++) {
    const f = page.locator('#pubrev-hits form.hit-clear').first();
    await f.locator('input[name=reason]').fill('已核实：仅为公开信息');
    await f.locator('button[type=submit]').click();
    await page.waitForTimeout(500);
    await page.locator('#pubrev-hits').waitFor();
  }
  h.check(await page.locator('#pubrev-hits form.hit-clear').count() === 0, 'every hit is checked');
  h.check((await page.locator('#pubrev-hits').innerText()).includes('已核实无密'), 'the hits read 已核实无密');
  await page.locator('#pubrev-decide textarea[name=reason]').fill('已核实无密，同意');
  await page.locator('#pubrev-decide button[data-decision=approve]').click();
  await page.waitForTimeout(500);
  await page.locator('#pubrev-hits').waitFor();
  h.check((await page.locator('.content').innerText()).includes('分管领导'), 'the review moves on to the leader');
  const url = page.url();
  await h.logout(page);

  h.step = 'the leader approves; the author registers the publication';
  await h.enter(page, 'wangjg');
  await page.goto(url);
  await page.locator('#pubrev-decide').waitFor();
  await page.locator('#pubrev-decide textarea[name=reason]').fill('同意发布');
  await page.locator('#pubrev-decide button[data-decision=approve]').click();
  await page.waitForTimeout(500);
  await page.locator('#pubrev-hits').waitFor();
  const done = await page.locator('.content').innerText();
  h.check(done.includes('已批准') && done.includes('批准固化版本'), 'approved and frozen');
  await h.assertNoCodes(page, 'approved press release');
  await h.logout(page);
  await h.enter(page, 'chenj');
  await page.goto(url);
  await page.locator('#pubrev-publish').waitFor();
  await page.locator('#pubrev-publish select[name=channel]').selectOption('news');
  await page.locator('#pubrev-publish input[name=place]').fill('市日报');
  await page.locator('#pubrev-publish button[type=submit]').click();
  await page.waitForTimeout(500);
  await page.locator('#pubrev-hits').waitFor();
  h.check((await page.locator('.pubrev-register').innerText()).includes('市日报'), 'the publication is registered');
  await h.assertNoCodes(page, 'published press release');
  await h.shotViewports(page, 'review-published');
});
