/*
 * baomi web UI — the contact list (通讯录) and the register of rewards and penalties (奖惩).
 *
 * 通讯录: the members of the command and its groups (A/B roles, office and mobile phones, linked to
 * the people list by name) and the outside bodies the reporting duties go to (保密行政管理部门,
 * 公安, 国家安全, 网信, 机要, 信息办, operators, member units, experts) with their level of trust;
 * 附件一 as PDF and XLSX. Only the command, the officer, the leader and the duty officers see it.
 *
 * 奖惩: rewards and penalties linked to the incident, drill or campaign that caused them. The server
 * hides penalties from everyone but the officer and the leader; this page shows what it is given.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;

  var READERS = ['command', 'officer', 'leader', 'duty'];
  var WRITERS = ['officer', 'command'];
  var REWARD_WRITERS = ['officer', 'leader'];
  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var KINDS = ['internal', 'secrecy_admin', 'superior', 'police', 'state_security', 'cac', 'jiyao', 'info_office',
    'telecom', 'power', 'member_unit', 'expert', 'other'];
  var TRUSTS = ['high', 'normal', 'low'];
  var REWARD_KINDS = ['commend', 'praise', 'criticise', 'admonish', 'discipline'];

  B.addStrings({
    'nav.contacts': ['通讯录', 'Contacts'],
    'nav.rewards': ['奖惩', 'Rewards and penalties'],
    'tile.contacts': ['指挥部成员、外部联系单位与附件一', 'The command, outside bodies and Annex 1'],
    'tile.rewards': ['奖惩登记与查询', 'Record and look up rewards and penalties'],
    'ct.title': ['应急通讯录', 'Emergency contact list'],
    'ct.hint': ['通讯录属敏感信息，仅应急指挥、保密员、分管领导和值班员可见，导出和修改均记入审计日志。',
      'The contact list is sensitive: only the command, officers, the leader and duty officers see it; exports and changes are audited.'],
    'ct.internal': ['应急指挥部及工作组', 'The command and its groups'],
    'ct.external': ['外部联系单位', 'Outside bodies'],
    'ct.new': ['新增联系人', 'Add a contact'],
    'ct.import': ['从预案导入指挥部成员', 'Import the command from a plan'],
    'ct.import_do': ['导入', 'Import'],
    'ct.imported': ['已导入 {a} 人，{s} 人已在通讯录中', '{a} added, {s} already listed'],
    'ct.import_none': ['该预案的指挥部成员尚未填写姓名，请在通讯录中直接新增。', 'The plan names no members yet: add them here.'],
    'ct.plan': ['预案', 'Plan'],
    'ct.pdf': ['附件一（PDF）', 'Annex 1 (PDF)'],
    'ct.xlsx': ['附件一（Excel）', 'Annex 1 (Excel)'],
    'ct.saved': ['已保存', 'Saved'],
    'ct.deleted': ['已删除', 'Removed'],
    'ct.delete': ['删除', 'Remove'],
    'ct.delete_confirm': ['确认删除', 'Confirm removal'],
    'ct.edit': ['修改', 'Edit'],
    'ct.search': ['查找（姓名、单位、电话）', 'Find (name, body, phone)'],
    'ct.all_kinds': ['全部类别', 'All kinds'],
    'ct.linked': ['已关联人员名单', 'In the people list'],
    'ct.unlinked': ['未在人员名单中', 'Not in the people list'],
    'ct.liaison_mark': ['联络员', 'Liaison'],
    'ct.f.kind': ['类别', 'Kind'],
    'ct.f.name': ['姓名或单位名称', 'Name or body'],
    'ct.f.group': ['所在工作组', 'Group'],
    'ct.f.title': ['职务', 'Post'],
    'ct.f.ab': ['A/B 角', 'A/B role'],
    'ct.f.liaison': ['联络员', 'Liaison (联络员)'],
    'ct.f.contact_person': ['联系人', 'Contact person'],
    'ct.f.office_phone': ['办公电话', 'Office phone'],
    'ct.f.mobile': ['手机', 'Mobile'],
    'ct.f.address': ['地址', 'Address'],
    'ct.f.trust': ['可信程度', 'Level of trust'],
    'ct.f.notes': ['备注', 'Notes'],
    'ct.f.ord': ['排序', 'Order'],
    'ct.f.person_link': ['人员名单', 'People list'],
    'ct.ab.none': ['不分', 'None'],
    'ckind.internal': ['指挥部成员', 'Command member'],
    'ckind.secrecy_admin': ['保密行政管理部门', 'Secrecy administration'],
    'ckind.police': ['公安机关', 'Police'],
    'ckind.state_security': ['国家安全机关', 'State security'],
    'ckind.cac': ['网信部门', 'Cyberspace administration'],
    'ckind.jiyao': ['机要部门', 'Confidential communications'],
    'ckind.info_office': ['信息办', 'Information office'],
    'ckind.superior': ['上级主管部门', 'Superior authority'],
    'ckind.telecom': ['电信运营商', 'Telecom operator'],
    'ckind.power': ['电力公司', 'Power company'],
    'ckind.member_unit': ['成员单位', 'Member unit'],
    'ckind.expert': ['专家', 'Expert'],
    'ckind.other': ['其他', 'Other'],
    'ctrust.high': ['高（可报送涉密事项）', 'High (classified matters)'],
    'ctrust.normal': ['中（工作联系）', 'Normal (working contact)'],
    'ctrust.low': ['低（只通报公开信息）', 'Low (public information only)'],

    'rw.title': ['奖惩登记', 'Rewards and penalties'],
    'rw.hint_all': ['处分类记录（通报批评、诫勉谈话、处分建议）仅保密员和分管领导可见。',
      'Penalties (criticism, admonition, proposed sanctions) are seen by officers and the leader only.'],
    'rw.new': ['登记奖惩', 'Record one'],
    'rw.saved': ['已登记', 'Recorded'],
    'rw.f.kind': ['奖惩类别', 'Kind'],
    'rw.f.subject_type': ['对象', 'For'],
    'rw.f.person': ['人员姓名', 'Person'],
    'rw.f.department': ['部门名称', 'Department'],
    'rw.f.source': ['关联事件、演练或检查活动', 'Caused by'],
    'rw.f.basis': ['事由及依据', 'Grounds and basis'],
    'rw.f.decided_by': ['决定机关', 'Decided by'],
    'rw.f.decided_on': ['决定日期', 'Date of decision'],
    'rw.subject.person': ['个人', 'A person'],
    'rw.subject.department': ['部门', 'A department'],
    'rw.none_source': ['（不关联）', '(none)'],
    'rw.src.incident': ['事件', 'Incident'],
    'rw.src.drill': ['演练', 'Drill'],
    'rw.src.campaign': ['保密自查', 'Self-inspection'],
    'rw.src.hidden': ['（无权查看）', '(not visible to you)'],
    'rw.penalty': ['处分类', 'Penalty'],
    'rw.reward': ['奖励类', 'Reward'],
    'rw.of_incident': ['奖惩情况', 'Rewards and penalties'],
    'rkind.commend': ['表彰', 'Commendation'],
    'rkind.praise': ['通报表扬', 'Praise in a circular'],
    'rkind.criticise': ['通报批评', 'Criticism in a circular'],
    'rkind.admonish': ['诫勉谈话', 'Admonition'],
    'rkind.discipline': ['处分建议', 'Proposed sanction']
  });

  function phone(v) {
    return v ? h('a', { href: 'tel:' + v.replace(/[^0-9+]/g, ''), class: 'phone nowrap' }, v) : '';
  }
  function kindLabel(k) { return t('ckind.' + k); }
  function options(list, prefix) {
    return list.map(function (k) { return { value: k, label: t(prefix + k) }; });
  }
  function fval(f, k) { return f.elements[k] ? f.elements[k].value.trim() : ''; }

  var flash = null;
  function done(text) {
    flash = text;
    B.rerender();
  }

  /* ------------------------------------------------------------------ 通讯录 */

  function contactForm(c, onCancel) {
    c = c || { kind: 'internal', trust: 'normal', ab: '' };
    var kindSel = B.select('kind', options(KINDS, 'ckind.'), c.kind);
    var internalBox = h('div', { class: 'grid-form field-wide contact-internal' },
      B.field(t('ct.f.group'), B.input('group', c.group, { maxlength: 256 })),
      B.field(t('ct.f.title'), B.input('title', c.title, { maxlength: 128 })),
      B.field(t('ct.f.ab'), B.select('ab', [{ value: 'A', label: 'A 角' }, { value: 'B', label: 'B 角' }, { value: '', label: t('ct.ab.none') }], c.ab)));
    var externalBox = h('div', { class: 'grid-form field-wide contact-external' },
      B.field(t('ct.f.contact_person'), B.input('contact_person', c.contact_person, { maxlength: 128 })),
      B.field(t('ct.f.trust'), B.select('trust', options(TRUSTS, 'ctrust.'), c.trust)),
      B.field(t('ct.f.address'), B.input('address', c.address, { maxlength: 512 }), { wide: true }));
    var liaison = h('input', { type: 'checkbox', name: 'liaison' });
    liaison.checked = !!c.liaison;
    function sync() {
      var internal = kindSel.value === 'internal';
      internalBox.hidden = !internal;
      externalBox.hidden = internal;
    }
    kindSel.addEventListener('change', sync);
    sync();
    return B.form({ class: 'grid-form contact-form', 'data-id': c.id || '' }, [
      B.field(t('ct.f.kind'), kindSel, { required: true }),
      B.field(t('ct.f.name'), B.input('name', c.name, { maxlength: 256 }), { required: true }),
      internalBox,
      externalBox,
      B.field(t('ct.f.office_phone'), B.input('office_phone', c.office_phone, { maxlength: 64, type: 'tel' })),
      B.field(t('ct.f.mobile'), B.input('mobile', c.mobile, { maxlength: 64, type: 'tel' })),
      B.field(t('ct.f.liaison'), h('label', { class: 'check' }, liaison, ' ' + t('ct.liaison_mark'))),
      B.field(t('ct.f.notes'), B.input('notes', c.notes, { maxlength: 2000 }), { wide: true }),
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save')),
        onCancel ? B.button(t('common.back'), onCancel) : null)
    ], function (f) {
      var body = { kind: kindSel.value, name: fval(f, 'name'), office_phone: fval(f, 'office_phone'),
        mobile: fval(f, 'mobile'), liaison: liaison.checked, notes: fval(f, 'notes') };
      if (body.kind === 'internal') {
        body.group = fval(f, 'group');
        body.title = fval(f, 'title');
        body.ab = f.elements.ab.value;
      } else {
        body.contact_person = fval(f, 'contact_person');
        body.trust = f.elements.trust.value;
        body.address = fval(f, 'address');
      }
      var p = c.id ? api('PATCH', '/api/v1/contacts/' + encodeURIComponent(c.id), body) : api('POST', '/api/v1/contacts', body);
      return p.then(function () { done(t('ct.saved')); });
    });
  }

  function importForm() {
    var box = h('div', { class: 'loading' }, t('common.loading'));
    api('GET', '/api/v1/plans').then(function (r) {
      var plans = ((r && r.items) || []).filter(function (p) { return p.status === 'approved' || p.status === 'filed'; });
      B.clear(box).className = '';
      box.appendChild(B.form({ class: 'inline-form contact-import' }, [
        B.field(t('ct.plan'), B.select('plan_id', plans.map(function (p) { return { value: p.id, label: p.name + '（' + p.status_zh + '）' }; }))),
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('ct.import_do'))
      ], function (f) {
        return api('POST', '/api/v1/contacts/import-plan', { plan_id: Number(f.elements.plan_id.value) }).then(function (x) {
          done(x.added ? t('ct.imported', { a: x.added, s: x.skipped }) : t('ct.import_none'));
        });
      }));
    }, function (err) { B.clear(box).appendChild(B.errorBox(err)); });
    return box;
  }

  function actionsCell(c, mayWrite, editBox) {
    if (!mayWrite) return '';
    return h('span', { class: 'row-actions' },
      B.button(t('ct.edit'), function () {
        B.clear(editBox).appendChild(B.panel(t('ct.edit') + '：' + c.name, contactForm(c, function () { B.clear(editBox); })));
        editBox.scrollIntoView({ block: 'nearest' });
        editBox.querySelector('input[name=name]').focus();
      }, 'btn-small contact-edit'),
      B.confirmButton(t('ct.delete'), t('ct.delete_confirm'), function () {
        return api('DELETE', '/api/v1/contacts/' + encodeURIComponent(c.id)).then(function () { done(t('ct.deleted')); });
      }, 'btn-small btn-danger contact-delete'));
  }

  function renderContacts(ctx) {
    var el = ctx.el;
    var mayWrite = B.hasRole(WRITERS);
    var formBox = h('div');
    var editBox = h('div', { id: 'contact-edit' });
    el.appendChild(B.pageHead(t('ct.title'), [
      mayWrite ? B.button(t('ct.new'), function () {
        if (formBox.firstChild) { B.clear(formBox); return; }
        formBox.appendChild(B.panel(t('ct.new'), contactForm(null, function () { B.clear(formBox); })));
        formBox.querySelector('input[name=name]').focus();
      }, 'btn-primary', { id: 'contact-new' }) : null,
      mayWrite ? B.button(t('ct.import'), function () {
        if (formBox.firstChild) { B.clear(formBox); return; }
        formBox.appendChild(B.panel(t('ct.import'), importForm()));
      }, '', { id: 'contact-import' }) : null,
      h('a', { class: 'btn', href: '/api/v1/contacts/roster?format=pdf', download: '', id: 'roster-pdf' }, t('ct.pdf')),
      h('a', { class: 'btn', href: '/api/v1/contacts/roster?format=xlsx', download: '', id: 'roster-xlsx' }, t('ct.xlsx'))
    ].filter(Boolean)));
    el.appendChild(h('p', { class: 'hint-line' }, t('ct.hint')));
    if (flash) {
      el.appendChild(B.msg('ok', flash));
      flash = null;
    }
    el.appendChild(formBox);
    var q = ctx.query.get('q') || '';
    var kind = ctx.query.get('kind') || '';
    el.appendChild(B.form({ class: 'inline-form contact-search', role: 'search' }, [
      B.field(t('ct.search'), B.input('q', q, { maxlength: 256, type: 'search' })),
      B.field(t('ct.f.kind'), B.select('kind', options(KINDS, 'ckind.'), kind, null, t('ct.all_kinds'))),
      h('button', { type: 'submit', class: 'btn' }, t('common.search'))
    ], function (f) {
      var p = {};
      if (fval(f, 'q')) p.q = fval(f, 'q');
      if (f.elements.kind.value) p.kind = f.elements.kind.value;
      B.nav('contacts', p);
    }));
    el.appendChild(editBox);
    var body = h('div');
    el.appendChild(body);
    var params = {};
    if (q) params.q = q;
    if (kind) params.kind = kind;
    B.load(body, api('GET', '/api/v1/contacts' + B.query(params)), function (r) {
      var items = (r && r.items) || [];
      var internal = items.filter(function (c) { return c.kind === 'internal'; });
      var external = items.filter(function (c) { return c.kind !== 'internal'; });
      body.appendChild(B.panel(t('ct.internal') + '（' + internal.length + '）', B.table([
        { label: t('ct.f.group'), value: function (c) { return c.group; } },
        { label: t('ct.f.title'), value: function (c) { return c.title; } },
        { label: t('ct.f.name'), value: function (c) {
          return h('span', null, c.name, c.liaison ? h('span', null, ' ', B.badge(t('ct.liaison_mark'), 'plain')) : null);
        } },
        { label: t('ct.f.ab'), value: function (c) { return c.ab ? c.ab + ' 角' : ''; }, class: 'nowrap' },
        { label: t('ct.f.office_phone'), value: function (c) { return phone(c.office_phone); } },
        { label: t('ct.f.mobile'), value: function (c) { return phone(c.mobile); } },
        { label: t('ct.f.person_link'), value: function (c) {
          return B.badge(t(c.linked_person ? 'ct.linked' : 'ct.unlinked'), c.linked_person ? 'ok' : 'muted');
        } },
        { label: t('common.actions'), value: function (c) { return actionsCell(c, mayWrite, editBox); }, class: 'nowrap' }
      ], internal, { class: 'contact-table', rowAttrs: function (c) { return { 'data-kind': c.kind, class: 'contact-row' }; } }), { id: 'contacts-internal' }));
      body.appendChild(B.panel(t('ct.external') + '（' + external.length + '）', B.table([
        { label: t('ct.f.kind'), value: function (c) { return kindLabel(c.kind); }, class: 'nowrap' },
        { label: t('ct.f.name'), value: function (c) {
          return h('span', null, c.name, c.liaison ? h('span', null, ' ', B.badge(t('ct.liaison_mark'), 'plain')) : null);
        } },
        { label: t('ct.f.contact_person'), value: function (c) { return c.contact_person; } },
        { label: t('ct.f.office_phone'), value: function (c) { return phone(c.office_phone); } },
        { label: t('ct.f.mobile'), value: function (c) { return phone(c.mobile); } },
        { label: t('ct.f.address'), value: function (c) { return c.address; } },
        { label: t('ct.f.trust'), value: function (c) { return B.badge(t('ctrust.' + c.trust), c.trust === 'high' ? 'ok' : c.trust === 'low' ? 'warn' : 'plain'); } },
        { label: t('common.actions'), value: function (c) { return actionsCell(c, mayWrite, editBox); }, class: 'nowrap' }
      ], external, { class: 'contact-table', rowAttrs: function (c) { return { 'data-kind': c.kind, class: 'contact-row' }; } }), { id: 'contacts-external' }));
    });
  }

  B.registerModule({ id: 'contacts', group: 'business', order: 55, label: 'nav.contacts', roles: READERS, render: renderContacts });

  /* ------------------------------------------------------------------ 奖惩 */

  function sourceText(s) {
    if (!s) return '';
    var kind = t('rw.src.' + s.type);
    if (!s.id) return kind + t('rw.src.hidden');
    var path = s.type === 'campaign' ? '#/inspect/' + encodeURIComponent(s.id) : '#/incidents/' + encodeURIComponent(s.id);
    return h('span', null, B.badge(kind, s.type === 'drill' ? 'warn' : 'plain'), ' ', h('a', { href: path }, s.title));
  }

  function rewardTable(items, withSource) {
    var cols = [
      { label: t('rw.f.decided_on'), value: function (r) { return r.decided_on; }, class: 'nowrap' },
      { label: t('rw.f.kind'), value: function (r) { return B.badge(t('rkind.' + r.kind), r.penalty ? 'error' : 'ok'); }, class: 'nowrap' },
      { label: t('rw.f.subject_type'), value: function (r) {
        return h('span', null, r.subject, r.subject_type === 'person' && r.department ? h('span', { class: 'muted' }, '（' + r.department + '）') : null);
      } },
      { label: t('rw.f.basis'), value: function (r) { return r.basis; } },
      { label: t('rw.f.decided_by'), value: function (r) { return r.decided_by; } }
    ];
    if (withSource) cols.push({ label: t('rw.f.source'), value: function (r) { return sourceText(r.source); } });
    return B.table(cols, items, { class: 'reward-table', rowAttrs: function (r) { return { class: 'reward-row', 'data-penalty': r.penalty ? '1' : '0' }; } });
  }

  function rewardForm(onCancel) {
    var box = h('div', { class: 'loading' }, t('common.loading'));
    Promise.all([
      api('GET', '/api/v1/incidents?limit=200').catch(function () { return { items: [] }; }),
      api('GET', '/api/v1/campaigns').catch(function () { return { items: [] }; }),
      api('GET', '/api/v1/people?limit=500').catch(function () { return { items: [] }; }),
      api('GET', '/api/v1/departments?limit=500').catch(function () { return { items: [] }; })
    ]).then(function (rs) {
      var sources = [{ value: '', label: t('rw.none_source') }];
      (rs[0].items || []).forEach(function (i) {
        sources.push({ value: 'i' + i.id, label: t(i.drill ? 'rw.src.drill' : 'rw.src.incident') + '：' + i.title });
      });
      (rs[1].items || []).forEach(function (k) { sources.push({ value: 'c' + k.id, label: t('rw.src.campaign') + '：' + k.name }); });
      var people = h('datalist', { id: 'reward-people' }, (rs[2].items || []).map(function (p) { return h('option', { value: p.name }); }));
      var depts = h('datalist', { id: 'reward-depts' }, (rs[3].items || []).map(function (d) { return h('option', { value: d.name }); }));
      var typeSel = B.select('subject_type', [{ value: 'person', label: t('rw.subject.person') }, { value: 'department', label: t('rw.subject.department') }], 'person');
      var personF = B.field(t('rw.f.person'), B.input('person', '', { maxlength: 128, list: 'reward-people' }));
      var deptF = B.field(t('rw.f.department'), B.input('department', '', { maxlength: 128, list: 'reward-depts' }));
      function sync() {
        personF.hidden = typeSel.value !== 'person';
        deptF.hidden = typeSel.value === 'person';
      }
      typeSel.addEventListener('change', sync);
      sync();
      var today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10); /* Beijing */
      B.clear(box).className = '';
      box.appendChild(B.form({ class: 'grid-form reward-form' }, [
        people, depts,
        B.field(t('rw.f.kind'), B.select('kind', options(REWARD_KINDS, 'rkind.'), 'commend'), { required: true }),
        B.field(t('rw.f.subject_type'), typeSel, { required: true }),
        personF,
        deptF,
        B.field(t('rw.f.source'), B.select('source', sources, ''), { wide: true }),
        B.field(t('rw.f.basis'), h('textarea', { name: 'basis', rows: '3', maxlength: '2000' }), { required: true, wide: true }),
        B.field(t('rw.f.decided_by'), B.input('decided_by', '', { maxlength: 256 }), { required: true }),
        B.field(t('rw.f.decided_on'), B.input('decided_on', today, { type: 'date' }), { required: true }),
        h('div', { class: 'form-actions field-wide' },
          h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save')),
          B.button(t('common.back'), onCancel))
      ], function (f) {
        var body = { kind: f.elements.kind.value, basis: fval(f, 'basis'), decided_by: fval(f, 'decided_by'), decided_on: fval(f, 'decided_on') };
        body[typeSel.value] = fval(f, typeSel.value);
        var src = f.elements.source.value;
        if (src) body[src[0] === 'i' ? 'incident_id' : 'campaign_id'] = Number(src.slice(1));
        return api('POST', '/api/v1/rewards', body).then(function () { done(t('rw.saved')); });
      }));
    });
    return box;
  }

  B.registerModule({
    id: 'rewards', group: 'business', order: 56, label: 'nav.rewards', roles: BUSINESS,
    render: function (ctx) {
      var el = ctx.el;
      var mayWrite = B.hasRole(REWARD_WRITERS);
      var formBox = h('div');
      el.appendChild(B.pageHead(t('rw.title'), mayWrite ? [B.button(t('rw.new'), function () {
        if (formBox.firstChild) { B.clear(formBox); return; }
        formBox.appendChild(B.panel(t('rw.new'), rewardForm(function () { B.clear(formBox); })));
      }, 'btn-primary', { id: 'reward-new' })] : []));
      el.appendChild(h('p', { class: 'hint-line' }, t('rw.hint_all')));
      if (flash) {
        el.appendChild(B.msg('ok', flash));
        flash = null;
      }
      el.appendChild(formBox);
      var body = h('div');
      el.appendChild(body);
      B.load(body, api('GET', '/api/v1/rewards'), function (r) {
        body.appendChild(B.panel(t('rw.title') + '（' + r.total + '）', rewardTable(r.items || [], true), { id: 'rewards-list' }));
      });
    }
  });

  /* The records an incident or drill caused, for its evaluation panel (incidents.js). */
  B.rewardsPanel = function (incidentId) {
    var box = h('div', { id: 'incident-rewards' });
    api('GET', '/api/v1/rewards?incident_id=' + encodeURIComponent(incidentId)).then(function (r) {
      if (r && r.items && r.items.length) box.appendChild(B.panel(t('rw.of_incident'), rewardTable(r.items, false)));
    }, function () { /* no register for this account: nothing to list */ });
    return box;
  };
})();
