/*
 * baomi web UI — 保密教育培训: the sessions of a year, a session with its attendees and the bulk
 * sign-in (people picked by name, or whole departments) with test scores, a person's record
 * (yearly hours against the target of their class), the yearly statistics by department and class
 * with the PDF and XLSX files, and the targets the security administrator sets.
 *
 * Who may do what is the server's (src/api/api_training.c): the 保密员 records sessions and
 * attendance; the 保密员 and 分管领导 read everything, a 部门负责人 their department; anyone else
 * their own record. This file only decides which controls to offer.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;
  var panel = B.panel;

  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var KINDS = ['pre_post', 'in_post', 'topic', 'holiday'];
  var TABS = ['sessions', 'stats', 'person'];
  var flash = null; /* a message for the next page drawn: {kind, text} */

  B.addStrings({
    'nav.training': ['教育培训', 'Training'],
    'todo.kind.holiday_training': ['节前教育', 'Pre-holiday education'],
    'tile.training': ['保密教育培训记录、签到、个人学时与年度统计', 'Training sessions, attendance, hours and statistics'],
    'nav.training_targets': ['培训学时要求', 'Training targets'],
    'tile.training-targets': ['各类人员年度保密教育培训学时要求', 'Yearly training hours per class of staff'],
    'tkind.pre_post': ['岗前培训', 'Pre-post training'],
    'tkind.in_post': ['在岗培训', 'In-post training'],
    'tkind.topic': ['专题培训', 'Topical training'],
    'tkind.holiday': ['节前教育', 'Pre-holiday education'],
    'tr.title': ['保密教育培训', 'Security education and training'],
    'tr.tab.sessions': ['培训记录', 'Sessions'],
    'tr.tab.stats': ['年度统计', 'Statistics'],
    'tr.tab.person': ['个人档案', 'Personal records'],
    'tr.year': ['年度', 'Year'],
    'tr.new': ['登记培训', 'Record a session'],
    'tr.kind': ['培训类别', 'Kind'],
    'tr.held_on': ['培训日期', 'Date'],
    'tr.hours': ['学时', 'Hours'],
    'tr.hours_hint': ['可填小数，如 1.5', 'Decimals allowed, e.g. 1.5'],
    'tr.topic': ['培训主题', 'Title'],
    'tr.trainer': ['授课人', 'Trainer'],
    'tr.material': ['培训材料', 'Material'],
    'tr.material_hint': ['材料名称或附件文件名', 'The material or the name of its file'],
    'tr.attendees': ['参训人数', 'Attendees'],
    'tr.save': ['保存', 'Save'],
    'tr.created': ['培训已登记，请签到参训人员', 'Session recorded: now sign the attendees in'],
    'tr.empty': ['本年度尚无培训记录', 'No sessions this year'],
    'tr.back': ['返回培训记录', 'All sessions'],
    'tr.detail': ['培训信息', 'Session'],
    'tr.list': ['参训人员', 'Attendees'],
    'tr.name': ['姓名', 'Name'],
    'tr.dept': ['部门', 'Department'],
    'tr.class': ['人员类别', 'Staff class'],
    'tr.score': ['考试成绩', 'Test score'],
    'tr.no_score': ['未考试', 'none'],
    'tr.remove': ['移除', 'Remove'],
    'tr.remove_confirm': ['确认移除？', 'Confirm?'],
    'tr.removed': ['已移除 {name}', '{name} removed'],
    'tr.sign': ['批量签到', 'Sign in'],
    'tr.sign_people': ['参训人员', 'People'],
    'tr.sign_people_hint': ['输入姓名查找并选择，可选多人', 'Type a name and pick; several may be picked'],
    'tr.sign_depts': ['整个部门签到', 'Whole departments'],
    'tr.sign_depts_hint': ['勾选的部门的全部在岗人员签到', 'Everyone in post in the ticked departments'],
    'tr.sign_submit': ['签到', 'Sign in'],
    'tr.signed': ['已签到 {n} 人', '{n} signed in'],
    'tr.sign_none': ['请选择参训人员或部门', 'Pick people or departments'],
    'tr.scores_save': ['保存成绩', 'Save scores'],
    'tr.scores_saved': ['成绩已保存', 'Scores saved'],
    'tr.score_bad': ['成绩应为 0 到 100 的整数', 'A score is a whole number from 0 to 100'],
    'tr.person_pick': ['查看人员', 'Person'],
    'tr.person_hint': ['输入姓名查找人员', 'Type a name'],
    'tr.person_show': ['查看档案', 'Show record'],
    'tr.record': ['{name} 的培训档案', 'Training record of {name}'],
    'tr.my_record': ['我的培训档案', 'My training record'],
    'tr.hours_year': ['{year} 年学时', 'Hours in {year}'],
    'tr.target': ['年度要求', 'Yearly target'],
    'tr.below': ['未达标', 'Below target'],
    'tr.reached': ['已达标', 'Target reached'],
    'tr.pre_post': ['岗前培训', 'Pre-post training'],
    'tr.pre_post_done': ['已完成', 'Done'],
    'tr.pre_post_missing': ['未完成', 'Missing'],
    'tr.commitment': ['保密承诺书', 'Commitment'],
    'tr.commitment_done': ['已签订', 'Signed'],
    'tr.commitment_missing': ['未签订', 'Not signed'],
    'tr.status': ['在岗状态', 'Status'],
    'tr.sessions_year': ['本年度参加的培训', 'Sessions this year'],
    'tr.no_sessions': ['本年度尚未参加培训', 'No sessions this year'],
    'tr.totals': ['总体情况', 'Overview'],
    'tr.people': ['在岗人数', 'People in post'],
    'tr.trained': ['参训人数', 'Trained'],
    'tr.total_hours': ['总学时', 'Total hours'],
    'tr.below_n': ['未达标人数', 'Below target'],
    'tr.by_dept': ['按部门统计', 'By department'],
    'tr.by_class': ['按人员类别统计', 'By staff class'],
    'tr.below_list': ['未达到年度学时要求人员', 'Below the yearly target'],
    'tr.below_none': ['全部达标', 'Everyone reached the target'],
    'tr.no_dept': ['（未分部门）', '(no department)'],
    'tr.pdf': ['下载统计表（PDF）', 'Download (PDF)'],
    'tr.xlsx': ['下载统计表（Excel）', 'Download (Excel)'],
    'tr.targets': ['年度培训学时要求', 'Yearly training targets'],
    'tr.targets_hint': ['各类人员每年应完成的保密教育培训学时（0 到 200，可填一位小数）。', 'Hours each class of staff is to attend a year (0 to 200, one decimal).'],
    'tr.targets_saved': ['学时要求已保存', 'Targets saved'],
    'tr.readonly': ['培训由保密员登记；您可以查看。', 'The officer records sessions; you may read them.']
  });

  function isOfficer() { return B.hasRole(['officer']); }
  function readsUnit() { return B.hasRole(['officer', 'leader', 'dept_head']); }
  function thisYear() {
    /* the Beijing year */
    return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  }
  function hours(v) { return String(Math.round(Number(v) * 10) / 10); }
  function kindLabel(k) { return KINDS.indexOf(k) >= 0 ? t('tkind.' + k) : '—'; }
  function yearOf(ctx) {
    var y = parseInt(ctx.query.get('year'), 10);
    return y >= 2000 && y <= 2099 ? y : thisYear();
  }

  /* The page frame: title, tabs for those who read the unit, and the year picker. */
  function frame(ctx, tab, year) {
    var tabs = readsUnit() ? h('nav', { class: 'sub-tabs', id: 'training-tabs', 'aria-label': t('tr.title') }, TABS.map(function (k) {
      return B.link('training/' + k + B.query({ year: year }), t('tr.tab.' + k), {
        class: 'sub-tab' + (k === tab ? ' active' : ''), 'aria-current': k === tab ? 'page' : null, 'data-tab': k
      });
    })) : null;
    var years = [];
    for (var y = thisYear(); y >= thisYear() - 4; y--) years.push({ value: y, label: String(y) });
    var sel = B.select('year', years, year, { id: 'training-year', 'aria-label': t('tr.year') });
    sel.addEventListener('change', function () { B.nav('training/' + tab, { year: sel.value }); });
    var actions = [h('label', { class: 'training-year' }, t('tr.year'), sel)];
    if (isOfficer() && tab === 'sessions') actions.push(B.button(t('tr.new'), function () { B.nav('training/new'); }, 'btn-primary', { id: 'training-new' }));
    ctx.el.appendChild(B.pageHead(t('tr.title'), actions));
    if (tabs) ctx.el.appendChild(tabs);
    var body = h('div', { class: 'training-body' });
    ctx.el.appendChild(body);
    return body;
  }

  /* ---- sessions */

  function sessions(ctx) {
    var year = yearOf(ctx);
    var body = frame(ctx, 'sessions', year);
    B.load(body, api('GET', '/api/v1/training/sessions' + B.query({ year: year, limit: 500 })), function (r) {
      if (!isOfficer()) body.appendChild(B.msg('info', t('tr.readonly')));
      body.appendChild(B.table([
        { label: t('tr.held_on'), value: function (s) { return s.held_on; } },
        { label: t('tr.kind'), value: function (s) { return kindLabel(s.kind); } },
        { label: t('tr.topic'), value: function (s) { return B.link('training/session/' + s.id, s.title); } },
        { label: t('tr.trainer'), value: function (s) { return s.trainer; } },
        { label: t('tr.hours'), value: function (s) { return hours(s.hours); }, class: 'num' },
        { label: t('tr.attendees'), value: function (s) { return String(s.attendees); }, class: 'num' }
      ], r.items, { empty: t('tr.empty'), class: 'training-sessions' }));
    });
  }

  function newSession(ctx) {
    ctx.el.appendChild(B.pageHead(t('tr.new'), [B.link('training', t('tr.back'))]));
    var today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    var form = B.form({ id: 'training-form', class: 'grid-form' }, [
      B.field(t('tr.kind'), B.select('kind', KINDS.map(function (k) { return { value: k, label: kindLabel(k) }; }), 'in_post'), { required: true }),
      B.field(t('tr.held_on'), B.input('held_on', today, { type: 'date' }), { required: true }),
      B.field(t('tr.hours'), B.input('hours', '', { inputmode: 'decimal' }), { required: true, hint: t('tr.hours_hint') }),
      B.field(t('tr.topic'), B.input('title', '', { maxlength: 200 }), { required: true, wide: true }),
      B.field(t('tr.trainer'), B.input('trainer', '', { maxlength: 128 }), { required: true }),
      B.field(t('tr.material'), B.input('material', '', { maxlength: 400 }), { wide: true, hint: t('tr.material_hint') }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('tr.save')))
    ], function (f) {
      var hv = f.elements.hours.value.trim();
      var body = {
        kind: f.elements.kind.value, held_on: f.elements.held_on.value, title: f.elements.title.value,
        trainer: f.elements.trainer.value, material: f.elements.material.value,
        hours: hv !== '' && !isNaN(Number(hv)) ? Number(hv) : hv
      };
      return api('POST', '/api/v1/training/sessions', body).then(function (s) {
        B.nav('training/session/' + s.id, { created: 1 });
      });
    });
    ctx.el.appendChild(panel(null, form));
  }

  /* Everyone the caller may sign in, "name（department）", for the picker. */
  function peopleKnown() {
    return Promise.all([
      api('GET', '/api/v1/people' + B.query({ status: 'active', limit: 500 })),
      api('GET', '/api/v1/departments' + B.query({ limit: 500 }))
    ]).then(function (r) {
      var dn = {};
      r[1].items.forEach(function (d) { dn[d.id] = d.name; });
      var known = {};
      r[0].items.forEach(function (p) { known[p.id] = p.name + (dn[p.department_id] ? '（' + dn[p.department_id] + '）' : ''); });
      return { known: known, depts: r[1].items };
    });
  }

  function sessionPage(ctx, id) {
    ctx.el.appendChild(B.pageHead(t('tr.detail'), [B.link('training', t('tr.back'))]));
    var box = h('div');
    ctx.el.appendChild(box);
    var loads = [api('GET', '/api/v1/training/sessions/' + encodeURIComponent(id))];
    if (isOfficer()) loads.push(peopleKnown());
    B.load(box, Promise.all(loads), function (r) {
      var s = r[0];
      if (flash) {
        box.appendChild(B.msg(flash.kind, flash.text));
        flash = null;
      } else if (ctx.query.get('created')) {
        box.appendChild(B.msg('ok', t('tr.created')));
      }
      box.appendChild(panel(s.title, B.kv([
        [t('tr.kind'), kindLabel(s.kind)], [t('tr.held_on'), s.held_on], [t('tr.hours'), hours(s.hours)],
        [t('tr.trainer'), s.trainer], [t('tr.material'), s.material], [t('tr.attendees'), String(s.attendees)]
      ]), { id: 'training-detail' }));
      if (isOfficer()) box.appendChild(signPanel(s, r[1]));
      box.appendChild(attendeePanel(s));
    });
  }

  function signPanel(s, people) {
    var pick = B.picker('person_ids', { known: people.known, multiple: true, placeholder: t('tr.sign_people_hint') });
    var depts = h('fieldset', { class: 'checks', 'data-path': 'department_ids' }, h('legend', null, t('tr.sign_depts')),
      people.depts.map(function (d) {
        return h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'dept', value: String(d.id) }), d.name);
      }));
    var form = B.form({ id: 'training-sign' }, [
      B.field(t('tr.sign_people'), pick.el, { wide: true }),
      depts, h('div', { class: 'field-hint' }, t('tr.sign_depts_hint')),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('tr.sign_submit')))
    ], function (f) {
      var ids = pick.values();
      var dids = [];
      f.querySelectorAll('input[name=dept]:checked').forEach(function (c) { dids.push(Number(c.value)); });
      if (!ids.length && !dids.length) {
        return Promise.reject(new B.ApiError(400, { error: { code: 'client', message: t('tr.sign_none'), message_en: t('tr.sign_none'), field: 'person_ids' } }));
      }
      return api('POST', '/api/v1/training/sessions/' + s.id + '/attendance', { person_ids: ids, department_ids: dids }).then(function (r) {
        flash = { kind: 'ok', text: t('tr.signed', { n: r.added }) };
        B.navigate('training/session/' + s.id);
      });
    });
    return panel(t('tr.sign'), form, { id: 'training-sign-panel' });
  }

  function attendeePanel(s) {
    var officer = isOfficer();
    var inputs = {};
    var cols = [
      { label: t('tr.name'), value: function (a) { return officer || readsUnit() ? B.link('training/person/' + a.person_id, a.name) : a.name; } },
      { label: t('tr.dept'), value: function (a) { return a.department || t('tr.no_dept'); } },
      { label: t('tr.class'), value: function (a) { return a.staff_class_zh && B.state.lang !== 'en' ? a.staff_class_zh : B.enumLabel('staff_classes', a.staff_class); } },
      { label: t('tr.score'), class: 'num', value: function (a) {
        if (!officer) return a.score === null ? t('tr.no_score') : String(a.score);
        var inp = B.input('score', a.score === null ? '' : String(a.score), { inputmode: 'numeric', class: 'score-input', 'aria-label': t('tr.score') + ' ' + a.name, size: 4 });
        inputs[a.person_id] = { el: inp, was: a.score === null ? '' : String(a.score) };
        return inp;
      } }
    ];
    if (officer) {
      cols.push({ label: '', value: function (a) {
        return B.confirmButton(t('tr.remove'), t('tr.remove_confirm'), function () {
          api('POST', '/api/v1/training/sessions/' + s.id + '/attendance', { remove: [a.person_id] }).then(function () {
            flash = { kind: 'ok', text: t('tr.removed', { name: a.name }) };
          }, function (err) {
            flash = { kind: 'error', text: B.errorText(err) };
          }).then(function () { B.navigate('training/session/' + s.id); });
        }, 'btn-small');
      } });
    }
    var table = B.table(cols, s.attendee_list, { class: 'training-attendees' });
    if (!officer) return panel(t('tr.list'), table, { id: 'training-attendees' });
    var form = B.form({ id: 'training-scores' }, [table,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('tr.scores_save')))], function (f) {
      var scores = [];
      var bad = null;
      Object.keys(inputs).forEach(function (pid) {
        var v = inputs[pid].el.value.trim();
        if (v === inputs[pid].was) return;
        if (v !== '' && !/^\d{1,3}$/.test(v)) bad = inputs[pid].el;
        scores.push({ person_id: Number(pid), score: v === '' ? null : Number(v) });
      });
      if (bad) {
        bad.classList.add('invalid');
        return Promise.reject(new B.ApiError(400, { error: { code: 'client', message: t('tr.score_bad'), message_en: t('tr.score_bad') } }));
      }
      if (!scores.length) return null;
      return api('POST', '/api/v1/training/sessions/' + s.id + '/attendance', { scores: scores }).then(function () {
        Object.keys(inputs).forEach(function (pid) { inputs[pid].was = inputs[pid].el.value.trim(); });
        B.formNotice(f, 'ok', t('tr.scores_saved'));
      });
    });
    return panel(t('tr.list'), form, { id: 'training-attendees' });
  }

  /* ---- a person's record */

  function recordView(r) {
    var status = r.below_target ? B.badge(t('tr.below'), 'warn') : B.badge(t('tr.reached'), 'ok');
    return h('div', { class: 'training-record' },
      B.kv([
        [t('tr.dept'), r.department || t('tr.no_dept')],
        [t('tr.class'), B.state.lang === 'en' ? B.enumLabel('staff_classes', r.staff_class) : r.staff_class_zh],
        [t('tr.status'), r.status_zh],
        [t('tr.hours_year', { year: r.year }), h('span', null, hours(r.hours) + ' / ' + hours(r.target) + ' ', status)],
        [t('tr.pre_post'), r.pre_post_done ? t('tr.pre_post_done') : B.badge(t('tr.pre_post_missing'), 'warn')],
        [t('tr.commitment'), r.commitment_signed ? t('tr.commitment_done') : B.badge(t('tr.commitment_missing'), 'warn')]
      ]),
      h('h3', null, t('tr.sessions_year')),
      B.table([
        { label: t('tr.held_on'), value: function (s) { return s.held_on; } },
        { label: t('tr.kind'), value: function (s) { return kindLabel(s.kind); } },
        { label: t('tr.topic'), value: function (s) { return s.title; } },
        { label: t('tr.hours'), value: function (s) { return hours(s.hours); }, class: 'num' },
        { label: t('tr.score'), value: function (s) { return s.score === null ? t('tr.no_score') : String(s.score); }, class: 'num' }
      ], r.sessions, { empty: t('tr.no_sessions'), class: 'training-record-sessions' }));
  }

  function showRecord(box, pid, year, title) {
    B.load(box, api('GET', '/api/v1/training/people/' + encodeURIComponent(pid) + B.query({ year: year })), function (r) {
      box.appendChild(panel(title ? title(r) : t('tr.record', { name: r.name }), recordView(r), { id: 'training-record' }));
    });
  }

  function personTab(ctx, pid) {
    var year = yearOf(ctx);
    var body = frame(ctx, 'person', year);
    var out = h('div');
    B.load(body, peopleKnownForRead(), function (known) {
      var pick = B.picker('person', { known: known, placeholder: t('tr.person_hint'), value: pid });
      var form = B.form({ id: 'training-person-form', class: 'inline-form' }, [
        B.field(t('tr.person_pick'), pick.el),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('tr.person_show')))
      ], function () {
        var problem = pick.problem();
        if (problem) return Promise.reject(problem);
        var id = pick.value();
        if (id !== undefined) B.nav('training/person/' + id, { year: year });
        return null;
      });
      body.appendChild(panel(null, form));
      body.appendChild(out);
      if (pid) showRecord(out, pid, year);
    });
  }

  /* The people a reader may open: the people list as need-to-know gives it. */
  function peopleKnownForRead() {
    return api('GET', '/api/v1/people' + B.query({ limit: 500 })).then(function (r) {
      var known = {};
      r.items.forEach(function (p) { known[p.id] = p.name; });
      return known;
    });
  }

  function myRecord(ctx) {
    var year = yearOf(ctx);
    var body = frame(ctx, 'person', year);
    var pid = ctx.account && ctx.account.person_id;
    if (!pid) {
      body.appendChild(B.errorBox(new B.ApiError(403, { error: { code: 'forbidden' } })));
      return;
    }
    showRecord(body, pid, year, function () { return t('tr.my_record'); });
  }

  /* ---- statistics */

  function tallyCols(first) {
    return [first,
      { label: t('tr.people'), value: function (x) { return String(x.people); }, class: 'num' },
      { label: t('tr.trained'), value: function (x) { return String(x.trained); }, class: 'num' },
      { label: t('tr.total_hours'), value: function (x) { return hours(x.hours); }, class: 'num' },
      { label: t('tr.below_n'), value: function (x) { return String(x.below_target); }, class: 'num' }];
  }

  function stats(ctx) {
    var year = yearOf(ctx);
    var body = frame(ctx, 'stats', year);
    B.load(body, api('GET', '/api/v1/training/stats' + B.query({ year: year })), function (s) {
      var base = '/api/v1/training/stats/report' + B.query({ year: year });
      body.appendChild(panel(t('tr.totals'), [
        B.kv([[t('tr.people'), String(s.totals.people)], [t('tr.trained'), String(s.totals.trained)],
          [t('tr.total_hours'), hours(s.totals.hours)], [t('tr.below_n'), String(s.totals.below_target)]]),
        h('div', { class: 'downloads', id: 'training-downloads' },
          h('a', { class: 'btn btn-primary', href: base + '&format=pdf', download: '', id: 'training-pdf' }, t('tr.pdf')),
          h('a', { class: 'btn', href: base + '&format=xlsx', download: '', id: 'training-xlsx' }, t('tr.xlsx')))
      ], { id: 'training-totals' }));
      body.appendChild(panel(t('tr.by_dept'), B.table(tallyCols(
        { label: t('tr.dept'), value: function (x) { return x.department || t('tr.no_dept'); } }), s.by_department, { class: 'training-by-dept' })));
      var classCols = tallyCols({ label: t('tr.class'), value: function (x) { return B.state.lang === 'en' ? B.enumLabel('staff_classes', x.staff_class) : x.staff_class_zh; } });
      classCols.splice(1, 0, { label: t('tr.target'), value: function (x) { return hours(x.target); }, class: 'num' });
      body.appendChild(panel(t('tr.by_class'), B.table(classCols, s.by_class, { class: 'training-by-class' })));
      body.appendChild(panel(t('tr.below_list'), B.table([
        { label: t('tr.name'), value: function (x) { return B.link('training/person/' + x.person_id + B.query({ year: year }), x.name); } },
        { label: t('tr.dept'), value: function (x) { return x.department || t('tr.no_dept'); } },
        { label: t('tr.class'), value: function (x) { return B.state.lang === 'en' ? B.enumLabel('staff_classes', x.staff_class) : x.staff_class_zh; } },
        { label: t('tr.hours'), value: function (x) { return hours(x.hours); }, class: 'num' },
        { label: t('tr.target'), value: function (x) { return hours(x.target); }, class: 'num' }
      ], s.below_target, { empty: t('tr.below_none'), class: 'training-below' }), { id: 'training-below' }));
    });
  }

  /* ---- targets (the security administrator) */

  function targets(ctx) {
    ctx.el.appendChild(B.pageHead(t('tr.targets')));
    var box = h('div');
    ctx.el.appendChild(box);
    B.load(box, api('GET', '/api/v1/training/targets'), function (r) {
      var form = B.form({ id: 'training-targets', class: 'grid-form' }, [
        h('p', { class: 'field-wide muted' }, t('tr.targets_hint')),
        r.items.map(function (x) {
          return B.field(B.state.lang === 'en' ? B.enumLabel('staff_classes', x.staff_class) : x.staff_class_zh,
            B.input(x.staff_class, hours(x.hours), { inputmode: 'decimal' }));
        }),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('tr.save')))
      ], function (f) {
        var body = {};
        r.items.forEach(function (x) {
          var v = f.elements[x.staff_class].value.trim();
          body[x.staff_class] = v !== '' && !isNaN(Number(v)) ? Number(v) : v;
        });
        return api('PUT', '/api/v1/training/targets', body).then(function () { B.formNotice(f, 'ok', t('tr.targets_saved')); });
      });
      box.appendChild(panel(null, form));
    });
  }

  B.registerModule({
    id: 'training', group: 'business', order: 80, label: 'nav.training', roles: BUSINESS,
    render: function (ctx) {
      var what = ctx.params[0];
      if (!readsUnit()) return myRecord(ctx);
      if (what === 'new') {
        if (!isOfficer()) {
          ctx.el.appendChild(B.errorBox(new B.ApiError(403, { error: { code: 'forbidden' } })));
          return;
        }
        return newSession(ctx);
      }
      if (what === 'session' && ctx.params[1]) return sessionPage(ctx, ctx.params[1]);
      if (what === 'stats') return stats(ctx);
      if (what === 'person') return personTab(ctx, ctx.params[1]);
      return sessions(ctx);
    }
  });

  B.registerModule({
    id: 'training-targets', group: 'system', order: 60, label: 'nav.training_targets', roles: ['secadmin'],
    render: targets
  });
})();
