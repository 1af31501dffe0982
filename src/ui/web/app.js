/*
 * baomi web UI — core: strings, DOM building, API client, session, frame, module registry.
 *
 * Rules this file keeps (and every module must keep):
 *   - Server data never goes through innerHTML: build the DOM with Baomi.h(), text with textContent.
 *   - No inline scripts or styles (the server's CSP forbids them): use classes and the hidden attribute.
 *   - Every non-GET request carries X-CSRF-Token (Baomi.api does it); credentials are same-origin.
 *
 * A later capability plugs in by loading its own file after app.js and calling:
 *
 *   Baomi.addStrings({ 'nav.ledger': ['载体台账', 'Carrier ledger'], ... });
 *   Baomi.registerModule({
 *     id: 'ledger',                  // route: #/ledger/<params...>
 *     group: 'business',             // menu group: home, business, org, system, self
 *     order: 10,                     // position inside the group
 *     label: 'nav.ledger',           // string key of the menu entry
 *     roles: ['officer', 'staff'],   // admin_role or business role codes allowed; omit = everyone
 *     render: function (ctx) { ... } // ctx.el: content element, ctx.params: route parts,
 *                                    // ctx.query: URLSearchParams of the route, ctx.account
 *   });
 *
 * and may add a panel to the home page (shown below the welcome panel, for the given roles):
 *
 *   Baomi.registerHomePanel({ id: 'ledger-stats', order: 10, roles: [...], render: function (el, ctx) { ... } });
 */
(function () {
  'use strict';

  var B = (window.Baomi = {});
  var STR = window.BAOMI_STRINGS || {};
  var LANG_KEY = 'baomi.lang';

  var state = (B.state = {
    meta: null,
    account: null,
    csrf: null, // kept in memory only; re-fetched with GET /api/v1/session after a reload
    idle: 0,
    lang: 'zh',
    notice: null, // message for the login page (e.g. session expired)
    routeSeq: 0
  });

  var modules = [];
  var GROUPS = [
    { id: 'home', label: null },
    { id: 'business', label: 'group.business' },
    { id: 'org', label: 'group.org' },
    { id: 'system', label: 'group.system' },
    { id: 'self', label: 'group.self' }
  ];

  /* ------------------------------------------------------------------ strings */

  try {
    var saved = window.localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh') state.lang = saved;
  } catch (e) {
    /* storage may be disabled; stay in Chinese */
  }

  B.addStrings = function (more) {
    Object.keys(more).forEach(function (k) {
      STR[k] = more[k];
    });
  };

  /* t('people.total', {n: 3}) -> '共 3 人'; unknown keys show the key so they are noticed. */
  B.t = function (key, params) {
    var pair = STR[key];
    var s = pair ? (state.lang === 'en' ? pair[1] : pair[0]) : key;
    if (params) {
      s = s.replace(/\{(\w+)\}/g, function (m, name) {
        return params[name] === undefined || params[name] === null ? '' : String(params[name]);
      });
    }
    return s;
  };
  var t = B.t;

  B.setLang = function (lang) {
    state.lang = lang === 'en' ? 'en' : 'zh';
    try {
      window.localStorage.setItem(LANG_KEY, state.lang);
    } catch (e) {
      /* ignore */
    }
    applyLang();
    B.render();
  };

  function applyLang() {
    document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('app.title');
  }

  /* Label of an enumeration code from GET /api/v1/meta: kind is admin_roles, roles, staff_classes,
   * levels or person_statuses. */
  B.enumList = function (kind) {
    return (state.meta && state.meta[kind]) || [];
  };
  B.enumLabel = function (kind, code) {
    if (code === null || code === undefined || code === '') return '—';
    var list = B.enumList(kind);
    for (var i = 0; i < list.length; i++) {
      if (list[i].code === code) return state.lang === 'en' ? list[i].en : list[i].zh;
    }
    return String(code);
  };

  /* ------------------------------------------------------------------ DOM */

  function appendKids(el, kids) {
    for (var i = 0; i < kids.length; i++) {
      var c = kids[i];
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) {
        appendKids(el, c);
      } else if (c instanceof Node) {
        el.appendChild(c);
      } else {
        el.appendChild(document.createTextNode(String(c)));
      }
    }
  }

  /* h('button', {class: 'btn', onclick: fn}, 'text', node, [more]) — text is always a text node. */
  B.h = function (tag, attrs) {
    var el = document.createElement(tag);
    var kids = Array.prototype.slice.call(arguments, 2);
    var late = {};
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') {
          el.className = v;
        } else if (k.slice(0, 2) === 'on' && typeof v === 'function') {
          el.addEventListener(k.slice(2), v);
        } else if (k === 'value' || k === 'checked' || k === 'selected') {
          late[k] = v;
        } else if (k === 'disabled' || k === 'hidden' || k === 'readOnly' || k === 'multiple') {
          el[k] = !!v;
        } else if (k === 'style' || k === 'innerHTML') {
          throw new Error('not allowed: ' + k);
        } else {
          el.setAttribute(k, v === true ? '' : String(v));
        }
      });
    }
    appendKids(el, kids);
    if ('value' in late) el.value = late.value;
    if ('checked' in late) el.checked = !!late.checked;
    if ('selected' in late) el.selected = !!late.selected;
    return el;
  };
  var h = B.h;

  B.clear = function (el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  };

  /* "2026-11-21T15:04:05+08:00" -> "2026-11-21 15:04:05" (all times are Beijing time). */
  B.fmtTime = function (s) {
    if (!s) return '—';
    var m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(\+08:00)?(.*)$/.exec(String(s));
    if (!m) return String(s);
    return m[1] + ' ' + m[2] + (m[3] ? '' : m[4]);
  };
  B.fmtDate = function (s) {
    return s ? String(s).slice(0, 10) : '—';
  };
  /* value of <input type=datetime-local> -> ISO 8601 in Beijing time */
  B.localToIso = function (v) {
    if (!v) return '';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return v + ':00+08:00';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(v)) return v + '+08:00';
    return v;
  };
  /* ids come back as numbers; form controls hold strings */
  B.idValue = function (v) {
    if (v === '' || v === null || v === undefined) return null;
    return /^\d+$/.test(String(v)) ? Number(v) : v;
  };

  /* ------------------------------------------------------------------ API */

  function ApiError(status, body) {
    var e = (body && body.error) || {};
    this.name = 'ApiError';
    this.status = status;
    this.code = e.code || (status === 0 ? 'network' : 'http_' + status);
    this.message_zh = e.message || '';
    this.message_en = e.message_en || '';
    this.field = e.field || null;
    this.locked_until = e.locked_until || (body && body.locked_until) || null;
    this.message = this.message_en || this.message_zh || this.code;
  }
  ApiError.prototype = Object.create(Error.prototype);
  B.ApiError = ApiError;

  /* The message of an error in the current language, with a fallback for non-API failures. */
  B.errorText = function (err) {
    if (!err) return '';
    if (err instanceof ApiError) {
      var m = state.lang === 'en' ? err.message_en || err.message_zh : err.message_zh || err.message_en;
      if (m) return m;
      if (err.status === 0) return t('err.network');
      if (err.status === 403) return t('err.forbidden');
      if (err.status === 404) return t('err.not_found');
      if (err.status === 413) return t('err.too_large');
      if (err.status === 429) return t('err.too_many');
      return t('err.http', { status: err.status });
    }
    return t('err.client', { msg: err.message || String(err) });
  };

  var idleTimer = null;
  function armIdleTimer() {
    if (idleTimer) window.clearTimeout(idleTimer);
    idleTimer = null;
    if (!state.account || !state.idle) return;
    idleTimer = window.setTimeout(function () {
      /* the server ends idle sessions; confirm it and show the login page */
      B.api('GET', '/api/v1/session').then(function (s) {
        state.csrf = s.csrf_token || state.csrf;
      }, function () {});
    }, (state.idle + 5) * 1000);
  }

  /* Baomi.api('POST', '/api/v1/people', {...}) -> Promise of the parsed JSON (null for 204).
   * Rejects with ApiError. A 401 while logged in ends the session in the UI; a 403
   * password_change_required sends the user to the password page.
   * A file goes up as the raw body: Baomi.api('POST', path, null, {raw: file, type: 'application/json'})
   * (type defaults to application/octet-stream). */
  B.api = function (method, path, body, opts) {
    opts = opts || {};
    var headers = { Accept: 'application/json' };
    var init = { method: method, credentials: 'same-origin', headers: headers, cache: 'no-store' };
    if (opts.raw !== undefined && opts.raw !== null) {
      headers['Content-Type'] = opts.type || 'application/octet-stream';
      init.body = opts.raw;
    } else if (body !== undefined && body !== null) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    return window.fetch(path, init).then(
      function (res) {
        if (state.account && !opts.noIdle) armIdleTimer();
        if (res.status === 204) return null;
        return res.text().then(function (text) {
          var data = null;
          if (text) {
            try {
              data = JSON.parse(text);
            } catch (e) {
              data = null;
            }
          }
          if (res.ok) return data;
          var err = new ApiError(res.status, data);
          if (res.status === 401 && state.account && !opts.noAuthRedirect) {
            B.sessionEnded(t('login.expired'));
          } else if (res.status === 403 && err.code === 'password_change_required' && state.account) {
            state.account.must_change_password = true;
            B.render();
          }
          throw err;
        });
      },
      function () {
        throw new ApiError(0, null);
      }
    );
  };

  /* Build "?a=1&b=2" from an object, skipping empty values. */
  B.query = function (obj) {
    var parts = [];
    Object.keys(obj).forEach(function (k) {
      var v = obj[k];
      if (v === null || v === undefined || v === '') return;
      parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(v)));
    });
    return parts.length ? '?' + parts.join('&') : '';
  };

  /* ------------------------------------------------------------------ session */

  B.hasRole = function (codes) {
    var a = state.account;
    if (!a) return false;
    if (!codes) return true;
    for (var i = 0; i < codes.length; i++) {
      if (a.admin_role === codes[i]) return true;
      if (a.roles && a.roles.indexOf(codes[i]) >= 0) return true;
    }
    return false;
  };
  B.isAdmin = function (role) {
    return !!state.account && state.account.admin_role === role;
  };

  B.sessionEnded = function (notice) {
    state.account = null;
    state.csrf = null;
    state.notice = notice || null;
    if (idleTimer) window.clearTimeout(idleTimer);
    idleTimer = null;
    B.render();
  };

  function setSession(s) {
    state.account = s.account;
    state.csrf = s.csrf_token || null;
    state.idle = s.idle_timeout_seconds || 0;
    state.title = s.title || null;
    state.notice = null;
    armIdleTimer();
  }
  B.setSession = setSession;

  B.refreshSession = function () {
    return B.api('GET', '/api/v1/session', null, { noAuthRedirect: true }).then(function (s) {
      setSession(s);
      return s;
    });
  };

  B.logout = function () {
    var done = function () {
      B.sessionEnded(t('login.logged_out'));
    };
    B.api('DELETE', '/api/v1/session', null, { noAuthRedirect: true }).then(done, done);
  };

  /* ------------------------------------------------------------------ modules and routing */

  B.registerModule = function (m) {
    if (!m || !m.id || typeof m.render !== 'function') throw new Error('registerModule: id and render required');
    modules = modules.filter(function (x) {
      return x.id !== m.id;
    });
    modules.push({
      id: m.id,
      group: m.group || 'business',
      order: m.order || 100,
      label: m.label || m.id,
      roles: m.roles || null,
      menu: m.menu !== false,
      render: m.render
    });
    modules.sort(function (a, b) {
      return a.order - b.order;
    });
  };

  var homePanels = [];
  B.registerHomePanel = function (p) {
    if (!p || !p.id || typeof p.render !== 'function') throw new Error('registerHomePanel: id and render required');
    homePanels = homePanels.filter(function (x) { return x.id !== p.id; });
    homePanels.push({ id: p.id, order: p.order || 100, roles: p.roles || null, render: p.render });
  };
  /* Home panels the account's roles allow, in order. */
  B.homePanels = function () {
    return homePanels.filter(function (p) { return B.hasRole(p.roles); })
      .sort(function (a, b) { return a.order - b.order; });
  };

  function groupIndex(g) {
    for (var i = 0; i < GROUPS.length; i++) if (GROUPS[i].id === g) return i;
    return GROUPS.length;
  }

  /* Modules the account's roles allow, in menu order (group, then order). */
  B.visibleModules = function () {
    return modules.filter(function (m) {
      return B.hasRole(m.roles);
    }).sort(function (a, b) {
      return groupIndex(a.group) - groupIndex(b.group) || a.order - b.order;
    });
  };

  function parseRoute() {
    var hash = window.location.hash.replace(/^#\/?/, '');
    var q = '';
    var qi = hash.indexOf('?');
    if (qi >= 0) {
      q = hash.slice(qi + 1);
      hash = hash.slice(0, qi);
    }
    var parts = hash.split('/').filter(Boolean).map(function (p) {
      try {
        return decodeURIComponent(p);
      } catch (e) {
        return p;
      }
    });
    return { id: parts[0] || 'home', params: parts.slice(1), query: new URLSearchParams(q) };
  }

  B.navigate = function (path) {
    var target = '#/' + path.replace(/^#?\/?/, '');
    if (window.location.hash === target) renderRoute();
    else window.location.hash = target;
  };
  B.link = function (path, text, attrs) {
    var a = Object.assign({ href: '#/' + path.replace(/^#?\/?/, '') }, attrs || {});
    return h('a', a, text);
  };

  /* ------------------------------------------------------------------ shared widgets */

  /* A page header: title plus optional action buttons. */
  B.pageHead = function (title, actions) {
    return h('div', { class: 'page-head' }, h('h1', null, title), h('div', { class: 'page-actions' }, actions || []));
  };

  B.button = function (text, onclick, cls, attrs) {
    return h('button', Object.assign({ type: 'button', class: 'btn ' + (cls || ''), onclick: onclick }, attrs || {}), text);
  };

  /* A two-step button for destructive actions: the first click arms it, the second runs it. */
  B.confirmButton = function (text, confirmText, action, cls) {
    var armed = false;
    var timer = null;
    var btn = h('button', { type: 'button', class: 'btn ' + (cls || 'btn-danger') }, text);
    btn.addEventListener('click', function () {
      if (!armed) {
        armed = true;
        btn.textContent = confirmText;
        btn.classList.add('armed');
        timer = window.setTimeout(function () {
          armed = false;
          btn.textContent = text;
          btn.classList.remove('armed');
        }, 4000);
        return;
      }
      window.clearTimeout(timer);
      armed = false;
      btn.textContent = text;
      btn.classList.remove('armed');
      action(btn);
    });
    return btn;
  };

  /* A message bar: kind is info, ok, warn or error. */
  B.msg = function (kind, text, extra) {
    return h('div', { class: 'msg msg-' + kind, role: kind === 'error' ? 'alert' : 'status' }, text, extra || null);
  };

  /* A page-level error in place of content, with a clear 403 wording. */
  B.errorBox = function (err) {
    if (err instanceof ApiError && err.status === 403 && err.code === 'forbidden') {
      return h('div', { class: 'msg msg-error forbidden', role: 'alert' },
        h('strong', null, t('err.forbidden_title')), ' ', t('err.forbidden'),
        B.errorText(err) !== t('err.forbidden') ? h('div', { class: 'msg-detail' }, B.errorText(err)) : null);
    }
    return B.msg('error', B.errorText(err));
  };

  /* Load data, show "loading", then render or show the error. Stale renders are dropped. */
  B.load = function (el, promise, onData) {
    var seq = state.routeSeq;
    B.clear(el).appendChild(h('div', { class: 'loading' }, t('common.loading')));
    return promise.then(
      function (data) {
        if (seq !== state.routeSeq) return;
        B.clear(el);
        onData(data);
      },
      function (err) {
        if (seq !== state.routeSeq) return;
        B.clear(el).appendChild(B.errorBox(err));
      }
    );
  };

  /* Table: columns = [{label, value: fn(row) -> text|Node, class}] */
  B.table = function (columns, rows, opts) {
    opts = opts || {};
    var thead = h('thead', null, h('tr', null, columns.map(function (c) {
      return h('th', { class: c.class || null, scope: 'col' }, c.label);
    })));
    var body = h('tbody');
    if (!rows.length) {
      body.appendChild(h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, opts.empty || t('common.empty'))));
    }
    rows.forEach(function (r) {
      var tr = h('tr', opts.rowAttrs ? opts.rowAttrs(r) : null);
      columns.forEach(function (c) {
        var v = c.value(r);
        tr.appendChild(h('td', { class: c.class || null }, v === null || v === undefined || v === '' ? '—' : v));
      });
      body.appendChild(tr);
    });
    return h('div', { class: 'table-wrap' }, h('table', { class: 'grid' + (opts.class ? ' ' + opts.class : '') }, thead, body));
  };

  /* Pager under a list: total, limit, offset; onPage(newOffset). */
  B.pager = function (total, limit, offset, onPage) {
    var pages = Math.max(1, Math.ceil(total / limit));
    var page = Math.floor(offset / limit) + 1;
    return h('div', { class: 'pager' },
      h('span', { class: 'pager-info' }, t('pager.info', { total: total, page: page, pages: pages })),
      B.button(t('pager.prev'), function () { onPage(Math.max(0, offset - limit)); }, 'btn-small', { disabled: offset <= 0 }),
      B.button(t('pager.next'), function () { onPage(offset + limit); }, 'btn-small', { disabled: offset + limit >= total }));
  };

  var fieldSeq = 0;
  /* A labelled form field; control must carry the API field name in its name attribute so that
   * an error naming that field highlights it. */
  B.field = function (label, control, opts) {
    opts = opts || {};
    /* a composite control (a picker) is labelled through its text input */
    var target = (control.classList.contains('picker') && control.querySelector('input.picker-input')) || control;
    if (!target.id) target.id = 'f' + ++fieldSeq;
    return h('div', { class: 'field' + (opts.wide ? ' field-wide' : '') + (opts.class ? ' ' + opts.class : '') },
      h('label', { for: target.id }, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, '*') : null),
      control,
      opts.hint ? h('div', { class: 'field-hint' }, opts.hint) : null,
      h('div', { class: 'field-error', hidden: true }));
  };

  B.input = function (name, value, attrs) {
    return h('input', Object.assign({ name: name, value: value === null || value === undefined ? '' : value, type: 'text' }, attrs || {}));
  };

  /* <select> from [{value, label}] with an optional empty first option */
  B.select = function (name, options, value, attrs, emptyLabel) {
    var opts = [];
    if (emptyLabel !== undefined && emptyLabel !== null) opts.push(h('option', { value: '' }, emptyLabel));
    options.forEach(function (o) {
      opts.push(h('option', { value: String(o.value) }, o.label));
    });
    return h('select', Object.assign({ name: name, value: value === null || value === undefined ? '' : String(value) }, attrs || {}), opts);
  };

  /* ---- helpers the pages share */

  B.nav = function (path, params) {
    B.navigate(path + (params ? B.query(params) : ''));
  };
  /* A titled panel; attrs: {class, id}. */
  B.panel = function (title, children, attrs) {
    attrs = attrs || {};
    return h('section', { class: 'panel' + (attrs.class ? ' ' + attrs.class : ''), id: attrs.id || null },
      title ? h('h2', { class: 'panel-title' }, title) : null,
      h('div', { class: 'panel-body' }, children));
  };
  B.num = function (v, dflt) {
    var n = parseInt(v, 10);
    return isNaN(n) ? dflt : n;
  };
  /* an integer from a form field; text that is not one is passed on for the server to name */
  B.intOr = function (v) {
    if (v === '' || v === undefined || v === null) return undefined;
    return /^-?\d+$/.test(String(v).trim()) ? parseInt(v, 10) : v;
  };

  /* A person as the pages show one: "name（department）". Never an id. */
  B.accountLabel = function (a) {
    return a.display_name + (a.department ? '（' + a.department + '）' : '');
  };

  var pickerSeq = 0;
  /*
   * A text input that picks records by name: as the user types, after a pause, search(text)
   * (a Promise of {items: [{id, label}], total}) fills a list under the input; clicking an entry
   * (or arrow keys and Enter) picks it. The input shows the label only, never an id.
   * opts: known {id: label} offered before anything is typed; search (omit: only the known);
   *       value (an id), placeholder, class, multiple (chips, one per picked record),
   *       onPick(id, label) after each pick, onChange(ids) after the picked set changes.
   * Returns {el, input, value(), values(), problem(), clear(), add(id, label)}: value() is the
   * id (undefined when empty), values() the ids in the order picked (multiple), problem() the
   * error to show on the field when the text names nothing picked.
   */
  B.picker = function (name, opts) {
    opts = opts || {};
    var seqId = ++pickerSeq;
    var labels = {}; /* id -> label of every record offered so far */
    var byLabel = {}; /* label -> id */
    var picked = []; /* ids, for multiple */
    var chosen = null; /* id, for single */
    var cache = {};
    var timer = null;
    var seq = 0;
    var active = -1;
    var offered = [];
    var listId = 'picker-list-' + seqId;
    var input = B.input(opts.multiple ? name + '_find' : name, '', {
      maxlength: 200, autocomplete: 'off', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': listId, class: 'picker-input' + (opts.class ? ' ' + opts.class : ''),
      placeholder: opts.placeholder || t(opts.search ? 'picker.placeholder' : 'picker.placeholder_known')
    });
    var list = h('ul', { class: 'picker-list', id: listId, role: 'listbox', hidden: true });
    var who = h('span', { class: 'muted who-name', 'aria-live': 'polite' });
    var chips = h('span', { class: 'picker-chips' });
    var hidden = opts.multiple ? h('input', { type: 'hidden', name: name, value: '' }) : null;

    function remember(id, label) {
      id = Number(id);
      if (labels[id] === label) return label;
      var l = label;
      for (var n = 2; byLabel[l] !== undefined && byLabel[l] !== id; n++) l = label + '（' + n + '）';
      labels[id] = l;
      byLabel[l] = id;
      return l;
    }
    Object.keys(opts.known || {}).forEach(function (id) { remember(id, opts.known[id]); });
    function show(text) {
      who.textContent = text || '';
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      active = -1;
    }
    function mark(i) {
      var lis = list.querySelectorAll('li');
      lis.forEach(function (li, k) { li.classList.toggle('active', k === i); li.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
      active = i;
    }
    function open(items) {
      offered = items.filter(function (x) { return !opts.multiple || picked.indexOf(Number(x.id)) < 0; });
      B.clear(list);
      offered.forEach(function (x) {
        list.appendChild(h('li', { role: 'option', class: 'picker-option', 'data-id': String(x.id),
          onmousedown: function (ev) { ev.preventDefault(); pick(x.id); } }, labels[x.id]));
      });
      list.hidden = !offered.length;
      input.setAttribute('aria-expanded', offered.length ? 'true' : 'false');
      active = -1;
    }
    function knownItems() {
      return Object.keys(labels).map(function (id) { return { id: Number(id) }; });
    }
    function renderChips() {
      B.clear(chips);
      picked.forEach(function (id) {
        chips.appendChild(h('span', { class: 'chip picker-chip', 'data-id': String(id) }, labels[id] || '',
          h('button', { type: 'button', class: 'chip-x', 'aria-label': t('picker.remove', { name: labels[id] || '' }),
            onclick: function () { unpick(id); } }, '×')));
      });
      hidden.value = picked.join(',');
    }
    function changed() {
      if (opts.onChange) opts.onChange(opts.multiple ? picked.slice() : chosen === null ? [] : [chosen]);
    }
    function pick(id) {
      id = Number(id);
      if (opts.multiple) {
        if (picked.indexOf(id) < 0) picked.push(id);
        input.value = '';
        renderChips();
      } else {
        chosen = id;
        input.value = labels[id];
      }
      show('');
      close();
      if (opts.onPick) opts.onPick(id, labels[id]);
      changed();
    }
    function unpick(id) {
      picked = picked.filter(function (x) { return x !== id; });
      renderChips();
      changed();
    }
    function lookup() {
      var text = input.value.trim();
      var my = ++seq;
      var done = function (r) {
        if (my !== seq) return;
        open(r.items);
        show(r.note);
      };
      if (cache[text]) return done(cache[text]);
      opts.search(text).then(function (r) {
        var items = ((r && r.items) || []).map(function (x) {
          remember(x.id, x.label);
          return { id: Number(x.id) };
        });
        var total = (r && r.total) || 0;
        cache[text] = { items: items, note: !total ? t('picker.none') : total > items.length ? t('picker.more', { n: total, m: items.length }) : '' };
        done(cache[text]);
      }, function (err) {
        if (my !== seq) return;
        show(B.errorText(err));
      });
    }
    /* the id the text names: a picked label, or a name only one offered record has */
    function typedId() {
      var text = input.value.trim();
      if (!text) return undefined;
      if (byLabel[text] !== undefined) return byLabel[text];
      var hits = Object.keys(labels).filter(function (id) { return labels[id].replace(/（.*$/, '') === text; });
      return hits.length === 1 ? Number(hits[0]) : undefined;
    }
    input.addEventListener('input', function () {
      if (timer) window.clearTimeout(timer);
      timer = null;
      seq++; /* an answer still on its way is for text no longer there */
      chosen = null;
      show('');
      var text = input.value.trim();
      var local = knownItems().filter(function (x) { return !text || labels[x.id].indexOf(text) >= 0; });
      if (!text || !opts.search) {
        open(local);
        if (text && !local.length) show(t('picker.none'));
        return;
      }
      if (new TextEncoder().encode(text).length > 64) {
        show(t('picker.too_long'));
        return;
      }
      timer = window.setTimeout(lookup, 250);
    });
    input.addEventListener('focus', function () {
      if (!input.value.trim()) open(knownItems());
    });
    input.addEventListener('blur', function () {
      window.setTimeout(function () {
        if (document.activeElement !== input) close();
      }, 150);
      if (!opts.multiple && chosen === null) {
        var id = typedId();
        if (id !== undefined) pick(id);
      }
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (list.hidden) return;
        ev.preventDefault();
        var n = offered.length;
        mark(ev.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
      } else if (ev.key === 'Enter' && !list.hidden && active >= 0) {
        ev.preventDefault();
        pick(offered[active].id);
      } else if (ev.key === 'Escape' && !list.hidden) {
        ev.stopPropagation();
        close();
      }
    });
    if (opts.value !== undefined && opts.value !== null && opts.value !== '') {
      if (opts.multiple) {
        (Array.isArray(opts.value) ? opts.value : [opts.value]).forEach(function (id) { picked.push(Number(id)); });
      } else if (labels[Number(opts.value)] !== undefined) {
        chosen = Number(opts.value);
        input.value = labels[chosen];
      }
    }
    if (opts.multiple) renderChips();
    return {
      el: h('span', { class: 'who-line picker' + (opts.multiple ? ' picker-multi' : '') }, hidden, chips, input, list, who),
      input: input,
      value: function () {
        return chosen !== null ? chosen : typedId();
      },
      values: function () {
        return picked.slice();
      },
      add: function (id, label) {
        remember(id, label);
        pick(id);
      },
      problem: function () {
        var text = input.value.trim();
        if (!text || (!opts.multiple && (chosen !== null || typedId() !== undefined))) return null;
        return new ApiError(400, { error: { code: 'client', message: t('picker.pick'), message_en: t('picker.pick'), field: input.name } });
      },
      clear: function () {
        input.value = '';
        chosen = null;
        picked = [];
        if (opts.multiple) renderChips();
        show('');
        close();
      }
    };
  };

  /* The account directory (GET /api/v1/account-directory) as a picker's search. */
  B.directorySearch = function (text) {
    return B.api('GET', '/api/v1/account-directory' + B.query({ q: text, limit: 20 })).then(function (r) {
      return { total: (r && r.total) || 0, items: ((r && r.items) || []).map(function (x) { return { id: x.id, label: B.accountLabel(x) }; }) };
    });
  };

  /* Pick an account by name from the account directory (see B.picker). opts.lookup false when
   * the user may not use the directory: only opts.known is offered then. */
  B.accountPicker = function (name, opts) {
    opts = Object.assign({}, opts || {});
    if (opts.lookup !== false) opts.search = B.directorySearch;
    return B.picker(name, opts);
  };

  B.enumOptions = function (kind) {
    return B.enumList(kind).map(function (e) {
      return { value: e.code, label: state.lang === 'en' ? e.en : e.zh };
    });
  };

  /* A form with a message area at the top; onSubmit(form) returns a Promise. */
  B.form = function (attrs, children, onSubmit) {
    var msgEl = h('div', { class: 'form-msg', hidden: true, role: 'alert' });
    var form = h('form', Object.assign({ novalidate: true, autocomplete: 'off' }, attrs || {}), msgEl, children);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      B.clearFormError(form);
      var btns = form.querySelectorAll('button[type=submit]');
      btns.forEach(function (b) { b.disabled = true; });
      var p;
      try {
        p = Promise.resolve(onSubmit(form));
      } catch (e) {
        p = Promise.reject(e);
      }
      p.catch(function (err) {
        B.showFormError(form, err);
      }).then(function () {
        btns.forEach(function (b) { b.disabled = false; });
      });
    });
    return form;
  };

  B.clearFormError = function (form) {
    form.querySelectorAll('.invalid').forEach(function (e) { e.classList.remove('invalid'); });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    form.querySelectorAll('.field-error').forEach(function (e) { e.textContent = ''; e.hidden = true; });
    var m = form.querySelector('.form-msg');
    if (m) { m.textContent = ''; m.hidden = true; m.className = 'form-msg'; }
  };

  /* The label a form shows for a control (its <label>, without the required mark), or ''. */
  B.controlLabel = function (form, ctl) {
    var lab = ctl.id ? form.querySelector('label[for="' + CSS.escape(ctl.id) + '"]') : null;
    var wrap = ctl.closest('.field, [data-path]');
    if (!lab && wrap) lab = wrap.querySelector('label, legend');
    var text = lab ? lab.textContent : ctl.getAttribute('aria-label') || '';
    if (lab) lab.querySelectorAll('.req').forEach(function (r) { text = text.replace(r.textContent, ''); });
    return text.replace(/[（(][^）)]*[）)]\s*$/, '').trim();
  };

  /* An API message in the words of the screen: the field's code ("字段 person_id：必填") becomes the
   * label of its input ("借阅人：必填"); with no input to name it, the code is dropped. */
  B.fieldText = function (text, field, label) {
    var f = String(field).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    var lead = new RegExp('^\\s*(?:字段|field)\\s*' + f + '\\s*[：:]\\s*');
    var inner = new RegExp('(?:字段|field)?\\s*\\b' + f + '\\b\\s*', 'g');
    var sep = state.lang === 'en' ? ': ' : '：';
    var out = text.replace(/\s*[（(](?:字段|field)[：:]\s*[^）)]*[）)]/, '');
    if (lead.test(out)) return (label ? label + sep : '') + out.replace(lead, '');
    out = out.replace(inner, label ? label + ' ' : '').trim();
    return label && out.indexOf(label) < 0 ? label + sep + out : out;
  };

  /* The control an API field names: its name, a name ending in ".field", or a [data-path] block. */
  function fieldControl(form, field) {
    var q = window.CSS && CSS.escape ? CSS.escape(field) : field;
    return form.querySelector('[name="' + q + '"]:not([type=hidden])') || form.querySelector('[name$=".' + q + '"]') ||
      form.querySelector('[data-path="' + q + '"]') || form.querySelector('[name="' + q + '"]');
  }

  /* Show an API error on a form: message at the top, offending field outlined and focused; the
   * message names the field by its label on screen. */
  B.showFormError = function (form, err) {
    var text = B.errorText(err);
    var m = form.querySelector('.form-msg');
    var field = err && err.field;
    var ctl = null;
    if (field) {
      ctl = fieldControl(form, field);
      if (ctl && ctl.type === 'hidden') ctl = ctl.closest('.field') ? ctl.closest('.field').querySelector('input:not([type=hidden])') || ctl : ctl;
      text = B.fieldText(text, field, ctl ? B.controlLabel(form, ctl) : '');
    }
    if (ctl) {
      ctl.classList.add('invalid');
      ctl.setAttribute('aria-invalid', 'true');
      var wrap = ctl.closest('.field');
      if (wrap) {
        wrap.classList.add('invalid');
        var fe = wrap.querySelector('.field-error');
        if (fe) { fe.textContent = text; fe.hidden = false; }
      }
      try { ctl.focus(); } catch (e) { /* ignore */ }
    }
    if (m) {
      m.className = 'form-msg msg msg-error';
      m.textContent = text;
      m.hidden = false;
    }
  };

  /* Show a result message at the top of a form (e.g. "saved"). */
  B.formNotice = function (form, kind, text) {
    var m = form.querySelector('.form-msg');
    if (!m) return;
    m.className = 'form-msg msg msg-' + kind;
    m.textContent = text;
    m.hidden = false;
  };

  /* A small key/value table for details */
  B.kv = function (pairs) {
    return h('table', { class: 'kv' }, h('tbody', null, pairs.filter(Boolean).map(function (p) {
      return h('tr', null, h('th', { scope: 'row' }, p[0]), h('td', null, p[1] === null || p[1] === undefined || p[1] === '' ? '—' : p[1]));
    })));
  };

  B.badge = function (text, kind) {
    return h('span', { class: 'badge badge-' + (kind || 'plain') }, text);
  };

  /* separator of an inline list: 、 in Chinese, a comma in English */
  B.joinList = function (items) {
    return items.join(state.lang === 'en' ? ', ' : '、');
  };

  B.rolesText = function (account) {
    var parts = [];
    if (account.admin_role) parts.push(B.enumLabel('admin_roles', account.admin_role));
    (account.roles || []).forEach(function (r) {
      parts.push(B.enumLabel('roles', r));
    });
    return parts.length ? B.joinList(parts) : t('common.none');
  };

  /* ------------------------------------------------------------------ pages outside the frame */

  function langToggle() {
    return h('div', { class: 'lang-toggle', role: 'group', 'aria-label': 'Language' },
      h('button', { type: 'button', class: 'lang-btn' + (state.lang === 'zh' ? ' active' : ''), 'aria-pressed': state.lang === 'zh' ? 'true' : 'false', lang: 'zh-CN', onclick: function () { B.setLang('zh'); } }, '中文'),
      h('button', { type: 'button', class: 'lang-btn' + (state.lang === 'en' ? ' active' : ''), 'aria-pressed': state.lang === 'en' ? 'true' : 'false', lang: 'en', onclick: function () { B.setLang('en'); } }, 'English'));
  }
  B.langToggle = langToggle;

  function unitName() {
    return (state.meta && state.meta.unit && state.meta.unit.name) || '';
  }

  function authShell(children) {
    return h('div', { class: 'auth-page' },
      h('div', { class: 'auth-top' }, langToggle()),
      h('div', { class: 'auth-card' },
        h('div', { class: 'auth-brand' },
          h('div', { class: 'auth-logo', 'aria-hidden': 'true' }, '密'),
          h('div', null, h('div', { class: 'auth-system' }, t('app.title')), h('div', { class: 'auth-unit' }, unitName()))),
        children),
      h('div', { class: 'auth-foot' }, t('app.footer'), state.meta && state.meta.version ? ' · v' + state.meta.version : ''));
  }

  function renderLogin(root) {
    var user = B.input('username', '', { autocomplete: 'username', maxlength: 64 });
    var pass = B.input('password', '', { type: 'password', autocomplete: 'current-password', maxlength: 256 });
    var form = B.form({ id: 'login-form', class: 'auth-form', autocomplete: 'on' }, [
      h('h2', null, t('login.title')),
      state.notice ? B.msg('info', state.notice) : null,
      B.field(t('login.username'), user),
      B.field(t('login.password'), pass),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, t('login.submit')))
    ], function () {
      return B.api('POST', '/api/v1/session', { username: user.value.trim(), password: pass.value }, { noAuthRedirect: true })
        .then(function (s) {
          pass.value = '';
          setSession(s);
          if (!window.location.hash || window.location.hash === '#' || window.location.hash === '#/') window.location.hash = '#/home';
          B.render();
        }, function (err) {
          pass.value = '';
          if (err instanceof ApiError && err.code === 'account_locked' && err.locked_until) {
            err.message_zh = (err.message_zh || t('login.locked')) + ' ' + t('login.locked_until', { time: B.fmtTime(err.locked_until) });
            err.message_en = (err.message_en || t('login.locked')) + ' ' + t('login.locked_until', { time: B.fmtTime(err.locked_until) });
          }
          throw err;
        });
    });
    root.appendChild(authShell(form));
    window.setTimeout(function () { user.focus(); }, 0);
  }

  /* The password form, used full-page when a change is forced and inside the frame otherwise. */
  B.passwordForm = function (onDone) {
    var oldp = B.input('old_password', '', { type: 'password', autocomplete: 'current-password' });
    var newp = B.input('new_password', '', { type: 'password', autocomplete: 'new-password' });
    var conf = B.input('confirm_password', '', { type: 'password', autocomplete: 'new-password' });
    return B.form({ id: 'password-form', class: 'password-form' }, [
      B.field(t('pw.old'), oldp),
      B.field(t('pw.new'), newp, { hint: t('pw.hint') }),
      B.field(t('pw.confirm'), conf),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('pw.submit')))
    ], function (form) {
      if (newp.value !== conf.value) {
        var e = new ApiError(400, { error: { code: 'mismatch', message: STR['pw.mismatch'][0], message_en: STR['pw.mismatch'][1], field: 'confirm_password' } });
        return Promise.reject(e);
      }
      return B.api('PUT', '/api/v1/session/password', { old_password: oldp.value, new_password: newp.value }).then(function () {
        oldp.value = newp.value = conf.value = '';
        return onDone(form);
      });
    });
  };

  function renderForcedPassword(root) {
    var a = state.account;
    var form = B.passwordForm(function () {
      return B.refreshSession().then(function () {
        state.account.must_change_password = false;
        window.location.hash = '#/home';
        B.render();
      }, function () {
        B.sessionEnded(t('pw.changed_relogin'));
      });
    });
    root.appendChild(authShell([
      h('h2', null, t('pw.forced_title')),
      B.msg('warn', t('pw.forced_text', { user: a.display_name || a.username })),
      form,
      h('div', { class: 'auth-links' }, B.button(t('nav.logout'), B.logout, 'btn-link'))
    ]));
    window.setTimeout(function () {
      var f = form.querySelector('input');
      if (f) f.focus();
    }, 0);
  }

  /* ------------------------------------------------------------------ frame */

  var frame = null; // {root, menu, content, menuBtn}

  B.addStrings({
    'nav.skip': ['跳到正文', 'Skip to content'],
    'nav.menu_open': ['菜单', 'Menu'],
    'nav.menu_close': ['关闭菜单', 'Close menu']
  });

  /* The phone menu: the side menu lies over the content; Esc, a pick or a tap beside it closes it. */
  function setMenuOpen(open, focusBack) {
    if (!frame) return;
    frame.root.classList.toggle('menu-open', open);
    frame.menuBtn.setAttribute('aria-expanded', open ? 'true' : 'false');
    frame.menuBtn.setAttribute('aria-label', t(open ? 'nav.menu_close' : 'nav.menu_open'));
    if (open) {
      var first = frame.menu.querySelector('a.menu-item.active') || frame.menu.querySelector('a.menu-item');
      if (first) first.focus();
    } else if (focusBack) {
      frame.menuBtn.focus();
    }
  }
  function menuOpen() {
    return !!frame && frame.root.classList.contains('menu-open');
  }

  /* The skip link: focus moves to the content (the route lives in the hash, so no #content jump). */
  function skipToContent(ev) {
    ev.preventDefault();
    if (frame) frame.content.focus();
  }

  function renderFrame(root) {
    var a = state.account;
    var roleLabel = a.admin_role ? B.enumLabel('admin_roles', a.admin_role) : B.rolesText(a);
    var menuBtn = h('button', { type: 'button', class: 'menu-toggle', id: 'menu-toggle', 'aria-controls': 'sidemenu', 'aria-expanded': 'false', 'aria-label': t('nav.menu_open'),
      onclick: function () { setMenuOpen(!menuOpen(), false); } },
      h('span', { class: 'menu-toggle-bars', 'aria-hidden': 'true' }), h('span', { class: 'menu-toggle-text' }, t('nav.menu_open')));
    var header = h('header', { class: 'topbar' },
      h('div', { class: 'brand' },
        menuBtn,
        h('span', { class: 'logo', 'aria-hidden': 'true' }, '密'),
        h('span', { class: 'brand-system' }, t('app.title')),
        h('span', { class: 'brand-unit', id: 'unit-name' }, unitName())),
      h('div', { class: 'userbox' },
        h('a', { class: 'user-name', id: 'user-name', href: '#/profile', title: t('nav.profile') }, a.display_name || a.username),
        h('span', { class: 'user-login' }, '(' + a.username + ')'),
        /* the person's job title (职务), then the roles with their own label */
        state.title ? h('span', { class: 'user-title', id: 'user-title', title: t('user.title') }, state.title) : null,
        h('span', { class: 'user-role', id: 'user-role', title: t('user.roles') }, roleLabel),
        langToggle(),
        h('button', { type: 'button', class: 'btn btn-header', id: 'logout', onclick: B.logout }, t('nav.logout'))));
    var menu = h('nav', { class: 'sidemenu', id: 'sidemenu', 'aria-label': t('nav.menu') });
    var content = h('main', { class: 'content', id: 'content', tabindex: '-1' });
    root.appendChild(h('a', { class: 'skip-link', id: 'skip-link', href: '#content', onclick: skipToContent }, t('nav.skip')));
    root.appendChild(header);
    root.appendChild(h('div', { class: 'frame-body' }, menu, h('div', { class: 'menu-backdrop', 'aria-hidden': 'true', onclick: function () { setMenuOpen(false, false); } }), content));
    frame = { root: root, menu: menu, content: content, menuBtn: menuBtn };
    menu.addEventListener('click', function (ev) {
      if (ev.target.closest && ev.target.closest('a.menu-item')) setMenuOpen(false, false);
    });
    buildMenu();
  }

  /*
   * One keyboard handler for every page.  Esc closes the phone menu, else the inline form or
   * dialog the focus is in (its cancel button: [data-cancel], or a button labelled 取消/返回),
   * else the open <details>.  Ctrl+Enter in a text area submits its form (Enter alone breaks the
   * line; in any other field Enter submits, as browsers do for a form with a submit button).
   */
  function cancelLabels() {
    return ['carrier.cancel', 'rect.cancel', 'common.back', 'common.cancel'].map(function (k) {
      return STR[k] ? [STR[k][0], STR[k][1]] : [];
    }).reduce(function (a, b) { return a.concat(b); }, ['取消', 'Cancel']);
  }
  function cancelButtonOf(box) {
    var marked = box.querySelector('[data-cancel]');
    if (marked) return marked;
    var labels = cancelLabels();
    var btns = box.querySelectorAll('button[type=button]');
    for (var i = btns.length - 1; i >= 0; i--) {
      if (labels.indexOf(btns[i].textContent.trim()) >= 0 && !btns[i].disabled) return btns[i];
    }
    return null;
  }
  function onKey(ev) {
    if (!frame) return;
    if (ev.key === 'Escape' || ev.key === 'Esc') {
      if (menuOpen()) {
        setMenuOpen(false, true);
        ev.preventDefault();
        return;
      }
      var at = document.activeElement;
      var box = at && at.closest ? at.closest('[role=dialog], form, .inline-form') : null;
      var cancel = box && frame.content.contains(box) ? cancelButtonOf(box) : null;
      if (!box) {
        /* the focus is not in a form (on the page, a button): the last inline form on the page */
        var forms = frame.content.querySelectorAll('[role=dialog], .action-form-box form, form.inline-form');
        for (var i = forms.length - 1; i >= 0 && !cancel; i--) cancel = cancelButtonOf(forms[i]);
      }
      if (cancel) {
        ev.preventDefault();
        cancel.click();
        if (!frame.content.contains(document.activeElement) || document.activeElement === document.body) frame.content.focus();
        return;
      }
      var open = frame.content.querySelector('details[open]');
      if (open) {
        open.open = false;
        ev.preventDefault();
      }
      return;
    }
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && ev.target && ev.target.tagName === 'TEXTAREA' && ev.target.form) {
      ev.preventDefault();
      if (ev.target.form.requestSubmit) ev.target.form.requestSubmit();
      else ev.target.form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  }
  document.addEventListener('keydown', onKey);

  function buildMenu() {
    var vis = B.visibleModules().filter(function (m) { return m.menu; });
    var menu = B.clear(frame.menu);
    GROUPS.forEach(function (g) {
      var items = vis.filter(function (m) { return m.group === g.id; });
      if (!items.length) return;
      var ul = h('ul', null, items.map(function (m) {
        return h('li', null, h('a', { href: '#/' + m.id, 'data-module': m.id, class: 'menu-item' }, t(m.label)));
      }));
      menu.appendChild(h('div', { class: 'menu-group' }, g.label ? h('div', { class: 'menu-title' }, t(g.label)) : null, ul));
    });
    /* modules of groups not listed above (a later capability may add one) */
    var known = GROUPS.map(function (g) { return g.id; });
    var extra = vis.filter(function (m) { return known.indexOf(m.group) < 0; });
    if (extra.length) {
      menu.appendChild(h('div', { class: 'menu-group' }, h('ul', null, extra.map(function (m) {
        return h('li', null, h('a', { href: '#/' + m.id, 'data-module': m.id, class: 'menu-item' }, t(m.label)));
      }))));
    }
  }

  /* ---- the to-do list (GET /api/v1/todo) and the menu's badges */

  var TODO_ROLES = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  /* The to-do kinds each menu entry's badge counts. */
  var BADGES = {
    'carrier-requests': ['approval'],
    'carrier-reminders': ['overdue_loan', 'yearly_review', 'period_expiring'],
    incidents: ['report_duty', 'incident_task'],
    'rect-tasks': ['rect_task'],
    'key-places': ['place_review', 'visit_approval'],
    training: ['holiday_training'],
    notifications: ['notification'],
    duty: ['duty_holiday'],
    drills: ['drill_due'],
    pubrev: ['publication_review']
  };
  var todoLoad = null; // {seq, promise}: fetched once per page shown

  function paintBadges(todo) {
    if (!frame || !todo || !todo.counts) return;
    frame.menu.querySelectorAll('a.menu-item').forEach(function (a) {
      var kinds = BADGES[a.getAttribute('data-module')];
      if (!kinds) return;
      var n = 0;
      kinds.forEach(function (k) { n += todo.counts[k] || 0; });
      var b = a.querySelector('.menu-badge');
      if (!b) {
        b = h('span', { class: 'menu-badge' });
        a.appendChild(b);
      }
      /* the number is drawn from data-count (CSS), so that the entry's text stays its label */
      b.setAttribute('data-count', String(n));
      b.hidden = !n;
      b.title = t('badge.title', { n: n });
    });
  }

  /* The caller's to-do list, fetched once per page change (the home page shows it, the menu counts
   * it); null for an account without a business role. */
  B.todo = function () {
    if (!B.hasRole(TODO_ROLES)) return null;
    if (todoLoad && todoLoad.seq === state.routeSeq) return todoLoad.promise;
    var p = B.api('GET', '/api/v1/todo');
    todoLoad = { seq: state.routeSeq, promise: p };
    p.then(paintBadges, function () {});
    return p;
  };

  function markMenu(id) {
    frame.menu.querySelectorAll('a.menu-item').forEach(function (a) {
      var on = a.getAttribute('data-module') === id;
      a.classList.toggle('active', on);
      if (on) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  function renderRoute() {
    if (!state.account || state.account.must_change_password || !frame) {
      B.render();
      return;
    }
    state.routeSeq++;
    if (menuOpen()) setMenuOpen(false, false);
    var r = parseRoute();
    var m = null;
    for (var i = 0; i < modules.length; i++) if (modules[i].id === r.id) m = modules[i];
    var el = B.clear(frame.content);
    markMenu(m ? m.id : '');
    B.todo();
    if (!m) {
      el.appendChild(B.msg('error', t('err.no_page')));
      return;
    }
    if (!B.hasRole(m.roles)) {
      el.appendChild(B.errorBox(new ApiError(403, { error: { code: 'forbidden' } })));
      return;
    }
    try {
      m.render({ el: el, params: r.params, query: r.query, account: state.account, module: m });
    } catch (e) {
      el.appendChild(B.msg('error', t('err.client', { msg: e.message })));
      if (window.console) console.warn(e);
    }
  }
  B.rerender = renderRoute;

  /* Top-level render: login, forced password change, or the frame with the current route. */
  B.render = function () {
    var root = B.clear(document.getElementById('app'));
    frame = null;
    applyLang();
    root.className = 'app';
    if (!state.meta) {
      root.appendChild(h('div', { class: 'loading' }, t('common.loading')));
      return;
    }
    if (!state.account) {
      root.classList.add('app-auth');
      renderLogin(root);
      return;
    }
    if (state.account.must_change_password) {
      root.classList.add('app-auth');
      renderForcedPassword(root);
      return;
    }
    root.classList.add('app-frame');
    renderFrame(root);
    renderRoute();
  };

  function start() {
    applyLang();
    B.render();
    B.api('GET', '/api/v1/meta', null, { noAuthRedirect: true })
      .then(function (meta) {
        state.meta = meta || {};
        return B.refreshSession().catch(function (err) {
          if (!(err instanceof ApiError) || err.status !== 401) state.notice = B.errorText(err);
          state.account = null;
        });
      })
      .then(function () {
        B.render();
      }, function (err) {
        var root = B.clear(document.getElementById('app'));
        root.appendChild(h('div', { class: 'auth-page' }, h('div', { class: 'auth-card' },
          h('h2', null, t('app.title')),
          B.msg('error', t('err.start') + ' ' + B.errorText(err)),
          B.button(t('common.retry'), function () { window.location.reload(); }, 'btn-primary'))));
      });
    window.addEventListener('hashchange', function () {
      if (frame) renderRoute();
    });
  }

  document.addEventListener('DOMContentLoaded', start);
})();
