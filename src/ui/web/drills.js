/*
 * baomi web UI — emergency drills (应急演练): the year's drill plan with each plan in force against
 * the six-month rule (seed 003: 每半年组织一次应急演练), planning a drill (scenario, plan and
 * playbooks exercised, 桌面推演 / 实战演练, participants picked by name, planned day), and a drill
 * from plan → run (a drill incident marked 演练) → findings (rectification tasks in the tracker,
 * optionally opening a plan revision) → summary (演练总结) → 通报 (PDF / HTML).
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;

  var WATCH = ['officer', 'command', 'leader', 'duty'];
  var MANAGERS = ['officer', 'command'];
  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var STEPS = ['planned', 'running', 'ended', 'summarised', 'notified'];

  B.addStrings({
    'nav.drills': ['应急演练', 'Drills'],
    'todo.kind.drill_due': ['应急演练', 'Drill due'],
    'drill.title': ['应急演练', 'Emergency drills'],
    'drill.mark': ['演练', 'Drill'],
    'drill.year': ['{y}年度演练计划', 'Drill plan {y}'],
    'drill.prev_year': ['上一年', 'Previous year'],
    'drill.next_year': ['下一年', 'Next year'],
    'drill.plans': ['各预案演练情况（每半年至少组织一次）', 'Plans in force (a drill at least every six months)'],
    'drill.plan': ['所依预案', 'Plan'],
    'drill.h1': ['上半年', 'Jan–Jun'],
    'drill.h2': ['下半年', 'Jul–Dec'],
    'drill.last_held': ['最近一次演练', 'Last held'],
    'drill.due_on': ['下次演练最迟', 'Next due by'],
    'drill.rule': ['半年规则', 'Six-month rule'],
    'drill.overdue': ['逾期未演练', 'Overdue'],
    'drill.in_time': ['按期', 'On time'],
    'drill.n': ['{n} 次', '{n}'],
    'drill.none_held': ['尚未演练', 'None yet'],
    'drill.list': ['演练安排', 'Drills'],
    'drill.empty': ['本年度尚未安排演练', 'No drills planned this year'],
    'drill.new': ['制定演练计划', 'Plan a drill'],
    'drill.created': ['演练计划已制定', 'Drill planned'],
    'drill.name': ['演练名称', 'Drill'],
    'drill.kind': ['演练形式', 'Kind'],
    'drill.kind.tabletop': ['桌面推演', 'Tabletop'],
    'drill.kind.live': ['实战演练', 'Live'],
    'drill.planned_on': ['计划日期', 'Planned day'],
    'drill.state': ['状态', 'State'],
    'drill.late': ['已过计划日期', 'Past its day'],
    'drill.findings_n': ['发现问题', 'Findings'],
    'drill.scenario': ['演练情景', 'Scenario'],
    'drill.playbooks': ['演练的处置方案', 'Playbooks exercised'],
    'drill.playbooks_hint': ['选择预案后列出其处置方案', 'Choose a plan to list its playbooks'],
    'drill.participants': ['参演人员', 'Participants'],
    'drill.participants_hint': ['输入姓名选择，可选多人', 'Type a name to pick; several may be picked'],
    'drill.no_plans': ['没有生效的应急预案：请先批准预案', 'No plan in force: approve a plan first'],
    'drill.back': ['返回演练计划', 'Back to the drill plan'],
    'drill.steps': ['演练进程', 'Progress'],
    'drill.step.planned': ['计划', 'Plan'],
    'drill.step.running': ['实施', 'Run'],
    'drill.step.ended': ['结束', 'End'],
    'drill.step.summarised': ['总结', 'Summary'],
    'drill.step.notified': ['通报', 'Notice'],
    'drill.banner': ['演练（非真实事件）：演练事件不计入真实事件统计，不向上级报送。', 'A drill, not a real incident: never counted with real incidents nor reported upward.'],
    'drill.incident': ['演练事件', 'Drill incident'],
    'drill.incident_open': ['打开演练事件（倒计时与任务）', 'Open the drill incident (countdowns and tasks)'],
    'drill.started_at': ['开始时间', 'Started'],
    'drill.ended_at': ['结束时间', 'Ended'],
    'drill.reason': ['取消原因', 'Reason'],
    'drill.start': ['开始演练', 'Start the drill'],
    'drill.started': ['演练已开始：已生成演练事件', 'Drill started: the drill incident is open'],
    'drill.end': ['结束演练', 'End the drill'],
    'drill.end_confirm': ['确认结束演练', 'Confirm: end the drill'],
    'drill.ended': ['演练已结束', 'Drill ended'],
    'drill.cancel': ['取消演练', 'Cancel the drill'],
    'drill.cancelled': ['演练已取消', 'Drill cancelled'],
    'drill.summary': ['演练总结', 'Summary'],
    'drill.summarise': ['提交演练总结', 'Submit the summary'],
    'drill.summarised': ['演练总结已提交', 'Summary submitted'],
    'drill.notice': ['通报', 'Notice'],
    'drill.notify': ['发布通报', 'Issue the notice'],
    'drill.notified': ['通报已发布', 'Notice issued'],
    'drill.notice_download': ['下载通报', 'Download the notice'],
    'drill.findings': ['发现的问题及整改', 'Findings and rectification'],
    'drill.findings_empty': ['尚未登记问题', 'No findings recorded'],
    'drill.finding_new': ['登记发现的问题', 'Record a finding'],
    'drill.finding_added': ['问题已登记，整改任务已分派', 'Finding recorded, rectification assigned'],
    'drill.f.title': ['问题', 'Finding'],
    'drill.f.severity': ['严重程度', 'Severity'],
    'drill.f.department': ['责任部门', 'Department'],
    'drill.f.responsible': ['整改责任人', 'Responsible'],
    'drill.f.deadline': ['整改期限', 'Deadline'],
    'drill.f.plan': ['整改措施', 'Rectification plan'],
    'drill.f.revise': ['据此启动预案修订', 'Open a revision of the plan'],
    'drill.f.state': ['整改状态', 'State'],
    'drill.f.note': ['说明', 'Note'],
    'drill.f.tracker': ['整改跟踪', 'Tracker'],
    'drill.sev.low': ['一般', 'Low'],
    'drill.sev.medium': ['较重', 'Medium'],
    'drill.sev.high': ['严重', 'High'],
    'drill.timeline': ['演练经过', 'Timeline'],
    'drill.timeline_empty': ['暂无记录', 'Nothing yet'],
    'drill.overdue_task': ['逾期', 'Overdue']
  });

  function isZh() { return B.state.lang !== 'en'; }
  function colon() { return isZh() ? '：' : ': '; }
  function fval(form, name) {
    var el = form.querySelector('[name="' + name + '"]');
    return el ? el.value.trim() : '';
  }
  function thisYear() {
    /* the server's year (Beijing): the drill plan is of the Beijing year */
    var d = new Date(Date.now() + 8 * 3600 * 1000);
    return d.getUTCFullYear();
  }
  function stateBadge(d) {
    var kind = { planned: 'plain', running: 'warn', ended: 'info', summarised: 'info', notified: 'ok', cancelled: 'muted' }[d.state];
    return B.badge(d.state_zh, kind || 'plain');
  }
  function kindLabel(k) { return t('drill.kind.' + k); }
  function drillBadge() { return B.badge(t('drill.mark'), 'warn drill-mark'); }

  /* ------------------------------------------------------------------ the year's plan */

  function yearPage(ctx) {
    var el = ctx.el;
    var year = B.num(ctx.query.get('year'), thisYear());
    var manager = B.hasRole(MANAGERS);
    el.appendChild(B.pageHead(t('drill.year', { y: year }), [
      B.button(t('drill.prev_year'), function () { B.nav('drills', { year: year - 1 }); }, 'btn-small'),
      B.button(t('drill.next_year'), function () { B.nav('drills', { year: year + 1 }); }, 'btn-small'),
      manager ? B.button(t('drill.new'), function () { B.nav('drills/new'); }, 'btn-primary', { id: 'drill-new' }) : null
    ]));
    var body = h('div');
    el.appendChild(body);
    B.load(body, api('GET', '/api/v1/drills' + B.query({ year: year })), function (r) {
      body.appendChild(B.panel(t('drill.plans'), B.table([
        { label: t('drill.plan'), value: function (p) { return p.name; } },
        { label: t('drill.h1'), value: function (p) { return t('drill.n', { n: p.halves[0] }); }, class: 'num' },
        { label: t('drill.h2'), value: function (p) { return t('drill.n', { n: p.halves[1] }); }, class: 'num' },
        { label: t('drill.last_held'), value: function (p) { return p.last_held ? B.fmtDate(p.last_held) : t('drill.none_held'); }, class: 'nowrap' },
        { label: t('drill.due_on'), value: function (p) { return B.fmtDate(p.due_on); }, class: 'nowrap' },
        { label: t('drill.rule'), value: function (p) {
          return p.overdue ? B.badge(t('drill.overdue'), 'error') : B.badge(t('drill.in_time'), 'ok');
        }, class: 'nowrap' }
      ], r.plans || [], { class: 'drill-plans', empty: t('drill.no_plans') }), { id: 'drill-plans' }));
      body.appendChild(B.panel(t('drill.list'), B.table([
        { label: t('drill.planned_on'), value: function (d) { return B.fmtDate(d.planned_on); }, class: 'nowrap' },
        { label: t('drill.name'), value: function (d) { return B.link('drill/' + d.id, d.title, { class: 'drill-title' }); } },
        { label: t('drill.plan'), value: function (d) { return d.plan; } },
        { label: t('drill.kind'), value: function (d) { return kindLabel(d.kind); }, class: 'nowrap' },
        { label: t('drill.state'), value: function (d) {
          return h('span', null, stateBadge(d), d.late ? [' ', B.badge(t('drill.late'), 'error')] : null);
        }, class: 'nowrap' },
        { label: t('drill.findings_n'), value: function (d) { return String(d.findings); }, class: 'num' }
      ], r.items || [], { class: 'drill-table', empty: t('drill.empty'), rowAttrs: function (d) { return { 'data-state': d.state }; } }),
      { id: 'drill-list' }));
    });
  }

  /* ------------------------------------------------------------------ planning */

  function newForm(ctx) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('drill.new'), [B.button(t('drill.back'), function () { B.nav('drills'); }, 'btn-small')]));
    var body = h('div');
    el.appendChild(body);
    var people = api('GET', '/api/v1/drill-people').then(function (r) { return (r && r.items) || []; }, function () { return []; });
    B.load(body, Promise.all([api('GET', '/api/v1/plans?limit=200'), people]), function (res) {
      var plans = ((res[0] && res[0].items) || []).filter(function (p) { return p.status === 'approved' || p.status === 'filed'; });
      if (!plans.length) {
        body.appendChild(B.msg('warn', t('drill.no_plans')));
        return;
      }
      var known = {};
      res[1].forEach(function (p) { known[p.id] = p.name + (p.department ? (isZh() ? '（' + p.department + '）' : ' (' + p.department + ')') : ''); });
      var picker = B.picker('participants', { known: known, multiple: true });
      var planSel = B.select('plan_id', plans.map(function (p) {
        return { value: p.id, label: p.name + (isZh() ? '（第' + p.version + '版）' : ' (v' + p.version + ')') };
      }), '', null, t('common.choose'));
      var books = h('div', { class: 'drill-books', 'data-path': 'playbooks' }, h('span', { class: 'field-hint' }, t('drill.playbooks_hint')));
      planSel.addEventListener('change', function () {
        B.clear(books);
        if (!planSel.value) return;
        api('GET', '/api/v1/plans/' + encodeURIComponent(planSel.value)).then(function (p) {
          ((p.body && p.body.playbooks) || []).forEach(function (pb) {
            books.appendChild(h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'playbook', value: pb.code }), ' ', pb.name));
          });
        }, function () {});
      });
      var form = B.form({ id: 'drill-form', class: 'drill-form' }, [
        B.field(t('drill.plan'), planSel, { required: true }),
        B.field(t('drill.name'), B.input('title', '', { maxlength: 256 }), { required: true, wide: true }),
        B.field(t('drill.kind'), B.select('kind', [
          { value: 'tabletop', label: t('drill.kind.tabletop') }, { value: 'live', label: t('drill.kind.live') }], 'tabletop'), { required: true }),
        B.field(t('drill.planned_on'), B.input('planned_on', '', { type: 'date' }), { required: true }),
        B.field(t('drill.scenario'), h('textarea', { name: 'scenario', rows: '4', maxlength: '8000' }), { required: true, wide: true }),
        h('div', { class: 'field field-wide' }, h('label', null, t('drill.playbooks')), books, h('div', { class: 'field-error', hidden: true })),
        B.field(t('drill.participants'), picker.el, { wide: true, hint: t('drill.participants_hint') }),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('drill.new')))
      ], function (f) {
        var body = {
          plan_id: B.intOr(fval(f, 'plan_id')),
          title: fval(f, 'title'),
          kind: fval(f, 'kind'),
          planned_on: fval(f, 'planned_on'),
          scenario: fval(f, 'scenario'),
          playbooks: Array.prototype.map.call(f.querySelectorAll('input[name=playbook]:checked'), function (c) { return c.value; }),
          participants: picker.values()
        };
        return api('POST', '/api/v1/drills', body).then(function (d) {
          B.nav('drill/' + d.id);
        });
      });
      body.appendChild(B.panel(null, form));
    });
  }

  /* ------------------------------------------------------------------ a drill */

  function steps(d) {
    var at = STEPS.indexOf(d.state);
    return h('div', { class: 'drill-progress' }, h('span', { class: 'muted' }, t('drill.steps') + colon()),
      h('span', { class: 'steps', id: 'drill-steps' }, STEPS.map(function (s, i) {
        return h('span', { class: 'step' + (i < at ? ' step-done' : i === at ? ' step-current' : ''), 'data-step': s }, t('drill.step.' + s));
      })));
  }

  function act(d, action, text, okKey) {
    var body = { action: action };
    if (text !== undefined) body.text = text;
    return api('POST', '/api/v1/drills/' + encodeURIComponent(d.id) + '/actions', body).then(function () {
      flash = { kind: 'ok', text: t(okKey) };
      B.rerender();
    });
  }

  /* A form with one text (summary, 通报, reason) that runs the action. */
  function textActionForm(d, id, action, label, submit, okKey) {
    return B.form({ id: id, class: 'drill-text-form' }, [
      B.field(label, h('textarea', { name: 'text', rows: '5', maxlength: '8000' }), { required: true, wide: true }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, submit))
    ], function (f) {
      return act(d, action, fval(f, 'text'), okKey);
    });
  }

  function findingForm(d, depts) {
    var resp = B.accountPicker('responsible_id', {});
    return B.form({ id: 'drill-finding-form', class: 'drill-finding-form' }, [
      B.field(t('drill.f.title'), B.input('title', '', { maxlength: 256 }), { required: true, wide: true }),
      B.field(t('drill.f.severity'), B.select('severity', ['low', 'medium', 'high'].map(function (s) {
        return { value: s, label: t('drill.sev.' + s) };
      }), 'medium'), { required: true }),
      B.field(t('drill.f.department'), B.select('department_id', depts.map(function (x) { return { value: x.id, label: x.name }; }), '', null, t('common.none'))),
      B.field(t('drill.f.responsible'), resp.el, { required: true }),
      B.field(t('drill.f.deadline'), B.input('deadline', '', { type: 'date' }), { required: true }),
      B.field(t('drill.f.plan'), h('textarea', { name: 'plan', rows: '2', maxlength: '1000' }), { wide: true }),
      h('div', { class: 'field field-wide' }, h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'revise_plan', value: '1' }), ' ', t('drill.f.revise'))),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('drill.finding_new')))
    ], function (f) {
      if (resp.problem()) return Promise.reject(resp.problem());
      var body = {
        title: fval(f, 'title'),
        severity: fval(f, 'severity'),
        responsible_id: resp.value(),
        deadline: fval(f, 'deadline')
      };
      if (fval(f, 'department_id')) body.department_id = B.intOr(fval(f, 'department_id'));
      if (fval(f, 'plan')) body.plan = fval(f, 'plan');
      if (f.querySelector('input[name=revise_plan]').checked) body.revise_plan = true;
      return api('POST', '/api/v1/drills/' + encodeURIComponent(d.id) + '/findings', body).then(function () {
        flash = { kind: 'ok', text: t('drill.finding_added') };
        B.rerender();
      });
    });
  }

  function findingsTable(d) {
    return B.table([
      { label: t('drill.f.title'), value: function (f) { return f.title; } },
      { label: t('drill.f.severity'), value: function (f) { return f.severity_zh && isZh() ? f.severity_zh : t('drill.sev.' + f.severity); }, class: 'nowrap' },
      { label: t('drill.f.department'), value: function (f) { return f.department; } },
      { label: t('drill.f.responsible'), value: function (f) { return f.task ? f.task.responsible : ''; }, class: 'nowrap' },
      { label: t('drill.f.deadline'), value: function (f) { return f.task && f.task.deadline ? B.fmtDate(f.task.deadline) : ''; }, class: 'nowrap' },
      { label: t('drill.f.state'), value: function (f) {
        if (!f.task) return '';
        return h('span', null, B.badge(f.task.state_zh, f.task.state === 'verified' ? 'ok' : 'plain'),
          f.task.overdue ? [' ', B.badge(t('drill.overdue_task'), 'error')] : null);
      }, class: 'nowrap' },
      { label: t('drill.f.note'), value: function (f) { return f.note; } }
    ], d.findings || [], { class: 'drill-findings', empty: t('drill.findings_empty') });
  }

  function timeline(d) {
    var items = d.timeline || [];
    if (!items.length) return h('p', { class: 'muted' }, t('drill.timeline_empty'));
    return h('ol', { class: 'timeline drill-timeline' }, items.map(function (e) {
      return h('li', null, h('span', { class: 'tl-time' }, B.fmtTime(e.at)), ' ',
        h('strong', null, e.action_zh), e.by ? ' · ' + e.by : '', e.detail ? h('div', { class: 'tl-detail' }, e.detail) : null);
    }));
  }

  var flash = null;

  function detailPage(ctx, id) {
    var el = ctx.el;
    var manager = B.hasRole(MANAGERS);
    el.appendChild(B.pageHead(t('drill.title'), B.hasRole(WATCH) ? [B.button(t('drill.back'), function () { B.nav('drills'); }, 'btn-small')] : []));
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text));
      flash = null;
    }
    var body = h('div');
    el.appendChild(body);
    var depts = api('GET', '/api/v1/departments?limit=500').then(function (r) { return (r && r.items) || []; }, function () { return []; });
    B.load(body, Promise.all([api('GET', '/api/v1/drills/' + encodeURIComponent(id)), depts]), function (res) {
      var d = res[0];
      body.appendChild(h('div', { class: 'carrier-head drill-head', id: 'drill-head', 'data-state': d.state },
        h('span', { class: 'carrier-head-title' }, d.title),
        h('span', { class: 'badges' }, drillBadge(), B.badge(kindLabel(d.kind), 'plain'), stateBadge(d),
          d.late ? B.badge(t('drill.late'), 'error') : null)));
      body.appendChild(B.msg('warn', t('drill.banner')));
      if (d.state !== 'cancelled') body.appendChild(steps(d));
      var grid = h('div', { class: 'carrier-cols' });
      var left = h('div', { class: 'carrier-col' });
      var right = h('div', { class: 'carrier-col' });
      grid.appendChild(left);
      grid.appendChild(right);
      body.appendChild(grid);

      left.appendChild(B.panel(null, B.kv([
        [t('drill.plan'), d.plan],
        [t('drill.kind'), kindLabel(d.kind)],
        [t('drill.planned_on'), B.fmtDate(d.planned_on)],
        [t('drill.playbooks'), (d.playbooks || []).map(function (p) { return p.name; }).join(isZh() ? '、' : ', ')],
        [t('drill.participants'), (d.participants || []).map(function (p) {
          return p.name + (p.department ? (isZh() ? '（' + p.department + '）' : ' (' + p.department + ')') : '');
        }).join(isZh() ? '、' : ', ')],
        d.started_at ? [t('drill.started_at'), B.fmtTime(d.started_at)] : null,
        d.ended_at ? [t('drill.ended_at'), B.fmtTime(d.ended_at)] : null,
        d.incident_id ? [t('drill.incident'), B.link('incidents/' + d.incident_id, t('drill.incident_open'), { id: 'drill-incident' })] : null,
        d.reason ? [t('drill.reason'), d.reason] : null
      ]), { id: 'drill-facts' }));
      left.appendChild(B.panel(t('drill.scenario'), h('p', { class: 'pre' }, d.scenario), { id: 'drill-scenario' }));

      /* what the officer or the emergency command does next */
      if (manager) {
        var actions = [];
        if (d.state === 'planned') {
          actions.push(B.button(t('drill.start'), function () { act(d, 'start', undefined, 'drill.started'); }, 'btn-primary', { id: 'drill-start' }));
          actions.push(h('details', { class: 'drill-cancel' }, h('summary', null, t('drill.cancel')),
            textActionForm(d, 'drill-cancel-form', 'cancel', t('drill.reason'), t('drill.cancel'), 'drill.cancelled')));
        } else if (d.state === 'running') {
          actions.push(B.confirmButton(t('drill.end'), t('drill.end_confirm'), function () { act(d, 'end', undefined, 'drill.ended'); }, 'btn-primary'));
          actions[0].id = 'drill-end';
        } else if (d.state === 'ended') {
          actions.push(textActionForm(d, 'drill-summary-form', 'summarise', t('drill.summary'), t('drill.summarise'), 'drill.summarised'));
        } else if (d.state === 'summarised') {
          actions.push(textActionForm(d, 'drill-notice-form', 'notify', t('drill.notice'), t('drill.notify'), 'drill.notified'));
        }
        if (actions.length) left.appendChild(B.panel(t('common.actions'), actions, { id: 'drill-actions' }));
      }

      var fpanel = [findingsTable(d)];
      if (manager && ['running', 'ended', 'summarised'].indexOf(d.state) >= 0) {
        fpanel.push(h('details', { class: 'drill-finding-new', id: 'drill-finding-new' }, h('summary', null, t('drill.finding_new')), findingForm(d, res[1])));
      }
      left.appendChild(B.panel(t('drill.findings'), fpanel, { id: 'drill-findings' }));
      if (d.summary) left.appendChild(B.panel(t('drill.summary'), h('p', { class: 'pre' }, d.summary), { id: 'drill-summary' }));
      if (d.notice) {
        var base = '/api/v1/drills/' + encodeURIComponent(d.id) + '/notice';
        left.appendChild(B.panel(t('drill.notice'), [
          h('p', { class: 'pre' }, d.notice),
          h('div', { class: 'downloads', id: 'drill-downloads' }, h('div', { class: 'dl-line' },
            h('span', { class: 'dl-label' }, t('drill.notice_download')),
            h('a', { class: 'btn btn-small', href: base + '?format=pdf', download: '', 'data-form': 'notice-pdf' }, 'PDF'),
            h('a', { class: 'btn btn-small', href: base + '?format=html', target: '_blank', rel: 'noopener', 'data-form': 'notice-html' }, 'HTML')))
        ], { id: 'drill-notice' }));
      }
      right.appendChild(B.panel(t('drill.timeline'), timeline(d), { id: 'drill-timeline' }));
    });
  }

  B.registerModule({
    id: 'drills', group: 'business', order: 45, label: 'nav.drills', roles: WATCH,
    render: function (ctx) {
      if (ctx.params[0] === 'new' && B.hasRole(MANAGERS)) return newForm(ctx);
      return yearPage(ctx);
    }
  });
  /* one drill: its participants read it too (the server decides) */
  B.registerModule({
    id: 'drill', group: 'business', order: 46, label: 'nav.drills', roles: BUSINESS, menu: false,
    render: function (ctx) {
      return detailPage(ctx, ctx.params[0] || '0');
    }
  });
})();
