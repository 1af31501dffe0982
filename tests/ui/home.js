'use strict';
/*
 * The home page is "what do I do today" (tests/integration/t0111-ui-home.sh): for the 保密员
 * (lixy), the 分管领导 (wangjg) and the 应急办 (zhengl) the to-do list comes first, with the
 * reporting countdowns of an open leak ticking inside a 1280×720 laptop screen; the menu's badge
 * for 审批待办 equals the steps waiting in the inbox; an item opens its page; 个人信息 holds the
 * account details that used to fill the top of the home page.  The demo is lived in (its own
 * approvals, incidents and reminders): the checks name the journey's own items by their carrier
 * and incident, and the badge is compared with the inbox and with itself before and after.
 */
const H = require('./lib');
const h = H.harness('home', process.argv.slice(2));

/* An API call inside the page, with the session's cookie and CSRF token. */
async function call(page, method, p, body) {
  return page.evaluate(async ([m, u, b]) => {
    const r = await fetch(u, {
      method: m,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': window.Baomi.state.csrf },
      body: b ? JSON.stringify(b) : undefined
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [method, p, body]);
}

/* Beijing wall time N minutes ago, as the API takes it. */
function bjAgo(minutes) {
  return new Date(Date.now() - minutes * 60e3 + 8 * 3600e3).toISOString().slice(0, 19);
}

/* The home page drawn anew (also when it is the page shown already). */
async function home(page) {
  await page.evaluate(() => window.Baomi.navigate('home'));
  await page.locator('#todo-list, #todo-none').first().waitFor();
}

/* The journey's leak: its rows on the to-do list. */
function leakRows(page) {
  return page.locator('#todo-list li.todo-report_duty', { hasText: '机密文件遗失' });
}

/* The to-do list shows the countdowns first, inside the laptop screen, and ticking; the leak's
 * 30-minute duty (the most urgent one) is among them. */
async function countdownOnScreen(page, who) {
  const row = page.locator('#todo-list li.todo-report_duty').first();
  await row.waitFor();
  const box = await row.boundingBox();
  const vp = page.viewportSize();
  h.check(box && box.y >= 0 && box.y + box.height <= vp.height,
    `${who}: the first countdown row is inside the ${vp.width}×${vp.height} screen (at ${box && box.y}+${box && box.height})`);
  const leak = leakRows(page).first();
  h.check(await leak.isVisible(), `${who}: a countdown row names the journey's leak`);
  const lb = await leak.boundingBox();
  h.check(lb && lb.y >= 0 && lb.y + lb.height <= vp.height, `${who}: the leak's countdown is inside the screen`);
  const cds = [row.locator('.countdown'), leak.locator('.countdown')];
  const before = await Promise.all(cds.map((c) => c.textContent()));
  for (const b of before) h.check(/剩余|超时/.test(b), `${who}: the row counts down (${b})`);
  await page.waitForTimeout(1300);
  const after = await Promise.all(cds.map((c) => c.textContent()));
  h.check(after[0] !== before[0] && after[1] !== before[1], `${who}: the countdowns tick (${before} → ${after})`);
}

/* Shows the whole to-do list (only the first rows show at first). */
async function showAll(page) {
  const more = page.locator('#todo-more');
  if (await more.count() && (await page.locator('#todo-list li[hidden]').count())) await more.click();
}

/* The menu badge of a module: its number, 0 when hidden. */
async function badge(page, module) {
  const b = page.locator(`a.menu-item[data-module="${module}"] .menu-badge`);
  if (!(await b.count()) || (await b.isHidden())) return 0;
  return Number(await b.getAttribute('data-count'));
}

h.main(async () => {
  h.step = 'fixture';
  const officer = await h.open('laptop');
  const lp = officer.page;
  await h.enter(lp, 'lixy');
  const n0 = (await h.apiGet(lp, '/api/v1/todo')).body.counts.approval;
  const c = await call(lp, 'POST', '/api/v1/carriers', { type: 'paper_doc', title: '外带审批文件', level: 'secret' });
  h.check(c.status === 201, `lixy registers a carrier (${c.status})`);
  const number = (await h.apiGet(lp, `/api/v1/carriers/${c.body.id}`)).body.number;
  h.check(!!number, `the carrier has a number (${number})`);
  const inc = await call(lp, 'POST', '/api/v1/incidents', { kind: 'leak', title: '机密文件遗失', discovered_at: bjAgo(10), info_level: 'secret' });
  h.check(inc.status === 201, `lixy reports a leak (${inc.status} ${JSON.stringify(inc.body)})`);
  const incId = inc.body.id;
  const clerk = await h.open('laptop');
  await h.enter(clerk.page, 'zhangw');
  const rq = await call(clerk.page, 'POST', `/api/v1/carriers/${c.body.id}/requests`, { action: 'take_out', reason: '赴省里汇报' });
  h.check(rq.status === 201, `zhangw asks to take it out (${rq.status})`);
  await clerk.context.close();

  h.step = 'officer';
  await home(lp);
  const first = await lp.locator('.content .panel').first().getAttribute('id');
  h.check(first === 'todo', `the to-do list is the first panel of the home page (got ${first})`);
  await countdownOnScreen(lp, 'lixy');
  const approval = lp.locator('#todo-list li.todo-approval', { hasText: number });
  h.check((await approval.count()) === 1, "lixy has one step of zhangw's take-out waiting");
  h.check((await approval.textContent()).includes('外带审批文件'), 'the step names the carrier');
  const todo = (await h.apiGet(lp, '/api/v1/todo')).body;
  const n = await badge(lp, 'carrier-requests');
  h.check(n === todo.counts.approval && n === n0 + 1, `审批待办 shows ${n}, the to-do counts ${todo.counts.approval}, ${n0} before the take-out`);
  h.check(await badge(lp, 'incidents') === todo.counts.report_duty + todo.counts.incident_task, '应急事件 counts the duties and tasks');
  await h.assertNoCodes(lp, 'home');
  await h.shotViewports(lp, 'home-lixy');
  await showAll(lp);
  await approval.locator('a.todo-link').click();
  await lp.waitForURL(/#\/carrier-requests$/);
  await lp.locator('.request-table').first().waitFor();
  const decide = await lp.locator('.request-table .decide').count();
  h.check(decide === n, `the inbox has ${decide} steps for lixy to decide, the badge ${n}`);
  h.check(await badge(lp, 'carrier-requests') === n, 'the badge stays after the page change');
  await lp.locator(`.request-table tr[data-id="${rq.body.id}"] .decide .decide-approve`).click();
  await lp.locator('.msg-ok').first().waitFor();
  await lp.locator('a.menu-item[data-module="home"]').click();
  await lp.locator('#todo-list, #todo-none').first().waitFor();
  h.check(await lp.locator('#todo-list li.todo-approval', { hasText: number }).count() === 0, 'the decided step leaves the list');
  h.check(await badge(lp, 'carrier-requests') === n - 1, 'and the badge counts one less');
  await leakRows(lp).locator('a.todo-link').first().click();
  await lp.waitForURL(new RegExp(`#/incidents/${incId}$`));
  await lp.locator('.content').getByText('机密文件遗失').first().waitFor();
  h.check(true, 'a countdown row opens its incident');

  h.step = 'profile';
  await lp.locator('#user-name').click();
  await lp.waitForURL(/#\/profile$/);
  const prof = lp.locator('#profile');
  await prof.waitFor();
  const text = await prof.textContent();
  h.check(text.includes('lixy') && text.includes('李秀英') && text.includes('保密员'), `个人信息 shows the account (${text})`);
  h.check(await lp.locator('#profile-password').count() === 1, '个人信息 links to the password change');
  h.check(await lp.locator('a.menu-item[data-module="profile"]').count() === 1, '个人信息 is in the menu');
  await h.assertNoCodes(lp, 'profile');
  await h.shot(lp, 'profile-lixy.png');
  await officer.context.close();

  for (const [user, name] of [['wangjg', 'leader'], ['zhengl', 'command']]) {
    h.step = name;
    const { context, page } = await h.open('laptop');
    await h.enter(page, user);
    await home(page);
    await countdownOnScreen(page, user);
    const mine = (await h.apiGet(page, '/api/v1/todo')).body;
    h.check(await page.locator('#todo-list li').count() === mine.items.length, `${user}: the list holds the to-do items`);
    h.check(await badge(page, 'incidents') === mine.counts.report_duty + mine.counts.incident_task,
      `${user}: 应急事件's badge counts the duties and tasks`);
    await h.assertNoCodes(page, 'home');
    await h.shotViewports(page, `home-${user}`);
    await leakRows(page).locator('a.todo-link').first().click();
    await page.waitForURL(new RegExp(`#/incidents/${incId}$`));
    await page.locator('.content').getByText('机密文件遗失').first().waitFor();
    await context.close();
  }
});
