'use strict';
/*
 * Small screens and keyboards, on the demo unit (`baomi demo`).
 *
 * As lixy (保密办主任), zhengl (应急办) and auditor it visits every page of the menu at 1440×900,
 * 1280×720 and 390×844: nothing scrolls sideways, neither the page nor its content area (wide
 * tables scroll inside their own box), with screenshots <user>-<page>-{desktop,laptop,phone}.png.
 * At 390 px the side menu is a menu button that opens and closes (Esc closes it and gives the
 * focus back; a pick closes it). The skip link 跳到正文 is the first Tab stop and moves the focus
 * to the content; Esc closes an inline form; Enter submits a form. And the demo has content: the
 * ledger counts ≥ 150 carriers, the incident list shows a running countdown, the campaign board a
 * campaign in 整改.
 */
const H = require('./lib');

const h = H.harness('responsive', process.argv.slice(2));

/* The content area's sideways overflow (px) at the current size; 0 when it fits. */
async function contentOverflow(page) {
  return page.evaluate(() => {
    const c = document.querySelector('.content');
    if (!c) return 0;
    const over = c.scrollWidth - c.clientWidth;
    if (over <= 0) return 0;
    /* name the widest culprit for the message */
    let worst = null;
    for (const e of c.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.right > c.getBoundingClientRect().right + 1 && !e.closest('.table-wrap')) {
        if (!worst || r.width > worst.w) worst = { w: r.width, tag: e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') };
      }
    }
    return over + (worst ? ` (${worst.tag})` : '');
  });
}

/* Waits until the page's content has loaded (no 加载中 left). */
async function settle(page) {
  await page.waitForFunction(() => {
    const c = document.querySelector('.content');
    return c && c.children.length > 0 && !c.querySelector('.loading');
  }, null, { timeout: 15000 });
  await page.waitForTimeout(100);
}

async function menuPages(page) {
  return page.evaluate(() => [...document.querySelectorAll('.sidemenu a.menu-item')].map((a) => ({
    id: a.getAttribute('data-module'),
    label: a.textContent.trim()
  })));
}

async function visitAll(page, user) {
  const pages = await menuPages(page);
  h.check(pages.length >= 3, `${user} has a menu (${pages.map((p) => p.label).join(' ')})`);
  for (const p of pages) {
    h.step = `${user} ${p.id}`;
    await page.setViewportSize(H.VIEWPORTS.desktop);
    await page.goto(`${h.base}/#/${p.id}`);
    await settle(page);
    for (const [k, v] of Object.entries(H.VIEWPORTS)) {
      await page.setViewportSize(v);
      await page.waitForTimeout(60);
      const over = await contentOverflow(page);
      h.soft(!over, `${user}'s ${p.label} (${p.id}): the content scrolls sideways by ${over} px at ${v.width}×${v.height}`);
      if (k === 'phone') {
        h.soft(await page.locator('.sidemenu').isHidden() || !(await page.locator('.sidemenu').isVisible()),
          `${user}'s ${p.label}: the side menu is folded away at 390 px`);
      }
    }
    await h.shotViewports(page, `${user}-${p.id}`);
  }
  return pages;
}

/* The detail pages of the demo's records, at the three sizes like the menu pages. */
async function visitDetails(page, user) {
  const carrier = (await h.apiGet(page, '/api/v1/carriers?state=borrowed&limit=1')).body.items[0];
  const incidents = (await h.apiGet(page, '/api/v1/incidents')).body.items;
  const campaign = (await h.apiGet(page, '/api/v1/campaigns')).body.items[0];
  const routes = [['carrier', 'carriers/' + carrier.id]];
  for (const i of incidents) routes.push(['incident-' + i.state, 'incidents/' + i.id]);
  for (const tab of ['', '/findings', '/rect', '/score']) routes.push(['campaign' + tab.replace('/', '-'), 'inspect/' + campaign.id + tab]);
  for (const [name, route] of routes) {
    h.step = `${user} ${route}`;
    await page.setViewportSize(H.VIEWPORTS.desktop);
    await page.goto(`${h.base}/#/${route}`);
    await settle(page);
    for (const v of Object.values(H.VIEWPORTS)) {
      await page.setViewportSize(v);
      await page.waitForTimeout(60);
      const over = await contentOverflow(page);
      h.soft(!over, `${user}'s ${route}: the content scrolls sideways by ${over} px at ${v.width}×${v.height}`);
    }
    await h.shotViewports(page, `${user}-${name}`);
  }
}

async function phoneMenu(page, user) {
  h.step = `${user} phone menu`;
  await page.setViewportSize(H.VIEWPORTS.phone);
  await page.goto(`${h.base}/#/home`);
  await settle(page);
  const toggle = page.locator('#menu-toggle');
  h.check(await toggle.isVisible(), 'the menu button shows at 390 px');
  h.check(!(await page.locator('.sidemenu').isVisible()), 'the side menu is folded at 390 px');
  h.check(await toggle.getAttribute('aria-expanded') === 'false', 'the menu button says the menu is closed');
  await toggle.click();
  await page.locator('.sidemenu').waitFor({ state: 'visible' });
  h.check(await toggle.getAttribute('aria-expanded') === 'true', 'the menu button says the menu is open');
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  h.check(over <= 0, `the open menu does not widen the page (${over} px)`);
  await h.shot(page, `${user}-menu-open-phone.png`);
  await page.keyboard.press('Escape');
  await page.locator('.sidemenu').waitFor({ state: 'hidden' });
  h.check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'menu-toggle'), 'Esc closes the menu and gives the focus back to its button');
  await toggle.click();
  await page.locator('.sidemenu').waitFor({ state: 'visible' });
  const second = page.locator('.sidemenu a.menu-item').nth(1);
  const target = await second.getAttribute('data-module');
  await second.click();
  await page.waitForFunction((id) => location.hash.startsWith('#/' + id), target);
  await page.locator('.sidemenu').waitFor({ state: 'hidden' });
  h.check(true, 'a pick in the menu opens the page and folds the menu');
  await page.locator('#menu-toggle').click();
  await page.locator('.sidemenu').waitFor({ state: 'visible' });
  await page.locator('.menu-backdrop').click({ position: { x: 370, y: 400 } });
  await page.locator('.sidemenu').waitFor({ state: 'hidden' });
  h.check(true, 'a tap beside the menu folds it');
  await page.setViewportSize(H.VIEWPORTS.desktop);
  h.check(!(await page.locator('#menu-toggle').isVisible()) && await page.locator('.sidemenu').isVisible(),
    'on a desktop the menu is the side bar again, without the button');
}

async function skipLink(page) {
  h.step = 'skip link';
  await page.setViewportSize(H.VIEWPORTS.laptop);
  await page.goto(`${h.base}/#/carriers`);
  await page.reload(); /* Tab starts from the top of a freshly loaded page */
  await settle(page);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ id: document.activeElement.id, text: document.activeElement.textContent.trim() }));
  h.check(first.id === 'skip-link' && first.text === '跳到正文', `the first Tab stop is the skip link 跳到正文 (got #${first.id} "${first.text}")`);
  h.check(await page.locator('#skip-link').isVisible(), 'the skip link shows while it has the focus');
  const box = await page.locator('#skip-link').boundingBox();
  h.check(box && box.y >= 0, 'and it is on screen');
  await h.shot(page, 'skip-link-laptop.png');
  const hash = await page.evaluate(() => location.hash);
  await page.keyboard.press('Enter');
  h.check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'content'), 'Enter on the skip link moves the focus to the content');
  h.check(await page.evaluate(() => location.hash) === hash, 'and stays on the page');
  await page.keyboard.press('Tab');
  h.check(await page.evaluate(() => !!document.activeElement.closest('.content')), 'the next Tab stop is inside the content, not the menu');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  });
  h.check(outline, 'the focused control shows a visible outline');
}

async function enterAndEsc(page) {
  h.step = 'Enter submits';
  await page.setViewportSize(H.VIEWPORTS.laptop);
  await page.goto(`${h.base}/#/carriers`);
  await settle(page);
  const q = page.locator('#carrier-filters input[name=q]');
  await q.fill('通知');
  await q.press('Enter');
  await page.waitForFunction(() => location.hash.includes('q='));
  h.check(true, 'Enter in the ledger search submits the search');

  h.step = 'Esc closes an inline form';
  const r = await h.apiGet(page, '/api/v1/carriers?state=in_custody&type=paper_doc&limit=1');
  h.check(r.status === 200 && r.body.items.length === 1, 'a paper document in custody');
  await page.goto(`${h.base}/#/carriers/${r.body.items[0].id}`);
  await settle(page);
  await page.locator('.action-buttons .action-btn').first().click();
  const form = page.locator('.action-form-box form');
  await form.waitFor();
  h.check(await page.evaluate(() => !!document.activeElement.closest('.action-form-box form')), 'the inline form has the focus');
  await page.keyboard.press('Escape');
  await form.waitFor({ state: 'detached' });
  h.check(true, 'Esc closes the inline form');
  h.check(await page.evaluate(() => !!document.activeElement.closest('.content')), 'the focus stays in the content');
}

h.main(async () => {
  const { page } = await h.open('desktop');

  h.step = 'lixy';
  await h.enter(page, 'lixy');
  await page.goto(`${h.base}/#/carriers`);
  await settle(page);
  const stats = await h.apiGet(page, '/api/v1/carriers?limit=1');
  h.check(stats.body.total >= 150, `the demo ledger holds at least 150 carriers (got ${stats.body.total})`);
  h.check((await page.locator('.pager-info').innerText()).includes(String(stats.body.total)), 'the ledger page counts them all');
  h.check(await page.locator('.carrier-table tbody tr[data-id]').count() >= 20, 'and lists a full page');
  await page.goto(`${h.base}/#/incidents`);
  await settle(page);
  await page.locator('.content .countdown').first().waitFor();
  h.check(true, 'the incident list shows a running countdown');
  await page.goto(`${h.base}/#/inspect`);
  await settle(page);
  await page.locator('.content li.phase[data-phase=rectify][aria-current=step]').first().waitFor();
  h.check(true, 'the campaign board shows a campaign in 整改');
  await visitAll(page, 'lixy');
  await visitDetails(page, 'lixy');
  await phoneMenu(page, 'lixy');
  await skipLink(page);
  await enterAndEsc(page);
  await h.logout(page);

  for (const user of ['zhengl', 'auditor']) {
    h.step = user;
    await page.setViewportSize(H.VIEWPORTS.desktop);
    await h.enter(page, user);
    await visitAll(page, user);
    if (user === 'zhengl') await phoneMenu(page, user);
    await page.setViewportSize(H.VIEWPORTS.desktop);
    await h.logout(page);
  }
});
