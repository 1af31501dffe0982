/*
 * baomi web UI — the warnings board (预警): active and lifted warnings as cards in their warning
 * colour, each in the level scale of the plan it was published under (seed 000: 一级/二级/三级;
 * seed 003: 红/橙/黄/蓝 I–IV; no plan: the national I–IV), publishing (应急指挥 or 分管领导) to an
 * audience that is notified in the inbox, adjusting, lifting and the version history of each warning.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;
  var I = B.inc;

  var ISSUERS = ['command', 'leader'];
  var TEXTS = ['audience', 'scope', 'items', 'measures', 'issuer'];
  var LONG = ['scope', 'items', 'measures'];

  B.addStrings({
    'nav.warnings': ['预警', 'Warnings'],
    'tile.warnings': ['预警发布、调整与解除', 'Publish, adjust and lift warnings'],

    'warn.title': ['预警信息', 'Warnings'],
    'warn.card_level': ['{color}预警', '{color} warning'],
    'warn.active': ['生效中的预警', 'Active warnings'],
    'warn.lifted': ['已解除的预警', 'Lifted warnings'],
    'warn.none_active': ['当前没有生效的预警', 'No active warnings'],
    'warn.none_lifted': ['没有已解除的预警', 'No lifted warnings'],
    'warn.publish': ['发布预警', 'Publish a warning'],
    'warn.published': ['预警已发布', 'Warning published'],
    'warn.adjust': ['调整', 'Adjust'],
    'warn.adjusted': ['预警已调整', 'Warning adjusted'],
    'warn.lift': ['解除', 'Lift'],
    'warn.lift_submit': ['确认解除', 'Lift the warning'],
    'warn.lifted_done': ['预警已解除', 'Warning lifted'],
    'warn.history': ['历史版本', 'History'],
    'warn.history_hide': ['收起历史', 'Hide history'],
    'warn.unchanged': ['未作任何修改', 'Nothing changed'],
    'warn.f.level': ['预警级别', 'Level'],
    'warn.f.category': ['事件类别', 'Category'],
    'warn.f.title': ['预警标题', 'Title'],
    'warn.f.audience': ['发布范围（对象）', 'Audience'],
    'warn.f.audience_to': ['通知对象', 'Notify'],
    'warn.f.audience_all': ['全体人员', 'Everyone'],
    'warn.f.audience_roles': ['按角色', 'By role'],
    'warn.f.audience_depts': ['按部门', 'By department'],
    'warn.f.plan': ['所依预案', 'Plan'],
    'warn.plan_scale': ['按预案「{p}」的预警分级', 'in the warning levels of the plan {p}'],
    'warn.national_scale': ['无生效预案：按国家 Ⅰ–Ⅳ 级（红/橙/黄/蓝）', 'No plan in force: national levels I–IV'],
    'warn.notified': ['已通知 {n} 人', '{n} people notified'],
    'warn.f.start_at': ['开始时间（北京时间）', 'Starts (Beijing time)'],
    'warn.f.scope': ['可能影响范围', 'Possible scope'],
    'warn.f.items': ['警示事项', 'Warning items'],
    'warn.f.measures': ['应采取的措施', 'Measures to take'],
    'warn.f.issuer': ['发布单位', 'Issued by'],
    'warn.f.note': ['解除说明', 'Note'],
    'warn.f.lift_note': ['解除说明', 'Lift note'],
    'warn.f.lifted_at': ['解除时间', 'Lifted at'],
    'warn.state.published': ['已发布', 'Published'],
    'warn.state.adjusted': ['已调整', 'Adjusted'],
    'warn.state.lifted': ['已解除', 'Lifted'],
    'warn.v': ['版本', 'Version'],
    'warn.v.at': ['时间', 'Time'],
    'warn.v.by': ['操作人', 'By'],
    'warn.v.state': ['状态', 'State'],
    'warn.v.changes': ['内容变化', 'Changes'],
    'warn.v.first': ['首次发布', 'first published'],
    'warn.only_issuers': ['预警由应急指挥或分管领导发布、调整和解除。', 'The emergency command or the leader publish, adjust and lift warnings.']
  });

  var flash = null;

  function stateBadge(s) {
    var kind = s === 'lifted' ? 'muted' : s === 'adjusted' ? 'warn' : 'ok';
    return B.badge(t('warn.state.' + s), kind + ' warn-state');
  }
  /* A level of the warning's own scale: {rank, code, zh, color, color_zh, meaning}. */
  function levelTitle(l) {
    return l && l.color ? t('warn.card_level', { color: t('icolor.' + l.color) }) : '';
  }
  function levelName(l) {
    return (l && l.zh) || '—';
  }
  function levelBadge(l) {
    var el = B.badge(levelName(l), 'ilevel badge-ilevel-' + ((l && l.color) || ''));
    if (l && l.meaning) el.setAttribute('title', l.meaning);
    return el;
  }
  function scaleOptions(levels) {
    return levels.map(function (l) {
      return { value: l.code, label: l.zh + (l.zh.indexOf(l.color_zh) >= 0 ? '' : '（' + l.color_zh + '）') };
    });
  }
  /* The national scale I–IV, when no plan in force has its own. */
  function nationalScale() {
    return ['I', 'II', 'III', 'IV'].map(function (c, i) {
      var color = I.colorOf(c);
      return { rank: i + 1, code: c, zh: I.levelText(c), color: color, color_zh: t('icolor.' + color) };
    });
  }
  /*
   * The plans in force by kind with their warning scales, as the server picks one for a new
   * warning: a plan of the warning's own kind before a general one, newest approval first.
   */
  function plansInForce() {
    return api('GET', '/api/v1/plans').then(function (r) {
      var live = ((r && r.items) || []).filter(function (p) { return p.status === 'approved' || p.status === 'filed'; });
      live.sort(function (a, b) { return String(b.approved_at || '').localeCompare(String(a.approved_at || '')) || b.id - a.id; });
      function pick(kind) {
        return live.filter(function (p) { return p.kind === kind; })[0] || live.filter(function (p) { return p.kind === 'other'; })[0] || null;
      }
      var chosen = { leak: pick('leak'), cyber: pick('cyber') };
      return Promise.all(['leak', 'cyber'].map(function (k) {
        if (!chosen[k]) return null;
        return api('GET', '/api/v1/plans/' + encodeURIComponent(chosen[k].id)).then(function (full) {
          var wl = (full.body && full.body.warning_levels) || null;
          return {
            id: full.id, name: full.name,
            levels: wl ? wl.map(function (l, i) {
              return { rank: i + 1, code: l.code, zh: l.name, color: l.color, color_zh: t('icolor.' + l.color), meaning: l.meaning || '' };
            }) : nationalScale()
          };
        });
      })).then(function (r2) { return { leak: r2[0], cyber: r2[1] }; });
    });
  }
  function categoryOptions() {
    return I.CYBER_CATS.concat(['leak']).map(function (c) { return { value: c, label: I.categoryLabel(c) }; });
  }

  /* Who is notified: everyone, or roles and departments (audience_to). */
  function audienceField(w) {
    var to = (w && w.audience_to) || { all: true };
    var roles = ['officer', 'dept_head', 'leader', 'command', 'duty', 'staff'];
    var box = h('div', { class: 'audience-to' });
    var all = h('input', { type: 'checkbox', name: 'aud_all' });
    all.checked = !!to.all;
    box.appendChild(h('label', { class: 'check' }, all, ' ' + t('warn.f.audience_all')));
    var rbox = h('div', { class: 'audience-roles' }, h('span', { class: 'muted' }, t('warn.f.audience_roles') + I.colon()));
    roles.forEach(function (r) {
      var cb = h('input', { type: 'checkbox', name: 'aud_role', value: r });
      cb.checked = (to.roles || []).indexOf(r) >= 0;
      rbox.appendChild(h('label', { class: 'check' }, cb, ' ' + B.enumLabel('roles', r)));
    });
    box.appendChild(rbox);
    var dbox = h('div', { class: 'audience-depts' }, h('span', { class: 'muted' }, t('warn.f.audience_depts') + I.colon()));
    box.appendChild(dbox);
    api('GET', '/api/v1/departments?limit=500').then(function (r) {
      ((r && r.items) || []).forEach(function (d) {
        var cb = h('input', { type: 'checkbox', name: 'aud_dept', value: String(d.id) });
        cb.checked = (to.departments || []).indexOf(d.id) >= 0;
        dbox.appendChild(h('label', { class: 'check' }, cb, ' ' + d.name));
      });
    }, function () { /* departments are optional to pick */ });
    function sync() {
      rbox.hidden = dbox.hidden = all.checked;
    }
    all.addEventListener('change', sync);
    sync();
    return B.field(t('warn.f.audience_to'), box, { wide: true });
  }
  function readAudience(f) {
    if (f.elements.aud_all && f.elements.aud_all.checked) return { all: true };
    function checked(name) {
      return Array.prototype.filter.call(f.querySelectorAll('input[name=' + name + ']'), function (c) { return c.checked; }).map(function (c) { return c.value; });
    }
    return { roles: checked('aud_role'), departments: checked('aud_dept').map(Number) };
  }

  /*
   * The fields of a warning, prefilled from w when adjusting. levelsOf(category) gives the scale
   * a new warning of that category is published in (the plan in force for its kind); an
   * existing warning keeps its own (w.levels).
   */
  function warningFields(w, levelsOf) {
    w = w || {};
    var meta = B.state.meta || {};
    var cats = categoryOptions();
    if (w.category && !cats.some(function (o) { return o.value === w.category; })) cats.push({ value: w.category, label: w.category });
    function text(k, dflt) {
      var v = w[k] !== undefined && w[k] !== null ? w[k] : dflt || '';
      var ctl = LONG.indexOf(k) >= 0
        ? h('textarea', { name: k, rows: '3', maxlength: '8000' }, v)
        : B.input(k, v, { maxlength: 1000 });
      return B.field(t('warn.f.' + k), ctl, { wide: LONG.indexOf(k) >= 0 });
    }
    var levelSel = B.select('level', scaleOptions(w.levels || nationalScale()), w.level ? w.level.code : '');
    var scaleNote = h('div', { class: 'hint-line warn-scale' }, w.plan ? t('warn.plan_scale', { p: w.plan.name }) : '');
    var catSel = B.select('category', cats, w.category || 'malware');
    function rescale() {
      if (!levelsOf) return;
      var sc = levelsOf(catSel.value);
      var opts = scaleOptions(sc.levels);
      var was = levelSel.value;
      B.clear(levelSel);
      opts.forEach(function (o) { levelSel.appendChild(h('option', { value: o.value }, o.label)); });
      levelSel.value = opts.some(function (o) { return o.value === was; }) ? was : opts[opts.length - 1].value;
      scaleNote.textContent = sc.plan ? t('warn.plan_scale', { p: sc.plan }) : t('warn.national_scale');
    }
    if (levelsOf) {
      catSel.addEventListener('change', rescale);
      rescale();
    }
    return [
      B.field(t('warn.f.level'), h('div', null, levelSel, scaleNote), { required: true }),
      B.field(t('warn.f.category'), catSel, { required: true }),
      B.field(t('warn.f.start_at'), B.input('start_at', w.start_at ? I.isoToLocal(w.start_at) : I.nowLocal(0), { type: 'datetime-local' })),
      B.field(t('warn.f.title'), B.input('title', w.title || '', { maxlength: 256 }), { required: true, wide: true }),
      text('audience'),
      audienceField(w),
      text('issuer', (meta.unit && meta.unit.name) || ''),
      text('scope'),
      text('items'),
      text('measures')
    ];
  }
  function readWarning(f) {
    var body = {};
    ['level', 'category', 'title'].concat(TEXTS).forEach(function (k) {
      if (f.elements[k]) body[k] = I.fval(f, k);
    });
    var s = I.fval(f, 'start_at');
    if (s) body.start_at = B.localToIso(s);
    body.audience_to = readAudience(f);
    return body;
  }

  function publishForm(plans, done) {
    function levelsOf(category) {
      var p = plans[category === 'leak' ? 'leak' : 'cyber'];
      return p ? { plan: p.name, levels: p.levels } : { plan: null, levels: nationalScale() };
    }
    return B.form({ id: 'warning-form', class: 'grid-form warning-form' }, [
      warningFields(null, levelsOf),
      h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('warn.publish')))
    ], function (f) {
      var body = readWarning(f);
      TEXTS.forEach(function (k) { if (!body[k]) delete body[k]; });
      return api('POST', '/api/v1/warnings', body).then(function (w) { done(t('warn.published') + '，' + t('warn.notified', { n: w.notified })); });
    });
  }

  function adjustForm(w, done, cancel) {
    return B.form({ class: 'grid-form warning-form adjust-form', 'data-id': w.id }, [
      h('h3', { class: 'field-wide action-form-title' }, t('warn.adjust')),
      warningFields(w),
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('warn.adjust')),
        B.button(t('common.back'), cancel))
    ], function (f) {
      var now = readWarning(f);
      var body = {};
      Object.keys(now).forEach(function (k) {
        var was = k === 'level' ? w.level.code : k === 'start_at' ? B.localToIso(I.isoToLocal(w.start_at)) : k === 'audience_to' ? JSON.stringify(w.audience_to || { all: true }) : w[k] === undefined || w[k] === null ? '' : String(w[k]);
        if ((k === 'audience_to' ? JSON.stringify(now[k]) : now[k]) !== was) body[k] = now[k];
      });
      if (!Object.keys(body).length) {
        return Promise.reject(new B.ApiError(400, { error: { code: 'unchanged', message: t('warn.unchanged'), message_en: 'Nothing changed' } }));
      }
      return api('PATCH', '/api/v1/warnings/' + encodeURIComponent(w.id), body).then(function (r) { done(t('warn.adjusted') + '，' + t('warn.notified', { n: r.notified })); });
    });
  }

  function liftForm(w, done, cancel) {
    return B.form({ class: 'inline-form lift-form', 'data-id': w.id }, [
      B.field(t('warn.f.note'), B.input('note', '', { maxlength: 512 }), { class: 'field-reason' }),
      h('button', { type: 'submit', class: 'btn btn-danger' }, t('warn.lift_submit')),
      B.button(t('common.back'), cancel)
    ], function (f) {
      var body = {};
      var note = I.fval(f, 'note');
      if (note) body.note = note;
      return api('POST', '/api/v1/warnings/' + encodeURIComponent(w.id) + '/lift', body).then(function (r) { done(t('warn.lifted_done') + '，' + t('warn.notified', { n: r.notified })); });
    });
  }

  function historyView(w) {
    var box = h('div', { class: 'warn-history' }, h('div', { class: 'loading' }, t('common.loading')));
    api('GET', '/api/v1/warnings/' + encodeURIComponent(w.id)).then(function (full) {
      var vs = full.versions || [];
      function changes(v, i) {
        if (i === 0) return t('warn.v.first');
        var prev = vs[i - 1].body || {};
        var cur = v.body || {};
        var parts = [];
        if (vs[i - 1].level.rank !== v.level.rank) parts.push(levelName(vs[i - 1].level) + ' → ' + levelName(v.level));
        TEXTS.concat(['lift_note']).forEach(function (k) {
          if ((prev[k] || '') !== (cur[k] || '') && cur[k]) parts.push(t('warn.f.' + k) + I.colon() + cur[k]);
        });
        return parts.join('；') || '—';
      }
      B.clear(box).appendChild(h('ol', { class: 'warn-versions' }, vs.map(function (v, i) {
        return h('li', { 'data-version': v.version },
          h('div', { class: 'warn-v-head' },
            h('strong', null, 'v' + v.version), ' ', stateBadge(v.state), ' ', levelBadge(v.level),
            h('span', { class: 'muted' }, ' ' + B.fmtTime(v.at) + ' · ' + (v.by || '—'))),
          h('div', { class: 'warn-v-changes' }, changes(v, i)));
      })));
    }, function (err) {
      B.clear(box).appendChild(B.errorBox(err));
    });
    return box;
  }

  function card(w, mayIssue, done) {
    var color = w.level.color;
    var formBox = h('div', { class: 'warn-form-box' });
    var histBox = h('div', { class: 'warn-hist-box' });
    function pair(k, v) {
      if (!v) return null;
      return h('div', { class: 'warn-item' }, h('span', { class: 'warn-key' }, t('warn.f.' + k)), h('span', { class: 'warn-val pre' }, v));
    }
    function close() { B.clear(formBox); }
    var lifted = w.state === 'lifted';
    var histBtn = B.button(t('warn.history'), function () {
      if (histBox.firstChild) {
        B.clear(histBox);
        histBtn.textContent = t('warn.history');
      } else {
        histBox.appendChild(historyView(w));
        histBtn.textContent = t('warn.history_hide');
      }
    }, 'btn-small warn-history-btn');
    return h('article', { class: 'warn-card warn-' + color + (lifted ? ' warn-card-lifted' : ''), 'data-id': w.id, 'data-state': w.state, 'data-level': w.level.code },
      h('header', { class: 'warn-card-head' },
        h('span', { class: 'warn-level' }, levelTitle(w.level)),
        h('span', { class: 'warn-level-name', title: w.level.meaning || '' }, levelName(w.level)),
        h('span', { class: 'badges' }, stateBadge(w.state), B.badge('v' + w.version, 'plain'))),
      h('h3', { class: 'warn-title' }, w.title),
      h('div', { class: 'warn-body' },
        pair('category', I.categoryLabel(w.category)),
        pair('plan', w.plan ? w.plan.name : ''),
        pair('start_at', B.fmtTime(w.start_at)),
        pair('audience', w.audience),
        pair('scope', w.scope),
        pair('items', w.items),
        pair('measures', w.measures),
        pair('issuer', w.issuer),
        lifted ? pair('lifted_at', B.fmtTime(w.lifted_at)) : null,
        lifted ? pair('lift_note', w.lift_note) : null),
      h('div', { class: 'warn-actions' },
        mayIssue && !lifted ? B.button(t('warn.adjust'), function () {
          B.clear(formBox).appendChild(adjustForm(w, done, close));
        }, 'btn-small warn-adjust') : null,
        mayIssue && !lifted ? B.button(t('warn.lift'), function () {
          B.clear(formBox).appendChild(liftForm(w, done, close));
          formBox.querySelector('input').focus();
        }, 'btn-small btn-danger warn-lift') : null,
        histBtn),
      formBox,
      histBox);
  }

  B.registerModule({
    id: 'warnings', group: 'business', order: 50, label: 'nav.warnings', roles: I.BUSINESS,
    render: function (ctx) {
      var el = ctx.el;
      var mayIssue = B.hasRole(ISSUERS);
      var pubBox = h('div', { hidden: true });
      el.appendChild(B.pageHead(t('warn.title'), mayIssue ? [
        B.button(t('warn.publish'), function () {
          pubBox.hidden = !pubBox.hidden;
          /* the form arrives with the plans it offers: focus its title once it is there */
          var title = pubBox.hidden ? null : pubBox.querySelector('input[name=title]');
          if (title) title.focus();
        }, 'btn-primary', { id: 'warning-new' })
      ] : []));
      if (flash) {
        el.appendChild(B.msg(flash.kind, flash.text));
        flash = null;
      }
      function done(text) {
        flash = { kind: 'ok', text: text };
        B.rerender();
      }
      if (mayIssue) {
        var pubPanel = h('div', null, h('div', { class: 'loading' }, t('common.loading')));
        pubBox.appendChild(I.panel(t('warn.publish'), pubPanel, { id: 'warning-publish' }));
        plansInForce().then(function (plans) {
          B.clear(pubPanel).appendChild(publishForm(plans, done));
        }, function (err) {
          B.clear(pubPanel).appendChild(B.errorBox(err));
        });
        el.appendChild(pubBox);
      } else {
        el.appendChild(h('p', { class: 'hint-line' }, t('warn.only_issuers')));
      }
      var body = h('div');
      el.appendChild(body);
      B.load(body, api('GET', '/api/v1/warnings'), function (r) {
        var items = (r && r.items) || [];
        var active = items.filter(function (w) { return w.state !== 'lifted'; });
        var lifted = items.filter(function (w) { return w.state === 'lifted'; });
        body.appendChild(I.panel(t('warn.active') + '（' + active.length + '）', active.length
          ? h('div', { class: 'warn-cards' }, active.map(function (w) { return card(w, mayIssue, done); }))
          : h('p', { class: 'muted' }, t('warn.none_active')), { id: 'warnings-active' }));
        body.appendChild(I.panel(t('warn.lifted') + '（' + lifted.length + '）', lifted.length
          ? h('div', { class: 'warn-cards' }, lifted.map(function (w) { return card(w, mayIssue, done); }))
          : h('p', { class: 'muted' }, t('warn.none_lifted')), { id: 'warnings-lifted' }));
      });
    }
  });
})();
