'use strict';
/*
 * baomi web UI test in headless Chromium (playwright-core, system chromium).
 *   node ui-test.js DATA_DIR BASE_URL SCREENSHOT_DIR      (normally through run.sh)
 * Environment: BAOMI_INIT_PASSWORD (required), BAOMI_UI_NEWPASS (default Ui-Test-Pass-2026!),
 * CHROMIUM (default /usr/bin/chromium), BAOMI_UI_TIMEOUT_MS (whole-run limit, default 180000).
 *
 * What it drives, as a person would: secadmin logs in through the form, is forced to change the
 * password (a weak one first: the server's message and the highlighted field must show), lands
 * on the frame, opens 人员 and finds every person the API lists, filters, makes a form error and
 * a valid person, switches to English (remembered across a reload), creates and revokes an API
 * token, opens 账户 and 安全策略, logs out. Then auditor logs in, changes the password, searches
 * the audit log and verifies the chain. Then lixy (保密办主任, officer) sees the ledger statistics on
 * the home page, registers a 机密 carrier with a knowledge scope, finds it by a two-character word
 * of its title, opens its detail (scope by name, timeline), is refused lending it to 杨帆 (no
 * clearance: the server's message on the highlighted field), lends it to 刘洋 and sees the loan in
 * the timeline, and opens 提醒 and 审批待办. Throughout: no console errors, no CSP violations, no
 * 5xx, and every cookie-authenticated non-GET request carries the session's X-CSRF-Token.
 */
const path = require('path');
const { chromium } = require('playwright-core');

const [dataDir, baseUrlArg, shotDir] = process.argv.slice(2);
if (!dataDir || !baseUrlArg || !shotDir) {
  console.error('usage: node ui-test.js DATA_DIR BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const BASE = baseUrlArg.replace(/\/+$/, '');
const INIT = process.env.BAOMI_INIT_PASSWORD;
const NEWPASS = process.env.BAOMI_UI_NEWPASS || 'Ui-Test-Pass-2026!';
const EXE = process.env.CHROMIUM || '/usr/bin/chromium';
const LIMIT_MS = parseInt(process.env.BAOMI_UI_TIMEOUT_MS || '180000', 10);
if (!INIT) {
  console.error('ui-test: BAOMI_INIT_PASSWORD is not set');
  process.exit(2);
}

let browser = null;
let step = 'start';
let checks = 0;
const failures = [];

function log(msg) {
  console.log('ui-test: ' + msg);
}
class CheckError extends Error {}
function check(cond, msg) {
  checks++;
  if (!cond) throw new CheckError(msg);
}
function soft(cond, msg) {
  checks++;
  if (!cond) failures.push(step + ': ' + msg);
}

const watchdog = setTimeout(() => {
  console.error(`ui-test: FAIL: timed out after ${LIMIT_MS} ms during step "${step}"`);
  if (browser) browser.close().catch(() => {});
  process.exit(1);
}, LIMIT_MS);

/* ---------------------------------------------------------------- network and console watch */

const consoleErrors = [];
const serverErrors = [];
const csrfSeen = new Set(); // csrf tokens the server handed out (login and GET session)
const csrfChecked = []; // non-GET API requests and their header
let expectStatuses = new Set(); // 4xx statuses the current step provokes on purpose

function watch(page) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const m = /Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (m && expectStatuses.has(Number(m[1]))) return;
    consoleErrors.push(`[${step}] ${text} ${msg.location() && msg.location().url ? '@ ' + msg.location().url : ''}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`[${step}] page error: ${e.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!url.pathname.startsWith('/api/')) return;
    if (req.method() === 'GET' || req.method() === 'HEAD') return;
    if (req.method() === 'POST' && url.pathname === '/api/v1/session') return; // login: no session yet
    csrfChecked.push({ method: req.method(), path: url.pathname, token: req.headers()['x-csrf-token'] || '' });
  });
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (res.status() >= 500) serverErrors.push(`[${step}] ${res.status()} ${res.request().method()} ${url.pathname}`);
    if (url.pathname === '/api/v1/session' && res.ok() && res.request().method() !== 'DELETE') {
      try {
        const j = await res.json();
        if (j && j.csrf_token) csrfSeen.add(j.csrf_token);
      } catch (e) {
        /* body may be gone after navigation */
      }
    }
  });
}

async function shot(page, name) {
  const file = path.join(shotDir, name);
  await page.screenshot({ path: file });
  log('screenshot ' + file);
}

/* A screenshot of the whole content area: the viewport grows to the content's height for it. */
async function shotFull(page, name) {
  const vp = page.viewportSize();
  const height = await page.evaluate(() => {
    const c = document.querySelector('.content');
    return c ? c.scrollHeight + c.getBoundingClientRect().top : document.body.scrollHeight;
  });
  await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(vp.height, Math.ceil(height)), 4000) });
  await shot(page, name);
  await page.setViewportSize(vp);
}

/* The JSON of an API call made inside the page (same cookie). */
async function apiGet(page, p) {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return { status: r.status, body: r.status === 204 ? null : await r.json().catch(() => null) };
  }, p);
}

async function login(page, user, pass) {
  const form = page.locator('#login-form');
  await form.waitFor();
  await form.locator('input[name=username]').fill(user);
  await form.locator('input[name=password]').fill(pass);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session' && r.request().method() === 'POST'),
    form.locator('button[type=submit]').click()
  ]);
  return resp;
}

async function forcedChange(page, oldPass, newPass, tryWeak) {
  const form = page.locator('#password-form');
  await form.waitFor();
  check(await page.locator('h2', { hasText: '请修改密码' }).isVisible(), 'the forced password page shows 请修改密码');
  if (tryWeak) {
    expectStatuses = new Set([400, 401]);
    await form.locator('input[name=old_password]').fill(oldPass);
    await form.locator('input[name=new_password]').fill('abc');
    await form.locator('input[name=confirm_password]').fill('abc');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session/password'),
      form.locator('button[type=submit]').click()
    ]);
    check(resp.status() === 400, `a weak password is refused with 400 (got ${resp.status()})`);
    const body = await resp.json();
    const e = body.error || {};
    check(e.code === 'weak_password', `the refusal has code weak_password (got ${e.code})`);
    await page.locator('#password-form .form-msg:not([hidden])').waitFor();
    const shown = await page.locator('#password-form .form-msg').innerText();
    check(shown.includes(e.message), `the server's Chinese message "${e.message}" is shown (shown: "${shown}")`);
    if (e.field) {
      check(await form.locator(`[name="${e.field}"].invalid`).count() === 1, `the offending field ${e.field} is highlighted`);
    }
    await shot(page, '03-weak-password.png');
  }
  await form.locator('input[name=old_password]').fill(oldPass);
  await form.locator('input[name=new_password]').fill(newPass);
  await form.locator('input[name=confirm_password]').fill(newPass);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session/password'),
    form.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 204, `the password change answers 204 (got ${resp.status()})`);
  await page.locator('.topbar').waitFor();
}

async function menuLabels(page) {
  return page.locator('.sidemenu a.menu-item').allInnerTexts();
}

async function run() {
  const shotDirAbs = path.resolve(shotDir);
  browser = await chromium.launch({
    executablePath: EXE,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30000
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  watch(page);

  /* ---------------------------------------------------------------- login page */
  step = 'login page';
  expectStatuses = new Set([401]); // GET /api/v1/session before login
  const metaRes = await context.request.get(BASE + '/api/v1/meta');
  check(metaRes.ok(), `GET /api/v1/meta answers 200 (got ${metaRes.status()})`);
  const meta = await metaRes.json();
  const unitName = meta.unit && meta.unit.name;
  check(!!unitName, 'meta names the unit');
  const doc = await page.goto(BASE + '/');
  check(doc && doc.status() === 200, `GET / answers 200 (got ${doc && doc.status()})`);
  const csp = (doc && doc.headers()['content-security-policy']) || '';
  check(/default-src 'self'/.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp),
    `the page is served with a strict Content-Security-Policy (got "${csp}")`);
  await page.locator('#login-form').waitFor();
  check(await page.locator('h2', { hasText: '用户登录' }).isVisible(), 'the login page says 用户登录');
  check((await page.locator('.auth-unit').innerText()).includes(unitName), `the login page shows the unit ${unitName}`);
  check((await page.locator('html').getAttribute('lang')) === 'zh-CN', 'the page language is zh-CN by default');
  await shot(page, '01-login.png');

  step = 'wrong password';
  let resp = await login(page, 'secadmin', INIT + '-wrong');
  check(resp.status() === 401, `a wrong password answers 401 (got ${resp.status()})`);
  const wrong = (await resp.json()).error || {};
  await page.locator('#login-form .form-msg:not([hidden])').waitFor();
  check((await page.locator('#login-form .form-msg').innerText()).includes(wrong.message), `the login page shows "${wrong.message}"`);

  /* ---------------------------------------------------------------- forced password change */
  step = 'secadmin login';
  resp = await login(page, 'secadmin', INIT);
  check(resp.status() === 200, `secadmin logs in with BAOMI_INIT_PASSWORD (got ${resp.status()})`);
  const sess = await resp.json();
  check(sess.account && sess.account.must_change_password === true, 'secadmin must change the password at first login');
  check(typeof sess.csrf_token === 'string' && sess.csrf_token.length >= 16, 'login returns a csrf_token');
  const cookies = await context.cookies();
  const sc = cookies.find((c) => c.name === 'baomi_session');
  check(sc && sc.httpOnly, 'the baomi_session cookie is HttpOnly');
  check(sc && (sc.sameSite === 'Strict' || sc.sameSite === 'Lax'), `the session cookie is SameSite (got ${sc && sc.sameSite})`);
  await page.locator('#password-form').waitFor();
  await shot(page, '02-force-password.png');

  step = 'nothing else reachable';
  expectStatuses = new Set([401, 403]);
  await page.goto(BASE + '/#/people');
  await page.locator('#password-form').waitFor();
  check(await page.locator('.sidemenu').count() === 0, 'no menu is reachable before the password change');
  const blocked = await apiGet(page, '/api/v1/people');
  check(blocked.status === 403 && blocked.body && blocked.body.error && blocked.body.error.code === 'password_change_required',
    `the API answers 403 password_change_required before the change (got ${blocked.status})`);

  step = 'password change';
  await forcedChange(page, INIT, NEWPASS, true);
  expectStatuses = new Set();

  /* ---------------------------------------------------------------- frame and home */
  step = 'frame';
  check((await page.locator('#unit-name').innerText()).includes(unitName), 'the header shows the unit name');
  check((await page.locator('#user-role').innerText()).includes('安全保密管理员'), 'the header shows the role 安全保密管理员');
  check(await page.getByRole('button', { name: '退出' }).isVisible(), 'the header has 退出');
  const secMenu = await menuLabels(page);
  for (const m of ['首页', '人员', '账户', '安全策略', '我的令牌']) check(secMenu.includes(m), `secadmin's menu has ${m} (menu: ${secMenu.join(' ')})`);
  check(!secMenu.includes('审计日志'), "secadmin's menu has no 审计日志 (三员分立)");
  await page.locator('h1', { hasText: '首页' }).waitFor();
  await shot(page, '04-home.png');

  /* ---------------------------------------------------------------- people */
  step = 'people list';
  await page.locator('.sidemenu').getByText('人员', { exact: true }).click();
  await page.locator('h1', { hasText: '人员管理' }).waitFor();
  await page.locator('.people-table').waitFor();
  const api = await apiGet(page, '/api/v1/people?limit=50');
  check(api.status === 200, `GET /api/v1/people answers 200 (got ${api.status})`);
  check(api.body.total > 0, 'the data directory holds people (demo or seeded data expected)');
  const rows = page.locator('.people-table tbody tr[data-id]');
  check(await rows.count() === api.body.items.length, `the table shows ${api.body.items.length} rows (got ${await rows.count()})`);
  const tableText = await page.locator('.people-table').innerText();
  for (const p of api.body.items) check(tableText.includes(p.name), `the people table lists ${p.name}`);
  for (const h of ['姓名', '部门', '人员类别', '涉密等级', '状态']) check(tableText.includes(h), `the people table has the column ${h}`);
  check((await page.locator('.pager-info').innerText()).includes(String(api.body.total)), 'the pager shows the total');
  await shot(page, '05-people.png');

  step = 'people filter';
  const first = api.body.items[0];
  await page.locator('form.filters input[name=q]').fill(first.name);
  await page.locator('form.filters button[type=submit]').click();
  await page.waitForFunction((n) => {
    const r = document.querySelectorAll('.people-table tbody tr[data-id]');
    return r.length > 0 && Array.from(r).every((x) => x.textContent.includes(n));
  }, first.name);
  check(page.url().includes('q='), 'the search is kept in the address');

  step = 'person form error';
  expectStatuses = new Set([400]);
  await page.locator('#person-new').click();
  const pform = page.locator('#person-form');
  await pform.waitFor();
  const newName = '界面测试' + Date.now().toString().slice(-5);
  await pform.locator('input[name=name]').fill(newName);
  const deptOpts = await pform.locator('select[name=department_id] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  check(deptOpts.length > 0, 'the person form offers departments');
  await pform.locator('select[name=department_id]').selectOption(deptOpts[0]);
  await pform.locator('select[name=staff_class]').selectOption('general');
  await pform.locator('input[name=commitment_signed_on]').fill('2026-01-05');
  await pform.locator('select[name=status]').selectOption('leaving');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/people' && r.request().method() === 'POST'),
    pform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 400, `a leaving person without 脱密期 end is refused with 400 (got ${resp.status()})`);
  const perr = (await resp.json()).error || {};
  check(perr.field === 'declassify_until', `the refusal names the field declassify_until (got ${perr.field})`);
  await pform.locator('input[name=declassify_until].invalid').waitFor();
  check((await pform.locator('.form-msg').innerText()).includes(perr.message), 'the form shows the server message');
  await shot(page, '06-person-error.png');

  step = 'person create';
  expectStatuses = new Set();
  await pform.locator('input[name=declassify_until]').fill('2027-12-31');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/people' && r.request().method() === 'POST'),
    pform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `creating a valid person answers 201 (got ${resp.status()})`);
  const created = await resp.json();
  check(created.clearance === 'confidential', `a general person gets clearance confidential (got ${created.clearance})`);
  await page.locator('.msg-ok').waitFor();
  await page.locator('.page-actions button').first().click(); // back to the list
  await page.locator('.people-table').waitFor();
  await page.locator('.people-table tbody tr', { hasText: newName }).waitFor();

  /* ---------------------------------------------------------------- English */
  step = 'English';
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('h1', { hasText: 'People' }).waitFor();
  const enMenu = await menuLabels(page);
  for (const m of ['Home', 'People', 'Accounts', 'Security policy', 'My API tokens']) check(enMenu.includes(m), `the English menu has ${m} (menu: ${enMenu.join(' | ')})`);
  const enTable = await page.locator('.people-table thead').innerText();
  for (const h of ['Name', 'Department', 'Staff class', 'Clearance', 'Status']) check(enTable.includes(h), `the English table has the column ${h}`);
  check(await page.getByRole('button', { name: 'Sign out' }).isVisible(), 'the English header has Sign out');
  check((await page.locator('html').getAttribute('lang')) === 'en', 'the page language is en');
  check((await page.locator('#user-role').innerText()).trim() === (meta.admin_roles.find((r) => r.code === 'secadmin') || {}).en,
    'the role label comes from meta in English');
  check(await page.evaluate(() => localStorage.getItem('baomi.lang')) === 'en', 'the language is remembered in localStorage');
  await shot(page, '07-people-en.png');

  step = 'reload keeps session and language';
  await page.reload();
  await page.locator('.people-table').waitFor();
  check(await page.locator('h1', { hasText: 'People' }).isVisible(), 'after a reload the page is still English and logged in');

  /* ---------------------------------------------------------------- tokens (non-GET after reload) */
  step = 'tokens';
  await page.locator('.sidemenu').getByText('My API tokens', { exact: true }).click();
  const tform = page.locator('#token-form');
  await tform.waitFor();
  await tform.locator('input[name=name]').fill('ui-test');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/tokens' && r.request().method() === 'POST'),
    tform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `creating a token answers 201 (got ${resp.status()})`);
  const tok = await resp.json();
  await page.locator('input.token-value').waitFor();
  check(await page.locator('input.token-value').inputValue() === tok.token, 'the new token is shown once in full');
  await page.locator('table.grid tbody tr', { hasText: 'ui-test' }).waitFor();
  await shot(page, '08-tokens-en.png');
  const revoke = page.locator('table.grid tbody tr', { hasText: 'ui-test' }).getByRole('button', { name: 'Revoke' });
  await revoke.click();
  [resp] = await Promise.all([
    page.waitForResponse((r) => /^\/api\/v1\/tokens\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE'),
    page.locator('table.grid tbody tr', { hasText: 'ui-test' }).getByRole('button', { name: 'Confirm revoke?' }).click()
  ]);
  check(resp.status() === 204, `revoking the token answers 204 (got ${resp.status()})`);
  await page.locator('table.grid tbody tr', { hasText: 'ui-test' }).waitFor({ state: 'detached' });

  /* ---------------------------------------------------------------- back to Chinese: accounts, policy */
  step = 'accounts';
  await page.getByRole('button', { name: '中文' }).click();
  await page.locator('.sidemenu').getByText('账户', { exact: true }).click();
  await page.locator('.accounts-table').waitFor();
  const accText = await page.locator('.accounts-table').innerText();
  for (const u of ['sysadmin', 'secadmin', 'auditor']) check(accText.includes(u), `the account list shows ${u}`);
  check(await page.locator('#account-new').count() === 0, 'secadmin gets no 新建账户 button (sysadmin only)');
  await shot(page, '09-accounts.png');

  step = 'forbidden page';
  await page.goto(BASE + '/#/audit');
  await page.locator('.forbidden').waitFor();
  check((await page.locator('.forbidden').innerText()).includes('无权访问'), 'a page outside the role says 无权访问');

  step = 'policy';
  await page.locator('.sidemenu').getByText('安全策略', { exact: true }).click();
  const pol = page.locator('#policy-form');
  await pol.waitFor();
  check(await pol.locator('input[name=password_min_length]').isEditable(), 'secadmin can edit the policy');
  const polApi = await apiGet(page, '/api/v1/policy');
  check(String(polApi.body.lockout_threshold) === await pol.locator('input[name=lockout_threshold]').inputValue(), 'the policy form shows the stored values');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/policy' && r.request().method() === 'PUT'),
    pol.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200, `saving the unchanged policy answers 200 (got ${resp.status()})`);
  await pol.locator('.msg-ok').waitFor();
  await shot(page, '10-policy.png');

  step = 'logout';
  expectStatuses = new Set([401]);
  await page.getByRole('button', { name: '退出' }).click();
  await page.locator('#login-form').waitFor();
  check(await page.getByText('您已安全退出').isVisible(), 'the login page says 您已安全退出');
  const after = await apiGet(page, '/api/v1/session');
  check(after.status === 401, `after logout GET /api/v1/session answers 401 (got ${after.status})`);

  /* ---------------------------------------------------------------- auditor */
  step = 'auditor login';
  resp = await login(page, 'auditor', INIT);
  check(resp.status() === 200, `auditor logs in (got ${resp.status()})`);
  await forcedChange(page, INIT, NEWPASS, false);
  expectStatuses = new Set();
  const audMenu = await menuLabels(page);
  check(audMenu.includes('审计日志'), `the auditor's menu has 审计日志 (menu: ${audMenu.join(' ')})`);
  for (const m of ['人员', '账户', '安全策略']) check(!audMenu.includes(m), `the auditor's menu has no ${m}`);

  step = 'audit log';
  await page.locator('.sidemenu').getByText('审计日志', { exact: true }).click();
  await page.locator('.audit-table').waitFor();
  const auditRows = page.locator('.audit-table tbody tr:not(.empty)');
  check(await auditRows.count() > 0, 'the audit log lists records');
  check((await page.locator('.audit-table').innerText()).includes('secadmin'), "the audit log shows secadmin's actions");
  const csvHref = await page.locator('#audit-export-csv').getAttribute('href');
  check(csvHref && csvHref.startsWith('/api/v1/audit/export?') && csvHref.includes('format=csv'), 'the CSV export link points at /api/v1/audit/export?format=csv');
  const csv = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type') || '', text: await r.text() };
  }, csvHref);
  check(csv.status === 200 && csv.type.startsWith('text/csv'), `the CSV export downloads as text/csv (got ${csv.status} ${csv.type})`);
  check(csv.text.includes('secadmin'), 'the CSV export holds the records');
  await page.locator('form.filters input[name=username]').fill('secadmin');
  await page.locator('form.filters button[type=submit]').click();
  await page.waitForFunction(() => location.hash.includes('username=secadmin'));
  // the table is rebuilt after the fetch: wait until the filtered rows are on the page
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('.audit-table tbody tr:not(.empty) td:nth-child(3)')];
    return cells.length > 0 && cells.every((c) => c.textContent.trim() === 'secadmin');
  }, null, { timeout: 10000 }).catch(() => {});
  const users = await page.locator('.audit-table tbody tr:not(.empty) td:nth-child(3)').allInnerTexts();
  check(users.length > 0 && users.every((u) => u.trim() === 'secadmin'), `filtering by user shows only secadmin (got ${[...new Set(users)].join(',')})`);
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/verify'),
    page.locator('#audit-verify').click()
  ]);
  const ver = await resp.json();
  check(ver.ok === true, `the audit chain verifies (got ${JSON.stringify(ver)})`);
  await page.locator('#verify-result .msg-ok').waitFor();
  check((await page.locator('#verify-result').innerText()).includes(String(ver.records)), 'the verify result shows the record count');
  await shot(page, '11-audit.png');

  /* ---------------------------------------------------------------- carrier ledger (lixy, 保密办主任) */
  step = 'lixy login';
  expectStatuses = new Set([401]);
  await page.getByRole('button', { name: '退出' }).click();
  await page.locator('#login-form').waitFor();
  resp = await login(page, 'lixy', INIT);
  check(resp.status() === 200, `lixy (保密办主任) logs in (got ${resp.status()})`);
  await forcedChange(page, INIT, NEWPASS, false);
  expectStatuses = new Set();
  const lixyMenu = await menuLabels(page);
  for (const m of ['载体台账', '审批待办', '提醒']) check(lixyMenu.includes(m), `lixy's menu has ${m} (menu: ${lixyMenu.join(' ')})`);
  check(!lixyMenu.includes('审计日志') && !lixyMenu.includes('账户'), "lixy's menu has no administrator pages");

  step = 'home ledger statistics';
  await page.locator('#carrier-stats .stat-card').first().waitFor();
  const stats0 = (await apiGet(page, '/api/v1/carriers/stats')).body;
  check(stats0 && typeof stats0.total === 'number', 'GET /api/v1/carriers/stats answers');
  check((await page.locator('#carrier-stats .stat-card .stat-num').first().innerText()).trim() === String(stats0.total),
    `the home page shows the ledger total ${stats0.total}`);

  step = 'carrier register';
  const everyone = (await apiGet(page, '/api/v1/people?limit=500')).body.items;
  const depts = (await apiGet(page, '/api/v1/departments?limit=500')).body.items;
  const liu = everyone.find((p) => p.name === '刘洋');
  const yang = everyone.find((p) => p.name === '杨帆');
  const xxzx = depts.find((d) => d.name === '信息中心');
  check(liu && yang && xxzx, 'the demo has 刘洋, 杨帆 and 信息中心');
  check(liu.clearance === 'secret' && !yang.clearance, `刘洋 is cleared for 机密 and 杨帆 for nothing (got ${liu.clearance}, ${yang.clearance})`);
  await page.locator('.sidemenu').getByText('载体台账', { exact: true }).click();
  await page.locator('h1', { hasText: '涉密载体台账' }).waitFor();
  await page.locator('#carrier-new').click();
  const cform = page.locator('#carrier-form');
  await cform.waitFor();
  const stamp = Date.now().toString().slice(-6);
  const ctitle = `信息中心机房改造方案（界面测试${stamp}）`;
  await cform.locator('select[name=type]').selectOption('paper_doc');
  await cform.locator('select[name=level]').selectOption('secret');
  await cform.locator('input[name=title]').fill(ctitle);
  await cform.locator('input[name=classifier]').fill('王建国');
  await cform.locator('input[name=classify_basis]').fill('卫生健康工作国家秘密范围的规定');
  await cform.locator('input[name=location]').fill('保密室A柜');
  await cform.locator('input[name=copies]').fill('2');
  await cform.locator('input[name=copy_no]').fill('1-2');
  await cform.locator(`input[name=scope_people][value="${liu.id}"]`).check();
  await cform.locator(`input[name=scope_departments][value="${xxzx.id}"]`).check();
  await cform.locator('textarea[name=notes]').fill('界面测试登记');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/carriers' && r.request().method() === 'POST'),
    cform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `registering a 机密 carrier answers 201 (got ${resp.status()})`);
  const carrier = await resp.json();
  check(carrier.level === 'secret' && carrier.state === 'in_custody', `the carrier is 机密 and in custody (got ${carrier.level}, ${carrier.state})`);
  check(/^[A-Z0-9-]+-\d{4}-WJ-\d{6}$/.test(carrier.number), `the carrier gets a ledger number (got ${carrier.number})`);
  check(carrier.period_defaulted === true && carrier.period_years === 20, 'a missing period defaults to 20 years for 机密');
  check(JSON.stringify(carrier.scope_people) === JSON.stringify([liu.id]) && JSON.stringify(carrier.scope_departments) === JSON.stringify([xxzx.id]),
    `the scope is 刘洋 and 信息中心 (got ${JSON.stringify(carrier.scope_people)} ${JSON.stringify(carrier.scope_departments)})`);
  await page.locator('#carrier-head', { hasText: carrier.number }).waitFor();
  check((await page.locator('.msg-ok').first().innerText()).includes(carrier.number), 'the detail page says the carrier was registered with its number');

  step = 'carrier search';
  await page.locator('.sidemenu').getByText('载体台账', { exact: true }).click();
  await page.locator('.carrier-table').waitFor();
  await page.locator('#carrier-filters input[name=q]').fill('机房');
  await page.locator('#carrier-filters button[type=submit]').click();
  await page.waitForFunction(() => location.hash.includes('q='));
  await page.locator(`.carrier-table tbody tr[data-id="${carrier.id}"]`).waitFor();
  const found = (await apiGet(page, '/api/v1/carriers?q=' + encodeURIComponent('机房'))).body;
  check(found.items.some((c) => c.id === carrier.id), 'the two-character word 机房 finds the carrier over the API');
  check(await page.locator('.carrier-table tbody tr[data-id]').count() === found.items.length,
    `the search shows the ${found.items.length} carriers the API finds`);
  const crow = page.locator(`.carrier-table tbody tr[data-id="${carrier.id}"]`);
  const crowText = await crow.innerText();
  for (const s of [carrier.number, ctitle, '纸质文件资料', '机密', '在库', '李秀英']) check(crowText.includes(s), `the ledger row shows ${s}`);
  check((await page.locator('.pager-info').innerText()).includes(String(found.total)), 'the pager shows the number found');
  await shot(page, '12-carrier-ledger.png');

  step = 'carrier detail';
  await crow.locator('a.carrier-title').click();
  await page.locator('#carrier-head', { hasText: carrier.number }).waitFor();
  await page.locator('#carrier-timeline').waitFor();
  const headText = await page.locator('#carrier-head').innerText();
  for (const s of [ctitle, '机密', '在库']) check(headText.includes(s), `the detail head shows ${s}`);
  const basic = await page.locator('#carrier-basic').innerText();
  for (const s of ['纸质文件资料', '1-2', '界面测试登记']) check(basic.includes(s), `the detail shows ${s}`);
  const periodText = await page.locator('#carrier-period').innerText();
  check(periodText.includes('20 年') && periodText.includes('王建国'), 'the detail shows the defaulted 20-year period and the classifier');
  const scopeText = await page.locator('#carrier-scope').innerText();
  check(scopeText.includes('刘洋') && scopeText.includes('信息中心') && !scopeText.includes('#'), `the knowledge scope is shown by name (got "${scopeText}")`);
  check((await page.locator('#carrier-custody').innerText()).includes('保密室A柜'), 'the detail shows the location');
  check(await page.locator('#carrier-timeline li[data-action=register]').count() === 1, 'the timeline starts with 登记');
  const buttons = await page.locator('#carrier-actions .action-btn').allInnerTexts();
  for (const b of ['借阅', '传阅', '销毁']) check(buttons.some((x) => x.includes(b)), `an in-custody carrier offers ${b} (buttons: ${buttons.join(' ')})`);
  check(!buttons.some((x) => x.trim() === '归还'), 'an in-custody carrier offers no 归还');

  step = 'carrier lend refused';
  expectStatuses = new Set([400]);
  const due = new Date(Date.now() + 8 * 3600e3 + 14 * 86400e3).toISOString().slice(0, 10);
  await page.locator('#carrier-actions .action-btn[data-action=borrow]').click();
  const aform = page.locator('#carrier-action-form[data-action=borrow]');
  await aform.waitFor();
  await aform.locator('select[name=person_id]').selectOption(String(yang.id));
  await aform.locator('input[name=due_on]').fill(due);
  await aform.locator('input[name=purpose]').fill('机房改造审阅');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/carriers/${carrier.id}/actions`),
    aform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 400, `lending to 杨帆 (no clearance) is refused with 400 (got ${resp.status()})`);
  const refusal = (await resp.json()).error || {};
  check(refusal.code === 'refused' && refusal.field === 'person_id', `the refusal is code refused on person_id (got ${refusal.code} ${refusal.field})`);
  await aform.locator('.form-msg:not([hidden])').waitFor();
  check((await aform.locator('.form-msg').innerText()).includes(refusal.message), `the form shows the server's message "${refusal.message}"`);
  check(await aform.locator('select[name=person_id].invalid').count() === 1, 'the borrower field is highlighted');
  await shot(page, '13-carrier-refused.png');

  step = 'carrier lend';
  expectStatuses = new Set();
  await aform.locator('select[name=person_id]').selectOption(String(liu.id));
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/carriers/${carrier.id}/actions`),
    aform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200, `lending to 刘洋 (机密, in scope) answers 200 (got ${resp.status()})`);
  const lent = await resp.json();
  check(lent.state === 'borrowed' && lent.holder_id === liu.id && lent.due_on === due, `the carrier is borrowed by 刘洋 until ${due} (got ${lent.state} ${lent.holder_id} ${lent.due_on})`);
  await page.locator('#carrier-timeline li[data-action=borrow]').waitFor();
  const tl = await page.locator('#carrier-timeline li[data-action=borrow]').innerText();
  for (const s of ['借阅', '刘洋', due, 'lixy', '机房改造审阅']) check(tl.includes(s), `the timeline entry for the loan shows ${s} (got "${tl}")`);
  check((await page.locator('#carrier-head').innerText()).includes('借阅中'), 'the head shows 借阅中');
  check((await page.locator('#carrier-custody').innerText()).includes('刘洋'), 'the custody panel shows 刘洋 as the holder');
  const after2 = await page.locator('#carrier-actions .action-btn').allInnerTexts();
  check(after2.some((x) => x.trim() === '归还') && !after2.some((x) => x.trim() === '借阅'), `a borrowed carrier offers 归还 and not 借阅 (buttons: ${after2.join(' ')})`);
  const hist = (await apiGet(page, `/api/v1/carriers/${carrier.id}/history`)).body.items;
  check(hist.map((e) => e.action).join(',') === 'register,borrow', `the history is register, borrow (got ${hist.map((e) => e.action).join(',')})`);
  await shotFull(page, '14-carrier-detail.png');

  step = 'carrier yearly review';
  await page.locator('#carrier-actions .action-btn[data-action=review]').click();
  const rform = page.locator('#carrier-action-form[data-action=review]');
  await rform.waitFor();
  await rform.locator('input[name=notes]').fill('密级和期限仍然适当');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/carriers/${carrier.id}/actions`),
    rform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200, `the officer records the yearly review (got ${resp.status()})`);
  const reviewed = await resp.json();
  check(reviewed.reviewed_on && reviewed.review_due_on > reviewed.reviewed_on && reviewed.state === 'borrowed',
    `the review is recorded and the next one falls due later, the loan unchanged (got ${reviewed.reviewed_on} ${reviewed.review_due_on} ${reviewed.state})`);
  await page.locator('#carrier-timeline li[data-action=review]').waitFor();
  check((await page.locator('#carrier-timeline li[data-action=review]').innerText()).includes('密级和期限仍然适当'), 'the timeline shows the review with its notes');
  check((await page.locator('#carrier-period').innerText()).includes('上次年度审查'), 'the period panel shows the last yearly review');

  step = 'carrier reminders and approvals';
  await page.locator('.sidemenu').getByText('提醒', { exact: true }).click();
  await page.locator('#reminders-overdue').waitFor();
  for (const id of ['#reminders-expiring', '#reminders-review_due', '#reminders-yearly_review']) check(await page.locator(id).count() === 1, `the reminders page has ${id}`);
  await page.locator('.sidemenu').getByText('审批待办', { exact: true }).click();
  await page.locator('.request-table').waitFor();
  await page.locator('.sidemenu').getByText('首页', { exact: true }).click();
  await page.locator('#carrier-stats .stat-card').first().waitFor();
  await page.waitForFunction((n) => {
    const e = document.querySelector('#carrier-stats .stat-num');
    return e && e.textContent.trim() === String(n);
  }, stats0.total + 1);
  check(true, 'the home statistics count the new carrier');
  await page.locator('#notifications .panel-body:not(.loading)').waitFor();
  const inbox = (await apiGet(page, '/api/v1/notifications')).body;
  check(inbox && typeof inbox.unread === 'number', 'GET /api/v1/notifications answers');
  check(await page.locator('#notifications .notif-item').count() === Math.min(inbox.items.length, 10),
    `the home page shows the notification inbox (${inbox.items.length} items)`);

  /* ---------------------------------------------------------------- overall checks */
  step = 'csrf';
  check(csrfChecked.length >= 5, `several cookie-authenticated non-GET requests were made (got ${csrfChecked.length})`);
  for (const r of csrfChecked) {
    check(r.token !== '', `${r.method} ${r.path} carries X-CSRF-Token`);
    check(csrfSeen.has(r.token), `${r.method} ${r.path} carries a csrf_token the server issued`);
  }

  step = 'console';
  soft(consoleErrors.length === 0, 'console errors:\n  ' + consoleErrors.join('\n  '));
  soft(serverErrors.length === 0, 'server errors:\n  ' + serverErrors.join('\n  '));
  log(`screenshots in ${shotDirAbs}`);
  await browser.close();
  browser = null;
}

run().then(
  () => {
    clearTimeout(watchdog);
    if (failures.length) {
      for (const f of failures) console.error('ui-test: FAIL: ' + f);
      console.log(`ui-test: ${checks - failures.length} passed, ${failures.length} failed`);
      process.exit(1);
    }
    console.log(`ui-test: ${checks} passed, 0 failed`);
    process.exit(0);
  },
  async (e) => {
    clearTimeout(watchdog);
    const msg = e instanceof CheckError ? e.message : (e && e.stack) || String(e);
    console.error(`ui-test: FAIL at step "${step}": ${msg}`);
    if (consoleErrors.length) console.error('ui-test: console errors so far:\n  ' + consoleErrors.join('\n  '));
    try {
      if (browser) {
        const pages = browser.contexts().flatMap((c) => c.pages());
        if (pages[0]) await pages[0].screenshot({ path: path.join(shotDir, 'failure.png') });
        console.error('ui-test: page at failure: ' + path.join(shotDir, 'failure.png'));
        await browser.close();
      }
    } catch (x) {
      /* ignore */
    }
    console.log(`ui-test: ${checks - 1} passed, 1 failed`);
    process.exit(1);
  }
);
