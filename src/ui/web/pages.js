/*
 * baomi web UI — the foundation modules: home, people, organisation, accounts, audit log,
 * API tokens, security policy, own password. Each registers itself with Baomi.registerModule.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var nav = B.nav, panel = B.panel, num = B.num;
  var api = B.api;

  var READ_PEOPLE = ['secadmin', 'sysadmin', 'officer', 'leader', 'dept_head'];

  /* Departments and people for selects and name lookups; failures give an empty list. */
  function loadDepartments() {
    return api('GET', '/api/v1/departments?limit=500').then(function (r) {
      return (r && r.items) || [];
    }, function (err) {
      if (err && err.status === 401) throw err;
      return [];
    });
  }
  function loadPeople() {
    return api('GET', '/api/v1/people?limit=500').then(function (r) {
      return (r && r.items) || [];
    }, function (err) {
      if (err && err.status === 401) throw err;
      return [];
    });
  }
  function byId(list) {
    var m = {};
    list.forEach(function (x) { m[String(x.id)] = x; });
    return m;
  }
  function deptName(depts, id) {
    if (id === null || id === undefined) return '—';
    var d = depts[String(id)];
    return d ? d.name : t('common.unknown');
  }
  function statusBadge(code) {
    var kind = code === 'active' ? 'ok' : code === 'leaving' ? 'warn' : 'muted';
    return B.badge(B.enumLabel('person_statuses', code), kind);
  }
  function levelBadge(code) {
    if (!code) return '—';
    return B.badge(B.enumLabel('levels', code), 'level-' + code);
  }
  function filterBar(children, onSubmit, onReset) {
    var form = h('form', { class: 'filters', novalidate: true, role: 'search' }, children,
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')),
        B.button(t('common.reset'), onReset)));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      onSubmit(form);
    });
    return form;
  }
  function fval(form, name) {
    var el = form.elements[name];
    return el ? String(el.value).trim() : '';
  }

  /* ================================================================== home */

  /* Rows of the to-do list shown before "show all"; the reporting countdowns come first so that
   * they are on screen without scrolling, also on a 1280×720 laptop. */
  var TODO_SHOWN = 8;

  function colon() {
    return B.state.lang === 'en' ? ': ' : '：';
  }

  /* One to-do item: what to do, what it is about, when it is due (a live countdown for a time, the
   * day for a due day), the whole row a link to the page where it is done. */
  function todoRow(it) {
    var due = null;
    if (it.due_at && it.all_day) {
      due = h('span', { class: 'todo-due' + (it.overdue ? ' overdue-date' : '') }, t('todo.due') + colon() + B.fmtDate(it.due_at));
    } else if (it.due_at) {
      due = h('span', { class: 'todo-due' }, B.inc ? B.inc.countdown(B.inc.serverTimeTarget(it.due_at)) : B.fmtTime(it.due_at));
    }
    return h('li', { class: 'todo-item todo-' + it.kind + (it.overdue ? ' row-overdue' : ''), 'data-kind': it.kind },
      h('a', { class: 'todo-link', href: it.route },
        B.badge(t('todo.kind.' + it.kind), it.overdue ? 'error' : it.kind === 'report_duty' ? 'warn' : 'plain'),
        h('span', { class: 'todo-title' }, B.state.lang === 'en' ? it.title_en : it.title),
        it.context ? h('span', { class: 'todo-context' }, it.context) : null),
      due,
      it.overdue && it.all_day ? B.badge(t('todo.overdue'), 'error overdue-mark') : null);
  }

  function todoPanel(el) {
    var todo = B.todo();
    if (!todo) return;
    var seq = B.state.routeSeq;
    var total = h('span', { class: 'badges' });
    var box = h('div', { class: 'panel-body loading' }, t('common.loading'));
    el.appendChild(h('section', { class: 'panel todo-panel', id: 'todo' },
      h('h2', { class: 'panel-title' }, t('todo.title'), total), box));
    var clock = B.inc ? B.inc.syncClock() : Promise.resolve();
    Promise.all([todo, clock]).then(function (res) {
      if (seq !== B.state.routeSeq) return;
      var todo = res[0];
      box.className = 'panel-body';
      B.clear(box);
      if (todo.total) total.appendChild(h('span', null, ' ', B.badge(t('todo.total', { n: todo.total }), 'warn')));
      var items = todo.items || [];
      if (!items.length) {
        box.appendChild(h('p', { class: 'muted', id: 'todo-none' }, t('todo.none')));
        return;
      }
      var ordered = items.filter(function (it) { return it.kind === 'report_duty'; })
        .concat(items.filter(function (it) { return it.kind !== 'report_duty'; }));
      var list = h('ul', { class: 'todo-list', id: 'todo-list' }, ordered.map(function (it, i) {
        var li = todoRow(it);
        if (i >= TODO_SHOWN) li.hidden = true;
        return li;
      }));
      box.appendChild(list);
      if (ordered.length > TODO_SHOWN) {
        var open = false;
        var more = B.button(t('todo.more', { n: ordered.length }), function () {
          open = !open;
          list.querySelectorAll('li').forEach(function (li, i) { li.hidden = !open && i >= TODO_SHOWN; });
          more.textContent = open ? t('todo.less') : t('todo.more', { n: ordered.length });
        }, 'btn-small btn-link', { id: 'todo-more' });
        box.appendChild(more);
      }
    }, function (err) {
      if (seq !== B.state.routeSeq) return;
      box.className = 'panel-body';
      B.clear(box).appendChild(B.errorBox(err));
    });
  }

  B.registerModule({
    id: 'home', group: 'home', order: 0, label: 'nav.home',
    render: function (ctx) {
      var a = ctx.account;
      var el = ctx.el;
      el.appendChild(B.pageHead(t('home.title')));
      if (a.admin_role) {
        el.appendChild(panel(t('home.welcome', { name: a.display_name || a.username }),
          h('p', { class: 'lead' }, t('home.duty.' + a.admin_role))));
      } else {
        todoPanel(el);
      }
      B.homePanels().forEach(function (p) {
        var box = h('div', { class: 'home-panel', 'data-panel': p.id });
        el.appendChild(box);
        try {
          p.render(box, ctx);
        } catch (e) {
          box.appendChild(B.msg('error', t('err.client', { msg: e.message })));
        }
      });
      var mods = B.visibleModules().filter(function (m) { return m.menu && m.id !== 'home'; });
      el.appendChild(panel(t('home.shortcuts'), h('div', { class: 'tiles' }, mods.map(function (m) {
        return h('a', { class: 'tile', href: '#/' + m.id }, h('span', { class: 'tile-title' }, t(m.label)),
          h('span', { class: 'tile-desc' }, t('tile.' + m.id)));
      }))));
      el.appendChild(panel(t('home.notes'), h('ul', { class: 'notes' },
        h('li', null, t('home.note1')),
        h('li', null, t('home.note2')),
        h('li', null, t('home.note3')))));
    }
  });

  /* ================================================================== 个人信息 */

  B.registerModule({
    id: 'profile', group: 'self', order: 5, label: 'nav.profile',
    render: function (ctx) {
      var a = ctx.account;
      var meta = B.state.meta || {};
      ctx.el.appendChild(B.pageHead(t('profile.title')));
      ctx.el.appendChild(panel(null, [
        B.kv([
          [t('profile.name'), a.display_name || '—'],
          [t('account.username'), a.username],
          [t('account.roles'), B.rolesText(a)],
          [t('account.last_login'), B.fmtTime(a.last_login)],
          [t('account.password_changed_at'), B.fmtTime(a.password_changed_at)],
          [t('home.unit'), meta.unit ? meta.unit.name : '—'],
          [t('home.version'), meta.version || '—']
        ]),
        h('div', { class: 'form-actions' }, B.link('password', t('profile.change_password'), { class: 'btn', id: 'profile-password' }))
      ], { id: 'profile', class: 'narrow' }));
    }
  });

  /* ================================================================== people */

  function peopleList(ctx) {
    var q = ctx.query;
    var filter = {
      department_id: q.get('department_id') || '',
      status: q.get('status') || '',
      staff_class: q.get('staff_class') || '',
      q: q.get('q') || ''
    };
    var offset = num(q.get('offset'), 0);
    var limit = 50;
    var canEdit = B.isAdmin('secadmin');
    var el = ctx.el;
    el.appendChild(B.pageHead(t('people.title'), canEdit ? [
      B.button(t('people.new'), function () { nav('people/new'); }, 'btn-primary', { id: 'person-new' })
    ] : []));
    if (B.isAdmin('sysadmin')) el.appendChild(B.msg('info', t('people.sysadmin_note')));
    var body = h('div');
    el.appendChild(body);
    var url = '/api/v1/people' + B.query(Object.assign({ limit: limit, offset: offset }, filter));
    B.load(body, Promise.all([loadDepartments(), api('GET', url)]), function (res) {
      var depts = res[0];
      var list = res[1] || { items: [], total: 0 };
      var dmap = byId(depts);
      var deptSel = B.select('department_id', depts.map(function (d) { return { value: d.id, label: d.name }; }),
        filter.department_id, null, t('common.all'));
      body.appendChild(filterBar([
        B.field(t('person.department'), deptSel),
        B.field(t('person.status'), B.select('status', B.enumOptions('person_statuses'), filter.status, null, t('common.all'))),
        B.field(t('person.staff_class'), B.select('staff_class', B.enumOptions('staff_classes'), filter.staff_class, null, t('common.all'))),
        B.field(t('people.q'), B.input('q', filter.q, { type: 'search', placeholder: t('people.q_hint'), maxlength: 64 }))
      ], function (form) {
        nav('people', {
          department_id: fval(form, 'department_id'), status: fval(form, 'status'),
          staff_class: fval(form, 'staff_class'), q: fval(form, 'q')
        });
      }, function () { nav('people'); }));
      var cols = [
        { label: t('person.name'), value: function (p) { return B.link('people/' + p.id, p.name, { class: 'person-name' }); } },
        { label: t('person.department'), value: function (p) { return deptName(dmap, p.department_id); } },
        { label: t('person.title'), value: function (p) { return p.title; } },
        { label: t('person.staff_class'), value: function (p) { return p.staff_class ? B.enumLabel('staff_classes', p.staff_class) : '—'; } },
        { label: t('person.clearance'), value: function (p) { return levelBadge(p.clearance); } },
        { label: t('person.commitment_signed_on'), value: function (p) { return B.fmtDate(p.commitment_signed_on); }, class: 'nowrap' },
        { label: t('person.status'), value: function (p) { return statusBadge(p.status); } },
        { label: t('person.declassify_until'), value: function (p) { return p.declassify_until ? B.fmtDate(p.declassify_until) : '—'; }, class: 'nowrap' },
        { label: t('person.phone'), value: function (p) { return p.phone; }, class: 'nowrap' }
      ];
      if (B.isAdmin('sysadmin')) cols = [cols[0], cols[1], cols[6]]; // the server sends only these
      body.appendChild(B.table(cols, list.items || [], {
        class: 'people-table',
        empty: t('people.empty'),
        rowAttrs: function (p) { return { 'data-id': p.id }; }
      }));
      body.appendChild(B.pager(list.total || 0, limit, offset, function (o) {
        nav('people', Object.assign({}, filter, { offset: o || '' }));
      }));
    });
  }

  function personForm(ctx, person, depts) {
    var isNew = !person;
    var p = person || { status: 'active', staff_class: 'general' };
    var clearanceOut = h('output', { class: 'derived' });
    var staffSel = B.select('staff_class', B.enumOptions('staff_classes'), p.staff_class);
    var statusSel = B.select('status', B.enumOptions('person_statuses'), p.status);
    var declField = B.field(t('person.declassify_until'), B.input('declassify_until', p.declassify_until ? B.fmtDate(p.declassify_until) : '', { type: 'date' }), { hint: t('person.declassify_hint') });
    function sync() {
      var sc = null;
      B.enumList('staff_classes').forEach(function (e) { if (e.code === staffSel.value) sc = e; });
      clearanceOut.textContent = sc && sc.clearance ? B.enumLabel('levels', sc.clearance) : t('common.none');
      declField.hidden = statusSel.value !== 'leaving' && !declField.querySelector('input').value;
    }
    staffSel.addEventListener('change', sync);
    statusSel.addEventListener('change', sync);
    var form = B.form({ id: 'person-form', class: 'grid-form' }, [
      B.field(t('person.name'), B.input('name', p.name, { maxlength: 64 }), { required: true }),
      B.field(t('person.department'), B.select('department_id', depts.map(function (d) { return { value: d.id, label: d.name }; }), p.department_id, null, t('common.choose')), { required: true }),
      B.field(t('person.title'), B.input('title', p.title, { maxlength: 64 })),
      B.field(t('person.phone'), B.input('phone', p.phone, { maxlength: 32 })),
      B.field(t('person.staff_class'), staffSel, { required: true }),
      B.field(t('person.clearance'), clearanceOut, { hint: t('person.clearance_hint') }),
      B.field(t('person.commitment_signed_on'), B.input('commitment_signed_on', p.commitment_signed_on ? B.fmtDate(p.commitment_signed_on) : '', { type: 'date' })),
      B.field(t('person.status'), statusSel, { required: true }),
      declField,
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, isNew ? t('common.create') : t('common.save')),
        B.button(t('common.back'), function () { nav('people'); }))
    ], function (f) {
      var body = {
        name: fval(f, 'name'),
        department_id: B.idValue(fval(f, 'department_id')),
        title: fval(f, 'title'),
        phone: fval(f, 'phone'),
        staff_class: fval(f, 'staff_class'),
        commitment_signed_on: fval(f, 'commitment_signed_on') || null,
        status: fval(f, 'status'),
        declassify_until: fval(f, 'declassify_until') || null
      };
      if (isNew) {
        return api('POST', '/api/v1/people', body).then(function (created) {
          nav('people/' + created.id, { saved: 1 });
        });
      }
      return api('PATCH', '/api/v1/people/' + encodeURIComponent(p.id), body).then(function (updated) {
        B.formNotice(f, 'ok', t('common.saved'));
        if (updated && updated.updated_at) meta.textContent = t('person.updated_at') + ' ' + B.fmtTime(updated.updated_at);
      });
    });
    var meta = h('div', { class: 'form-meta' }, isNew ? '' : t('person.updated_at') + ' ' + B.fmtTime(p.updated_at));
    sync();
    return h('div', null, form, meta);
  }

  function personView(p, depts) {
    var dmap = byId(depts);
    return B.kv([
      [t('person.name'), p.name],
      [t('person.department'), deptName(dmap, p.department_id)],
      [t('person.title'), p.title],
      [t('person.phone'), p.phone],
      [t('person.staff_class'), p.staff_class ? B.enumLabel('staff_classes', p.staff_class) : null],
      [t('person.clearance'), levelBadge(p.clearance)],
      [t('person.commitment_signed_on'), p.commitment_signed_on ? B.fmtDate(p.commitment_signed_on) : null],
      [t('person.status'), p.status ? statusBadge(p.status) : null],
      [t('person.declassify_until'), p.declassify_until ? B.fmtDate(p.declassify_until) : null],
      [t('person.created_at'), B.fmtTime(p.created_at)],
      [t('person.updated_at'), B.fmtTime(p.updated_at)]
    ]);
  }

  B.registerModule({
    id: 'people', group: 'org', order: 10, label: 'nav.people', roles: READ_PEOPLE,
    render: function (ctx) {
      var id = ctx.params[0];
      if (!id) return peopleList(ctx);
      var el = ctx.el;
      var canEdit = B.isAdmin('secadmin');
      if (id === 'new') {
        el.appendChild(B.pageHead(t('people.new')));
        var box = h('div');
        el.appendChild(panel(null, box));
        if (!canEdit) return B.clear(box).appendChild(B.errorBox(new B.ApiError(403, { error: { code: 'forbidden' } })));
        return B.load(box, loadDepartments(), function (depts) { box.appendChild(personForm(ctx, null, depts)); });
      }
      el.appendChild(B.pageHead(canEdit ? t('people.edit') : t('people.detail'), [
        B.button(t('common.back_list'), function () { nav('people'); })
      ]));
      if (ctx.query.get('saved')) el.appendChild(B.msg('ok', t('common.created')));
      var body = h('div');
      el.appendChild(panel(null, body));
      B.load(body, Promise.all([api('GET', '/api/v1/people/' + encodeURIComponent(id)), loadDepartments()]), function (res) {
        body.appendChild(canEdit ? personForm(ctx, res[0], res[1]) : personView(res[0], res[1]));
      });
    }
  });

  /* ================================================================== organisation */

  function unitForm(unit, units) {
    var isNew = !unit;
    var u = unit || {};
    var parents = units.filter(function (x) { return !unit || x.id !== unit.id; }).map(function (x) { return { value: x.id, label: x.name }; });
    return B.form({ id: 'unit-form', class: 'grid-form' }, [
      B.field(t('unit.name'), B.input('name', u.name, { maxlength: 128 }), { required: true }),
      B.field(t('unit.code'), B.input('code', u.code, { maxlength: 64 }), { required: true }),
      B.field(t('unit.parent'), B.select('parent_id', parents, u.parent_id, null, t('unit.no_parent'))),
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, isNew ? t('common.create') : t('common.save')),
        B.button(t('common.back'), function () { nav('org'); }))
    ], function (f) {
      var body = { name: fval(f, 'name'), code: fval(f, 'code'), parent_id: B.idValue(fval(f, 'parent_id')) };
      var p = isNew ? api('POST', '/api/v1/units', body) : api('PATCH', '/api/v1/units/' + encodeURIComponent(u.id), body);
      return p.then(function () { nav('org', { saved: 1 }); });
    });
  }

  function deptForm(dept, units) {
    var isNew = !dept;
    var d = dept || { unit_id: B.state.meta && B.state.meta.unit ? B.state.meta.unit.id : null };
    return B.form({ id: 'dept-form', class: 'grid-form' }, [
      B.field(t('dept.unit'), B.select('unit_id', units.map(function (x) { return { value: x.id, label: x.name }; }), d.unit_id, { disabled: !isNew }), { required: true }),
      B.field(t('dept.name'), B.input('name', d.name, { maxlength: 128 }), { required: true }),
      B.field(t('dept.code'), B.input('code', d.code, { maxlength: 64 }), { required: true }),
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, isNew ? t('common.create') : t('common.save')),
        B.button(t('common.back'), function () { nav('org'); }))
    ], function (f) {
      var body = { name: fval(f, 'name'), code: fval(f, 'code') };
      if (isNew) {
        body.unit_id = B.idValue(fval(f, 'unit_id'));
        return api('POST', '/api/v1/departments', body).then(function () { nav('org', { saved: 1 }); });
      }
      return api('PATCH', '/api/v1/departments/' + encodeURIComponent(d.id), body).then(function () { nav('org', { saved: 1 }); });
    });
  }

  B.registerModule({
    id: 'org', group: 'org', order: 20, label: 'nav.org', roles: ['sysadmin'],
    render: function (ctx) {
      var el = ctx.el;
      var kind = ctx.params[0];
      var id = ctx.params[1];
      var body = h('div');
      var loadUnits = api('GET', '/api/v1/units?limit=500').then(function (r) { return (r && r.items) || []; });
      if (kind === 'unit' || kind === 'dept') {
        var isUnit = kind === 'unit';
        el.appendChild(B.pageHead(t(id === 'new' ? (isUnit ? 'unit.new' : 'dept.new') : (isUnit ? 'unit.edit' : 'dept.edit'))));
        el.appendChild(panel(null, body));
        var one = id === 'new' ? Promise.resolve(null) : api('GET', (isUnit ? '/api/v1/units/' : '/api/v1/departments/') + encodeURIComponent(id));
        return B.load(body, Promise.all([one, loadUnits]), function (res) {
          body.appendChild(isUnit ? unitForm(res[0], res[1]) : deptForm(res[0], res[1]));
        });
      }
      el.appendChild(B.pageHead(t('org.title'), [
        B.button(t('unit.new'), function () { nav('org/unit/new'); }),
        B.button(t('dept.new'), function () { nav('org/dept/new'); }, 'btn-primary')
      ]));
      if (ctx.query.get('saved')) el.appendChild(B.msg('ok', t('common.saved')));
      el.appendChild(body);
      B.load(body, Promise.all([loadUnits, api('GET', '/api/v1/departments?limit=500')]), function (res) {
        var units = res[0];
        var umap = byId(units);
        var depts = (res[1] && res[1].items) || [];
        body.appendChild(panel(t('org.units'), B.table([
          { label: t('unit.name'), value: function (u) { return B.link('org/unit/' + u.id, u.name); } },
          { label: t('unit.code'), value: function (u) { return u.code; } },
          { label: t('unit.parent'), value: function (u) { return u.parent_id ? (umap[String(u.parent_id)] || { name: t('common.unknown') }).name : t('unit.no_parent'); } }
        ], units)));
        body.appendChild(panel(t('org.departments'), B.table([
          { label: t('dept.name'), value: function (d) { return B.link('org/dept/' + d.id, d.name); } },
          { label: t('dept.code'), value: function (d) { return d.code; } },
          { label: t('dept.unit'), value: function (d) { return (umap[String(d.unit_id)] || { name: t('common.unknown') }).name; } }
        ], depts)));
      });
    }
  });

  /* ================================================================== accounts */

  function accountState(a) {
    var out = [];
    if (a.disabled) out.push(B.badge(t('account.disabled'), 'muted'));
    if (a.locked_until && new Date(a.locked_until).getTime() > Date.now()) out.push(B.badge(t('account.locked'), 'error'));
    if (a.must_change_password) out.push(B.badge(t('account.must_change'), 'warn'));
    if (!out.length) out.push(B.badge(t('account.normal'), 'ok'));
    return h('span', { class: 'badges' }, out);
  }

  function personOptions(people) {
    return people.map(function (p) { return { value: p.id, label: p.name }; });
  }

  function accountsList(ctx) {
    var el = ctx.el;
    var offset = num(ctx.query.get('offset'), 0);
    var limit = 50;
    el.appendChild(B.pageHead(t('accounts.title'), B.isAdmin('sysadmin') ? [
      B.button(t('accounts.new'), function () { nav('accounts/new'); }, 'btn-primary', { id: 'account-new' })
    ] : []));
    var body = h('div');
    el.appendChild(body);
    B.load(body, Promise.all([api('GET', '/api/v1/accounts' + B.query({ limit: limit, offset: offset })), loadPeople()]), function (res) {
      var list = res[0] || { items: [], total: 0 };
      var pmap = byId(res[1]);
      body.appendChild(B.table([
        { label: t('account.username'), value: function (a) { return B.link('accounts/' + a.id, a.username); } },
        { label: t('account.display_name'), value: function (a) { return a.display_name; } },
        { label: t('account.person'), value: function (a) { return a.person_id ? (pmap[String(a.person_id)] || { name: t('common.unknown') }).name : '—'; } },
        { label: t('account.admin_role'), value: function (a) { return a.admin_role ? B.enumLabel('admin_roles', a.admin_role) : '—'; } },
        { label: t('account.business_roles'), value: function (a) { return B.joinList((a.roles || []).map(function (r) { return B.enumLabel('roles', r); })); } },
        { label: t('account.state'), value: accountState },
        { label: t('account.last_login'), value: function (a) { return B.fmtTime(a.last_login); }, class: 'nowrap' }
      ], list.items || [], { class: 'accounts-table' }));
      body.appendChild(B.pager(list.total || 0, limit, offset, function (o) { nav('accounts', { offset: o || '' }); }));
    });
  }

  function accountNew(ctx) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('accounts.new')));
    var box = h('div');
    el.appendChild(panel(null, box));
    B.load(box, loadPeople(), function (people) {
      box.appendChild(B.form({ id: 'account-form', class: 'grid-form' }, [
        B.field(t('account.username'), B.input('username', '', { maxlength: 64, autocomplete: 'off' }), { required: true, hint: t('account.username_hint') }),
        B.field(t('account.display_name'), B.input('display_name', '', { maxlength: 64 }), { required: true }),
        B.field(t('account.person'), B.select('person_id', personOptions(people), '', null, t('account.no_person'))),
        B.field(t('account.initial_password'), B.input('password', '', { type: 'password', autocomplete: 'new-password' }), { required: true, hint: t('account.initial_password_hint') }),
        h('div', { class: 'form-actions field-wide' },
          h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.create')),
          B.button(t('common.back'), function () { nav('accounts'); }))
      ], function (f) {
        return api('POST', '/api/v1/accounts', {
          username: fval(f, 'username'), display_name: fval(f, 'display_name'),
          person_id: B.idValue(fval(f, 'person_id')), password: f.elements.password.value
        }).then(function (a) { nav('accounts/' + a.id, { saved: 1 }); });
      }));
    });
  }

  function accountDetail(ctx, id) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('accounts.detail'), [B.button(t('common.back_list'), function () { nav('accounts'); })]));
    if (ctx.query.get('saved')) el.appendChild(B.msg('ok', t('common.saved')));
    var body = h('div');
    el.appendChild(body);
    B.load(body, Promise.all([api('GET', '/api/v1/accounts/' + encodeURIComponent(id)), loadPeople()]), function (res) {
      var a = res[0];
      var people = res[1];
      var pmap = byId(people);
      var reload = function () { nav('accounts/' + a.id, { saved: 1 }); };
      body.appendChild(panel(t('accounts.info'), B.kv([
        [t('account.username'), a.username],
        [t('account.display_name'), a.display_name],
        [t('account.person'), a.person_id ? (pmap[String(a.person_id)] || { name: t('common.unknown') }).name : null],
        [t('account.admin_role'), a.admin_role ? B.enumLabel('admin_roles', a.admin_role) : null],
        [t('account.business_roles'), B.joinList((a.roles || []).map(function (r) { return B.enumLabel('roles', r); }))],
        [t('account.state'), accountState(a)],
        [t('account.locked_until'), a.locked_until ? B.fmtTime(a.locked_until) : null],
        [t('account.last_login'), B.fmtTime(a.last_login)],
        [t('account.password_changed_at'), B.fmtTime(a.password_changed_at)],
        [t('account.created_at'), B.fmtTime(a.created_at)]
      ])));

      if (B.isAdmin('sysadmin')) {
        body.appendChild(panel(t('accounts.edit'), B.form({ id: 'account-edit-form', class: 'grid-form' }, [
          B.field(t('account.display_name'), B.input('display_name', a.display_name, { maxlength: 64 })),
          B.field(t('account.person'), B.select('person_id', personOptions(people), a.person_id, { disabled: !!a.admin_role }, t('account.no_person'))),
          B.field(t('account.disabled'), h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'disabled', checked: a.disabled, disabled: !!a.admin_role }), ' ', t('account.disabled_label'))),
          h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save')))
        ], function (f) {
          var patch = { display_name: fval(f, 'display_name') };
          if (!a.admin_role) {
            patch.person_id = B.idValue(fval(f, 'person_id'));
            patch.disabled = f.elements.disabled.checked;
          }
          return api('PATCH', '/api/v1/accounts/' + encodeURIComponent(a.id), patch).then(reload);
        })));

        var ops = [];
        if (a.locked_until && new Date(a.locked_until).getTime() > Date.now()) {
          var unlockMsg = h('div', { class: 'form-msg', hidden: true });
          ops.push(h('div', { class: 'op' }, h('div', { class: 'op-text' }, t('accounts.unlock_text', { time: B.fmtTime(a.locked_until) })),
            B.button(t('accounts.unlock'), function () {
              api('POST', '/api/v1/accounts/' + encodeURIComponent(a.id) + '/unlock').then(reload, function (err) {
                unlockMsg.className = 'form-msg msg msg-error'; unlockMsg.textContent = B.errorText(err); unlockMsg.hidden = false;
              });
            }, 'btn-primary', { id: 'account-unlock' }), unlockMsg));
        }
        if (!a.admin_role) {
          ops.push(B.form({ id: 'password-reset-form', class: 'inline-form' }, [
            B.field(t('accounts.reset_password'), B.input('password', '', { type: 'password', autocomplete: 'new-password' }), { hint: t('accounts.reset_hint') }),
            h('button', { type: 'submit', class: 'btn' }, t('accounts.reset'))
          ], function (f) {
            return api('POST', '/api/v1/accounts/' + encodeURIComponent(a.id) + '/password-reset', { password: f.elements.password.value }).then(function () {
              f.elements.password.value = '';
              B.formNotice(f, 'ok', t('accounts.reset_done'));
            });
          }));
        } else {
          ops.push(B.msg('info', t('accounts.admin_no_reset')));
        }
        body.appendChild(panel(t('accounts.ops'), ops));
      }

      if (B.isAdmin('secadmin')) {
        if (a.admin_role) {
          body.appendChild(panel(t('accounts.roles'), B.msg('info', t('accounts.admin_no_roles'))));
        } else {
          var checks = B.enumList('roles').map(function (r) {
            return h('label', { class: 'check role-check' },
              h('input', { type: 'checkbox', name: 'role', value: r.code, checked: (a.roles || []).indexOf(r.code) >= 0 }),
              ' ', B.state.lang === 'en' ? r.en : r.zh);
          });
          body.appendChild(panel(t('accounts.roles'), B.form({ id: 'roles-form' }, [
            h('fieldset', { class: 'checks', name: 'roles' }, h('legend', null, t('accounts.roles_legend')), checks),
            h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('accounts.save_roles')))
          ], function (f) {
            var roles = [];
            f.querySelectorAll('input[name=role]').forEach(function (c) { if (c.checked) roles.push(c.value); });
            return api('PUT', '/api/v1/accounts/' + encodeURIComponent(a.id) + '/roles', { roles: roles }).then(reload);
          })));
        }
      }
    });
  }

  B.registerModule({
    id: 'accounts', group: 'system', order: 10, label: 'nav.accounts', roles: ['sysadmin', 'secadmin'],
    render: function (ctx) {
      var id = ctx.params[0];
      if (!id) return accountsList(ctx);
      if (id === 'new') {
        if (!B.isAdmin('sysadmin')) return ctx.el.appendChild(B.errorBox(new B.ApiError(403, { error: { code: 'forbidden' } })));
        return accountNew(ctx);
      }
      return accountDetail(ctx, id);
    }
  });

  /* ================================================================== audit log */

  var AUDIT_FILTERS = ['from', 'to', 'username', 'q', 'event', 'result', 'object_type', 'object_id'];

  /* An audit code's label from GET /api/v1/meta (audit_events, audit_objects). */
  function auditLabel(kind, code) {
    if (!code) return '—';
    var l = B.enumLabel(kind, code);
    return l === code ? t('audit.unknown_code') : l;
  }
  function auditEventOptions() {
    return B.enumList('audit_events').map(function (e) {
      return { value: e.code, label: B.state.lang === 'en' ? e.en : e.zh };
    }).sort(function (x, y) { return x.label.localeCompare(y.label, 'zh-CN'); });
  }

  /* Labels of the detail keys the server writes; a key not listed shows as 其他 (the raw record
   * stays in the tooltip and the exports). */
  var DETAIL_KEYS = {
    level: ['密级', 'Level'], number: ['编号', 'Number'], title: ['名称', 'Title'], name: ['名称', 'Name'],
    format: ['格式', 'Format'], rows: ['行数', 'Rows'], count: ['数量', 'Count'], certificate_no: ['销毁证明编号', 'Certificate'],
    place: ['地点', 'Place'], witnesses: ['监销人', 'Witnesses'], companions: ['同行人员', 'Companions'],
    destination: ['携往地点', 'Destination'], condition: ['归还状况', 'Condition'], returned_by: ['归还人', 'Returned by'],
    person_id: ['人员', 'Person'], reader: ['签收人', 'Reader'], readers: ['传阅人', 'Readers'], supervisor_id: ['监修人', 'Supervisor'],
    custodian_id: ['保管人', 'Custodian'], handler_id: ['专人管理', 'Handler'], holder_id: ['当前持有人', 'Holder'],
    scope_people: ['知悉人员', 'Scope'], notified: ['通知人员', 'Notified'], assignee_id: ['承办人', 'Assignee'],
    responsible: ['责任人', 'Responsible'], responsible_id: ['责任人', 'Responsible'], inspectors: ['检查人员', 'Inspectors'],
    action: ['事项', 'Action'], reason: ['理由', 'Reason'], comment: ['意见', 'Comment'], query: ['操作', 'Operation'],
    admin_role: ['管理员角色', 'Administrator role'], roles: ['业务角色', 'Roles'], roles_revoked: ['撤销角色', 'Roles revoked'],
    username: ['用户名', 'User name'], display_name: ['姓名', 'Name'], status: ['状态', 'Status'], state: ['状态', 'State'],
    from: ['原值', 'From'], to: ['新值', 'To'], due_on: ['归还期限', 'Due'], purpose: ['用途', 'Purpose'], kind: ['类别', 'Kind'],
    category: ['分类', 'Category'], version: ['版本', 'Version'], phase: ['阶段', 'Phase'], deadline: ['期限', 'Deadline'],
    due_at: ['期限', 'Due'], note: ['备注', 'Note'], years: ['年限', 'Years'], date: ['日期', 'Date'], file: ['文件', 'File'],
    digest: ['摘要值', 'Digest'], imported: ['导入', 'Imported'], proposed_level: ['建议级别', 'Proposed level'],
    code: ['代码', 'Code'], template: ['来源模板', 'Template'], method: ['方式', 'Method'], minutes: ['分钟', 'Minutes'],
    staff_class_from: ['原涉密等级', 'Class before'], staff_class: ['涉密等级', 'Class'], disabled: ['停用', 'Disabled'],
    steps: ['审批流程', 'Steps'], role: ['审批身份', 'Decided as'], sent_to: ['报送对象', 'Sent to'], channel: ['报送方式', 'Channel'],
    carrier_id: ['载体记录', 'Carrier record'], request_id: ['申请记录', 'Request record'], incident_id: ['事件记录', 'Incident record'],
    finding: ['问题记录', 'Finding record'], campaign: ['活动记录', 'Campaign record'], report_id: ['报告记录', 'Report record'],
    task: ['任务记录', 'Task record'], item_id: ['检查项', 'Item'], department_id: ['部门', 'Department'], result: ['结果', 'Result']
  };
  function yesNo(v) { return v ? t('common.yes') : t('common.no'); }
  /* One detail value in words: people by the names the record carries, codes by their labels. */
  function detailValue(k, v, names) {
    if (names && names[k] !== undefined) {
      var n = names[k];
      return Array.isArray(n) ? B.joinList(n.filter(Boolean)) || '—' : n;
    }
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return yesNo(v);
    if (k === 'level' || k === 'proposed_level' || ((k === 'from' || k === 'to') && B.enumLabel('levels', v) !== v)) return B.enumLabel('levels', v);
    if (k === 'admin_role') return B.enumLabel('admin_roles', v);
    if (k === 'roles' || k === 'roles_revoked' || k === 'steps' || k === 'role') {
      var list = Array.isArray(v) ? v : String(v).split(',');
      return B.joinList(list.map(function (r) { return B.enumLabel('roles', r); }));
    }
    if (k === 'staff_class' || k === 'staff_class_from') return B.enumLabel('staff_classes', v);
    if (k === 'action') return STR_OR(['caction.' + v, 'iaction.' + v], v);
    if (k === 'status' || k === 'state') return STR_OR(['creq.status.' + v, 'audit.status.' + v], v);
    if (k === 'query') return STR_OR(['audit.query.' + v], v);
    if (Array.isArray(v)) return B.joinList(v.map(function (x) { return typeof x === 'object' ? JSON.stringify(x) : String(x); }));
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }
  /* the first of KEYS that has a string, else the code's generic label */
  function STR_OR(keys, code) {
    for (var i = 0; i < keys.length; i++) if (t(keys[i]) !== keys[i]) return t(keys[i]);
    return /^[a-z_]+$/.test(String(code)) ? t('audit.unknown_code') : String(code);
  }

  /* detail is a JSON object (or its text): "label：value；..." in words, the raw record on hover */
  function auditDetail(r) {
    var d = r.detail;
    if (d === null || d === undefined || d === '') return '';
    var obj = d;
    if (typeof d === 'string') {
      try {
        obj = JSON.parse(d);
      } catch (e) {
        obj = null;
      }
    }
    var raw = typeof d === 'string' ? d : JSON.stringify(d);
    var text;
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      var names = obj.names && typeof obj.names === 'object' ? obj.names : null;
      var keys = Object.keys(obj).filter(function (k) { return k !== 'names' && obj[k] !== null && obj[k] !== ''; });
      if (!keys.length) return '';
      var lang = B.state.lang === 'en' ? 1 : 0;
      text = keys.map(function (k) {
        var label = DETAIL_KEYS[k] ? DETAIL_KEYS[k][lang] : t('audit.k.other');
        return label + (lang ? ': ' : '：') + detailValue(k, obj[k], names);
      }).join(lang ? '; ' : '；');
    } else {
      text = raw;
    }
    if (text.length > 160) text = text.slice(0, 157) + '…';
    return h('span', { title: raw }, text);
  }

  /* the object of a record: its type's label, and the carrier's number where the record has it */
  function auditObject(r) {
    if (!r.object_type) return '—';
    var label = auditLabel('audit_objects', r.object_type);
    var d = r.detail;
    var num = null;
    try {
      var o = typeof d === 'string' ? JSON.parse(d) : d;
      if (o && typeof o.number === 'string') num = o.number;
    } catch (e) {
      num = null;
    }
    var id = r.object_id !== null && r.object_id !== undefined && r.object_id !== '' ? r.object_id : null;
    return h('span', { class: 'audit-object', title: id !== null ? r.object_type + ' ' + id : r.object_type },
      label, num ? h('span', { class: 'carrier-number' }, ' ' + num) : id !== null ? h('span', { class: 'muted' }, ' ' + t('audit.record_no', { n: id })) : null);
  }

  /* "officer,staff" -> 保密员、涉密人员 */
  function auditRole(role) {
    if (!role) return '—';
    return B.joinList(String(role).split(',').map(function (c) {
      var a = B.enumLabel('admin_roles', c);
      return a !== c ? a : B.enumLabel('roles', c);
    }));
  }

  function isoToLocal(v) {
    var m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(v || '');
    return m ? m[1] : '';
  }

  B.registerModule({
    id: 'audit', group: 'system', order: 30, label: 'nav.audit', roles: ['auditor'],
    render: function (ctx) {
      var el = ctx.el;
      var q = ctx.query;
      var filter = {};
      AUDIT_FILTERS.forEach(function (k) { filter[k] = q.get(k) || ''; });
      var offset = num(q.get('offset'), 0);
      var limit = 50;
      var verifyBox = h('div', { class: 'verify-result', id: 'verify-result', 'aria-live': 'polite' });
      var verifyBtn = B.button(t('audit.verify'), function () {
        verifyBtn.disabled = true;
        B.clear(verifyBox).appendChild(h('div', { class: 'loading' }, t('audit.verifying')));
        api('GET', '/api/v1/audit/verify').then(function (r) {
          B.clear(verifyBox);
          if (r.ok) {
            verifyBox.appendChild(B.msg('ok', t('audit.verify_ok', { n: r.records })));
          } else {
            verifyBox.appendChild(B.msg('error', t('audit.verify_bad', { n: r.records, id: r.first_bad_id === null || r.first_bad_id === undefined ? '—' : r.first_bad_id }),
              r.reason ? h('div', { class: 'msg-detail' }, t('audit.reason') + r.reason) : null));
          }
        }, function (err) {
          B.clear(verifyBox).appendChild(B.errorBox(err));
        }).then(function () { verifyBtn.disabled = false; });
      }, 'btn-primary', { id: 'audit-verify' });
      var exportCsv = h('a', { class: 'btn', id: 'audit-export-csv', href: '/api/v1/audit/export' + B.query(Object.assign({ format: 'csv' }, filter)), download: 'audit.csv' }, t('audit.export_csv'));
      var exportJson = h('a', { class: 'btn', id: 'audit-export-json', href: '/api/v1/audit/export' + B.query(Object.assign({ format: 'json' }, filter)), download: 'audit.json' }, t('audit.export_json'));
      el.appendChild(B.pageHead(t('audit.title'), [exportCsv, exportJson, verifyBtn]));
      el.appendChild(verifyBox);
      el.appendChild(filterBar([
        B.field(t('audit.from'), B.input('from', isoToLocal(filter.from), { type: 'datetime-local' })),
        B.field(t('audit.to'), B.input('to', isoToLocal(filter.to), { type: 'datetime-local' })),
        B.field(t('audit.username'), B.input('username', filter.username, { maxlength: 64 })),
        B.field(t('audit.q'), B.input('q', filter.q, { type: 'search', maxlength: 100, placeholder: t('audit.q_hint') })),
        B.field(t('audit.event'), B.select('event', auditEventOptions(), filter.event, null, t('common.all'))),
        B.field(t('audit.result'), B.select('result', [
          { value: 'success', label: t('audit.result.success') },
          { value: 'denied', label: t('audit.result.denied') },
          { value: 'failed', label: t('audit.result.failed') }
        ], filter.result, null, t('common.all'))),
        B.field(t('audit.object_type'), B.select('object_type', B.enumOptions('audit_objects'), filter.object_type, null, t('common.all')))
      ], function (form) {
        var f = {};
        AUDIT_FILTERS.forEach(function (k) { f[k] = fval(form, k); });
        f.from = B.localToIso(f.from);
        f.to = B.localToIso(f.to);
        nav('audit', f);
      }, function () { nav('audit'); }));
      var body = h('div');
      el.appendChild(body);
      B.load(body, api('GET', '/api/v1/audit' + B.query(Object.assign({ limit: limit, offset: offset }, filter))), function (list) {
        list = list || { items: [], total: 0 };
        body.appendChild(B.table([
          { label: t('audit.id'), value: function (r) { return String(r.id); }, class: 'num' },
          { label: t('audit.time'), value: function (r) { return B.fmtTime(r.time); }, class: 'nowrap' },
          { label: t('audit.username'), value: function (r) { return r.username; } },
          { label: t('audit.role'), value: function (r) { return auditRole(r.role); } },
          { label: t('audit.event'), value: function (r) { return h('span', { class: 'audit-event', title: r.event, 'data-event': r.event }, auditLabel('audit_events', r.event)); } },
          { label: t('audit.object'), value: auditObject },
          { label: t('audit.result'), value: function (r) { return B.badge(t('audit.result.' + r.result), r.result === 'success' ? 'ok' : r.result === 'denied' ? 'warn' : 'error'); } },
          { label: t('audit.source'), value: function (r) { return r.source; }, class: 'nowrap' },
          { label: t('audit.detail'), value: auditDetail, class: 'detail' }
        ], list.items || [], { class: 'audit-table' }));
        body.appendChild(B.pager(list.total || 0, limit, offset, function (o) {
          nav('audit', Object.assign({}, filter, { offset: o || '' }));
        }));
      });
    }
  });

  /* ================================================================== API tokens */

  B.registerModule({
    id: 'tokens', group: 'self', order: 10, label: 'nav.tokens',
    render: function (ctx) {
      var el = ctx.el;
      el.appendChild(B.pageHead(t('tokens.title')));
      el.appendChild(B.msg('info', t('tokens.intro')));
      var shown = h('div', { id: 'token-shown' });
      var form = B.form({ id: 'token-form', class: 'inline-form' }, [
        B.field(t('tokens.name'), B.input('name', '', { maxlength: 64, placeholder: t('tokens.name_hint') }), { required: true }),
        B.field(t('tokens.expires_days'), B.input('expires_days', '90', { type: 'number', min: '1', max: '3650' })),
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('tokens.create'))
      ], function (f) {
        return api('POST', '/api/v1/tokens', { name: fval(f, 'name'), expires_days: num(fval(f, 'expires_days'), 0) }).then(function (tok) {
          f.elements.name.value = '';
          var val = h('input', { class: 'token-value', readOnly: true, value: tok.token, 'aria-label': t('tokens.value') });
          B.clear(shown).appendChild(h('div', { class: 'msg msg-warn token-box' },
            h('strong', null, t('tokens.once')),
            h('div', { class: 'token-line' }, val, B.button(t('tokens.copy'), function (ev) {
              val.select();
              var btn = ev.currentTarget;
              var ok = function () { btn.textContent = t('tokens.copied'); };
              if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(tok.token).then(ok, function () {});
              else { try { document.execCommand('copy'); ok(); } catch (e) { /* select is enough */ } }
            })),
            h('div', null, t('tokens.expires') + ' ' + B.fmtTime(tok.expires_at))));
          loadList();
        });
      });
      el.appendChild(panel(t('tokens.new'), [form, shown]));
      var listBox = h('div');
      el.appendChild(panel(t('tokens.list'), listBox));
      function loadList() {
        B.load(listBox, api('GET', '/api/v1/tokens?limit=500'), function (list) {
          list = list || { items: [] };
          listBox.appendChild(B.table([
            { label: t('tokens.name'), value: function (x) { return x.name; } },
            { label: t('tokens.created'), value: function (x) { return B.fmtTime(x.created_at); }, class: 'nowrap' },
            { label: t('tokens.expires'), value: function (x) { return B.fmtTime(x.expires_at); }, class: 'nowrap' },
            { label: t('tokens.last_used'), value: function (x) { return x.last_used ? B.fmtTime(x.last_used) : t('tokens.never'); }, class: 'nowrap' },
            { label: t('common.actions'), value: function (x) {
              return B.confirmButton(t('tokens.revoke'), t('tokens.revoke_confirm'), function (btn) {
                btn.disabled = true;
                api('DELETE', '/api/v1/tokens/' + encodeURIComponent(x.id)).then(loadList, function (err) {
                  btn.disabled = false;
                  listBox.insertBefore(B.errorBox(err), listBox.firstChild);
                });
              }, 'btn-small btn-danger');
            } }
          ], list.items || [], { empty: t('tokens.empty') }));
        });
      }
      loadList();
    }
  });

  /* ================================================================== security policy */

  var POLICY_FIELDS = [
    ['password_min_length', 'policy.password_min_length', 'policy.unit_chars'],
    ['password_min_classes', 'policy.password_min_classes', 'policy.classes_hint'],
    ['password_max_age_days', 'policy.password_max_age_days', 'policy.unit_days'],
    ['lockout_threshold', 'policy.lockout_threshold', 'policy.unit_times'],
    ['lockout_minutes', 'policy.lockout_minutes', 'policy.unit_minutes'],
    ['session_idle_seconds', 'policy.session_idle_seconds', 'policy.unit_seconds']
  ];

  B.registerModule({
    id: 'policy', group: 'system', order: 20, label: 'nav.policy', roles: ['sysadmin', 'secadmin'],
    render: function (ctx) {
      var el = ctx.el;
      var canEdit = B.isAdmin('secadmin');
      el.appendChild(B.pageHead(t('policy.title')));
      if (!canEdit) el.appendChild(B.msg('info', t('policy.readonly')));
      var box = h('div');
      el.appendChild(panel(null, box));
      B.load(box, api('GET', '/api/v1/policy'), function (pol) {
        var fields = POLICY_FIELDS.map(function (f) {
          return B.field(t(f[1]), B.input(f[0], pol[f[0]], { type: 'number', min: '0', step: '1', disabled: !canEdit, class: 'num-input' }), { hint: t(f[2]) });
        });
        box.appendChild(B.form({ id: 'policy-form', class: 'grid-form' }, [
          fields,
          canEdit ? h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'))) : null
        ], function (f) {
          var body = {};
          POLICY_FIELDS.forEach(function (x) {
            var v = fval(f, x[0]);
            body[x[0]] = /^-?\d+$/.test(v) ? parseInt(v, 10) : v;
          });
          return api('PUT', '/api/v1/policy', body).then(function (saved) {
            if (saved) POLICY_FIELDS.forEach(function (x) { if (saved[x[0]] !== undefined) f.elements[x[0]].value = saved[x[0]]; });
            B.formNotice(f, 'ok', t('common.saved'));
          });
        }));
      });
    }
  });

  /* ================================================================== own password */

  B.registerModule({
    id: 'password', group: 'self', order: 20, label: 'nav.password',
    render: function (ctx) {
      ctx.el.appendChild(B.pageHead(t('pw.title')));
      var form = B.passwordForm(function (f) {
        return B.refreshSession().then(function () {
          B.formNotice(f, 'ok', t('pw.changed'));
        }, function () {
          B.sessionEnded(t('pw.changed_relogin'));
        });
      });
      ctx.el.appendChild(panel(null, form, { class: 'narrow' }));
    }
  });
})();
