'use strict';
/*
 * baomi web UI test in headless Chromium (playwright-core, system chromium).
 *   node ui-test.js DATA_DIR BASE_URL SCREENSHOT_DIR      (normally through run.sh)
 * Environment: BAOMI_INIT_PASSWORD (required), BAOMI_UI_NEWPASS (default Ui-Test-Pass-2026!),
 * CHROMIUM (default /usr/bin/chromium), BAOMI_UI_TIMEOUT_MS (whole-run limit, default 300000).
 *
 * What it drives, as a person would: secadmin logs in through the form, is forced to change the
 * password (a weak one first: the server's message and the highlighted field must show), lands
 * on the frame, opens 人员 and finds every person the API lists, filters, makes a form error and
 * a valid person, switches to English (remembered across a reload), creates and revokes an API
 * token, opens 账户 and 安全策略, logs out. Then auditor logs in, changes the password, searches
 * the audit log and verifies the chain. Then lixy (保密办主任, officer) sees the ledger statistics on
 * the home page, registers a 机密 carrier with a knowledge scope, finds it by a two-character word
 * of its title, opens its detail (scope by name, timeline), is refused lending it to 杨帆 (no 机密
 * clearance: the server's message on the highlighted field), lends it to 刘洋 and sees the loan in
 * the timeline, and opens 提醒 and 审批待办. Then secadmin (over the API) gives lixy the 应急指挥
 * role: lixy creates a plan from the leak template, gets the server's field-path error
 * (body.chains[0].duties[1].amount) on the very input, adds and removes a duty row, saves; with the
 * 分管领导 role added the 批准 button appears and approves it. lixy reports a leak through the form
 * (live proposed level from the four factors, the carrier found in the ledger linked), sees the
 * overdue 30-minute duty and a ticking 24-hour countdown in the detail, the list (overdue mark, level
 * colour, ticking countdown, overdue filter) and the home page, verifies, grades (level II in
 * orange), records a report as sent (met late; the next duty starts counting), activates the plan
 * (seven tasks), marks a task done, assigns a new one to 刘洋 picked by typing 刘 (the account
 * directory), and finds all of it on the timeline; publishes a yellow warning,
 * raises it to orange, reads its history, sees it on the home page and lifts it. Then 保密自查:
 * lixy creates a checklist from the template seed and a campaign with 张伟 picked by name as its
 * inspector (a phase ending before it starts
 * is refused on its date field; then today falls in 查摆问题, drawn as the current phase), fills
 * 符合 and 不符合 for 信息中心 and sees the department score follow, uploads an evidence file and
 * sees its SHA-256 (and the same bytes back), finds results and file again on reopening, imports
 * tests/data/checkreport/real.json through the upload control (未登记主机, failed checks, hits,
 * findings created), re-imports (已导入过), is refused an edited report (摘要不符), downloads the
 * media list, filters the findings, assigns the 不符合 finding to herself (a name nobody has is
 * refused on the field), starts it (no verify
 * for her own task), records a superior spot check, reads the scores with the formula, fetches
 * the report link (%PDF) and the XLSX (PK), and finds the counts on the board and the task with
 * its deadline on the home page. Throughout: no
 * console errors, no CSP violations, no 5xx, and every cookie-authenticated non-GET request carries
 * the session's X-CSRF-Token.
 */
const path = require('path');
const { chromium, request } = require('playwright-core');

const [dataDir, baseUrlArg, shotDir] = process.argv.slice(2);
if (!dataDir || !baseUrlArg || !shotDir) {
  console.error('usage: node ui-test.js DATA_DIR BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const BASE = baseUrlArg.replace(/\/+$/, '');
const INIT = process.env.BAOMI_INIT_PASSWORD;
const NEWPASS = process.env.BAOMI_UI_NEWPASS || 'Ui-Test-Pass-2026!';
const EXE = process.env.CHROMIUM || '/usr/bin/chromium';
const LIMIT_MS = parseInt(process.env.BAOMI_UI_TIMEOUT_MS || '300000', 10);
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
/* A server message as the form shows it: the field's code gives way to its label on screen. */
function onScreen(message) {
  return String(message || '').replace(/^\s*字段\s*\S+?[：:]\s*/, '').replace(/\s*[（(]字段[：:][^）)]*[）)]/, '');
}

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
  check((await pform.locator('.form-msg').innerText()).includes(onScreen(perr.message)), 'the form shows the server message');
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
  // 杨帆 is confirmed 一般涉密人员 after his 岗前 training in the demo: cleared for 秘密 only
  check(liu.clearance === 'secret' && (!yang.clearance || yang.clearance === 'confidential'),
    `刘洋 is cleared for 机密 and 杨帆 below it (got ${liu.clearance}, ${yang.clearance})`);
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
  check(resp.status() === 400, `lending the 机密 carrier to 杨帆 (not cleared for 机密) is refused with 400 (got ${resp.status()})`);
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

  step = 'carrier correction';
  await page.locator('#carrier-correct').click();
  const corrForm = page.locator('#carrier-correct-form');
  await corrForm.waitFor();
  check(await corrForm.locator('input[name=level], select[name=level], input[name=period_years]').count() === 0,
    'the correction form offers neither the level nor the period');
  check(await corrForm.locator(`input[name=scope_people][value="${liu.id}"]`).isChecked(), 'the scope picker starts from the registered scope (刘洋 ticked)');
  check(!(await corrForm.innerText()).match(/#\d/), 'the correction form names people, not ids');
  await corrForm.locator('input[name=location]').fill('保密室B柜');
  await corrForm.locator('input[name=reason]').fill('登记时柜号录错');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/carriers/${carrier.id}` && r.request().method() === 'PATCH'),
    corrForm.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200, `the officer's correction answers 200 (got ${resp.status()})`);
  const sent = JSON.parse(resp.request().postData());
  check(JSON.stringify(Object.keys(sent).sort()) === '["location","reason"]', `only the changed field and the reason are sent (got ${JSON.stringify(sent)})`);
  await page.locator('#carrier-timeline li[data-action=correct]').waitFor();
  const corrTl = await page.locator('#carrier-timeline li[data-action=correct]').innerText();
  for (const x of ['更正登记', '保密室A柜 → 保密室B柜', '登记时柜号录错']) check(corrTl.includes(x), `the timeline shows the correction: ${x} (got "${corrTl}")`);
  check((await page.locator('#carrier-custody').innerText()).includes('保密室B柜'), 'the custody panel shows the corrected location');

  step = 'carrier reminders and approvals';
  await page.locator('.sidemenu').getByText('提醒', { exact: true }).click();
  await page.locator('#reminders-overdue').waitFor();
  for (const id of ['#reminders-expiring', '#reminders-review_due', '#reminders-yearly_review']) check(await page.locator(id).count() === 1, `the reminders page has ${id}`);
  await page.locator('.sidemenu').getByText('审批待办', { exact: true }).click();
  await page.locator('.request-table').waitFor();
  check((await page.locator('#request-tabs .sub-tab.active').innerText()).trim() === '待办', 'the approvals page opens on its 待办 tab');
  await page.locator('#request-tabs .sub-tab[data-tab=done]').click();
  await page.locator('.request-table.request-done').waitFor();
  check((await page.locator('#request-tabs .sub-tab.active').innerText()).trim() === '已办', 'the approvals page has a 已办 tab');
  const doneApi = (await apiGet(page, '/api/v1/carrier-requests?view=done')).body;
  const doneRows = await page.locator('.request-table.request-done tbody tr[data-id]').count();
  check(doneApi && doneRows === Math.min(doneApi.total, 50), `the 已办 tab lists the decided requests (${doneRows} rows, ${doneApi && doneApi.total} in all)`);
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

  /* ---------------------------------------------------------------- incidents, plans, warnings (lixy + command, leader) */
  step = 'incident fixture';
  // lixy (officer) also gets the emergency command role; secadmin grants it over the API with a
  // bearer token in a request context of its own (the browser keeps lixy's cookie)
  const adm = await request.newContext({ baseURL: BASE });
  let ar = await adm.post('/api/v1/session', { data: { username: 'secadmin', password: NEWPASS } });
  check(ar.ok(), `secadmin logs in over the API for the fixture (got ${ar.status()})`);
  const AH = { Authorization: 'Bearer ' + (await ar.json()).token };
  ar = await adm.get('/api/v1/accounts?limit=500', { headers: AH });
  const lixyAcc = (await ar.json()).items.find((a) => a.username === 'lixy');
  check(!!lixyAcc, 'the account lixy is listed');
  async function grant(roles) {
    const r = await adm.put(`/api/v1/accounts/${lixyAcc.id}/roles`, { headers: AH, data: { roles } });
    check(r.ok(), `secadmin grants lixy ${roles.join('+')} (got ${r.status()})`);
  }
  await grant(['officer', 'staff', 'command']);
  await page.reload();
  await page.locator('#user-role', { hasText: '应急指挥' }).waitFor();
  const incMenu = await menuLabels(page);
  for (const m of ['事件', '预警', '应急预案']) check(incMenu.includes(m), `lixy's menu has ${m} (menu: ${incMenu.join(' ')})`);
  const stamp2 = Date.now().toString().slice(-6);

  step = 'plan from template';
  await page.locator('.sidemenu').getByText('应急预案', { exact: true }).click();
  const pcf = page.locator('#plan-create-form');
  await pcf.waitFor();
  await pcf.locator('select[name=template]').selectOption('leak');
  await pcf.locator('input[name=name]').fill(`保密专项应急预案（界面测试${stamp2}）`);
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/plans' && r.request().method() === 'POST'),
    pcf.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `a plan is created from the leak template (got ${resp.status()})`);
  const plan = await resp.json();
  check(plan.status === 'draft' && plan.kind === 'leak', `the new plan is a leak draft (got ${plan.status} ${plan.kind})`);
  const plform = page.locator('#plan-form');
  await plform.waitFor();
  check((await page.locator('#plan-head').innerText()).includes('草稿'), 'the plan head says 草稿');
  const amt = (ci, di) => plform.locator(`input[name="body.chains[${ci}].duties[${di}].amount"]`);
  check(await amt(0, 0).inputValue() === '30', 'the editor shows the 30-minute duty of seed 000');
  check(await amt(0, 1).inputValue() === '10', 'the editor shows the 10-minute duty');
  check(await plform.locator('.plan-chain input.chain-active').first().isChecked(), 'the seed-000 chain is in use');
  check(await page.locator('#plan-approve').count() === 0, 'no 批准 button without the leader role');

  step = 'plan field error';
  expectStatuses = new Set([400]);
  await amt(0, 1).fill('0');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/plans/${plan.id}` && r.request().method() === 'PATCH'),
    plform.locator('#plan-save').click()
  ]);
  check(resp.status() === 400, `a duty of 0 minutes is refused (got ${resp.status()})`);
  const perr2 = (await resp.json()).error || {};
  check(perr2.field === 'body.chains[0].duties[1].amount', `the refusal names body.chains[0].duties[1].amount (got ${perr2.field})`);
  await amt(0, 1).and(page.locator('.invalid')).waitFor();
  const pmsg = await plform.locator('.form-msg').first().innerText();
  check(pmsg.includes(perr2.message) && pmsg.includes('报告链 1') && pmsg.includes('报告义务 2'),
    `the message says where and what ("${pmsg}")`);
  await plform.locator('.sticky-msg:not([hidden])').waitFor();
  check((await plform.locator('.sticky-msg').innerText()).includes(perr2.message), 'the message is repeated next to the save button');
  await shot(page, '15-plan-error.png');

  step = 'plan edit';
  expectStatuses = new Set();
  await amt(0, 1).fill('10');
  await plform.locator('input[name="body.command.commander.name"]').fill('王建国');
  await plform.locator('.plan-chain').first().getByRole('button', { name: '增加报告义务' }).click();
  check(await plform.locator('.plan-chain').first().locator('.duty-table tbody tr').count() === 4, 'a fourth duty row is added');
  check(await amt(0, 1).inputValue() === '10' && await plform.locator('input[name="body.command.commander.name"]').inputValue() === '王建国',
    'values typed before adding a row are kept');
  await plform.locator('tr[data-path="body.chains[0].duties[3]"]').getByRole('button', { name: '删除' }).click();
  check(await plform.locator('.plan-chain').first().locator('.duty-table tbody tr').count() === 3, 'the added row is removed again');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/plans/${plan.id}` && r.request().method() === 'PATCH'),
    plform.locator('#plan-save').click()
  ]);
  check(resp.status() === 200, `the corrected plan saves (got ${resp.status()})`);
  const saved = await resp.json();
  check(saved.body.chains[0].duties.length === 3 && saved.body.chains[0].duties[1].amount === 10 &&
    saved.body.chains_active.join() === 'leak-seed000' && saved.body.command.commander.name === '王建国' &&
    saved.body.playbooks[0].steps.length === 7,
  'the saved body keeps the three duties, the chain in use, the commander and the seven steps');
  await page.locator('.msg-ok', { hasText: '预案已保存' }).waitFor();

  step = 'plan approve';
  expectStatuses = new Set([409]); // the drafter's own approval is refused
  await grant(['officer', 'staff', 'command', 'leader']);
  await page.reload();
  await page.locator('#plan-approve').waitFor();
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/plans/${plan.id}/status`),
    page.locator('#plan-approve').click()
  ]);
  check(resp.status() === 409, `the one who drafted the plan cannot approve it (got ${resp.status()})`);
  // the demo's 分管领导 wangjg approves it over the API (first login: the forced password change)
  {
    const lead = await request.newContext({ baseURL: BASE });
    let lr = await lead.post('/api/v1/session', { data: { username: 'wangjg', password: INIT } });
    check(lr.ok(), `wangjg logs in over the API (got ${lr.status()})`);
    const LH = { Authorization: 'Bearer ' + (await lr.json()).token };
    lr = await lead.put('/api/v1/session/password', { headers: LH, data: { old_password: INIT, new_password: NEWPASS } });
    check(lr.status() === 204, `wangjg sets a password (got ${lr.status()})`);
    lr = await lead.post(`/api/v1/plans/${plan.id}/status`, { headers: LH, data: { status: 'approved' } });
    check(lr.status() === 200 && (await lr.json()).status === 'approved', `another leader approves the plan (got ${lr.status()})`);
    await lead.dispose();
  }
  await page.reload();
  await page.locator('#plan-head', { hasText: '已批准' }).waitFor();
  check(await page.locator('#plan-form input[name="body.chains[0].duties[0].amount"]').isDisabled(), 'an approved plan is read-only');
  check(await page.locator('#plan-file').count() === 1 && await page.locator('#plan-revise').count() === 1, 'an approved plan offers 备案 and 修订');
  await shotFull(page, '16-plan-approved.png');

  step = 'incident report form';
  await page.locator('.sidemenu').getByText('事件', { exact: true }).click();
  await page.locator('h1', { hasText: '事件列表' }).waitFor();
  await page.locator('#incident-new').click();
  const iform = page.locator('#incident-form');
  await iform.waitFor();
  const ititle = `涉密U盘遗失（界面测试${stamp2}）`;
  const disc = new Date(Date.now() + 8 * 3600e3 - 40 * 60e3).toISOString().slice(0, 16);
  await iform.locator('select[name=kind]').selectOption('leak');
  check(await iform.locator('select[name=category]').isHidden(), 'a leak needs no category');
  await iform.locator('select[name=subcategory]').selectOption('carrier_lost');
  await iform.locator('input[name=title]').fill(ititle);
  await iform.locator('input[name=discovered_at]').fill(disc);
  await iform.locator('select[name=prelim_level]').selectOption('III');
  await iform.locator('select[name=info_level]').selectOption('secret');
  await iform.locator('#grade-preview[data-level="II"]').waitFor();
  await iform.locator('select[name="factors.public_impact"]').selectOption('extreme');
  await iform.locator('#grade-preview[data-level="I"]').waitFor();
  check((await iform.locator('#grade-preview').innerText()).includes('Ⅰ级'), 'an extreme public impact proposes level I');
  await iform.locator('select[name="factors.public_impact"]').selectOption('minor');
  await iform.locator('#grade-preview[data-level="II"]').waitFor();
  const pv = await iform.locator('#grade-preview').innerText();
  check(pv.includes('Ⅱ级') && pv.includes('信息密级'), `机密 information proposes level II, decided by 信息密级 (got "${pv}")`);
  check(await iform.locator('input[name="report.reporter"]').inputValue() === '李秀英', 'the reporter is prefilled');
  check((await iform.locator('input[name="report.unit_name"]').inputValue()) === unitName, 'the unit is prefilled');
  /* the report's sections fold (tests/ui/forms.js): unfold them to fill them in */
  for (const fold of ['report-contact', 'report-event', 'leak-fields']) await iform.locator(`details.${fold} > summary`).click();
  await iform.locator('input[name="report.phone"]').fill('0571-88001001');
  await iform.locator('textarea[name="report.description"]').fill('机房改造方案纸质件一份\n在会议室遗失');
  await iform.locator('textarea[name="report.measures"]').fill('封存会议室，调取监控');
  await iform.locator('textarea[name="report.content"]').fill('机房改造方案（机密）');
  await iform.locator('input[name="report.leak_channel"]').fill('遗失');
  await iform.locator('input[name="report.police_informed"]').check();
  await iform.locator('input[name=carrier_q]').fill('机房');
  await iform.locator('#carrier-search').click();
  await iform.locator(`.carrier-results label[data-carrier="${carrier.id}"] input`).check();
  const chip = iform.locator(`.carrier-chips .chip[data-carrier="${carrier.id}"]`);
  await chip.waitFor();
  check((await chip.innerText()).includes(carrier.number), 'ticking the carrier found shows it by number, not id');
  await shotFull(page, '17-incident-form.png');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/incidents' && r.request().method() === 'POST'),
    iform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `the leak is reported (got ${resp.status()})`);
  const inc = await resp.json();
  check(inc.kind === 'leak' && inc.subcategory === 'carrier_lost' && inc.info_level === 'secret', 'the report keeps kind, subcategory and level');
  check(inc.prelim_level.code === 'III' && inc.proposed_level.code === 'II', `preliminary III, proposed II (got ${inc.prelim_level.code} ${inc.proposed_level.code})`);
  check(inc.report.police_informed === true && inc.report.description.includes('\n'), 'the report keeps the leak fields and line breaks');
  check(inc.plan && inc.plan.id === plan.id, 'the approved plan is the plan in force');
  check(JSON.stringify(inc.carriers) === JSON.stringify([carrier.id]), `the carrier is linked (got ${JSON.stringify(inc.carriers)})`);
  await page.locator('#incident-head', { hasText: ititle }).waitFor();

  step = 'incident deadlines';
  const dl = page.locator('#incident-deadlines');
  check(await dl.locator('tbody tr[data-duty]').count() === 4, 'the two statutory duties and the two of the seed-000 chain are listed');
  const dlGroup = dl.locator('tr[data-code="leak-seed000/to-group"]');
  const dl24 = dl.locator('tr[data-code="law/leak-24h"]');
  check((await dl24.locator('.dl-source').innerText()) === '法定' && (await dlGroup.locator('.dl-source').innerText()) === '预案', 'each duty says whether it is statutory (法定) or from the plan (预案)');
  check(await dlGroup.getAttribute('data-state') === 'overdue', 'the 30-minute duty, discovered 40 minutes ago, is overdue');
  check((await dlGroup.locator('.countdown').innerText()).startsWith('已逾期'), 'its countdown says 已逾期');
  check(await dlGroup.locator('.countdown.cd-overdue').count() === 1, 'the overdue countdown is marked red');
  check(await dl.locator('tr[data-code="leak-seed000/to-city"]').getAttribute('data-state') === 'waiting', 'the 10-minute duty waits for the previous one');
  const cd1 = await dl24.locator('.countdown').innerText();
  await page.waitForTimeout(1300);
  const cd2 = await dl24.locator('.countdown').innerText();
  check(/^剩余 2[23]:\d\d:\d\d$/.test(cd1), `the 24-hour duty counts down about 23 hours (got "${cd1}")`);
  check(cd1 !== cd2, `the countdown ticks ("${cd1}" then "${cd2}")`);
  check((await page.locator('#incident-timeline li[data-action=report]').innerText()).includes(plan.name), 'the timeline starts with the report under the plan');
  await page.locator(`#incident-carriers a[data-carrier="${carrier.id}"]`, { hasText: carrier.number }).waitFor();
  check((await page.locator('#incident-carriers').innerText()).includes(ctitle), 'the linked carrier is shown by number and title');
  const acts0 = await page.locator('#incident-actions .action-btn').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
  check(acts0.join() === 'supplement,verify,dismiss', `a reported incident offers 续报, 核实, 核实不属实 (got ${acts0.join()})`);

  step = 'incident list';
  await page.locator('#incident-back').click();
  const irow = page.locator(`.incident-table tbody tr[data-id="${inc.id}"]`);
  await irow.waitFor();
  check(await irow.evaluate((tr) => tr.classList.contains('row-overdue')), 'the list marks the row overdue');
  check((await irow.locator('.overdue-mark').innerText()).includes('逾期 1 项'), 'the list shows 逾期 1 项');
  const lvl = irow.locator('.badge-ilevel');
  check((await lvl.innerText()).includes('Ⅲ级') && (await lvl.getAttribute('class')).includes('badge-ilevel-yellow'), 'the preliminary level III shows in yellow');
  const lc1 = await irow.locator('.countdown').innerText();
  await page.waitForTimeout(1300);
  const lc2 = await irow.locator('.countdown').innerText();
  check(lc1 !== lc2 && lc1.startsWith('剩余'), `the list's next deadline ticks ("${lc1}" then "${lc2}")`);
  await page.locator('#incident-filters input[name=overdue]').check();
  await page.locator('#incident-filters button[type=submit]').click();
  await page.waitForFunction(() => location.hash.includes('overdue=1'));
  await irow.waitFor();
  await shot(page, '18-incident-list.png');

  step = 'incident verify';
  await irow.locator('a.incident-title').click();
  await page.locator('#incident-actions .action-btn[data-action=verify]').click();
  let aform2 = page.locator('#incident-action-form[data-action=verify]');
  await aform2.locator('input[name=note]').fill('电话核实属实');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/incidents/${inc.id}/actions`),
    aform2.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200 && (await resp.json()).state === 'verified', `核实 answers 200, verified (got ${resp.status()})`);
  await page.locator('#incident-head[data-state=verified]').waitFor();
  check((await page.locator('#incident-timeline li[data-action=verify]').innerText()).includes('电话核实属实'), 'the timeline shows the verification with its note');
  const acts1 = await page.locator('#incident-actions .action-btn').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
  check(acts1.includes('grade') && !acts1.includes('verify'), `a verified incident offers 定级, not 核实 (got ${acts1.join()})`);

  step = 'incident grade';
  await page.locator('#incident-actions .action-btn[data-action=grade]').click();
  aform2 = page.locator('#incident-action-form[data-action=grade]');
  check(await aform2.locator('select[name=level]').inputValue() === 'II', 'the grade form proposes level II');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/incidents/${inc.id}/actions`),
    aform2.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200, `定级 answers 200 (got ${resp.status()})`);
  const graded = await resp.json();
  check(graded.state === 'graded' && graded.confirmed_level.code === 'II', 'the incident is graded II');
  await page.locator('#incident-head[data-state=graded]').waitFor();
  check(await page.locator('#incident-head .badge-ilevel-orange', { hasText: 'Ⅱ级' }).count() === 1, 'the head shows level II in orange');
  check((await page.locator('#incident-levels [data-kind=confirmed_level]').innerText()).includes('Ⅱ级'), 'the confirmed level card shows II');

  step = 'incident report sent';
  await dlGroup.locator('.dl-mark').click();
  const mform = page.locator('.met-form');
  await mform.locator('input[name=note]').fill('电话报告领导小组组长');
  [resp] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/incident-deadlines\/\d+\/met$/.test(new URL(r.url()).pathname)),
    mform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200, `登记报送 answers 200 (got ${resp.status()})`);
  await page.locator('#incident-deadlines tr[data-code="leak-seed000/to-group"][data-state=late]').waitFor();
  check((await dlGroup.innerText()).includes('逾期完成') && (await dlGroup.innerText()).includes('电话报告领导小组组长'), 'the duty is met late, with its note');
  const city = page.locator('#incident-deadlines tr[data-code="leak-seed000/to-city"]');
  check(await city.getAttribute('data-state') === 'open' && /剩余 00:(09|10):\d\d/.test(await city.locator('.countdown').innerText()),
    'the 10-minute duty now counts down from the report');

  step = 'incident activate';
  await page.locator('#incident-actions .action-btn[data-action=activate]').click();
  aform2 = page.locator('#incident-action-form[data-action=activate]');
  await aform2.locator(`select[name=plan_id] option[value="${plan.id}"]`).waitFor({ state: 'attached' });
  await aform2.locator('select[name=plan_id]').selectOption(String(plan.id));
  await aform2.locator('input[name=playbooks][value=leak-general]').waitFor();
  check(await aform2.locator('select[name=level]').inputValue() === 'II', 'the response level defaults to the confirmed level');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/incidents/${inc.id}/actions`),
    aform2.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200 && (await resp.json()).tasks.length === 7, `启动预案 answers 200 with seven tasks (got ${resp.status()})`);
  await page.locator('#incident-head[data-state=activated]').waitFor();
  const trows = page.locator('#incident-tasks .task-table tbody tr[data-task]');
  check(await trows.count() === 7, 'the seven tasks of the playbook are listed');
  const firstTask = trows.first();
  const taskId = await firstTask.getAttribute('data-task');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/incident-tasks/${taskId}`),
    firstTask.locator('.task-done').click()
  ]);
  check(resp.status() === 204, `a task is marked done (got ${resp.status()})`);
  await page.locator(`#incident-tasks tr[data-task="${taskId}"][data-status=done]`).waitFor();

  step = 'incident task by name';
  // the assignee is found by part of the name in the account directory, shown as name（department）
  const liuyAcc = (await (await adm.get('/api/v1/accounts?limit=500', { headers: AH })).json()).items.find((a) => a.username === 'liuy');
  check(!!liuyAcc, 'the account liuy (刘洋) is listed');
  const tf = page.locator('#task-form');
  await tf.locator('input[name=title]').fill('调取门禁记录');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/account-directory'),
    tf.locator('input[name=assignee_id]').pressSequentially('刘')
  ]);
  check(resp.status() === 200, `the directory answers the officer (got ${resp.status()})`);
  const liuyOpt = tf.locator(`.picker-option[data-id="${liuyAcc.id}"]`);
  await liuyOpt.waitFor();
  const liuyLabel = await liuyOpt.innerText();
  check(liuyLabel === '刘洋（信息中心）', `typing 刘 offers 刘洋 as name（department）, no id (got ${liuyLabel})`);
  await liuyOpt.click();
  check(await tf.locator('input[name=assignee_id]').inputValue() === liuyLabel, 'the field shows the name picked');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/incidents/${inc.id}/tasks`),
    tf.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `the task is assigned to the person picked (got ${resp.status()})`);
  check(JSON.parse(resp.request().postData()).assignee_id === liuyAcc.id, 'the picked name is sent as the account id');
  await page.locator('#incident-tasks .task-table tbody tr[data-task]', { hasText: '调取门禁记录' }).waitFor();
  check((await page.locator('#incident-tasks .task-table tbody tr[data-task]', { hasText: '调取门禁记录' }).innerText()).includes('刘洋'), 'the new task names its assignee');

  step = 'incident timeline';
  const tlActs = await page.locator('#incident-timeline li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-action')));
  for (const a of ['report', 'verify', 'grade', 'report_sent', 'activate', 'task_update']) check(tlActs.includes(a), `the timeline has ${a} (got ${tlActs.join()})`);
  check((await page.locator('#incident-timeline li[data-action=grade]').innerText()).includes('Ⅱ级'), 'the grading entry names level II');
  check(await page.locator('#incident-downloads a[data-form=report-pdf]').getAttribute('href') === `/api/v1/incidents/${inc.id}/form?which=report&format=pdf`, 'the report form PDF is linked');
  check(await page.locator('#incident-downloads a[data-form=package]').getAttribute('href') === `/api/v1/incidents/${inc.id}/package`, 'the signed package is linked');
  await shotFull(page, '19-incident-detail.png');

  step = 'warning publish';
  await page.locator('.sidemenu').getByText('预警', { exact: true }).click();
  await page.locator('#warning-new').click();
  const wform = page.locator('#warning-form');
  await wform.waitFor();
  const wtitle = `勒索病毒预警（界面测试${stamp2}）`;
  await wform.locator('select[name=level]').selectOption('III');
  await wform.locator('select[name=category]').selectOption('malware');
  await wform.locator('input[name=title]').fill(wtitle);
  await wform.locator('input[name=audience]').fill('全体干部');
  await wform.locator('textarea[name=items]').fill('勿打开陌生邮件附件');
  await wform.locator('textarea[name=measures]').fill('更新病毒库');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/warnings' && r.request().method() === 'POST'),
    wform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `a yellow warning is published (got ${resp.status()})`);
  const warn = await resp.json();
  const wcard = page.locator(`#warnings-active .warn-card[data-id="${warn.id}"]`);
  await wcard.waitFor();
  check((await wcard.getAttribute('class')).includes('warn-yellow') && (await wcard.innerText()).includes('黄色预警'), 'the card is yellow and says 黄色预警');
  for (const s of [wtitle, '全体干部', '勿打开陌生邮件附件', '恶意程序事件', unitName]) check((await wcard.innerText()).includes(s), `the card shows ${s}`);

  step = 'warning adjust';
  await wcard.locator('.warn-adjust').click();
  const adj = wcard.locator('.adjust-form');
  await adj.locator('select[name=level]').selectOption('II');
  await adj.locator('textarea[name=measures]').fill('断开外网，更新病毒库');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/warnings/${warn.id}` && r.request().method() === 'PATCH'),
    adj.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 200, `the warning is raised to orange (got ${resp.status()})`);
  await page.locator(`#warnings-active .warn-card.warn-orange[data-id="${warn.id}"]`).waitFor();
  await wcard.locator('.warn-history-btn').click();
  await wcard.locator('.warn-versions li[data-version]').nth(1).waitFor();
  const vtext = await wcard.locator('.warn-versions').innerText();
  check(vtext.includes('已发布') && vtext.includes('已调整') && vtext.includes('断开外网'), 'the history shows the published and adjusted versions');
  await shot(page, '20-warnings.png');

  step = 'home incidents and warnings';
  await page.locator('.sidemenu').getByText('首页', { exact: true }).click();
  const hi = page.locator(`#home-incidents li[data-id="${inc.id}"]`);
  await hi.waitFor();
  const h1 = await hi.locator('.countdown').innerText();
  await page.waitForTimeout(1300);
  check(h1 !== await hi.locator('.countdown').innerText(), 'the home page counts down to the nearest deadline');
  check(await page.locator(`#home-warning-list a.warn-orange[data-id="${warn.id}"]`).count() === 1, 'the home page shows the active orange warning');
  await shot(page, '21-home-incidents.png');

  step = 'warning lift';
  await page.locator('.sidemenu').getByText('预警', { exact: true }).click();
  await wcard.locator('.warn-lift').click();
  await wcard.locator('.lift-form input[name=note]').fill('威胁解除');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/warnings/${warn.id}/lift`),
    wcard.locator('.lift-form button[type=submit]').click()
  ]);
  check(resp.status() === 200, `the warning is lifted (got ${resp.status()})`);
  await page.locator(`#warnings-lifted .warn-card[data-id="${warn.id}"]`).waitFor();
  check(await page.locator(`#warnings-active .warn-card[data-id="${warn.id}"]`).count() === 0, 'a lifted warning leaves the active board');
  check((await page.locator(`#warnings-lifted .warn-card[data-id="${warn.id}"]`).innerText()).includes('威胁解除'), 'the lifted card shows the note');

  /* ---------------------------------------------------------------- self-inspection (lixy, 保密员) */
  step = 'inspect campaign form';
  const bj = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
  const accts = (await (await adm.get('/api/v1/accounts?limit=500', { headers: AH })).json()).items;
  const zhangwAcc = accts.find((a) => a.username === 'zhangw');
  check(!!zhangwAcc, 'the account zhangw (保密员) is listed');
  const bgs = depts.find((d) => d.name === '办公室');
  const lists0 = (await apiGet(page, '/api/v1/checklists')).body;
  await page.locator('.sidemenu').getByText('保密自查', { exact: true }).click();
  await page.locator('h1', { hasText: '保密自查' }).waitFor();
  await page.locator('#campaign-new').click();
  const kform = page.locator('#campaign-form');
  await kform.waitFor();
  if (lists0.items.length === 0) {
    check(await kform.locator('.checklist-field .msg-warn').isVisible(), 'with no checklist yet the form says to create one from the template');
  }
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/checklists' && r.request().method() === 'POST'),
    kform.locator('#checklist-from-seed').click()
  ]);
  check(resp.status() === 201, `a checklist is created from the template seed (got ${resp.status()})`);
  const checklist = await resp.json();
  check(checklist.items.length >= 30 && checklist.items.some((i) => i.code === 'net-isolation'), `the template checklist has its items (got ${checklist.items.length})`);
  check(await kform.locator('select[name=checklist_id]').inputValue() === String(checklist.id), 'the new checklist is selected in the form');
  check((await kform.locator('.form-msg').innerText()).includes(String(checklist.items.length)), 'the form says the checklist was created with its item count');
  const kname = `2026年度保密自查（界面测试${stamp2}）`;
  await kform.locator('input[name=name]').fill(kname);
  await kform.locator('input[name="phases.find_start"]').fill(bj(-2));
  await kform.locator('input[name="phases.find_end"]').fill(bj(-4));
  await kform.locator(`input[name=departments][value="${xxzx.id}"]`).check();
  await kform.locator(`input[name=departments][value="${bgs.id}"]`).check();
  // the inspector is looked up by name and ticked; the id list follows
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/account-directory' && new URL(r.url()).searchParams.get('q') === '张伟'),
    kform.locator('input[name=inspector_find]').pressSequentially('张伟')
  ]);
  const zwOpt = kform.locator(`.inspector-find-line .picker-option[data-id="${zhangwAcc.id}"]`);
  await zwOpt.waitFor();
  const zwLabel = await zwOpt.innerText();
  check(zwLabel === '张伟（保密办公室）', `typing 张伟 offers 张伟 with the department, no id (got ${zwLabel})`);
  await zwOpt.click();
  await kform.locator(`.known-accounts label[data-account="${zhangwAcc.id}"] input:checked`).waitFor();
  check(await kform.locator('input[name=inspectors]').inputValue() === String(zhangwAcc.id), 'the picked inspector is in the id list');
  check(await kform.locator('input[name=inspector_find]').inputValue() === '', 'the name field is cleared for the next one');
  expectStatuses = new Set([400]);
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/campaigns' && r.request().method() === 'POST'),
    kform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 400, `a phase that ends before it starts is refused (got ${resp.status()})`);
  const kerr = (await resp.json()).error || {};
  check(kerr.field === 'phases.find_end', `the refusal names phases.find_end (got ${kerr.field})`);
  await kform.locator('input[name="phases.find_end"].invalid').waitFor();
  check((await kform.locator('.form-msg').innerText()).includes(onScreen(kerr.message)), 'the form shows the server message');
  expectStatuses = new Set();
  await kform.locator('input[name="phases.find_end"]').fill(bj(5));
  await kform.locator('input[name="phases.targeted_start"]').fill(bj(6));
  await kform.locator('input[name="phases.targeted_end"]').fill(bj(15));
  await kform.locator('input[name="phases.rectify_start"]').fill(bj(16));
  await kform.locator('input[name="phases.rectify_end"]').fill(bj(45));
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/campaigns' && r.request().method() === 'POST'),
    kform.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `the officer creates the campaign (got ${resp.status()})`);
  const camp = await resp.json();
  check(camp.current_phase === 'find' && camp.phases.rectify_end === bj(45) && camp.phases.spot_start === null,
    `today is in 查摆问题 and the phases are kept (got ${camp.current_phase} ${JSON.stringify(camp.phases)})`);
  check(JSON.stringify(camp.departments.slice().sort()) === JSON.stringify([xxzx.id, bgs.id].sort()) && JSON.stringify(camp.inspectors) === JSON.stringify([zhangwAcc.id]),
    `the departments and the inspector are kept (got ${JSON.stringify(camp.departments)} ${JSON.stringify(camp.inspectors)})`);
  await page.locator(`#campaign-head[data-id="${camp.id}"]`).waitFor();
  check((await page.locator('#campaign-head').innerText()).includes(kname), 'the campaign page shows its name');
  const cur = page.locator('#campaign-phases li.phase-current');
  check(await cur.count() === 1 && await cur.getAttribute('data-phase') === 'find', 'the timeline marks 查摆问题 as the current phase');
  check((await cur.innerText()).includes('今天') && (await cur.innerText()).includes(bj(-2)), 'the current phase says 今天 with its dates');
  check(await page.locator('#campaign-phases li.phase-future[data-phase=targeted]').count() === 1 && await page.locator('#campaign-phases li.phase-unset[data-phase=spot]').count() === 1,
    'later phases are drawn as coming, the unscheduled one as such');
  await page.locator('#campaign-basic table.kv').waitFor();
  check((await page.locator('#campaign-basic').innerText()).includes('信息中心'), 'the overview names the departments');

  step = 'inspect checklist filling';
  const cat0 = checklist.items[0].category;
  const [itA, itB] = checklist.items.filter((i) => i.category === cat0);
  check(itA && itB, 'the first category has two items');
  await page.locator('#campaign-tabs a[data-tab=fill]').click();
  await page.locator('#fill-dept').selectOption(String(xxzx.id));
  await page.waitForFunction((d) => location.hash.includes('dept=' + d), xxzx.id);
  const cardA = page.locator(`.item-card[data-item="${itA.id}"]`);
  const cardB = page.locator(`.item-card[data-item="${itB.id}"]`);
  await cardA.waitFor();
  check(await page.locator('.item-card').count() === checklist.items.length, 'every checklist item is offered');
  check((await page.locator('.fill-cat .panel-title').first().innerText()).includes(cat0), 'the items are grouped by category');
  const aText = await cardA.innerText();
  for (const s of [itA.title, itA.requirement.slice(0, 12), itA.method.slice(0, 12), itA.evidence.slice(0, 8), `权重 ${itA.weight}`]) check(aText.includes(s), `the item shows "${s}"`);
  check((await page.locator('#fill-score-num').innerText()).trim() === '—', 'no score before any result');
  const saveResult = async (card, result, note) => {
    await card.locator(`input[name=result][value=${result}]`).check();
    await card.locator('input[name=note]').fill(note);
    const [r] = await Promise.all([
      page.waitForResponse((x) => new URL(x.url()).pathname === `/api/v1/campaigns/${camp.id}/results` && x.request().method() === 'PUT'),
      card.locator('.item-save').click()
    ]);
    return r;
  };
  resp = await saveResult(cardA, 'compliant', '制度文件齐全');
  check(resp.status() === 204, `符合 is recorded (got ${resp.status()})`);
  await page.waitForFunction(() => (document.querySelector('#fill-score-num') || {}).textContent === '100.00');
  check((await cardA.locator('.item-form .form-msg').innerText()).includes('已保存') && await cardA.getAttribute('data-result') === 'compliant', 'the item says it was saved as 符合');
  resp = await saveResult(cardB, 'noncompliant', '缺少年度会议记录');
  check(resp.status() === 204, `不符合 is recorded (got ${resp.status()})`);
  const expScore = (Math.round(10000 * itA.weight / (itA.weight + itB.weight)) / 100).toFixed(2);
  await page.waitForFunction((s) => (document.querySelector('#fill-score-num') || {}).textContent === s, expScore).catch(() => {});
  check((await page.locator('#fill-score-num').innerText()).trim() === expScore, `the department score updates to ${expScore} (got ${await page.locator('#fill-score-num').innerText()})`);
  const kscores = (await apiGet(page, `/api/v1/campaigns/${camp.id}/scores`)).body;
  check(kscores.departments.find((d) => d.department_id === xxzx.id).score.toFixed(2) === expScore, 'the API agrees on the score');
  check((await page.locator('#fill-score').innerText()).includes('已填 2/'), 'the filling count says two items are done');

  step = 'inspect evidence';
  const evBytes = Buffer.from('保密制度汇编（2026版）目录与印发通知\n', 'utf8');
  const evSha = require('crypto').createHash('sha256').update(evBytes).digest('hex');
  await cardA.locator('input.evidence-input').setInputFiles({ name: '制度汇编.txt', mimeType: 'text/plain', buffer: evBytes });
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${camp.id}/evidence` && r.request().method() === 'POST'),
    cardA.locator('.evidence-upload').click()
  ]);
  check(resp.status() === 201, `the evidence file is uploaded (got ${resp.status()})`);
  const evs = (await apiGet(page, `/api/v1/campaigns/${camp.id}/evidence`)).body.items;
  const ev = evs.find((e) => e.item_id === itA.id && e.department_id === xxzx.id) || {};
  check(evs.length === 1 && ev.sha256 === evSha && ev.name === '制度汇编.txt' && ev.size === evBytes.length,
    `the server stores it for the item and department with its SHA-256 (got ${JSON.stringify(evs)})`);
  await cardA.locator(`.evidence-file[data-file="${ev.id}"] code.sha`, { hasText: evSha }).waitFor();
  check((await cardA.locator('.evidence-form .form-msg').innerText()).includes(evSha), 'the upload message shows the SHA-256');
  const evBack = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    return { status: r.status, text: await r.text() };
  }, await cardA.locator(`.evidence-file[data-file="${ev.id}"] a`).getAttribute('href'));
  check(evBack.status === 200 && evBack.text === evBytes.toString('utf8'), 'the evidence link gives back the same bytes');
  await page.locator('#campaign-tabs a[data-tab=overview]').click();
  await page.locator('#campaign-tabs a.active[data-tab=overview]').waitFor();
  await page.goto(BASE + `/#/inspect/${camp.id}/fill?dept=${xxzx.id}`);
  await cardB.waitFor();
  check(await cardA.locator('input[name=result][value=compliant]').isChecked() && await cardB.locator('input[name=result][value=noncompliant]').isChecked(),
    'the recorded results are shown again when the page is opened anew');
  check(await cardB.locator('input[name=note]').inputValue() === '缺少年度会议记录', 'so is the note');
  check((await cardA.locator('.evidence-list').innerText()).includes(evSha), 'and the evidence file with its SHA-256');
  await shot(page, '22-inspect-fill.png');

  step = 'inspect report import';
  const realPath = path.join(__dirname, '..', 'data', 'checkreport', 'real.json');
  await page.locator('#campaign-tabs a[data-tab=reports]').click();
  const impForm = page.locator('#check-import-form');
  await impForm.waitFor();
  await impForm.locator('#report-file').setInputFiles(realPath);
  // Chromium keeps no response body of a request that sent a file (evicted from the inspector
  // cache): the statuses come from the responses, the facts from the API afterwards
  const isImport = (r) => new URL(r.url()).pathname === `/api/v1/campaigns/${camp.id}/check-reports` && r.request().method() === 'POST';
  [resp] = await Promise.all([page.waitForResponse(isImport), impForm.locator('button[type=submit]').click()]);
  check(resp.status() === 201, `the real baomi-check report is imported (got ${resp.status()})`);
  const ires = page.locator('#import-result[data-outcome=imported]');
  await ires.waitFor();
  const reps = (await apiGet(page, `/api/v1/campaigns/${camp.id}/check-reports`)).body.items;
  check(reps.length === 1 && reps[0].unknown_host === true, `the report is stored, from an unregistered host (got ${JSON.stringify(reps)})`);
  const imp = reps[0];
  const fromCheck = (await apiGet(page, `/api/v1/campaigns/${camp.id}/findings`)).body.items.filter((f) => f.source === 'check').length;
  check(fromCheck >= 1, `the report's failed checks and keyword hits became findings (got ${fromCheck})`);
  const iresText = await ires.innerText();
  check(iresText.includes('未登记主机') && iresText.includes(imp.hostname), `the result says 未登记主机 for ${imp.hostname}`);
  check((await ires.locator('[data-value=findings]').innerText()).trim() === String(fromCheck), `the result shows ${fromCheck} findings created`);
  check((await ires.locator('[data-value=failed]').innerText()).trim() === String(imp.failed_checks), `and ${imp.failed_checks} failed checks`);
  check((await ires.locator('[data-value=hits]').innerText()).trim() === String(imp.keyword_hits), `and ${imp.keyword_hits} keyword hits`);
  await page.locator(`#check-reports tr[data-id="${imp.id}"]`).waitFor();
  check((await page.locator(`#check-reports tr[data-id="${imp.id}"]`).innerText()).includes('未登记主机'), 'the imported report is listed as from an unregistered host');
  await shot(page, '23-inspect-import.png');
  [resp] = await Promise.all([page.waitForResponse(isImport), impForm.locator('button[type=submit]').click()]);
  check(resp.status() === 200, `the same report again answers 200 (got ${resp.status()})`);
  await page.locator('#import-result[data-outcome=again]').waitFor();
  check((await page.locator('#import-result').innerText()).includes('已导入过'), 'the page says 已导入过');
  check(await page.locator('#check-reports tbody tr[data-id]').count() === 1, 'still one imported report');
  check((await apiGet(page, `/api/v1/campaigns/${camp.id}/findings`)).body.items.filter((f) => f.source === 'check').length === fromCheck, 're-importing adds no finding');
  const tampered = Buffer.from(require('fs').readFileSync(realPath));
  const hix = tampered.indexOf('"hostname"') + 12;
  tampered[hix] = tampered[hix] === 0x58 ? 0x59 : 0x58;
  await impForm.locator('#report-file').setInputFiles({ name: 'report.json', mimeType: 'application/json', buffer: tampered });
  expectStatuses = new Set([400]);
  [resp] = await Promise.all([page.waitForResponse(isImport), impForm.locator('button[type=submit]').click()]);
  check(resp.status() === 400, `an edited report is refused (got ${resp.status()})`);
  await page.locator('#import-result[data-outcome=refused]').waitFor();
  const refusedText = await page.locator('#import-result').innerText();
  check(refusedText.includes('报告被拒绝') && refusedText.includes('摘要不符'), `the page shows the server's reason, the digest (got "${refusedText}")`);
  expectStatuses = new Set();
  check(await page.locator('#media-list').getAttribute('href') === '/api/v1/carrier-media-list', 'the media list for baomi-check --media is linked');
  const media = await page.evaluate(async () => {
    const r = await fetch('/api/v1/carrier-media-list', { credentials: 'same-origin' });
    return { status: r.status, text: await r.text() };
  });
  check(media.status === 200 && media.text.startsWith('# baomi'), `the media list downloads (got ${media.status})`);

  step = 'inspect findings';
  await page.locator('#campaign-tabs a[data-tab=findings]').click();
  await page.locator('.finding-table').waitFor();
  const fl = (await apiGet(page, `/api/v1/campaigns/${camp.id}/findings`)).body.items;
  check(fl.length === fromCheck + 1, `the report's findings and the 不符合 result are findings (got ${fl.length})`);
  check(await page.locator('.finding-table tbody tr[data-id]').count() === fl.length, 'the findings list shows them all');
  const fB = fl.find((f) => f.source === 'inspection');
  check(fB && fB.item_id === itB.id && fB.department_id === xxzx.id, 'the 不符合 result became a finding of its item and department');
  const rowB = page.locator(`.finding-table tr[data-id="${fB.id}"]`);
  const rowBText = await rowB.innerText();
  check(rowBText.includes('较重') && rowBText.includes('信息中心') && rowBText.includes('缺少年度会议记录'), 'its row shows severity 较重, the department and the note as evidence');
  const high = fl.find((f) => f.severity === 'high');
  if (high) check((await page.locator(`.finding-table tr[data-id="${high.id}"] .sev-badge`).innerText()).trim() === '严重', 'a severe finding carries the 严重 badge');
  await page.locator('#finding-filters select[name=source]').selectOption('inspection');
  await page.locator('#finding-filters button[type=submit]').click();
  await page.waitForFunction(() => location.hash.includes('source=inspection'));
  await page.waitForFunction(() => document.querySelectorAll('.finding-table tbody tr[data-id]').length === 1);
  check(await rowB.count() === 1, 'filtering by source leaves the inspection finding');

  step = 'inspect rectification';
  const me = (await apiGet(page, '/api/v1/session')).body.account;
  await rowB.locator('.assign-btn').click();
  const asf = page.locator(`.assign-form[data-finding="${fB.id}"]`);
  await asf.waitFor();
  await asf.locator('input[name=responsible_id]').focus();
  check(await asf.locator(`.picker-option[data-id="${me.id}"]`).count() === 1, 'the user is offered before anything is typed');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/account-directory'),
    asf.locator('input[name=responsible_id]').fill('不存在的人')
  ]);
  check(resp.status() === 200 && (await resp.json()).total === 0, `a name nobody has finds nobody (got ${resp.status()})`);
  await asf.locator('.who-name', { hasText: '没有匹配的人员' }).waitFor();
  await asf.locator('button[type=submit]').click();
  await asf.locator('input[name=responsible_id].invalid').waitFor();
  check((await asf.locator('.field.invalid .field-error').innerText()).includes('请从列表中选择'), 'an unknown name is refused on the field before sending');
  await asf.locator('input[name=responsible_id]').fill('');
  await asf.locator(`.picker-option[data-id="${me.id}"]`).click();
  check((await asf.locator('input[name=responsible_id]').inputValue()).includes(me.display_name), 'the user picked is named in the field');
  await asf.locator('input[name=deadline]').fill(bj(10));
  await asf.locator('input[name=plan]').fill('补齐年度保密工作会议记录');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/findings/${fB.id}/task`),
    asf.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `the rectification is assigned (got ${resp.status()})`);
  const task = await resp.json();
  await page.locator('.msg-ok', { hasText: '已布置整改任务' }).waitFor();
  await rowB.locator('.rstate-badge[data-state=open]').waitFor();
  check((await rowB.innerText()).includes(bj(10)), 'the finding shows its task 待整改 with the deadline');
  await page.locator('#campaign-tabs a[data-tab=rect]').click();
  const trow = page.locator(`#campaign-rect tr[data-task="${task.id}"]`);
  await trow.waitFor();
  const tacts = await trow.locator('.rect-act').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
  check(tacts.join() === 'start,done', `the responsible person may start or complete, not verify their own (got ${tacts.join()})`);
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/rect-tasks/${task.id}/actions`),
    trow.locator('.rect-act[data-action=start]').click()
  ]);
  check(resp.status() === 200 && (await resp.json()).state === 'in_progress', `整改中 (got ${resp.status()})`);
  await page.locator(`#campaign-rect tr[data-task="${task.id}"][data-state=in_progress]`).waitFor();
  const spf = page.locator('#spot-form');
  await spf.locator('select[name=task_id]').selectOption(String(task.id));
  await spf.locator('input[name=superior_unit]').fill('市国家保密局');
  await spf.locator('input[name=inspector]').fill('李督查');
  await spf.locator('select[name=passed]').selectOption('false');
  await spf.locator('input[name=note]').fill('会议记录尚未补齐');
  [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${camp.id}/spot-checks` && r.request().method() === 'POST'),
    spf.locator('button[type=submit]').click()
  ]);
  check(resp.status() === 201, `a superior spot check is recorded (got ${resp.status()})`);
  await page.locator('#spot-checks .spot-table tbody tr[data-id]').waitFor();
  const spotText = await page.locator('#spot-checks .spot-table').innerText();
  const spotTask = ((await apiGet(page, '/api/v1/rect-tasks')).body.items || []).find((x) => x.id === task.id) || {};
  check(spotText.includes('市国家保密局') && spotText.includes('未通过') && !!spotTask.finding && spotText.includes(spotTask.finding) && !/#\d/.test(spotText),
    'the spot check is listed with its unit, result and task (by its finding, not an id)');
  await shotFull(page, '24-inspect-rect.png');

  step = 'inspect report and scores';
  await page.locator('#campaign-tabs a[data-tab=score]').click();
  const srow = page.locator(`.score-table tr[data-dept="${xxzx.id}"]`);
  await srow.waitFor();
  check((await srow.locator('.score-cell').innerText()).trim() === expScore, `the scores table shows 信息中心 at ${expScore}`);
  check(await page.locator('.score-table tr[data-dept=unit]').count() === 1, 'and a row for the whole unit');
  check((await page.locator('#score-formula').innerText()).includes('100 ×'), 'with the formula');
  const pdfHref = await page.locator('#report-pdf').getAttribute('href');
  check(pdfHref === `/api/v1/campaigns/${camp.id}/report?format=pdf`, `the PDF report is linked (got ${pdfHref})`);
  const pdf = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    const b = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type') || '', magic: String.fromCharCode.apply(null, Array.from(b.slice(0, 5))), size: b.length };
  }, pdfHref);
  check(pdf.status === 200 && pdf.magic === '%PDF-' && pdf.type.startsWith('application/pdf'), `the report link answers a PDF (got ${pdf.status} ${pdf.type} "${pdf.magic}")`);
  const xlsx = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    const b = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, magic: String.fromCharCode(b[0], b[1]) };
  }, await page.locator('#report-xlsx').getAttribute('href'));
  check(xlsx.status === 200 && xlsx.magic === 'PK', `the XLSX link answers a workbook (got ${xlsx.status} "${xlsx.magic}")`);
  await shot(page, '25-inspect-score.png');

  step = 'inspect board and home';
  await page.locator('.sidemenu').getByText('保密自查', { exact: true }).click();
  const kcard = page.locator(`#campaign-board .campaign-card[data-id="${camp.id}"]`);
  await kcard.locator('.campaign-counts[data-loaded]').waitFor();
  const cnt = async (k) => (await kcard.locator(`[data-count=${k}] .count-num`).innerText()).trim();
  check(await cnt('findings') === String(fl.length) && await cnt('unassigned') === String(fl.length - 1) && await cnt('open') === '1',
    `the board counts ${fl.length} findings, ${fl.length - 1} unassigned, 1 open (got ${await cnt('findings')} ${await cnt('unassigned')} ${await cnt('open')})`);
  check(await kcard.locator('li.phase-current[data-phase=find]').count() === 1, 'the board draws today in 查摆问题');
  await shot(page, '26-inspect-board.png');
  await page.locator('.sidemenu').getByText('首页', { exact: true }).click();
  const hrow = page.locator(`#home-rect li[data-task="${task.id}"]`);
  await hrow.waitFor();
  check((await hrow.innerText()).includes(bj(10)) && (await hrow.innerText()).includes('整改中'), 'the home page lists my open task with its deadline');
  check(await hrow.evaluate((li) => !li.classList.contains('row-overdue')), 'a task within its deadline is not marked overdue');
  await page.locator('.sidemenu').getByText('整改跟踪', { exact: true }).click();
  await page.locator(`.rect-table tr[data-task="${task.id}"]`).waitFor();
  await adm.dispose();

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
