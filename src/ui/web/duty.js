/*
 * baomi web UI — 值班 (duty): who is on duty now, the duty log (a call can open an incident), the
 * handover notes of the current shift, this month's duty table with single shifts edited, a
 * rotation laid over days, and the public holidays with or without a table.  The server decides
 * who may read and change what; this page shows the forms to those whose roles allow them.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;

  var READERS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var EDITORS = ['officer', 'command'];
  var ON_DUTY = ['officer', 'leader', 'command', 'duty'];
  var SLOTS = ['officer', 'leader', 'a', 'b'];

  B.addStrings({
    'nav.duty': ['值班', 'Duty'],
    'duty.title': ['值班', 'Duty'],
    'duty.now': ['当前值班', 'On duty now'],
    'duty.none_now': ['此时没有值班班次', 'No shift at this time'],
    'duty.slot.officer': ['值班员', 'Duty officer'],
    'duty.slot.leader': ['带班领导', 'Leader on call'],
    'duty.slot.a': ['A 角', 'A role'],
    'duty.slot.b': ['B 角', 'B role'],
    'duty.phone': ['值班电话', 'Duty phone'],
    'duty.shift': ['班次', 'Shift'],
    'duty.time': ['时间', 'Time'],
    'duty.date': ['日期', 'Date'],
    'duty.absent': ['缺岗', 'Absent'],
    'duty.stand_in': ['{who}替岗（{how}）', '{who} stands in ({how})'],
    'duty.kind.day': ['白班', 'Day'],
    'duty.kind.night': ['夜班', 'Night'],
    'duty.kind.full': ['全天', '24 h'],
    'duty.kind.holiday': ['节假日', 'Holiday'],
    'duty.log': ['值班日志', 'Duty log'],
    'duty.log.kind': ['类型', 'Kind'],
    'duty.log.kind.call': ['来电', 'Call'],
    'duty.log.kind.event': ['事件', 'Event'],
    'duty.log.kind.other': ['其他', 'Other'],
    'duty.log.caller': ['来电单位/人', 'Caller'],
    'duty.log.text': ['内容', 'What'],
    'duty.log.by': ['记录人', 'By'],
    'duty.log.add': ['记录', 'Record'],
    'duty.log.saved': ['已记入值班日志', 'Recorded in the duty log'],
    'duty.log.empty': ['本月暂无值班日志', 'No entries this month'],
    'duty.log.incident': ['事件', 'Incident'],
    'duty.log.open_incident': ['报告事件', 'Report an incident'],
    'duty.log.see_incident': ['查看事件', 'Open incident'],
    'duty.handover': ['交接班', 'Handover'],
    'duty.handover.text': ['交班情况', 'Handover note'],
    'duty.handover.pending': ['待办事项', 'To follow up'],
    'duty.handover.add': ['交班', 'Hand over'],
    'duty.handover.saved': ['交接班记录已保存', 'Handover saved'],
    'duty.handover.none': ['本班暂无交接班记录', 'No handover on this shift yet'],
    'duty.table': ['值班表', 'Duty table'],
    'duty.month': ['{y}年{m}月', '{y}-{m}'],
    'duty.prev': ['上月', 'Previous month'],
    'duty.next': ['下月', 'Next month'],
    'duty.edit': ['修改', 'Edit'],
    'duty.save': ['保存', 'Save'],
    'duty.saved': ['班次已修改', 'Shift saved'],
    'duty.reassigned': ['{n} 项任务已转交', '{n} tasks handed on'],
    'duty.generate': ['按轮值生成值班表', 'Generate from a rotation'],
    'duty.gen.from': ['开始日期', 'From'],
    'duty.gen.to': ['结束日期', 'To'],
    'duty.gen.pattern': ['排班方式', 'Pattern'],
    'duty.gen.standard': ['工作日白班+夜班，休息日全天', 'Working days day + night, other days 24 h'],
    'duty.gen.full': ['每天全天班', 'Every day 24 h'],
    'duty.gen.officers': ['值班员（按顺序轮值）', 'Duty officers (in turn)'],
    'duty.gen.leaders': ['带班领导（按日轮值）', 'Leaders on call (a day each)'],
    'duty.gen.a': ['A 角（按日轮值）', 'A roles (a day each)'],
    'duty.gen.b': ['B 角（按日轮值）', 'B roles (a day each)'],
    'duty.gen.replace': ['替换期间内已有班次', 'Replace the shifts already there'],
    'duty.gen.submit': ['生成', 'Generate'],
    'duty.gen.done': ['已生成 {n} 个班次', '{n} shifts made'],
    'duty.holidays': ['节假日值班', 'Holiday duty'],
    'duty.holiday.covered': ['已排班', 'Drawn up'],
    'duty.holiday.missing': ['未排班', 'Missing'],
    'duty.holiday.none': ['日历中没有节假日', 'No holidays in the calendar']
  });

  function kindLabel(k) { return t('duty.kind.' + k); }
  function personName(p) { return p ? p.name : '—'; }
  function hm(iso) { return (iso || '').slice(11, 16); }
  function day(iso) { return (iso || '').slice(0, 10); }

  /* ---- on duty now */

  function nowPanel(el, data) {
    var s = data.shift;
    if (!s) {
      el.appendChild(B.msg('warn', t('duty.none_now')));
      return;
    }
    var rows = [[t('duty.shift'), kindLabel(s.kind) + '　' + B.fmtTime(s.starts_at) + ' — ' + B.fmtTime(s.ends_at)]];
    SLOTS.forEach(function (sl) {
      var p = s[sl];
      var absent = s.absent.indexOf(sl) >= 0;
      rows.push([t('duty.slot.' + sl), p ? h('span', { class: 'duty-person', 'data-slot': sl }, p.name, absent ? ' ' : null, absent ? B.badge(t('duty.absent'), 'warn') : null) : null]);
    });
    rows.push([t('duty.phone'), s.phone ? h('span', { id: 'duty-phone' }, s.phone) : null]);
    el.appendChild(B.kv(rows));
    [data.duty, data.leader].forEach(function (x) {
      if (x && x.how !== 'on_duty') el.appendChild(B.msg('info', t('duty.stand_in', { who: x.name, how: B.state.lang === 'en' ? x.how : x.how_zh })));
    });
  }

  /* ---- duty log */

  function logPanel(el, reload) {
    if (B.hasRole(ON_DUTY)) {
      var form = B.form({ id: 'duty-log-form', class: 'grid-form' }, [
        B.field(t('duty.log.kind'), B.select('kind', ['call', 'event', 'other'].map(function (k) { return { value: k, label: t('duty.log.kind.' + k) }; }), 'call')),
        B.field(t('duty.log.caller'), B.input('caller', '', { maxlength: 128 })),
        B.field(t('duty.log.text'), h('textarea', { name: 'text', rows: 2, maxlength: 2048 }), { required: true, wide: true }),
        h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('duty.log.add')))
      ], function (f) {
        return api('POST', '/api/v1/duty/log', { kind: f.elements.kind.value, caller: f.elements.caller.value, text: f.elements.text.value }).then(function () {
          f.reset();
          B.formNotice(f, 'ok', t('duty.log.saved'));
          reload();
        });
      });
      el.appendChild(form);
    }
    var list = h('div', { id: 'duty-log-list' });
    el.appendChild(list);
    B.load(list, api('GET', '/api/v1/duty/log'), function (r) {
      list.appendChild(B.table([
        { label: t('duty.time'), value: function (e) { return B.fmtTime(e.at); }, class: 'nowrap' },
        { label: t('duty.log.kind'), value: function (e) { return t('duty.log.kind.' + e.kind); }, class: 'nowrap' },
        { label: t('duty.log.caller'), value: function (e) { return e.caller; } },
        { label: t('duty.log.text'), value: function (e) { return e.text; } },
        { label: t('duty.log.by'), value: function (e) { return personName(e.by); }, class: 'nowrap' },
        { label: t('duty.log.incident'), value: function (e) {
          if (e.incident_id) return B.link('incidents/' + e.incident_id, t('duty.log.see_incident'), { class: 'duty-log-incident' });
          if (!B.hasRole(ON_DUTY)) return null;
          return B.button(t('duty.log.open_incident'), function () {
            B.nav('incidents/new', { duty_log: e.id, title: e.text.slice(0, 120), at: e.at, text: e.text });
          }, 'btn-small duty-open-incident', { 'data-id': e.id });
        } }
      ], r.items, { empty: t('duty.log.empty'), rowAttrs: function (e) { return { 'data-id': e.id }; } }));
    });
  }

  /* ---- handover of the current shift */

  function handoverPanel(el, shift) {
    if (!shift) {
      el.appendChild(h('p', { class: 'muted' }, t('duty.none_now')));
      return;
    }
    var list = h('div', { id: 'duty-handover-list' });
    function load() {
      B.load(list, api('GET', '/api/v1/duty/shifts/' + shift.id + '/handovers'), function (r) {
        if (!r.items.length) {
          list.appendChild(h('p', { class: 'muted' }, t('duty.handover.none')));
          return;
        }
        list.appendChild(h('ul', { class: 'duty-handovers' }, r.items.map(function (x) {
          return h('li', { class: 'duty-handover' }, h('div', null, h('strong', null, x.by_name), ' ', h('span', { class: 'muted' }, B.fmtTime(x.at))),
            h('div', { class: 'pre' }, x.text), x.pending ? h('div', { class: 'pre' }, t('duty.handover.pending') + '：' + x.pending) : null);
        })));
      });
    }
    el.appendChild(list);
    load();
    if (!B.hasRole(ON_DUTY)) return;
    el.appendChild(B.form({ id: 'duty-handover-form', class: 'grid-form' }, [
      B.field(t('duty.handover.text'), h('textarea', { name: 'text', rows: 3, maxlength: 2048 }), { required: true, wide: true }),
      B.field(t('duty.handover.pending'), h('textarea', { name: 'pending', rows: 2, maxlength: 2048 }), { wide: true }),
      h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('duty.handover.add')))
    ], function (f) {
      return api('POST', '/api/v1/duty/shifts/' + shift.id + '/handovers', { text: f.elements.text.value, pending: f.elements.pending.value }).then(function () {
        f.reset();
        B.formNotice(f, 'ok', t('duty.handover.saved'));
        load();
      });
    }));
  }

  /* ---- the month's table, one shift edited inline */

  function monthRange(y, m) {
    var last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    var mm = (m < 10 ? '0' : '') + m;
    return { from: y + '-' + mm + '-01', to: y + '-' + mm + '-' + (last < 10 ? '0' : '') + last };
  }

  function editForm(s, done) {
    var pickers = {};
    var fields = SLOTS.map(function (sl) {
      var known = {};
      if (s[sl]) known[s[sl].id] = s[sl].name;
      pickers[sl] = B.accountPicker(sl, { known: known, value: s[sl] ? s[sl].id : undefined });
      return B.field(t('duty.slot.' + sl), pickers[sl].el);
    });
    var absent = h('div', { class: 'field field-wide', 'data-path': 'absent' }, h('label', null, t('duty.absent')),
      SLOTS.map(function (sl) {
        return h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'absent', value: sl, checked: s.absent.indexOf(sl) >= 0 }), ' ', t('duty.slot.' + sl));
      }), h('div', { class: 'field-error', hidden: true }));
    return B.form({ class: 'grid-form duty-edit-form', 'data-id': s.id }, [
      fields,
      B.field(t('duty.phone'), B.input('phone', s.phone, { maxlength: 32 })),
      absent,
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('duty.save')),
        B.button(t('common.back'), function () { done(null); }))
    ], function (f) {
      var body = { version: s.version, phone: f.elements.phone.value, absent: [] };
      SLOTS.forEach(function (sl) { body[sl] = pickers[sl].value() || null; });
      f.querySelectorAll('input[name=absent]').forEach(function (c) { if (c.checked) body.absent.push(c.value); });
      return api('PATCH', '/api/v1/duty/shifts/' + s.id, body).then(done);
    });
  }

  function tablePanel(el, ym) {
    var range = monthRange(ym.y, ym.m);
    var head = h('div', { class: 'duty-month' },
      B.button(t('duty.prev'), function () { move(-1); }, 'btn-small', { id: 'duty-prev' }),
      h('strong', { id: 'duty-month-label' }, ' ' + t('duty.month', { y: ym.y, m: ym.m }) + ' '),
      B.button(t('duty.next'), function () { move(1); }, 'btn-small', { id: 'duty-next' }));
    var box = h('div', { id: 'duty-table' });
    function move(d) {
      var m = ym.m + d;
      ym = { y: ym.y + (m > 12 ? 1 : m < 1 ? -1 : 0), m: m > 12 ? 1 : m < 1 ? 12 : m };
      B.clear(el);
      tablePanel(el, ym);
    }
    el.appendChild(head);
    el.appendChild(box);
    B.load(box, api('GET', '/api/v1/duty/shifts' + B.query(range)), function (r) {
      var cols = [
        { label: t('duty.date'), value: function (s) { return day(s.starts_at); }, class: 'nowrap' },
        { label: t('duty.shift'), value: function (s) { return B.badge(kindLabel(s.kind), s.kind === 'holiday' ? 'warn' : 'plain'); } },
        { label: t('duty.time'), value: function (s) { return hm(s.starts_at) + '—' + hm(s.ends_at); }, class: 'nowrap' }
      ].concat(SLOTS.map(function (sl) {
        return { label: t('duty.slot.' + sl), value: function (s) {
          return s[sl] ? h('span', null, s[sl].name, s.absent.indexOf(sl) >= 0 ? ' ' : null, s.absent.indexOf(sl) >= 0 ? B.badge(t('duty.absent'), 'warn') : null) : null;
        } };
      })).concat([{ label: t('duty.phone'), value: function (s) { return s.phone; }, class: 'nowrap' }]);
      if (B.hasRole(EDITORS)) {
        cols.push({ label: '', value: function (s) {
          return B.button(t('duty.edit'), function (ev) {
            var tr = ev.target.closest('tr');
            var row = h('tr', { class: 'duty-edit-row' }, h('td', { colspan: cols.length }));
            row.firstChild.appendChild(editForm(s, function (res) {
              B.clear(el);
              if (res) el.appendChild(B.msg('ok', t('duty.saved') + (res.tasks_reassigned ? '；' + t('duty.reassigned', { n: res.tasks_reassigned }) : ''), null));
              tablePanel(el, ym);
            }));
            tr.parentNode.insertBefore(row, tr.nextSibling);
          }, 'btn-small duty-edit', { 'data-id': s.id });
        } });
      }
      box.appendChild(B.table(cols, r.items, { class: 'duty-grid', rowAttrs: function (s) { return { 'data-id': s.id, 'data-kind': s.kind }; } }));
    });
  }

  /* ---- generate from a rotation */

  function generatePanel(el, ym, done) {
    var range = monthRange(ym.y, ym.m);
    var pick = {};
    ['officers', 'leaders', 'a', 'b'].forEach(function (k) { pick[k] = B.accountPicker(k, { multiple: true }); });
    el.appendChild(B.form({ id: 'duty-generate-form', class: 'grid-form' }, [
      B.field(t('duty.gen.from'), B.input('from', range.from, { type: 'date' }), { required: true }),
      B.field(t('duty.gen.to'), B.input('to', range.to, { type: 'date' }), { required: true }),
      B.field(t('duty.gen.pattern'), B.select('pattern', [{ value: 'standard', label: t('duty.gen.standard') }, { value: 'full', label: t('duty.gen.full') }], 'standard')),
      B.field(t('duty.phone'), B.input('phone', '', { maxlength: 32 })),
      B.field(t('duty.gen.officers'), pick.officers.el, { required: true, wide: true }),
      B.field(t('duty.gen.leaders'), pick.leaders.el, { wide: true }),
      B.field(t('duty.gen.a'), pick.a.el),
      B.field(t('duty.gen.b'), pick.b.el),
      h('label', { class: 'check field-wide' }, h('input', { type: 'checkbox', name: 'replace' }), ' ', t('duty.gen.replace')),
      h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('duty.gen.submit')))
    ], function (f) {
      var body = { from: f.elements.from.value, to: f.elements.to.value, pattern: f.elements.pattern.value, phone: f.elements.phone.value,
        replace: f.elements.replace.checked, officers: pick.officers.values() };
      ['leaders', 'a', 'b'].forEach(function (k) { if (pick[k].values().length) body[k] = pick[k].values(); });
      return api('POST', '/api/v1/duty/generate', body).then(function (r) {
        B.formNotice(f, 'ok', t('duty.gen.done', { n: r.created }));
        done();
      });
    }));
  }

  function holidaysPanel(el) {
    B.load(el, api('GET', '/api/v1/duty/holidays'), function (r) {
      if (!r.items.length) {
        el.appendChild(h('p', { class: 'muted' }, t('duty.holiday.none')));
        return;
      }
      el.appendChild(h('ul', { class: 'duty-holidays' }, r.items.map(function (x) {
        return h('li', null, x.name, ' ', h('span', { class: 'muted' }, x.from + ' — ' + x.to), ' ',
          B.badge(t(x.covered ? 'duty.holiday.covered' : 'duty.holiday.missing'), x.covered ? 'ok' : 'warn'));
      })));
    });
  }

  B.registerModule({
    id: 'duty', group: 'business', order: 35, label: 'nav.duty', roles: READERS,
    render: function (ctx) {
      var el = ctx.el;
      el.appendChild(B.pageHead(t('duty.title')));
      var nowBox = h('div');
      var logBox = h('div');
      var hoBox = h('div');
      var tableBox = h('div');
      var today = new Date(Date.now() + 8 * 3600e3);
      var ym = { y: today.getUTCFullYear(), m: today.getUTCMonth() + 1 };
      el.appendChild(B.panel(t('duty.now'), nowBox, { id: 'duty-now' }));
      el.appendChild(B.panel(t('duty.log'), logBox, { id: 'duty-log' }));
      el.appendChild(B.panel(t('duty.handover'), hoBox, { id: 'duty-handover' }));
      el.appendChild(B.panel(t('duty.table'), tableBox, { id: 'duty-table-panel' }));
      function reloadLog() {
        B.clear(logBox);
        logPanel(logBox, reloadLog);
      }
      B.load(nowBox, api('GET', '/api/v1/duty/now'), function (data) {
        nowPanel(nowBox, data);
        handoverPanel(hoBox, data.shift);
      });
      reloadLog();
      tablePanel(tableBox, ym);
      if (B.hasRole(EDITORS)) {
        var genBox = h('div');
        el.appendChild(B.panel(t('duty.generate'), genBox, { id: 'duty-generate' }));
        generatePanel(genBox, ym, function () { B.clear(tableBox); tablePanel(tableBox, ym); });
      }
      var holBox = h('div');
      el.appendChild(B.panel(t('duty.holidays'), holBox, { id: 'duty-holidays' }));
      holidaysPanel(holBox);
    }
  });
})();
