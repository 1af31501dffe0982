'use strict';
/*
 * Shared harness of the Chromium journeys under tests/ui (playwright-core, system chromium).
 *
 *   const H = require('./lib');
 *   const h = H.harness('home', process.argv.slice(2));   // DATA_DIR BASE_URL SCREENSHOT_DIR
 *   h.main(async () => {
 *     const { page } = await h.open();                    // 1366×768, zh-CN, Asia/Shanghai
 *     h.step = 'login';
 *     await h.enter(page, 'lixy');                         // first login: forced change on the way
 *     h.check(..., 'what must hold');
 *     await h.assertNoCodes(page, 'home');
 *     await h.shot(page, 'home.png');
 *   });
 *
 * h.main() closes the browser, asserts no console errors, no CSP violations and no 5xx, and exits
 * 0 (pass), 1 (a failed check) or 2 (usage). h.expectStatuses holds the 4xx the current step
 * provokes on purpose (they are not console errors).
 */
const path = require('path');
const { chromium } = require('playwright-core');

/* Every demo account's first password (`baomi demo` prints it; the test sets it) and the one the
 * journeys change it to at the forced change of the first login. */
const INIT_PASSWORD = process.env.BAOMI_INIT_PASSWORD || '';
const NEW_PASSWORD = process.env.BAOMI_UI_NEWPASS || 'Ui-Test-Pass-2026!';

class CheckError extends Error {}

/* Viewports every journey screenshots at (issue: desktop, laptop, phone). */
const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  laptop: { width: 1280, height: 720 },
  phone: { width: 390, height: 844 }
};

class Harness {
  constructor(name, argv) {
    const [dataDir, baseUrl, shotDir] = argv;
    if (!dataDir || !baseUrl || !shotDir) {
      console.error(`usage: node ${name}.js DATA_DIR BASE_URL SCREENSHOT_DIR`);
      process.exit(2);
    }
    this.name = name;
    this.dataDir = dataDir;
    this.base = baseUrl.replace(/\/+$/, '');
    this.shotDir = path.resolve(shotDir);
    this.exe = process.env.CHROMIUM || '/usr/bin/chromium';
    this.limitMs = parseInt(process.env.BAOMI_UI_TIMEOUT_MS || '300000', 10);
    this.browser = null;
    this.step = 'start';
    this.checks = 0;
    this.failures = [];
    this.consoleErrors = [];
    this.serverErrors = [];
    this.expectStatuses = new Set();
    this.passwords = new Map(); // user -> current password, for users this run has changed
    if (!INIT_PASSWORD) {
      console.error(`${name}: BAOMI_INIT_PASSWORD is not set`);
      process.exit(2);
    }
  }

  log(msg) {
    console.log(`${this.name}: ${msg}`);
  }

  check(cond, msg) {
    this.checks++;
    if (!cond) throw new CheckError(msg);
  }

  soft(cond, msg) {
    this.checks++;
    if (!cond) this.failures.push(this.step + ': ' + msg);
  }

  watch(page) {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      const m = /Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
      if (m && this.expectStatuses.has(Number(m[1]))) return;
      const loc = msg.location() && msg.location().url ? '@ ' + msg.location().url : '';
      // the frame asks GET /api/v1/session on every load; before login that is a 401 by design
      if (m && m[1] === '401' && /\/api\/v1\/session$/.test(loc)) return;
      this.consoleErrors.push(`[${this.step}] ${text} ${loc}`);
    });
    page.on('pageerror', (e) => this.consoleErrors.push(`[${this.step}] page error: ${e.message}`));
    page.on('response', (res) => {
      if (res.status() >= 500) {
        const url = new URL(res.url());
        this.serverErrors.push(`[${this.step}] ${res.status()} ${res.request().method()} ${url.pathname}`);
      }
    });
  }

  async launch() {
    if (this.browser) return this.browser;
    this.browser = await chromium.launch({
      executablePath: this.exe,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 30000
    });
    return this.browser;
  }

  /* A new context and page, watched; viewport one of VIEWPORTS' names or {width,height}. */
  async open(viewport) {
    const browser = await this.launch();
    const vp = typeof viewport === 'string' ? VIEWPORTS[viewport] : viewport || { width: 1366, height: 768 };
    const context = await browser.newContext({ viewport: vp, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    this.watch(page);
    return { context, page };
  }

  async shot(page, name) {
    const file = path.join(this.shotDir, name);
    await page.screenshot({ path: file });
    this.log('screenshot ' + file);
  }

  /* A screenshot of the whole content area: the viewport grows to the content's height for it. */
  async shotFull(page, name) {
    const vp = page.viewportSize();
    const height = await page.evaluate(() => {
      const c = document.querySelector('.content');
      return c ? c.scrollHeight + c.getBoundingClientRect().top : document.body.scrollHeight;
    });
    await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(vp.height, Math.ceil(height)), 4000) });
    await this.shot(page, name);
    await page.setViewportSize(vp);
  }

  /* The same page at the three viewports: NAME-desktop.png, NAME-laptop.png, NAME-phone.png. Also
   * asserts that nothing scrolls sideways at any of them. */
  async shotViewports(page, name) {
    const vp = page.viewportSize();
    for (const [k, v] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(v);
      await page.waitForTimeout(50);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      this.soft(over <= 0, `${name} scrolls sideways by ${over} px at ${v.width}×${v.height}`);
      await this.shot(page, `${name}-${k}.png`);
    }
    await page.setViewportSize(vp);
  }

  /* The JSON of an API call made inside the page (same cookie). */
  async apiGet(page, p) {
    return page.evaluate(async (u) => {
      const r = await fetch(u, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return { status: r.status, body: r.status === 204 ? null : await r.json().catch(() => null) };
    }, p);
  }

  /* Logs in through the form on BASE/ and waits for the answer. */
  async login(page, user, pass) {
    if (!(await page.locator('#login-form').count())) await page.goto(this.base + '/');
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

  /* Logs USER in and lands on the frame: with the first password, the forced change to
   * NEW_PASSWORD is done through the form on the way (remembered for later logins). */
  async enter(page, user) {
    const pass = this.passwords.get(user) || INIT_PASSWORD;
    const resp = await this.login(page, user, pass);
    this.check(resp.status() === 200, `${user} logs in (got ${resp.status()})`);
    const sess = await resp.json();
    if (sess.account && sess.account.must_change_password) {
      const form = page.locator('#password-form');
      await form.waitFor();
      await form.locator('input[name=old_password]').fill(pass);
      await form.locator('input[name=new_password]').fill(NEW_PASSWORD);
      await form.locator('input[name=confirm_password]').fill(NEW_PASSWORD);
      const [r] = await Promise.all([
        page.waitForResponse((x) => new URL(x.url()).pathname === '/api/v1/session/password'),
        form.locator('button[type=submit]').click()
      ]);
      this.check(r.status() === 204, `${user}'s forced password change answers 204 (got ${r.status()})`);
      this.passwords.set(user, NEW_PASSWORD);
    }
    await page.locator('.topbar').waitFor();
  }

  /* Logs out through the header's button and waits for the login form. */
  async logout(page) {
    await page.locator('#logout').click();
    await page.locator('#login-form').waitFor();
  }

  /*
   * What a Chinese-UI reader must never see in the content area: an internal id ("#12", "账户 #6"),
   * an English level word (secret/confidential/top_secret/internal), a dotted or snake_case code
   * (carrier.read, take_out), a list of codes (officer,staff), or the API's field wording
   * ("字段 person_id"). Returns the offending
   * snippets and records a soft failure for each.
   */
  async assertNoCodes(page, where) {
    const text = await page.evaluate(() => {
      const c = document.querySelector('.content') || document.body;
      return c.innerText;
    });
    const bad = [];
    const rules = [
      [/#\d+/g, 'internal id'],
      [/\b(?:top_secret|secret|confidential|internal)\b/gi, 'English level'],
      /* a dotted or snake_case code; a file name (report.json) is a word a reader knows */
      [/\b[a-z]+(?:[._][a-z]+)+\b(?<!\.(?:json|csv|xlsx|pdf|txt|zip))/g, 'code'],
      [/字段\s*[a-z_]+/g, 'API field name'],
      [/\b[a-z_]+(?:,[a-z_]+)+\b/g, 'list of codes'] /* officer,staff */
    ];
    for (const [re, what] of rules) {
      for (const m of text.matchAll(re)) {
        const at = m.index;
        bad.push(`${what} "${m[0]}" in "…${text.slice(Math.max(0, at - 20), at + m[0].length + 20).replace(/\s+/g, ' ')}…"`);
      }
    }
    this.soft(bad.length === 0, `${where} shows codes a reader can misread:\n    ` + bad.slice(0, 20).join('\n    '));
    return bad;
  }

  /* Runs FN under the watchdog, then the overall checks; exits the process. */
  main(fn) {
    const watchdog = setTimeout(() => {
      console.error(`${this.name}: FAIL: timed out after ${this.limitMs} ms during step "${this.step}"`);
      if (this.browser) this.browser.close().catch(() => {});
      process.exit(1);
    }, this.limitMs);
    const done = async () => {
      this.step = 'console';
      this.soft(this.consoleErrors.length === 0, 'console errors:\n  ' + this.consoleErrors.join('\n  '));
      this.soft(this.serverErrors.length === 0, 'server errors:\n  ' + this.serverErrors.join('\n  '));
      if (this.browser) await this.browser.close();
      this.browser = null;
    };
    fn(this).then(done).then(
      () => {
        clearTimeout(watchdog);
        if (this.failures.length) {
          for (const f of this.failures) console.error(`${this.name}: FAIL: ${f}`);
          console.log(`${this.name}: ${this.checks - this.failures.length} passed, ${this.failures.length} failed`);
          process.exit(1);
        }
        console.log(`${this.name}: ${this.checks} passed, 0 failed`);
        process.exit(0);
      },
      async (e) => {
        clearTimeout(watchdog);
        const msg = e instanceof CheckError ? e.message : (e && e.stack) || String(e);
        console.error(`${this.name}: FAIL at step "${this.step}": ${msg}`);
        if (this.consoleErrors.length) console.error(`${this.name}: console errors so far:\n  ` + this.consoleErrors.join('\n  '));
        for (const f of this.failures) console.error(`${this.name}: FAIL: ${f}`);
        try {
          if (this.browser) {
            const pages = this.browser.contexts().flatMap((c) => c.pages());
            if (pages[0]) await pages[0].screenshot({ path: path.join(this.shotDir, `${this.name}-failure.png`) });
            await this.browser.close();
          }
        } catch (x) {
          /* ignore */
        }
        process.exit(1);
      }
    );
  }
}

module.exports = {
  INIT_PASSWORD,
  NEW_PASSWORD,
  VIEWPORTS,
  CheckError,
  harness: (name, argv) => new Harness(name, argv)
};
