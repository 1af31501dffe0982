/*
 * baomi web UI — emergency plans (应急预案) as data: the plan list, a new plan from a shipped
 * template, and the plan editor for drafts (purpose/scope/basis, command structure with A/B roles,
 * the asset-loss grading thresholds, notification chains with their duties and which chains are in
 * use, playbooks with their steps), then approval (分管领导), filing with the superior (备案),
 * retirement and revision as a new version.
 *
 * Every editor control is named by its path in the request ("body.chains[0].duties[1].amount"),
 * which is how the server names a field it refuses: the error lands on that very input, and on
 * the nearest row or group when the path names an object.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var nav = B.nav;
  var api = B.api;
  var I = B.inc;

  var EDITORS = ['officer', 'command', 'leader'];
  var UNITS = ['minutes', 'hours', 'days', 'workdays'];
  var FROMS = ['discovered', 'reported', 'previous', 'graded', 'handled'];
  var PKINDS = ['leak', 'cyber', 'other'];
  var PSTATUS = ['draft', 'approved', 'filed', 'retired'];
  var PB_CATS = ['*'].concat(I.CYBER_CATS, ['leak']);

  B.addStrings({
    'nav.plans': ['应急预案', 'Emergency plans'],
    'tile.plans': ['预案编制、审批、备案与修订', 'Write, approve, file and revise plans'],

    'pkind.leak': ['保密专项', 'Leak of secrets'],
    'pkind.cyber': ['网络与信息安全', 'Network / information security'],
    'pkind.other': ['其他', 'Other'],
    'pstatus.draft': ['草稿', 'Draft'],
    'pstatus.approved': ['已批准', 'Approved'],
    'pstatus.filed': ['已备案', 'Filed'],
    'pstatus.retired': ['已废止', 'Retired'],

    'plans.title': ['应急预案', 'Emergency plans'],
    'plans.empty': ['尚无预案：请从模板新建', 'No plans yet: start from a template'],
    'plans.new': ['从模板新建预案', 'New plan from a template'],
    'plans.template': ['模板', 'Template'],
    'plans.name_hint': ['不填则用模板名称', 'empty: the template’s name'],
    'plans.create': ['新建草稿', 'Create draft'],
    'plans.created': ['已从模板新建预案草稿', 'Draft created from the template'],
    'plans.in_force': ['生效中', 'In force'],
    'plans.chains': ['报告链', 'Chains'],

    'plan.name': ['预案名称', 'Name'],
    'plan.kind': ['适用事件', 'Covers'],
    'plan.version': ['版本', 'Version'],
    'plan.status': ['状态', 'Status'],
    'plan.template': ['来源模板', 'Template'],
    'plan.template_builtin': ['内置模板', 'built-in template'],
    'plan.updated_at': ['更新时间', 'Updated'],
    'plan.approved_at': ['批准时间', 'Approved'],
    'plan.filed_with': ['备案单位', 'Filed with'],
    'plan.filed_at': ['备案时间', 'Filed'],
    'plan.retired_at': ['废止时间', 'Retired'],
    'plan.detail': ['预案', 'Plan'],
    'plan.readonly_status': ['只有草稿可以修改；如需修改已批准或已备案的预案，请“修订”生成新版本草稿。', 'Only a draft may be edited; revise an approved or filed plan to get a new draft version.'],
    'plan.readonly_role': ['只有保密员、应急指挥、分管领导可以编辑预案。', 'Only the officer, command or leader edit plans.'],
    'plan.save': ['保存草稿', 'Save draft'],
    'plan.saved': ['预案已保存', 'Plan saved'],
    'plan.approve': ['批准', 'Approve'],
    'plan.file': ['备案', 'File with the superior'],
    'plan.file_submit': ['确认备案', 'File'],
    'plan.retire': ['废止', 'Retire'],
    'plan.retire_confirm': ['确认废止？', 'Confirm retire?'],
    'plan.revise': ['修订（生成新版本草稿）', 'Revise (new draft version)'],
    'plan.revised': ['已生成第 {v} 版草稿', 'Draft version {v} created'],
    'plan.status_done': ['预案状态：{s}', 'Plan status: {s}'],
    'plan.approve_hint': ['预案由分管领导批准、废止；保密员或分管领导向上级备案。', 'The leader in charge approves and retires; the officer or the leader files with the superior.'],

    'plan.sec.basic': ['总则', 'General'],
    'plan.purpose': ['编制目的', 'Purpose'],
    'plan.scope': ['适用范围', 'Scope'],
    'plan.basis': ['编制依据', 'Basis'],
    'plan.sec.command': ['组织指挥体系', 'Command structure'],
    'plan.commander': ['指挥长', 'Commander'],
    'plan.group': ['工作组', 'Group'],
    'plan.group_name': ['机构名称', 'Name'],
    'plan.group_duties': ['职责', 'Duties'],
    'plan.members': ['成员', 'Members'],
    'plan.m.name': ['姓名', 'Name'],
    'plan.m.title': ['职务', 'Title'],
    'plan.m.ab': ['A/B角', 'A/B role'],
    'plan.m.phone': ['电话', 'Phone'],
    'plan.add_member': ['增加成员', 'Add member'],
    'plan.add_group': ['增加工作组', 'Add group'],
    'plan.remove_group': ['删除该组', 'Remove group'],
    'plan.remove': ['删除', 'Remove'],
    'plan.sec.grading': ['分级标准', 'Grading'],
    'plan.loss': ['资产损失达到以下金额（元）定为', 'An asset loss of at least (yuan) means'],
    'plan.loss_hint': ['须 Ⅰ ≥ Ⅱ ≥ Ⅲ > 0；其余要素（信息密级、公众影响、业务影响）按统一标准', 'I ≥ II ≥ III > 0; the other factors follow the common rule'],
    'plan.grading_note': ['分级说明', 'Note'],
    'plan.sec.chains': ['信息报告链与时限', 'Notification chains and time limits'],
    'plan.chain': ['报告链', 'Chain'],
    'plan.chain_code': ['代码', 'Code'],
    'plan.chain_name': ['名称', 'Name'],
    'plan.chain_basis': ['依据', 'Basis'],
    'plan.chain_active': ['启用（生成报告时限）', 'In use (creates deadlines)'],
    'plan.chains_active_hint': ['至少启用一条报告链', 'At least one chain must be in use'],
    'plan.duties': ['报告义务', 'Duties'],
    'plan.d.code': ['代码', 'Code'],
    'plan.d.to': ['报告对象', 'To whom'],
    'plan.d.what': ['报告内容', 'What'],
    'plan.d.amount': ['时限', 'Limit'],
    'plan.d.unit': ['单位', 'Unit'],
    'plan.d.from': ['起算', 'Counted from'],
    'plan.d.levels': ['适用级别（不选为全部）', 'Levels (none: all)'],
    'plan.d.escalate_to': ['逾期升级至', 'Escalate to'],
    'plan.add_duty': ['增加报告义务', 'Add duty'],
    'plan.add_chain': ['增加报告链', 'Add chain'],
    'plan.remove_chain': ['删除该报告链', 'Remove chain'],
    'plan.sec.playbooks': ['处置指南（响应步骤）', 'Playbooks (response steps)'],
    'plan.playbook': ['处置指南', 'Playbook'],
    'plan.pb.code': ['代码', 'Code'],
    'plan.pb.name': ['名称', 'Name'],
    'plan.pb.categories': ['适用事件类别', 'Incident categories'],
    'plan.pb.all': ['全部类别', 'All categories'],
    'plan.steps': ['步骤', 'Steps'],
    'plan.s.phase': ['环节', 'Phase'],
    'plan.s.title': ['步骤内容', 'Step'],
    'plan.s.role': ['承办角色', 'Role'],
    'plan.s.due': ['时限（分钟）', 'Due (minutes)'],
    'plan.add_step': ['增加步骤', 'Add step'],
    'plan.add_playbook': ['增加处置指南', 'Add playbook'],
    'plan.remove_playbook': ['删除该处置指南', 'Remove playbook'],
    'plan.no_role': ['（不指定）', '(none)'],
    'plan.err_at': ['{where}：{msg}', '{where}: {msg}']
  });

  /* ------------------------------------------------------------------ helpers */

  var flash = null;

  function statusBadge(s) {
    var kind = s === 'draft' ? 'warn' : s === 'retired' ? 'muted' : 'ok';
    return B.badge(t('pstatus.' + s), kind + ' plan-status');
  }
  function roleOptions() {
    return B.enumOptions('roles');
  }
  function clone(x) {
    return JSON.parse(JSON.stringify(x === undefined ? null : x));
  }

  /* "body.chains[0].duties[1].amount" -> ['chains', 0, 'duties', 1, 'amount'] */
  function pathTokens(path) {
    var out = [];
    String(path).replace(/^body\.?/, '').replace(/([^.[\]]+)|\[(\d+)\]/g, function (m, key, idx) {
      out.push(idx !== undefined ? Number(idx) : key);
      return m;
    });
    return out;
  }
  function setPath(obj, path, v) {
    var tk = pathTokens(path);
    var o = obj;
    for (var i = 0; i < tk.length - 1; i++) {
      if (o[tk[i]] === undefined || o[tk[i]] === null || typeof o[tk[i]] !== 'object') o[tk[i]] = typeof tk[i + 1] === 'number' ? [] : {};
      o = o[tk[i]];
    }
    o[tk[tk.length - 1]] = v;
  }
  function delPath(obj, path) {
    var tk = pathTokens(path);
    var o = obj;
    for (var i = 0; i < tk.length - 1; i++) {
      if (!o || typeof o !== 'object') return;
      o = o[tk[i]];
    }
    if (o && typeof o === 'object') delete o[tk[tk.length - 1]];
  }

  /* Readable place of a field path: "报告链 1 › 报告义务 2 › 时限". */
  var SEG = { chains: 'plan.chain', duties: 'plan.duties', playbooks: 'plan.playbook', steps: 'plan.steps',
    groups: 'plan.group', members: 'plan.members' };
  var LEAF = { purpose: 'plan.purpose', scope: 'plan.scope', basis: 'plan.basis', command: 'plan.sec.command',
    grading: 'plan.sec.grading', loss_yuan: 'plan.loss', chains_active: 'plan.chain_active', chains: 'plan.sec.chains',
    playbooks: 'plan.sec.playbooks', code: 'plan.d.code', to: 'plan.d.to', what: 'plan.d.what', amount: 'plan.d.amount',
    unit: 'plan.d.unit', from: 'plan.d.from', levels: 'plan.d.levels', escalate_to: 'plan.d.escalate_to',
    name: 'plan.pb.name', categories: 'plan.pb.categories', phase: 'plan.s.phase', title: 'plan.s.title',
    role: 'plan.s.role', due_minutes: 'plan.s.due', duties_text: 'plan.group_duties' };
  function pathLabel(path) {
    if (!path || path.indexOf('body') !== 0) return '';
    var tk = pathTokens(path);
    var parts = [];
    for (var i = 0; i < tk.length; i++) {
      var k = tk[i];
      if (typeof tk[i + 1] === 'number' && SEG[k]) {
        parts.push(t(SEG[k]).replace(/（.*$/, '') + ' ' + (tk[i + 1] + 1));
        i++;
      } else if (typeof k === 'string') {
        parts.push(LEAF[k] ? t(LEAF[k]).replace(/（.*$/, '') : k);
      }
    }
    return parts.join(' › ');
  }

  /* ------------------------------------------------------------------ list */

  function planList(ctx) {
    var el = ctx.el;
    var q = ctx.query;
    var filter = { kind: q.get('kind') || '', status: q.get('status') || '' };
    var mayEdit = B.hasRole(EDITORS);
    el.appendChild(B.pageHead(t('plans.title')));
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text));
      flash = null;
    }
    if (mayEdit) {
      var createBox = h('div');
      el.appendChild(I.panel(t('plans.new'), createBox, { id: 'plan-create' }));
      B.load(createBox, api('GET', '/api/v1/plan-templates'), function (r) {
        var tpls = (r && r.items) || [];
        createBox.appendChild(B.form({ id: 'plan-create-form', class: 'inline-form' }, [
          B.field(t('plans.template'), B.select('template', tpls.map(function (x) {
            return { value: x.code, label: x.name + '（' + t('pkind.' + x.kind) + '）' };
          }), tpls.length ? tpls[0].code : '')),
          B.field(t('plan.name'), B.input('name', '', { maxlength: 256, placeholder: t('plans.name_hint') }), { class: 'field-reason' }),
          h('button', { type: 'submit', class: 'btn btn-primary' }, t('plans.create'))
        ], function (f) {
          var body = { template: I.fval(f, 'template') };
          var name = I.fval(f, 'name');
          if (name) body.name = name;
          return api('POST', '/api/v1/plans', body).then(function (p) {
            flash = { kind: 'ok', text: t('plans.created') };
            nav('plans/' + p.id);
          });
        }));
        createBox.appendChild(h('ul', { class: 'notes template-notes' }, tpls.map(function (x) {
          return h('li', null, h('strong', null, x.name), I.colon(), B.joinList((x.chains || []).map(function (c) { return c.name; })));
        })));
      });
    }
    var filters = h('form', { class: 'filters', id: 'plan-filters', novalidate: true },
      B.field(t('plan.kind'), B.select('kind', PKINDS.map(function (k) { return { value: k, label: t('pkind.' + k) }; }), filter.kind, null, t('common.all'))),
      B.field(t('plan.status'), B.select('status', PSTATUS.map(function (k) { return { value: k, label: t('pstatus.' + k) }; }), filter.status, null, t('common.all'))),
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')),
        B.button(t('common.reset'), function () { nav('plans'); })));
    filters.addEventListener('submit', function (ev) {
      ev.preventDefault();
      nav('plans', { kind: I.fval(filters, 'kind'), status: I.fval(filters, 'status') });
    });
    el.appendChild(filters);
    var body = h('div');
    el.appendChild(body);
    B.load(body, api('GET', '/api/v1/plans' + B.query(filter)), function (r) {
      var items = (r && r.items) || [];
      body.appendChild(B.table([
        { label: t('plan.name'), value: function (p) { return B.link('plans/' + p.id, p.name, { class: 'plan-name' }); } },
        { label: t('plan.kind'), value: function (p) { return t('pkind.' + p.kind); }, class: 'nowrap' },
        { label: t('plan.version'), value: function (p) { return 'v' + p.version; }, class: 'num' },
        { label: t('plan.status'), value: function (p) {
          return h('span', { class: 'badges' }, statusBadge(p.status),
            p.status === 'approved' || p.status === 'filed' ? B.badge(t('plans.in_force'), 'ok') : null);
        }, class: 'nowrap' },
        { label: t('plan.filed_with'), value: function (p) { return p.filed_with || '—'; } },
        { label: t('plan.approved_at'), value: function (p) { return B.fmtTime(p.approved_at); }, class: 'nowrap' },
        { label: t('plan.updated_at'), value: function (p) { return B.fmtTime(p.updated_at); }, class: 'nowrap' }
      ], items, { class: 'plan-table', empty: t('plans.empty'), rowAttrs: function (p) { return { 'data-id': p.id, 'data-status': p.status }; } }));
    });
  }

  /* ------------------------------------------------------------------ editor */

  function planEditor(plan, editable, onSaved) {
    var model = clone(plan.body || {});
    var box = h('div', { class: 'plan-editor' });

    function ctl(el) {
      if (!editable) el.disabled = true;
      return el;
    }
    function text(path, value, attrs) {
      return ctl(B.input(path, value === undefined || value === null ? '' : value, Object.assign({ maxlength: 512 }, attrs || {})));
    }
    function area(path, value, rows) {
      return ctl(h('textarea', { name: path, rows: rows || '3', maxlength: '8000' }, value || ''));
    }
    function int(path, value, attrs) {
      return ctl(B.input(path, value === undefined || value === null ? '' : String(value), Object.assign({ type: 'number', step: '1', 'data-type': 'int' }, attrs || {})));
    }
    function sel(path, options, value, empty) {
      return ctl(B.select(path, options, value === undefined || value === null ? '' : value, null, empty));
    }
    function multi(path, values, options) {
      values = values || [];
      return h('div', { class: 'multi-checks', 'data-path': path }, options.map(function (o) {
        return h('label', { class: 'check' }, ctl(h('input', { type: 'checkbox', name: path, value: o.value, 'data-kind': 'multi', checked: values.indexOf(o.value) >= 0 })), ' ', o.label);
      }));
    }
    function btn(label, fn, cls) {
      if (!editable) return null;
      return B.button(label, function () {
        model = collect();
        fn();
        draw();
      }, 'btn-small ' + (cls || ''));
    }
    function cellTable(cls, path, heads, rows) {
      return h('div', { class: 'table-wrap' }, h('table', { class: 'grid plan-grid ' + cls, 'data-path': path },
        h('thead', null, h('tr', null, heads.map(function (x) { return h('th', { scope: 'col' }, x); }), editable ? h('th', null, '') : null)),
        h('tbody', null, rows)));
    }
    function section(title, path, children) {
      return h('section', { class: 'plan-section', 'data-path': path }, h('h3', { class: 'sub-title' }, title), children);
    }

    /* ---- the parts */

    function basicPart() {
      return section(t('plan.sec.basic'), 'body', h('div', { class: 'grid-form plan-basic' },
        B.field(t('plan.purpose'), area('body.purpose', model.purpose), { wide: true }),
        B.field(t('plan.scope'), area('body.scope', model.scope), { wide: true }),
        B.field(t('plan.basis'), area('body.basis', model.basis), { wide: true })));
    }

    function commandPart() {
      var cmd = model.command || (model.command = {});
      var cm = cmd.commander || {};
      var groups = cmd.groups || (cmd.groups = []);
      return section(t('plan.sec.command'), 'body.command', [
        h('div', { class: 'grid-form commander', 'data-path': 'body.command.commander' },
          B.field(t('plan.commander') + ' · ' + t('plan.m.name'), text('body.command.commander.name', cm.name)),
          B.field(t('plan.m.title'), text('body.command.commander.title', cm.title)),
          B.field(t('plan.m.phone'), text('body.command.commander.phone', cm.phone))),
        groups.map(function (g, gi) {
          var gp = 'body.command.groups[' + gi + ']';
          var members = g.members || (g.members = []);
          return h('fieldset', { class: 'sub-form plan-group', 'data-path': gp },
            h('legend', null, t('plan.group') + ' ' + (gi + 1)),
            h('div', { class: 'grid-form' },
              B.field(t('plan.group_name'), text(gp + '.name', g.name)),
              B.field(t('plan.group_duties'), area(gp + '.duties', g.duties, 2), { wide: true })),
            cellTable('member-table', gp + '.members', [t('plan.m.name'), t('plan.m.title'), t('plan.m.ab'), t('plan.m.phone')],
              members.map(function (m, mi) {
                var mp = gp + '.members[' + mi + ']';
                return h('tr', { 'data-path': mp },
                  h('td', null, text(mp + '.name', m.name, { 'aria-label': t('plan.m.name') })),
                  h('td', null, text(mp + '.title', m.title, { 'aria-label': t('plan.m.title') })),
                  h('td', { class: 'narrow' }, sel(mp + '.ab', [{ value: 'A', label: 'A' }, { value: 'B', label: 'B' }], m.ab || 'A')),
                  h('td', null, text(mp + '.phone', m.phone, { 'aria-label': t('plan.m.phone') })),
                  editable ? h('td', null, btn(t('plan.remove'), function () { model.command.groups[gi].members.splice(mi, 1); }, 'btn-danger')) : null);
              })),
            h('div', { class: 'form-actions' },
              btn(t('plan.add_member'), function () { model.command.groups[gi].members.push({ name: '', title: '', ab: 'A', phone: '' }); }),
              btn(t('plan.remove_group'), function () { model.command.groups.splice(gi, 1); }, 'btn-danger')));
        }),
        h('div', { class: 'form-actions' }, btn(t('plan.add_group'), function () {
          model.command.groups.push({ name: '', duties: '', members: [{ name: '', title: '', ab: 'A', phone: '' }] });
        }))
      ]);
    }

    function gradingPart() {
      var g = model.grading || {};
      var l = g.loss_yuan || {};
      return section(t('plan.sec.grading'), 'body.grading', [
        h('div', { class: 'grid-form loss-grid', 'data-path': 'body.grading.loss_yuan' },
          I.LEVELS.slice(0, 3).map(function (c) {
            return B.field(t('plan.loss') + ' ' + I.levelText(c), int('body.grading.loss_yuan.' + c, l[c], { min: '1' }));
          }),
          h('div', { class: 'field-wide field-hint' }, t('plan.loss_hint')),
          B.field(t('plan.grading_note'), area('body.grading.note', g.note, 2), { wide: true }))
      ]);
    }

    function chainsPart() {
      var chains = model.chains || (model.chains = []);
      var active = model.chains_active || [];
      var unitOpts = UNITS.map(function (u) { return { value: u, label: t('dlunit.' + u) }; });
      var fromOpts = FROMS.map(function (f) { return { value: f, label: t('dlfrom.' + f) }; });
      var levelOpts = I.LEVELS.map(function (c) { return { value: c, label: c }; });
      return section(t('plan.sec.chains'), 'body.chains', [
        h('div', { class: 'field-hint', 'data-path': 'body.chains_active' }, t('plan.chains_active_hint')),
        chains.map(function (c, ci) {
          var cp = 'body.chains[' + ci + ']';
          var duties = c.duties || (c.duties = []);
          return h('fieldset', { class: 'sub-form plan-chain', 'data-path': cp, 'data-code': c.code },
            h('legend', null, t('plan.chain') + ' ' + (ci + 1)),
            h('div', { class: 'grid-form' },
              B.field(t('plan.chain_code'), text(cp + '.code', c.code, { maxlength: 32 })),
              B.field(t('plan.chain_name'), text(cp + '.name', c.name, { maxlength: 256 })),
              B.field(t('plan.chain_active'), h('label', { class: 'check' },
                ctl(h('input', { type: 'checkbox', class: 'chain-active', 'data-chain-active': String(ci), checked: active.indexOf(c.code) >= 0 })), ' ', t('plans.in_force'))),
              B.field(t('plan.chain_basis'), area(cp + '.basis', c.basis, 2), { wide: true })),
            cellTable('duty-table', cp + '.duties', [t('plan.d.code'), t('plan.d.to'), t('plan.d.what'), t('plan.d.amount'), t('plan.d.unit'),
              t('plan.d.from'), t('plan.d.levels'), t('plan.d.escalate_to')],
            duties.map(function (d, di) {
              var dp = cp + '.duties[' + di + ']';
              return h('tr', { 'data-path': dp },
                h('td', { class: 'narrow' }, text(dp + '.code', d.code, { maxlength: 32, 'aria-label': t('plan.d.code') })),
                h('td', { class: 'mid' }, area(dp + '.to', d.to, 2)),
                h('td', { class: 'wide' }, area(dp + '.what', d.what, 2)),
                h('td', { class: 'narrow' }, int(dp + '.amount', d.amount, { min: '1', 'aria-label': t('plan.d.amount') })),
                h('td', { class: 'narrow' }, sel(dp + '.unit', unitOpts, d.unit || 'hours')),
                h('td', null, sel(dp + '.from', fromOpts, d.from || 'discovered')),
                h('td', { class: 'levels' }, multi(dp + '.levels', d.levels, levelOpts)),
                h('td', null, sel(dp + '.escalate_to', roleOptions(), d.escalate_to || '', t('plan.no_role'))),
                editable ? h('td', null, btn(t('plan.remove'), function () { model.chains[ci].duties.splice(di, 1); }, 'btn-danger')) : null);
            })),
            h('div', { class: 'form-actions' },
              btn(t('plan.add_duty'), function () {
                model.chains[ci].duties.push({ code: 'duty-' + (model.chains[ci].duties.length + 1), to: '', what: '', amount: 1, unit: 'hours', from: model.chains[ci].duties.length ? 'previous' : 'discovered', levels: [], escalate_to: 'leader' });
              }),
              btn(t('plan.remove_chain'), function () { model.chains.splice(ci, 1); }, 'btn-danger')));
        }),
        h('div', { class: 'form-actions' }, btn(t('plan.add_chain'), function () {
          model.chains.push({ code: 'chain-' + (model.chains.length + 1), name: '', basis: '', duties: [{ code: 'report', to: '', what: '', amount: 1, unit: 'hours', from: 'discovered', levels: [], escalate_to: 'leader' }] });
        }))
      ]);
    }

    function playbooksPart() {
      var pbs = model.playbooks || (model.playbooks = []);
      var catOpts = PB_CATS.map(function (c) { return { value: c, label: c === '*' ? t('plan.pb.all') : I.categoryLabel(c) }; });
      return section(t('plan.sec.playbooks'), 'body.playbooks', [
        pbs.map(function (pb, pi) {
          var pp = 'body.playbooks[' + pi + ']';
          var steps = pb.steps || (pb.steps = []);
          return h('fieldset', { class: 'sub-form plan-playbook', 'data-path': pp },
            h('legend', null, t('plan.playbook') + ' ' + (pi + 1) + (pb.name ? ' · ' + pb.name : '')),
            h('div', { class: 'grid-form' },
              B.field(t('plan.pb.code'), text(pp + '.code', pb.code, { maxlength: 32 })),
              B.field(t('plan.pb.name'), text(pp + '.name', pb.name, { maxlength: 256 }), { class: 'field-span2' }),
              B.field(t('plan.pb.categories'), multi(pp + '.categories', pb.categories, catOpts), { wide: true })),
            cellTable('step-table', pp + '.steps', [t('plan.s.phase'), t('plan.s.title'), t('plan.s.role'), t('plan.s.due')],
              steps.map(function (s, si) {
                var sp = pp + '.steps[' + si + ']';
                return h('tr', { 'data-path': sp },
                  h('td', { class: 'narrow' }, text(sp + '.phase', s.phase, { maxlength: 32, 'aria-label': t('plan.s.phase') })),
                  h('td', { class: 'wide' }, area(sp + '.title', s.title, 2)),
                  h('td', null, sel(sp + '.role', roleOptions(), s.role || '', t('plan.no_role'))),
                  h('td', { class: 'narrow' }, int(sp + '.due_minutes', s.due_minutes, { min: '0', 'aria-label': t('plan.s.due') })),
                  editable ? h('td', null, btn(t('plan.remove'), function () { model.playbooks[pi].steps.splice(si, 1); }, 'btn-danger')) : null);
              })),
            h('div', { class: 'form-actions' },
              btn(t('plan.add_step'), function () { model.playbooks[pi].steps.push({ phase: '', title: '', role: '', due_minutes: 60 }); }),
              btn(t('plan.remove_playbook'), function () { model.playbooks.splice(pi, 1); }, 'btn-danger')));
        }),
        h('div', { class: 'form-actions' }, btn(t('plan.add_playbook'), function () {
          model.playbooks.push({ code: 'pb-' + (model.playbooks.length + 1), name: '', categories: ['*'], steps: [{ phase: '', title: '', role: '', due_minutes: 60 }] });
        }))
      ]);
    }

    function draw() {
      var scroller = box.closest('.content');
      var top = scroller ? scroller.scrollTop : 0;
      B.clear(box).appendChild(h('div', null, basicPart(), commandPart(), gradingPart(), chainsPart(), playbooksPart()));
      if (scroller) scroller.scrollTop = top;
    }

    /* The body as the controls hold it, over the model (members no control covers are kept). */
    function collect() {
      var body = clone(model);
      var multis = {};
      box.querySelectorAll('[name^="body."]').forEach(function (el) {
        var path = el.name;
        if (el.type === 'checkbox' && el.getAttribute('data-kind') === 'multi') {
          if (!multis[path]) multis[path] = [];
          if (el.checked) multis[path].push(el.value);
          return;
        }
        var v = String(el.value).trim();
        if (el.getAttribute('data-type') === 'int') {
          if (v === '') {
            delPath(body, path);
            return;
          }
          v = I.intOr(v);
        }
        setPath(body, path, v);
      });
      Object.keys(multis).forEach(function (p) { setPath(body, p, multis[p]); });
      body.chains_active = [];
      box.querySelectorAll('input[data-chain-active]').forEach(function (cb) {
        var c = (body.chains || [])[Number(cb.getAttribute('data-chain-active'))];
        if (cb.checked && c && c.code) body.chains_active.push(c.code);
      });
      if (body.grading && body.grading.loss_yuan && !Object.keys(body.grading.loss_yuan).length) delete body.grading.loss_yuan;
      return body;
    }

    draw();
    var nameInput = ctl(B.input('name', plan.name, { maxlength: 256 }));
    /* the error again next to the save button: the form's own message may be far above */
    var stickyMsg = h('span', { class: 'sticky-msg', hidden: true, role: 'alert' });
    var form = B.form({ id: 'plan-form', class: 'plan-form' }, [
      h('div', { class: 'grid-form' }, B.field(t('plan.name'), nameInput, { required: true, wide: true })),
      box,
      editable ? h('div', { class: 'form-actions sticky-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary', id: 'plan-save' }, t('plan.save')), stickyMsg) : null
    ], function (f) {
      stickyMsg.hidden = true;
      var body = collect();
      model = clone(body);
      return api('PATCH', '/api/v1/plans/' + encodeURIComponent(plan.id), { name: I.fval(f, 'name'), body: body }).then(onSaved, function (err) {
        var field = err && err.field;
        window.setTimeout(function () {
          stickyMsg.textContent = B.errorText(err);
          stickyMsg.hidden = false;
          var bad = field && f.querySelector('[name="' + field + '"]');
          if (bad && bad.scrollIntoView) bad.scrollIntoView({ block: 'center' });
        }, 0);
        if (field) {
          var where = pathLabel(field);
          if (where) {
            err.message_zh = t('plan.err_at', { where: where, msg: err.message_zh || '' });
            err.message_en = err.message_en ? where + ': ' + err.message_en : err.message_en;
          }
          /* no control of that exact name: outline the nearest row or group on the path */
          if (!f.querySelector('[name="' + field + '"]')) {
            var p = field;
            var found = null;
            while (p && !found) {
              found = f.querySelector('[data-path="' + p + '"]');
              if (!found) {
                var up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
                p = up === p ? '' : up;
              }
            }
            if (found) {
              found.classList.add('invalid');
              if (found.scrollIntoView) found.scrollIntoView({ block: 'center' });
            }
          }
        }
        throw err;
      });
    });
    return form;
  }

  /* ------------------------------------------------------------------ detail */

  function statusActions(plan, done) {
    var leader = B.hasRole(['leader']);
    var officer = B.hasRole(['officer']);
    var editor = B.hasRole(EDITORS);
    var box = h('div', { class: 'action-form-box' });
    function setStatus(status, extra, btn) {
      if (btn) btn.disabled = true;
      return api('POST', '/api/v1/plans/' + encodeURIComponent(plan.id) + '/status', Object.assign({ status: status }, extra || {})).then(function (p) {
        done(t('plan.status_done', { s: t('pstatus.' + p.status) }));
      }, function (err) {
        if (btn) btn.disabled = false;
        B.clear(box).appendChild(B.errorBox(err));
        throw err;
      });
    }
    var btns = [];
    if (plan.status === 'draft' && leader) {
      btns.push(B.button(t('plan.approve'), function (ev) { setStatus('approved', null, ev.currentTarget).catch(function () {}); }, 'btn-primary', { id: 'plan-approve' }));
    }
    if (plan.status === 'approved' && (leader || officer)) {
      btns.push(B.button(t('plan.file'), function () {
        B.clear(box).appendChild(B.form({ id: 'plan-file-form', class: 'inline-form' }, [
          B.field(t('plan.filed_with'), B.input('filed_with', '', { maxlength: 256 }), { required: true, class: 'field-reason' }),
          h('button', { type: 'submit', class: 'btn btn-primary' }, t('plan.file_submit'))
        ], function (f) {
          return api('POST', '/api/v1/plans/' + encodeURIComponent(plan.id) + '/status', { status: 'filed', filed_with: I.fval(f, 'filed_with') }).then(function (p) {
            done(t('plan.status_done', { s: t('pstatus.' + p.status) }));
          });
        }));
        box.querySelector('input').focus();
      }, '', { id: 'plan-file' }));
    }
    if (plan.status !== 'retired' && leader) {
      btns.push(B.confirmButton(t('plan.retire'), t('plan.retire_confirm'), function (b) { setStatus('retired', null, b).catch(function () {}); }, 'btn-danger'));
    }
    if (plan.status !== 'draft' && editor) {
      btns.push(B.button(t('plan.revise'), function (ev) {
        ev.currentTarget.disabled = true;
        api('POST', '/api/v1/plans/' + encodeURIComponent(plan.id) + '/revise').then(function (p) {
          flash = { kind: 'ok', text: t('plan.revised', { v: p.version }) };
          nav('plans/' + p.id);
        }, function (err) {
          B.clear(box).appendChild(B.errorBox(err));
        });
      }, '', { id: 'plan-revise' }));
    }
    return [h('div', { class: 'action-buttons', id: 'plan-status-buttons' }, btns), box, h('p', { class: 'hint-line' }, t('plan.approve_hint'))];
  }

  function planDetail(ctx, id) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('plan.detail'), [
      B.button(t('common.back_list'), function () { nav('plans'); }, '', { id: 'plan-back' })
    ]));
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text));
      flash = null;
    }
    var body = h('div');
    el.appendChild(body);
    B.load(body, api('GET', '/api/v1/plans/' + encodeURIComponent(id)), function (p) {
      function done(text) {
        flash = { kind: 'ok', text: text };
        B.rerender();
      }
      body.appendChild(h('div', { class: 'carrier-head plan-head', id: 'plan-head', 'data-status': p.status },
        h('span', { class: 'carrier-head-title' }, p.name),
        h('span', { class: 'badges' }, B.badge('v' + p.version, 'plain'), B.badge(t('pkind.' + p.kind), 'plain'), statusBadge(p.status))));
      body.appendChild(I.panel(null, B.kv([
        [t('plan.template'), p.template ? templateName(p.template) : '—'],
        [t('plan.updated_at'), B.fmtTime(p.updated_at)],
        [t('plan.approved_at'), B.fmtTime(p.approved_at)],
        p.filed_with ? [t('plan.filed_with'), p.filed_with + ' · ' + B.fmtTime(p.filed_at)] : null,
        p.retired_at ? [t('plan.retired_at'), B.fmtTime(p.retired_at)] : null
      ]), { id: 'plan-meta' }));
      body.appendChild(I.panel(t('plan.status'), statusActions(p, done), { id: 'plan-actions' }));
      var editable = p.status === 'draft' && B.hasRole(EDITORS);
      var note = p.status !== 'draft' ? t('plan.readonly_status') : !B.hasRole(EDITORS) ? t('plan.readonly_role') : null;
      body.appendChild(I.panel(t('plan.detail'), [
        note ? B.msg('info', note) : null,
        planEditor(p, editable, function () { done(t('plan.saved')); })
      ], { id: 'plan-editor' }));
    });
  }

  /* A plan template by its Chinese name (the code never shows): filled in once the list answers. */
  function templateName(code) {
    var span = h('span', { class: 'template-name' }, t('plan.template_builtin'));
    api('GET', '/api/v1/plan-templates').then(function (r) {
      ((r && r.items) || []).forEach(function (x) { if (x.code === code) span.textContent = x.name; });
    }, function () {});
    return span;
  }

  B.registerModule({
    id: 'plans', group: 'business', order: 60, label: 'nav.plans', roles: I.WATCH,
    render: function (ctx) {
      var id = ctx.params[0];
      if (!id) return planList(ctx);
      return planDetail(ctx, id);
    }
  });
})();
