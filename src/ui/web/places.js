/*
 * baomi web UI — 保密要害部门部位 (key departments and places): the register, a place's detail
 * with the carriers kept there, its visit requests and their approval, and the visit log; the
 * officer registers places and records their review, the duty desk logs entries and exits.
 *
 * The server decides who sees a place (the officer, leaders, the duty desk and its responsible
 * people; others hear 404) and who may decide or log; this file only offers the buttons.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;
  var panel = B.panel;

  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var MEASURES = ['access_control', 'cctv', 'alarm', 'safe'];
  var STEPS = ['officer', 'leader', 'dept_head', 'responsible'];

  B.addStrings({
    'nav.key_places': ['要害部门部位', 'Key places'],
    'kp.title': ['保密要害部门部位', 'Key departments and places'],
    'kp.register': ['登记要害部门部位', 'Register a key place'],
    'kp.name': ['名称', 'Name'],
    'kp.kind': ['类别', 'Kind'],
    'kp.kind.department': ['要害部门', 'Key department'],
    'kp.kind.site': ['要害部位', 'Key place'],
    'kp.level': ['密级', 'Level'],
    'kp.location': ['位置', 'Location'],
    'kp.location_hint': ['台账中存放位置以此开头的载体列为存放于此', 'Carriers whose ledger location begins with this are listed as kept here'],
    'kp.department': ['所属部门', 'Department'],
    'kp.person_a': ['A角责任人', 'Responsible (A)'],
    'kp.person_b': ['B角责任人', 'Stand-in (B)'],
    'kp.people': ['责任人', 'Responsible'],
    'kp.measures': ['防护措施', 'Protective measures'],
    'kp.measure.access_control': ['门禁', 'Access control'],
    'kp.measure.cctv': ['监控', 'CCTV'],
    'kp.measure.alarm': ['报警', 'Alarm'],
    'kp.measure.safe': ['保密柜', 'Security cabinet'],
    'kp.measures_other': ['其他措施（用顿号分隔）', 'Other measures (separated by 、)'],
    'kp.chain': ['来访审批流程', 'Visit approval chain'],
    'kp.step.responsible': ['责任人', 'Responsible person'],
    'kp.review_due': ['下次复查', 'Next review'],
    'kp.reviewed_on': ['上次复查', 'Last review'],
    'kp.review_overdue': ['复查逾期', 'Review overdue'],
    'kp.record_review': ['记录复查', 'Record a review'],
    'kp.notes': ['备注', 'Notes'],
    'kp.empty': ['没有您可查看的要害部门部位', 'No key place you may see'],
    'kp.carriers': ['存放的涉密载体', 'Carriers kept here'],
    'kp.carriers_note': ['仅列出您有权知悉的载体', 'Only the carriers you may know of are listed'],
    'kp.carrier_number': ['编号', 'Number'],
    'kp.carrier_title': ['标题', 'Title'],
    'kp.carrier_type': ['类型', 'Type'],
    'kp.carrier_state': ['状态', 'State'],
    'kp.visits': ['来访申请与审批', 'Visit requests'],
    'kp.log': ['来访登记', 'Visit log'],
    'kp.request': ['申请进入', 'Request a visit'],
    'kp.entry': ['登记未经批准进入', 'Record an unapproved entry'],
    'kp.entry_hint': ['未经批准进入将自动列为自查问题', 'An unapproved entry becomes a self-inspection finding'],
    'kp.visit_kind': ['事由类别', 'Kind'],
    'kp.vkind.visit': ['来访', 'Visit'],
    'kp.vkind.maintenance': ['维修维护', 'Maintenance'],
    'kp.visitor': ['来访人', 'Visitor'],
    'kp.organisation': ['单位', 'Organisation'],
    'kp.id_no': ['证件号码', 'ID number'],
    'kp.purpose': ['事由', 'Purpose'],
    'kp.expected_at': ['预计时间', 'Expected'],
    'kp.escort': ['陪同人员', 'Escort'],
    'kp.entered_at': ['进入时间', 'Time in'],
    'kp.left_at': ['离开时间', 'Time out'],
    'kp.state': ['状态', 'State'],
    'kp.vstate.pending': ['待审批', 'Pending'],
    'kp.vstate.approved': ['已批准', 'Approved'],
    'kp.vstate.rejected': ['未批准', 'Rejected'],
    'kp.vstate.cancelled': ['已撤销', 'Cancelled'],
    'kp.vstate.in': ['在场', 'Inside'],
    'kp.vstate.out': ['已离开', 'Left'],
    'kp.unapproved': ['未经批准', 'Unapproved'],
    'kp.waiting': ['待{role}审批', 'Waiting for the {role}'],
    'kp.requested_by': ['申请人', 'Requested by'],
    'kp.decisions': ['审批记录', 'Decisions'],
    'kp.approve': ['批准', 'Approve'],
    'kp.reject': ['不批准', 'Reject'],
    'kp.comment': ['审批意见', 'Comment'],
    'kp.enter': ['登记进入', 'Log entry'],
    'kp.leave': ['登记离开', 'Log exit'],
    'kp.cancel': ['撤销申请', 'Cancel request'],
    'kp.cancel_confirm': ['确认撤销', 'Confirm cancel'],
    'kp.note': ['说明', 'Note'],
    'kp.campaigns': ['相关保密自查', 'Self-inspections'],
    'kp.closed': ['已结束', 'Closed'],
    'kp.save': ['保存', 'Save'],
    'kp.submit': ['提交', 'Submit'],
    'kp.saved': ['已保存', 'Saved'],
    'kp.pick_person': ['输入姓名查找', 'Type a name'],
    'kp.approved_by': ['{name}（{role}）{verdict}', '{name} ({role}) {verdict}'],
    'kp.incident_places': ['涉及的要害部门部位', 'Key places affected'],
    'kp.phone': ['电话', 'Phone'],
    'kp.link': ['添加', 'Add'],
    'kp.unlink': ['移除', 'Remove'],
    'kp.none_affected': ['尚未登记涉及的要害部门部位', 'No key place named yet'],
    'todo.kind.place_review': ['要害部位复查', 'Key place review'],
    'todo.kind.visit_approval': ['来访审批', 'Visit approval']
  });

  function kindLabel(k) { return t('kp.kind.' + k); }
  function stepLabel(s) { return s === 'responsible' ? t('kp.step.responsible') : B.enumLabel('roles', s); }
  function chainText(chain) { return (chain || '').split(',').filter(Boolean).map(stepLabel).join(' → '); }
  function measureText(m) { return MEASURES.indexOf(m) >= 0 ? t('kp.measure.' + m) : m; }
  function personText(p) { return p.name + (p.phone ? '（' + p.phone + '）' : ''); }
  function peopleText(people) {
    return (people || []).map(function (p) { return p.role + '角：' + personText(p); }).join('；');
  }
  function visitState(v) {
    if (v.state === 'pending') return B.badge(t('kp.waiting', { role: stepLabel(v.step_role) }), 'warn');
    return B.badge(t('kp.vstate.' + v.state), v.state === 'rejected' ? 'error' : v.state === 'in' ? 'warn' : 'ok');
  }

  /* A person picker over GET /api/v1/people (readers of people), or over known people only. */
  function personPicker(name, known, value) {
    var opts = { known: known || {}, value: value, placeholder: t('kp.pick_person') };
    if (B.hasRole(['officer', 'leader', 'dept_head'])) {
      opts.search = function (text) {
        return api('GET', '/api/v1/people' + B.query({ q: text, limit: 20 })).then(function (r) {
          var items = ((r && r.items) || []).filter(function (p) { return p.status === 'active'; });
          return { total: items.length, items: items.map(function (p) { return { id: p.id, label: p.name + (p.department ? '（' + p.department + '）' : '') }; }) };
        });
      };
    }
    return B.picker(name, opts);
  }

  /* ---- the register ---- */

  function placeForm(p, depts, onDone) {
    var isNew = !p;
    p = p || { kind: 'site', level: 'secret', measures: [], chain: 'officer,leader', people: [] };
    var known = {};
    var a = null, b = null;
    (p.people || []).forEach(function (x) {
      known[x.person_id] = x.name;
      if (x.role === 'A') a = x.person_id;
      if (x.role === 'B') b = x.person_id;
    });
    var pa = personPicker('person_a', known, a);
    var pb = personPicker('person_b', known, b);
    var other = (p.measures || []).filter(function (m) { return MEASURES.indexOf(m) < 0; });
    var checks = MEASURES.map(function (m) {
      return h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'measure_' + m, checked: (p.measures || []).indexOf(m) >= 0 }), ' ', t('kp.measure.' + m));
    });
    var chainSel = (p.chain || '').split(',');
    var stepChecks = STEPS.map(function (s) {
      return h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'step_' + s, checked: chainSel.indexOf(s) >= 0 }), ' ', stepLabel(s));
    });
    var form = B.form({ class: 'form-grid', 'data-form': 'key-place' }, [
      B.field(t('kp.name'), B.input('name', p.name, { maxlength: 128 }), { required: true }),
      B.field(t('kp.kind'), B.select('kind', ['department', 'site'].map(function (k) { return { value: k, label: kindLabel(k) }; }), p.kind), { required: true }),
      B.field(t('kp.level'), B.select('level', B.enumOptions('levels').filter(function (o) { return ['top_secret', 'secret', 'confidential'].indexOf(o.value) >= 0; }), p.level), { required: true }),
      B.field(t('kp.location'), B.input('location', p.location, { maxlength: 256 }), { required: true, hint: t('kp.location_hint') }),
      B.field(t('kp.department'), B.select('department_id', depts.map(function (d) { return { value: d.id, label: d.name }; }), p.department_id, null, '—')),
      B.field(t('kp.person_a'), pa.el, { required: true }),
      B.field(t('kp.person_b'), pb.el),
      B.field(t('kp.measures'), h('div', { class: 'checks', 'data-name': 'measures' }, checks), { wide: true }),
      B.field(t('kp.measures_other'), B.input('measures_other', other.join('、'), { maxlength: 400 }), { wide: true }),
      B.field(t('kp.chain'), h('div', { class: 'checks', 'data-name': 'chain' }, stepChecks), { wide: true }),
      B.field(t('kp.review_due'), B.input('review_due', p.review_due || '', { type: 'date' })),
      B.field(t('kp.notes'), h('textarea', { name: 'notes', rows: 2, maxlength: 2048 }, p.notes || ''), { wide: true }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('kp.save')))
    ], function (f) {
      var measures = MEASURES.filter(function (m) { return f.elements['measure_' + m].checked; });
      f.elements.measures_other.value.split(/[、,，;；]/).forEach(function (x) {
        x = x.trim();
        if (x) measures.push(x);
      });
      var body = {
        name: f.elements.name.value.trim(),
        kind: f.elements.kind.value,
        level: f.elements.level.value,
        location: f.elements.location.value.trim(),
        department_id: B.idValue(f.elements.department_id.value),
        measures: measures,
        chain: STEPS.filter(function (s) { return f.elements['step_' + s].checked; }).join(','),
        notes: f.elements.notes.value,
        review_due: f.elements.review_due.value || null
      };
      if (pa.value() !== undefined) body.person_a = pa.value();
      body.person_b = pb.value() === undefined ? null : pb.value();
      var req = isNew ? api('POST', '/api/v1/key-places', body) : api('PATCH', '/api/v1/key-places/' + p.id, body);
      return req.then(onDone);
    });
    return form;
  }

  function renderList(ctx) {
    var el = ctx.el;
    var officer = B.hasRole(['officer']);
    var formBox = h('div', { hidden: true });
    var listBox = h('div');
    el.appendChild(B.pageHead(t('kp.title'), officer ? [B.button(t('kp.register'), function () {
      formBox.hidden = !formBox.hidden;
      if (!formBox.hidden && !formBox.firstChild) {
        api('GET', '/api/v1/departments?limit=500').then(function (r) {
          formBox.appendChild(panel(t('kp.register'), placeForm(null, (r && r.items) || [], function (p) { B.navigate('key-places/' + p.id); })));
          var first = formBox.querySelector('input[name=name]');
          if (first) first.focus();
        }, function (err) { formBox.appendChild(B.errorBox(err)); });
      }
    }, 'btn-primary', { 'data-action': 'register' })] : []));
    el.appendChild(formBox);
    el.appendChild(listBox);
    B.load(listBox, api('GET', '/api/v1/key-places'), function (r) {
      listBox.appendChild(B.table([
        { label: t('kp.name'), value: function (p) { return B.link('key-places/' + p.id, p.name); } },
        { label: t('kp.kind'), value: function (p) { return kindLabel(p.kind); } },
        { label: t('kp.level'), value: function (p) { return B.badge(B.enumLabel('levels', p.level), 'level-' + p.level); } },
        { label: t('kp.location'), value: function (p) { return p.location; } },
        { label: t('kp.people'), value: function (p) { return peopleText(p.people); } },
        { label: t('kp.measures'), value: function (p) { return p.measures.map(measureText).join('、'); } },
        { label: t('kp.review_due'), value: function (p) {
          return p.review_overdue ? h('span', null, B.fmtDate(p.review_due), ' ', B.badge(t('kp.review_overdue'), 'error')) : B.fmtDate(p.review_due);
        } }
      ], r.items, { empty: t('kp.empty'), rowAttrs: function (p) { return { 'data-place': p.name }; } }));
    });
  }

  /* ---- a place ---- */

  function visitFields(v, escorts) {
    var escort = B.picker('escort_id', { known: escorts, placeholder: t('kp.pick_person') });
    return {
      escort: escort,
      fields: [
        B.field(t('kp.visit_kind'), B.select('kind', ['visit', 'maintenance'].map(function (k) { return { value: k, label: t('kp.vkind.' + k) }; }), 'maintenance')),
        B.field(t('kp.visitor'), B.input('visitor', '', { maxlength: 128 }), { required: true }),
        B.field(t('kp.organisation'), B.input('organisation', '', { maxlength: 256 }), { required: true }),
        B.field(t('kp.id_no'), B.input('id_no', '', { maxlength: 32 }), { required: true }),
        B.field(t('kp.purpose'), B.input('purpose', '', { maxlength: 1024 }), { required: true, wide: true }),
        v ? B.field(t('kp.expected_at'), B.input('expected_at', '', { type: 'datetime-local' })) : null,
        B.field(t('kp.escort'), escort.el)
      ]
    };
  }

  function visitBody(f, escort) {
    var body = {
      kind: f.elements.kind.value,
      visitor: f.elements.visitor.value.trim(),
      organisation: f.elements.organisation.value.trim(),
      id_no: f.elements.id_no.value.trim(),
      purpose: f.elements.purpose.value.trim()
    };
    if (f.elements.expected_at && f.elements.expected_at.value) body.expected_at = B.localToIso(f.elements.expected_at.value).replace('+08:00', '');
    if (escort.value() !== undefined) body.escort_id = escort.value();
    return body;
  }

  function decisionsText(v) {
    return (v.decisions || []).map(function (d) {
      return t('kp.approved_by', { name: d.name, role: stepLabel(d.role), verdict: d.approve ? t('kp.approve') : t('kp.reject') }) + (d.comment ? '：' + d.comment : '');
    }).join('；');
  }

  function visitActions(v, p, reload) {
    var me = B.state.account || {};
    var out = [];
    var act = function (body) { return api('POST', '/api/v1/place-visits/' + v.id + '/actions', body).then(reload, function (err) { window.alert(B.errorText(err)); }); };
    if (v.state === 'pending') {
      var role = v.step_role;
      var mine = v.requested_by !== me.id && ((role === 'responsible' && (p.people || []).some(function (x) { return x.person_id === me.person_id; })) || B.hasRole([role]));
      if (mine && !(v.decisions || []).some(function (d) { return d.username === me.username; })) {
        var comment = B.input('comment', '', { maxlength: 512, placeholder: t('kp.comment'), 'aria-label': t('kp.comment'), class: 'input-small' });
        var decide = function (approve) {
          return api('POST', '/api/v1/place-visits/' + v.id + '/decision', { approve: approve, step: v.step, comment: comment.value }).then(reload, function (err) { window.alert(B.errorText(err)); });
        };
        out.push(comment, B.button(t('kp.approve'), function () { decide(true); }, 'btn-small btn-primary', { 'data-action': 'approve' }),
          B.button(t('kp.reject'), function () { decide(false); }, 'btn-small', { 'data-action': 'reject' }));
      }
    }
    if (p.may_log && v.state === 'approved') {
      var escorts = {};
      (p.people || []).forEach(function (x) { escorts[x.person_id] = x.name; });
      var esc = B.picker('escort_id', { known: escorts, value: v.escort_id || undefined, placeholder: t('kp.escort') });
      if (v.escort_id && !escorts[v.escort_id]) esc.add(v.escort_id, v.escort);
      out.push(esc.el, B.button(t('kp.enter'), function () {
        var body = { action: 'enter' };
        if (esc.value() !== undefined) body.escort_id = esc.value();
        act(body);
      }, 'btn-small btn-primary', { 'data-action': 'enter' }));
    }
    if (p.may_log && v.state === 'in') out.push(B.button(t('kp.leave'), function () { act({ action: 'leave' }); }, 'btn-small btn-primary', { 'data-action': 'leave' }));
    if ((v.state === 'pending' || v.state === 'approved') && (v.requested_by === me.id || B.hasRole(['officer']))) {
      out.push(B.confirmButton(t('kp.cancel'), t('kp.cancel_confirm'), function () { act({ action: 'cancel' }); }, 'btn-small'));
    }
    return out.length ? h('div', { class: 'row-actions' }, out) : null;
  }

  function renderPlace(ctx, id) {
    var el = ctx.el;
    var reload = function () { B.navigate('key-places/' + id); };
    B.load(el, api('GET', '/api/v1/key-places/' + encodeURIComponent(id)), function (p) {
      var actions = [];
      var editBox = h('div', { hidden: true });
      if (p.may_edit) {
        actions.push(B.button(t('kp.record_review'), function () {
          editBox.hidden = !editBox.hidden;
          if (!editBox.hidden && !editBox.firstChild) {
            var f = B.form({ class: 'form-grid', 'data-form': 'review' }, [
              B.field(t('kp.reviewed_on'), B.input('reviewed_on', new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), { type: 'date' }), { required: true }),
              B.field(t('kp.review_due'), B.input('review_due', '', { type: 'date' }), { required: true }),
              h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('kp.save')))
            ], function (form) {
              return api('PATCH', '/api/v1/key-places/' + p.id, { reviewed_on: form.elements.reviewed_on.value || null, review_due: form.elements.review_due.value || null }).then(reload);
            });
            editBox.appendChild(panel(t('kp.record_review'), f));
          }
        }, '', { 'data-action': 'review' }));
      }
      el.appendChild(B.pageHead(p.name, actions));
      el.appendChild(editBox);
      el.appendChild(panel(null, B.kv([
        [t('kp.kind'), kindLabel(p.kind)],
        [t('kp.level'), B.enumLabel('levels', p.level)],
        [t('kp.location'), p.location],
        [t('kp.department'), p.department || '—'],
        [t('kp.person_a'), (p.people.filter(function (x) { return x.role === 'A'; }).map(personText)[0]) || '—'],
        [t('kp.person_b'), (p.people.filter(function (x) { return x.role === 'B'; }).map(personText)[0]) || '—'],
        [t('kp.measures'), p.measures.map(measureText).join('、') || '—'],
        [t('kp.chain'), chainText(p.chain)],
        [t('kp.reviewed_on'), B.fmtDate(p.reviewed_on)],
        [t('kp.review_due'), p.review_overdue ? h('span', null, B.fmtDate(p.review_due), ' ', B.badge(t('kp.review_overdue'), 'error')) : B.fmtDate(p.review_due)],
        [t('kp.notes'), p.notes || '—']
      ]), { class: 'place-summary' }));

      el.appendChild(panel(t('kp.carriers'), [
        h('p', { class: 'muted' }, t('kp.carriers_note')),
        B.table([
          { label: t('kp.carrier_number'), value: function (c) { return B.link('carriers/' + c.id, c.number); } },
          { label: t('kp.carrier_title'), value: function (c) { return c.title; } },
          { label: t('kp.carrier_type'), value: function (c) { return t('ctype.' + c.type); } },
          { label: t('kp.level'), value: function (c) { return B.enumLabel('levels', c.level); } },
          { label: t('kp.carrier_state'), value: function (c) { return t('cstate.' + c.state); } },
          { label: t('kp.location'), value: function (c) { return c.location; } }
        ], p.carriers)
      ], { id: 'place-carriers' }));

      var escorts = {};
      p.people.forEach(function (x) { escorts[x.person_id] = x.name; });
      var reqBox = h('div', { hidden: true });
      var reqFields = visitFields(true, escorts);
      reqBox.appendChild(B.form({ class: 'form-grid', 'data-form': 'visit' }, reqFields.fields.concat([
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('kp.submit')))
      ]), function (f) {
        return api('POST', '/api/v1/key-places/' + p.id + '/visits', visitBody(f, reqFields.escort)).then(reload);
      }));
      var requests = p.visits.filter(function (v) { return ['pending', 'approved', 'rejected', 'cancelled'].indexOf(v.state) >= 0; });
      el.appendChild(panel(t('kp.visits'), [
        h('div', { class: 'panel-actions' }, B.button(t('kp.request'), function () {
          reqBox.hidden = !reqBox.hidden;
          if (!reqBox.hidden) reqBox.querySelector('input[name=visitor]').focus();
        }, '', { 'data-action': 'request' })),
        reqBox,
        B.table([
          { label: t('kp.visitor'), value: function (v) { return v.visitor + '（' + v.organisation + '）'; } },
          { label: t('kp.visit_kind'), value: function (v) { return t('kp.vkind.' + v.kind); } },
          { label: t('kp.id_no'), value: function (v) { return v.id_no_masked; } },
          { label: t('kp.purpose'), value: function (v) { return v.purpose; } },
          { label: t('kp.expected_at'), value: function (v) { return B.fmtTime(v.expected_at); } },
          { label: t('kp.requested_by'), value: function (v) { return v.requested_by_name; } },
          { label: t('kp.decisions'), value: function (v) { return decisionsText(v); } },
          { label: t('kp.state'), value: function (v) { return visitState(v); } },
          { label: '', value: function (v) { return visitActions(v, p, reload); } }
        ], requests, { rowAttrs: function (v) { return { 'data-visitor': v.visitor, 'data-state': v.state }; } })
      ], { id: 'place-visits' }));

      var log = p.visits.filter(function (v) { return v.state === 'in' || v.state === 'out'; });
      var entryBox = h('div', { hidden: true });
      if (p.may_log) {
        var entryFields = visitFields(false, escorts);
        entryBox.appendChild(B.form({ class: 'form-grid', 'data-form': 'entry' }, [h('p', { class: 'muted field-wide' }, t('kp.entry_hint'))].concat(entryFields.fields, [
          h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('kp.submit')))
        ]), function (f) {
          return api('POST', '/api/v1/key-places/' + p.id + '/entries', visitBody(f, entryFields.escort)).then(reload);
        }));
      }
      el.appendChild(panel(t('kp.log'), [
        p.may_log ? h('div', { class: 'panel-actions' }, B.button(t('kp.entry'), function () {
          entryBox.hidden = !entryBox.hidden;
          if (!entryBox.hidden) entryBox.querySelector('input[name=visitor]').focus();
        }, '', { 'data-action': 'entry' })) : null,
        entryBox,
        B.table([
          { label: t('kp.visitor'), value: function (v) { return v.visitor + '（' + v.organisation + '）'; } },
          { label: t('kp.id_no'), value: function (v) { return v.id_no_masked; } },
          { label: t('kp.purpose'), value: function (v) { return v.purpose; } },
          { label: t('kp.escort'), value: function (v) { return v.escort; } },
          { label: t('kp.entered_at'), value: function (v) { return B.fmtTime(v.entered_at); } },
          { label: t('kp.left_at'), value: function (v) { return B.fmtTime(v.left_at); } },
          { label: t('kp.state'), value: function (v) {
            return h('span', null, visitState(v), v.unapproved ? [' ', B.badge(t('kp.unapproved'), 'error')] : null);
          } },
          { label: '', value: function (v) { return visitActions(v, p, reload); } }
        ], log, { rowAttrs: function (v) { return { 'data-visitor': v.visitor, 'data-state': v.state }; } })
      ], { id: 'place-log' }));

      if (p.campaigns.length) {
        el.appendChild(panel(t('kp.campaigns'), h('ul', null, p.campaigns.map(function (k) {
          return h('li', null, B.link('inspect/' + k.id, k.name), k.closed ? [' ', B.badge(t('kp.closed'), 'muted')] : null);
        }))));
      }
    });
  }

  /*
   * The incident detail's panel of the key places it affects, with their responsible people and
   * phones (seed 000: they are at their posts in an emergency); the officer, a commander or the
   * duty desk names the places.
   */
  B.incidentPlacesPanel = function (inc) {
    var body = h('div');
    var box = panel(t('kp.incident_places'), body, { id: 'incident-places' });
    var base = '/api/v1/incidents/' + encodeURIComponent(inc.id) + '/places';
    var mayEdit = B.hasRole(['officer', 'command', 'duty']);
    function draw() {
      B.load(body, Promise.all([api('GET', base), mayEdit ? api('GET', '/api/v1/key-places') : Promise.resolve({ items: [] })]), function (res) {
        var linked = res[0].items;
        var ids = linked.map(function (p) { return p.id; });
        var put = function (list) { return api('PUT', base, { place_ids: list }).then(draw, function (err) { window.alert(B.errorText(err)); }); };
        body.appendChild(B.table([
          { label: t('kp.name'), value: function (p) { return B.link('key-places/' + p.id, p.name); } },
          { label: t('kp.kind'), value: function (p) { return kindLabel(p.kind); } },
          { label: t('kp.location'), value: function (p) { return p.location; } },
          { label: t('kp.people'), value: function (p) { return peopleText(p.people); } },
          mayEdit ? { label: '', value: function (p) {
            return B.button(t('kp.unlink'), function () { put(ids.filter(function (x) { return x !== p.id; })); }, 'btn-small');
          } } : null
        ].filter(Boolean), linked, { empty: t('kp.none_affected') }));
        var choices = res[1].items.filter(function (p) { return ids.indexOf(p.id) < 0; });
        if (mayEdit && choices.length) {
          var sel = B.select('place_id', choices.map(function (p) { return { value: p.id, label: p.name }; }), '', { 'aria-label': t('kp.name') });
          body.appendChild(h('div', { class: 'row-actions' }, sel, B.button(t('kp.link'), function () {
            put(ids.concat([Number(sel.value)]));
          }, 'btn-small', { 'data-action': 'link-place' })));
        }
      });
    }
    draw();
    return box;
  };

  B.registerModule({
    id: 'key-places', group: 'business', order: 72, label: 'nav.key_places', roles: BUSINESS,
    render: function (ctx) {
      if (ctx.params[0]) renderPlace(ctx, ctx.params[0]);
      else renderList(ctx);
    }
  });
})();
