/*
 * baomi web UI — self-inspection (保密自查): the campaign board (each campaign's four phases as a
 * timeline with today's phase marked, counts of findings and of open and overdue rectification),
 * the campaign form (checklist from the shipped template, phase dates, departments, inspectors),
 * and per campaign: checklist filling per department (符合/不符合/不适用 with a note, evidence
 * files with their SHA-256, the department's live score), baomi-check report import, the findings
 * list with rectification assignment, the rectification tracker with superior spot checks, and the
 * scores with the campaign report as PDF and XLSX. Also the rectification tracker page (整改跟踪)
 * and a home panel with the user's open rectification tasks.
 *
 * Who may do what is the server's (src/api/api_inspect.c): the 保密员 and the campaign's
 * inspectors record results, evidence, reports, findings, tasks and spot checks; the 保密员 and
 * 分管领导 read whole campaigns, a 部门负责人 their department; the responsible person starts and
 * completes a task, inspectors verify or reject it, nobody verifies their own work. This file only
 * decides which controls to offer; every refusal comes from the server with its own message.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var nav = B.nav, panel = B.panel, intOr = B.intOr;
  var api = B.api;

  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var READ_ALL = ['officer', 'leader'];
  var PHASES = ['find', 'targeted', 'rectify', 'spot'];
  var RESULTS = ['compliant', 'noncompliant', 'na'];
  var SEVERITIES = ['high', 'medium', 'low'];
  var SOURCES = ['check', 'inspection'];
  var RSTATES = ['open', 'in_progress', 'done', 'verified'];
  var OPEN_STATES = ['open', 'in_progress'];
  var TABS = ['overview', 'fill', 'reports', 'findings', 'rect', 'score'];

  B.addStrings({
    'nav.inspect': ['保密自查', 'Self-inspection'],
    'nav.rect_tasks': ['整改跟踪', 'Rectification'],
    'tile.inspect': ['自查活动、检查表填报、问题清单与检查报告', 'Campaigns, checklists, findings and reports'],
    'tile.rect-tasks': ['整改任务的办理、验证与逾期提醒', 'Rectification tasks, verification and overdue ones'],
    'rect.from_drill': ['应急演练：', 'Drill: '],

    'iphase.find': ['查摆问题', 'Finding problems'],
    'iphase.targeted': ['专项检查', 'Targeted inspection'],
    'iphase.rectify': ['整改落实', 'Rectification'],
    'iphase.spot': ['上级督查', 'Superior spot checks'],
    'ires.compliant': ['符合', 'Compliant'],
    'ires.noncompliant': ['不符合', 'Non-compliant'],
    'ires.na': ['不适用', 'Not applicable'],
    'ires.none': ['未检查', 'Not checked'],
    'isev.high': ['严重', 'Severe'],
    'isev.medium': ['较重', 'Serious'],
    'isev.low': ['一般', 'Minor'],
    'isrc.check': ['检查工具报告', 'baomi-check report'],
    'isrc.inspection': ['现场检查', 'Inspection'],
    'rstate.open': ['待整改', 'Open'],
    'rstate.in_progress': ['整改中', 'In progress'],
    'rstate.done': ['已整改（待验证）', 'Done (to verify)'],
    'rstate.verified': ['已验证', 'Verified'],
    'raction.start': ['开始整改', 'Start'],
    'raction.done': ['整改完成', 'Mark done'],
    'raction.verify': ['验证通过', 'Verify'],
    'raction.reject': ['退回整改', 'Reject'],

    'insp.title': ['保密自查', 'Self-inspection campaigns'],
    'insp.new': ['新建检查活动', 'New campaign'],
    'insp.empty': ['尚无检查活动', 'No campaigns yet'],
    'insp.closed': ['已结束', 'Closed'],
    'insp.not_in_phase': ['不在任何阶段', 'Outside every phase'],
    'insp.today': ['今天', 'today'],
    'insp.open_end': ['未定', 'open'],
    'insp.unset': ['未安排', 'not scheduled'],
    'insp.findings': ['问题', 'Findings'],
    'insp.unassigned': ['未布置整改', 'Not assigned'],
    'insp.rect_open': ['整改未完成', 'Rectification open'],
    'insp.rect_overdue': ['整改逾期', 'Overdue'],
    'insp.to_verify': ['待验证', 'To verify'],
    'insp.counts_hidden': ['（问题统计仅保密员、分管领导、检查人员和受检部门负责人可见）', '(counts are for the officer, the leader, inspectors and heads of inspected departments)'],
    'insp.open': ['打开', 'Open'],

    'insp.name': ['活动名称', 'Name'],
    'insp.checklist': ['检查表', 'Checklist'],
    'insp.checklist_items': ['{n} 项', '{n} items'],
    'insp.from_seed': ['从模板创建检查表', 'Create a checklist from the template'],
    'insp.checklist_none': ['尚无检查表：请先从内置模板（依据保密风险评估自查方案和保密工作制度）创建。', 'No checklist yet: create one from the built-in template first.'],
    'insp.checklist_created': ['已从模板创建检查表（{n} 项）', 'Checklist created from the template ({n} items)'],
    'insp.phases': ['阶段安排', 'Phases'],
    'insp.start': ['开始日期', 'Start'],
    'insp.end': ['结束日期', 'End'],
    'insp.phases_hint': ['“查摆问题”须有开始日期；后续阶段可以不填，或只填开始日期。后一阶段不得早于前一阶段结束。', 'Finding problems needs a start; later phases may be left out or given a start only. No phase may start before the one before it ends.'],
    'insp.departments': ['受检部门', 'Departments'],
    'insp.inspectors': ['检查人员', 'Inspectors'],
    'insp.inspectors_hint': ['输入姓名查找并选择检查人员，也可以勾选下列人员。保密员本身即可登记检查结果。', 'Type a name and pick the inspector, or tick the people below. The officer may always record results.'],
    'insp.someone': ['（未知人员）', '(unknown person)'],
    'insp.some_dept': ['（未知部门）', '(unknown department)'],
    'insp.inspector_find': ['输入姓名添加检查人员', 'Type a name to add an inspector'],
    'insp.known': ['已知账户', 'Known accounts'],
    'insp.me': ['本人', 'me'],
    'insp.create': ['创建活动', 'Create campaign'],
    'insp.created': ['检查活动已创建', 'Campaign created'],
    'insp.edit': ['修改活动', 'Edit campaign'],
    'insp.saved': ['活动已保存', 'Campaign saved'],
    'insp.close': ['结束活动', 'Close campaign'],
    'insp.close_confirm': ['确认结束？', 'Confirm close?'],
    'insp.closed_done': ['活动已结束', 'Campaign closed'],
    'insp.reopen': ['重新开启', 'Reopen'],
    'insp.reopened': ['活动已重新开启', 'Campaign reopened'],
    'insp.closed_note': ['活动已结束，不再登记检查结果。', 'The campaign is closed: no more results are recorded.'],

    'insp.tab.overview': ['概况', 'Overview'],
    'insp.tab.fill': ['检查填报', 'Checklist'],
    'insp.tab.reports': ['检查工具报告', 'baomi-check reports'],
    'insp.tab.findings': ['问题清单', 'Findings'],
    'insp.tab.rect': ['整改与督查', 'Rectification'],
    'insp.tab.score': ['得分与报告', 'Scores and report'],
    'insp.basic': ['基本信息', 'Details'],
    'insp.stats': ['问题与整改', 'Findings and rectification'],
    'insp.current_phase': ['当前阶段', 'Current phase'],
    'insp.created_at': ['创建时间', 'Created'],
    'insp.back': ['返回活动列表', 'All campaigns'],

    'fill.dept': ['受检部门', 'Department'],
    'fill.choose_dept': ['请选择受检部门', 'Choose a department'],
    'fill.score': ['部门得分', 'Department score'],
    'fill.no_score': ['暂无可计分的结果', 'nothing to score yet'],
    'fill.counts': ['已填 {done}/{total} 项：符合 {c}，不符合 {n}，不适用 {a}', '{done} of {total} filled: {c} compliant, {n} non-compliant, {a} not applicable'],
    'fill.requirement': ['检查要求', 'Requirement'],
    'fill.method': ['检查方法', 'Method'],
    'fill.evidence': ['应备证据', 'Evidence expected'],
    'fill.weight': ['权重 {w}', 'weight {w}'],
    'fill.by_check': ['由 baomi-check 检查', 'checked by baomi-check'],
    'fill.result': ['检查结果', 'Result'],
    'fill.note': ['说明', 'Note'],
    'fill.save': ['保存', 'Save'],
    'fill.saved': ['已保存：{r}', 'Saved: {r}'],
    'fill.last': ['{who} 于 {at} 登记', 'recorded by {who} at {at}'],
    'fill.files': ['证据文件', 'Evidence files'],
    'fill.upload': ['上传证据', 'Upload'],
    'fill.uploaded': ['已上传 {name}，SHA-256：{sha}', 'Uploaded {name}, SHA-256: {sha}'],
    'fill.no_file': ['请先选择文件', 'Choose a file first'],
    'fill.readonly': ['您可以查看检查结果；登记由保密员和本次活动的检查人员进行。', 'You may read the results; the officer and the campaign’s inspectors record them.'],
    'fill.no_phase': ['今天不在本活动的任何阶段内，不能登记检查结果（证据文件仍可上传）。', 'Today is outside every phase of the campaign: no results can be recorded (evidence files still can).'],
    'fill.unit_score': ['全单位得分', 'Unit score'],

    'rep.carrier': ['载体', 'carrier'],
    'rep.upload': ['导入 baomi-check 检查报告', 'Import a baomi-check report'],
    'rep.file': ['报告文件（report.json）', 'Report file (report.json)'],
    'rep.hint': ['在受检计算机上运行 baomi-check all -o report.json，带回文件后在此导入。报告摘要经过核验；同一份报告再次导入不会新增问题。', 'Run baomi-check all -o report.json on the computer, bring the file back and import it here. Its digest is verified; importing the same report again adds nothing.'],
    'rep.submit': ['导入', 'Import'],
    'rep.result': ['导入结果', 'Import result'],
    'rep.host': ['主机', 'Host'],
    'rep.computer': ['对应涉密计算机', 'Registered computer'],
    'rep.unknown': ['未登记主机', 'Unregistered host'],
    'rep.unknown_hint': ['该主机不是台账中登记的涉密计算机（按机器标识和硬盘序列号匹配），由此产生的问题未归属部门。', 'The host is no classified computer of the ledger (matched by machine id and disk serials): its findings belong to no department.'],
    'rep.department': ['部门', 'Department'],
    'rep.failed': ['未通过的检查', 'Failed checks'],
    'rep.hits': ['关键词命中', 'Keyword hits'],
    'rep.findings': ['新增问题', 'Findings created'],
    'rep.to_findings': ['查看问题清单', 'Open the findings'],
    'rep.again': ['已导入过：该报告此前已导入，未新增问题。', 'Already imported: this report was imported before; nothing was added.'],
    'rep.refused': ['报告被拒绝：', 'Report refused: '],
    'rep.list': ['已导入的报告', 'Imported reports'],
    'rep.role': ['主机类别', 'Host role'],
    'rep.role.classified': ['涉密计算机', 'classified'],
    'rep.role.unclassified': ['非涉密计算机', 'unclassified'],
    'rep.time': ['检查时间', 'Checked at'],
    'rep.operator': ['操作人', 'Operator'],
    'rep.imported_at': ['导入时间', 'Imported'],
    'rep.digest': ['摘要', 'Digest'],
    'rep.empty': ['尚未导入报告', 'No reports imported'],
    'rep.media': ['下载介质清单', 'Download the media list'],
    'rep.media_hint': ['台账中登记的移动存储介质序列号及密级，供 baomi-check --media 判断交叉使用。', 'Serials and levels of the registered removable media, for baomi-check --media to judge cross-use.'],

    'fnd.severity': ['严重程度', 'Severity'],
    'fnd.source': ['来源', 'Source'],
    'fnd.department': ['部门', 'Department'],
    'fnd.no_dept': ['（未归属部门）', '(no department)'],
    'fnd.title': ['问题', 'Finding'],
    'fnd.item': ['检查项', 'Item'],
    'fnd.evidence': ['证据', 'Evidence'],
    'fnd.restricted': ['受限', 'restricted'],
    'fnd.task': ['整改', 'Rectification'],
    'fnd.assign': ['布置整改', 'Assign'],
    'fnd.responsible': ['整改责任人', 'Responsible'],
    'fnd.responsible_hint': ['输入姓名查找并选择', 'type a name and pick the person'],
    'fnd.responsible_hint_id': ['从已知人员中选择', 'pick a known person'],
    'fnd.deadline': ['整改期限', 'Deadline'],
    'fnd.plan': ['整改要求', 'What to do'],
    'fnd.task_dept': ['责任部门', 'Responsible department'],
    'fnd.task_dept_hint': ['不选则为问题所在部门；逾期时提醒该部门负责人', 'empty: the finding’s department; its head is told when overdue'],
    'fnd.assigned': ['已布置整改任务，责任人：{who}', 'Rectification task assigned to {who}'],
    'fnd.empty': ['没有问题', 'No findings'],
    'fnd.count': ['共 {n} 项，显示 {m} 项', '{n} in all, {m} shown'],
    'fnd.new': ['登记问题', 'Record a finding'],
    'fnd.created': ['问题已登记', 'Finding recorded'],
    'fnd.more': ['展开', 'more'],

    'rect.title': ['整改跟踪', 'Rectification tracker'],
    'rect.campaign': ['检查活动', 'Campaign'],
    'rect.finding': ['问题', 'Finding'],
    'rect.department': ['责任部门', 'Department'],
    'rect.responsible': ['责任人', 'Responsible'],
    'rect.deadline': ['整改期限', 'Deadline'],
    'rect.state': ['状态', 'State'],
    'rect.detail': ['整改要求与措施', 'Plan and measures'],
    'rect.plan': ['整改要求', 'Plan'],
    'rect.measures': ['整改措施', 'Measures'],
    'rect.reason': ['退回理由', 'Reason'],
    'rect.overdue': ['已逾期', 'Overdue'],
    'rect.escalated': ['已提醒部门负责人', 'Head of department told'],
    'rect.overdue_only': ['只看逾期', 'Overdue only'],
    'rect.open_only': ['只看未完成', 'Open only'],
    'rect.mine_only': ['只看本人负责的', 'Mine only'],
    'rect.mine_note': ['您看到的是由您负责的整改任务。', 'These are the tasks you are responsible for.'],
    'rect.dept_note': ['本部门问题的整改状态见问题清单', 'the rectification of your department’s findings is in the findings list'],
    'rect.empty': ['没有整改任务', 'No rectification tasks'],
    'rect.measures_label': ['已采取的整改措施', 'Measures taken'],
    'rect.reason_label': ['退回理由', 'Why it is rejected'],
    'rect.done_msg': ['已办理：{action}', 'Done: {action}'],
    'rect.cancel': ['取消', 'Cancel'],

    'spot.title': ['上级督查', 'Superior spot checks'],
    'spot.superior_unit': ['督查单位', 'Superior unit'],
    'spot.inspector': ['督查人', 'Inspector'],
    'spot.passed': ['督查结果', 'Result'],
    'spot.pass': ['通过', 'Passed'],
    'spot.fail': ['未通过', 'Not passed'],
    'spot.note': ['说明', 'Note'],
    'spot.task': ['督查的整改任务', 'Rectification checked'],
    'spot.no_task': ['（不针对具体任务）', '(no particular task)'],
    'spot.submit': ['登记督查', 'Record spot check'],
    'spot.created': ['督查已登记', 'Spot check recorded'],
    'spot.empty': ['尚无督查记录', 'No spot checks yet'],
    'spot.at': ['登记时间', 'Recorded'],

    'score.title': ['得分', 'Scores'],
    'score.dept': ['部门', 'Department'],
    'score.score': ['得分', 'Score'],
    'score.compliant': ['符合', 'Compliant'],
    'score.noncompliant': ['不符合', 'Non-compliant'],
    'score.na': ['不适用', 'N/A'],
    'score.cw': ['符合项权重', 'Compliant weight'],
    'score.nw': ['不符合项权重', 'Non-compliant weight'],
    'score.unit': ['全单位', 'Whole unit'],
    'score.formula': ['计分方法：', 'Formula: '],
    'report.title': ['自查工作报告', 'Campaign report'],
    'report.pdf': ['下载 PDF', 'Download PDF'],
    'report.xlsx': ['下载 XLSX', 'Download XLSX'],
    'report.hint': ['按阶段、部门、类别和严重程度汇总，附得分、问题清单及整改情况、上级督查记录；不含关键词命中的原文。', 'Counts by phase, department, category and severity, the scores, the findings with their rectification and the spot checks; keyword contexts are left out.'],

    'rhome.title': ['我的整改任务', 'My rectification tasks'],
    'rhome.open': ['待办整改', 'Open tasks'],
    'rhome.overdue': ['已逾期', 'Overdue'],
    'rhome.none': ['没有待办的整改任务', 'No open rectification tasks'],
    'rhome.more': ['全部 {n} 项', 'all {n}']
  });

  /* ------------------------------------------------------------------ helpers */

  var flash = null;

  function done(text) {
    flash = { kind: 'ok', text: text };
    B.rerender();
  }
  function showFlash(el) {
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text));
      flash = null;
    }
  }
  function fval(form, name) {
    var el = form.elements[name];
    if (!el) return '';
    if (el instanceof RadioNodeList) return String(el.value || '').trim();
    return String(el.value).trim();
  }
  function idList(text) {
    return String(text || '').split(/[,，、;；\s]+/).filter(Boolean).map(intOr);
  }
  function colon() {
    return B.state.lang === 'en' ? ': ' : '：';
  }
  /* a date (YYYY-MM-DD) in Beijing time, days from today */
  function bjDate(plusDays) {
    return new Date(Date.now() + 8 * 3600e3 + (plusDays || 0) * 86400e3).toISOString().slice(0, 10);
  }
  function meId() {
    return B.state.account ? B.state.account.id : 0;
  }
  function isOfficer() {
    return B.hasRole(['officer']);
  }
  /* may record results, evidence, reports, findings, tasks and spot checks */
  function inspects(k) {
    return isOfficer() || (k.inspectors || []).indexOf(meId()) >= 0;
  }
  /* may look colleagues up by name (the server's role_may_directory): the roles that assign
   * work, and the inspectors of an open campaign */
  function looksUp(k) {
    return B.hasRole(['officer', 'command', 'leader']) || (!k.closed && inspects(k));
  }
  /* may read the campaign (a department head: their department only) */
  function reads(k) {
    return B.hasRole(READ_ALL) || inspects(k) || B.hasRole(['dept_head']);
  }
  /* an error the page raises itself, shown like the server's on a form */
  function clientError(key, field) {
    return new B.ApiError(400, { error: { code: 'client', message: t(key), message_en: t(key), field: field || null } });
  }
  function fmtSize(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }

  function sevBadge(s) {
    var kind = { high: 'error', medium: 'warn', low: 'info' }[s] || 'plain';
    var el = B.badge(t('isev.' + s), kind + ' sev-badge sev-' + s);
    el.setAttribute('data-severity', s);
    return el;
  }
  function resultBadge(r) {
    var kind = { compliant: 'ok', noncompliant: 'error', na: 'muted' }[r] || 'plain';
    return B.badge(t('ires.' + (r || 'none')), kind + ' result-badge');
  }
  function rstateBadge(s) {
    var kind = { open: 'warn', in_progress: 'info', done: 'plain', verified: 'ok' }[s] || 'plain';
    var el = B.badge(t('rstate.' + s), kind + ' rstate-badge');
    el.setAttribute('data-state', s);
    return el;
  }
  function phaseBadge(k) {
    if (k.closed) return B.badge(t('insp.closed'), 'muted campaign-state');
    if (!k.current_phase) return B.badge(t('insp.not_in_phase'), 'plain campaign-state');
    return B.badge(t('iphase.' + k.current_phase), 'info campaign-state');
  }
  function deptNames(list) {
    var m = {};
    (list || []).forEach(function (d) { m[d.id] = d.name; });
    return m;
  }
  function loadDepts() {
    return api('GET', '/api/v1/departments?limit=500').then(function (r) { return (r && r.items) || []; });
  }
  /* accounts the page can name: the user, and everyone responsible for a task the user may see
   * (business users may not list accounts; the officer and the leader see every task) */
  function knownAccounts() {
    var a = B.state.account;
    var known = {};
    known[a.id] = (a.display_name || a.username) + '（' + t('insp.me') + '）';
    return api('GET', '/api/v1/rect-tasks').then(function (r) {
      ((r && r.items) || []).forEach(function (x) {
        if (x.responsible_id && x.responsible && !known[x.responsible_id]) known[x.responsible_id] = x.responsible;
      });
      return known;
    }, function () { return known; });
  }
  function accountName(known, id) {
    return known && known[id] ? known[id] : t('insp.someone');
  }

  /* ---- the four phases as a timeline, today's phase marked */

  function phaseLine(k) {
    var today = bjDate(0);
    var cur = k.closed ? null : k.current_phase;
    var ci = PHASES.indexOf(cur);
    var ph = k.phases || {};
    return h('ol', { class: 'phase-line', 'data-current': cur || '' }, PHASES.map(function (p, i) {
      var s = ph[p + '_start'];
      var e = ph[p + '_end'];
      var st = !s ? 'unset' : p === cur ? 'current' : (ci > i || (e && e < today) || (ci < 0 && s < today)) ? 'past' : 'future';
      return h('li', { class: 'phase phase-' + st, 'data-phase': p, 'aria-current': p === cur ? 'step' : null },
        h('span', { class: 'phase-name' }, (i + 1) + '. ' + t('iphase.' + p)),
        h('span', { class: 'phase-dates' }, s ? s + ' — ' + (e || t('insp.open_end')) : t('insp.unset')),
        p === cur ? h('span', { class: 'phase-today' }, t('insp.today')) : null);
    }));
  }

  /* counts of a campaign's findings and their rectification */
  function tally(findings) {
    var c = { findings: findings.length, high: 0, medium: 0, low: 0, unassigned: 0, open: 0, overdue: 0, done: 0 };
    findings.forEach(function (f) {
      c[f.severity] = (c[f.severity] || 0) + 1;
      if (!f.task) c.unassigned++;
      else if (OPEN_STATES.indexOf(f.task.state) >= 0) c.open++;
      else if (f.task.state === 'done') c.done++;
      if (f.task && f.task.overdue) c.overdue++;
    });
    return c;
  }
  function countChips(k, c) {
    function chip(key, n, kind, tab) {
      return h('a', { class: 'count-chip' + (kind && n ? ' count-' + kind : ''), href: '#/inspect/' + k.id + '/' + tab, 'data-count': key },
        h('span', { class: 'count-label' }, t(key === 'findings' ? 'insp.findings' : key === 'unassigned' ? 'insp.unassigned' : key === 'open' ? 'insp.rect_open' : key === 'overdue' ? 'insp.rect_overdue' : 'insp.to_verify')),
        h('strong', { class: 'count-num' }, String(n)));
    }
    return [
      chip('findings', c.findings, '', 'findings'),
      c.findings ? h('span', { class: 'badges count-sev' }, SEVERITIES.filter(function (s) { return c[s]; }).map(function (s) {
        return h('span', { class: 'sev-count' }, sevBadge(s), ' ' + c[s]);
      })) : null,
      chip('unassigned', c.unassigned, 'warn', 'findings'),
      chip('open', c.open, 'warn', 'rect'),
      chip('done', c.done, '', 'rect'),
      chip('overdue', c.overdue, 'alert', 'rect')
    ];
  }

  /* ------------------------------------------------------------------ campaign board */

  function board(ctx) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('insp.title'), [
      isOfficer() ? B.button(t('insp.new'), function () { nav('inspect/new'); }, 'btn-primary', { id: 'campaign-new' }) : null
    ]));
    showFlash(el);
    var body = h('div');
    el.appendChild(body);
    B.load(body, api('GET', '/api/v1/campaigns'), function (r) {
      var items = (r && r.items) || [];
      if (!items.length) {
        body.appendChild(panel(null, h('p', { class: 'muted' }, t('insp.empty'))));
        return;
      }
      var seq = B.state.routeSeq;
      body.appendChild(h('div', { class: 'campaign-cards', id: 'campaign-board' }, items.map(function (k) {
        var counts = h('div', { class: 'campaign-counts' });
        if (reads(k)) {
          counts.appendChild(h('span', { class: 'muted' }, t('common.loading')));
          api('GET', '/api/v1/campaigns/' + encodeURIComponent(k.id) + '/findings').then(function (fr) {
            if (seq !== B.state.routeSeq) return;
            B.clear(counts);
            var c = tally((fr && fr.items) || []);
            counts.setAttribute('data-loaded', '1');
            counts.appendChild(h('div', { class: 'count-chips' }, countChips(k, c)));
          }, function (err) {
            if (seq !== B.state.routeSeq) return;
            B.clear(counts).appendChild(h('span', { class: 'muted' }, B.errorText(err)));
          });
        } else {
          counts.appendChild(h('span', { class: 'muted' }, t('insp.counts_hidden')));
        }
        return h('section', { class: 'panel campaign-card' + (k.closed ? ' campaign-closed' : ''), 'data-id': k.id },
          h('div', { class: 'campaign-card-head' },
            reads(k) ? B.link('inspect/' + k.id, k.name, { class: 'campaign-name' }) : h('span', { class: 'campaign-name' }, k.name),
            h('span', { class: 'badges' }, phaseBadge(k)),
            h('span', { class: 'campaign-meta' }, t('insp.created_at') + colon() + B.fmtTime(k.created_at))),
          phaseLine(k),
          counts);
      })));
    });
  }

  /* ------------------------------------------------------------------ campaign form */

  /* The inspectors: the known accounts to tick, and a name to look up in the account directory;
   * the person picked is ticked. The hidden input holds the ticked accounts for the form. */
  function inspectorPicker(known, ids) {
    var input = h('input', { type: 'hidden', name: 'inspectors', value: (ids || []).join(','), class: 'inspector-ids' });
    function current() {
      return input.value.split(/[,，、;；\s]+/).filter(Boolean);
    }
    function pick(id, label, checked) {
      var cb = h('input', { type: 'checkbox', value: id, checked: checked, class: 'known-account' });
      cb.addEventListener('change', function () {
        var list = current().filter(function (x) { return x !== id; });
        if (cb.checked) list.push(id);
        input.value = list.join(',');
      });
      return h('label', { class: 'check pick', 'data-account': id }, cb, ' ', label);
    }
    var boxes = h('div', { class: 'pick-list known-accounts' }, Object.keys(known).map(function (id) {
      return pick(id, known[id], current().indexOf(id) >= 0);
    }));
    function add(id, label) {
      id = String(id);
      var cb = boxes.querySelector('input.known-account[value="' + id + '"]');
      if (cb) cb.checked = true;
      else boxes.appendChild(pick(id, label || t('insp.someone'), true));
      if (current().indexOf(id) < 0) input.value = current().concat([id]).join(',');
      finder.clear();
    }
    var finder = B.accountPicker('inspector_find', { class: 'inspector-find', placeholder: t('insp.inspector_find'), onPick: add });
    finder.input.setAttribute('aria-label', t('insp.inspector_find'));
    /* Enter adds the person named instead of sending the form */
    finder.input.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter') return;
      ev.preventDefault();
      var id = finder.value();
      if (id !== undefined) add(id, finder.input.value);
    });
    return h('div', { class: 'inspector-picker' }, input,
      h('div', { class: 'inspector-find-line' }, finder.el),
      h('div', { class: 'field-hint' }, t('insp.known') + colon()), boxes);
  }

  function campaignForm(k, data, onSaved) {
    var creating = !k;
    var ph = (k && k.phases) || { find_start: bjDate(0) };
    var clSel = null;
    var clBox = null;
    var parts = [];
    parts.push(B.field(t('insp.name'), B.input('name', k ? k.name : '', { maxlength: 256 }), { required: true, wide: true }));
    if (creating) {
      clSel = B.select('checklist_id', data.checklists.map(function (c) {
        return { value: c.id, label: c.name + '（' + t('insp.checklist_items', { n: c.items }) + '）' };
      }), data.checklists.length ? data.checklists[0].id : '', null, data.checklists.length ? null : t('common.choose'));
      var seedBtn = B.button(t('insp.from_seed'), function () {
        var form = seedBtn.closest('form');
        seedBtn.disabled = true;
        B.clearFormError(form);
        api('POST', '/api/v1/checklists', { template: 'seed' }).then(function (c) {
          seedBtn.disabled = false;
          var n = (c.items || []).length;
          clSel.appendChild(h('option', { value: String(c.id) }, c.name + '（' + t('insp.checklist_items', { n: n }) + '）'));
          clSel.value = String(c.id);
          var empty = clSel.querySelector('option[value=""]');
          if (empty) empty.remove();
          if (clBox) clBox.hidden = true;
          B.formNotice(form, 'ok', t('insp.checklist_created', { n: n }));
        }, function (err) {
          seedBtn.disabled = false;
          B.showFormError(form, err);
        });
      }, 'btn-small', { id: 'checklist-from-seed' });
      clBox = B.msg('warn', t('insp.checklist_none'));
      clBox.hidden = data.checklists.length > 0;
      parts.push(h('div', { class: 'field field-wide checklist-field' },
        h('label', { for: 'campaign-checklist' }, t('insp.checklist'), h('span', { class: 'req', 'aria-hidden': 'true' }, '*')),
        clBox,
        h('div', { class: 'checklist-line' }, clSel, seedBtn),
        h('div', { class: 'field-error', hidden: true })));
      clSel.id = 'campaign-checklist';
    }
    parts.push(h('fieldset', { class: 'sub-form field-wide phases-fields' },
      h('legend', null, t('insp.phases')),
      h('table', { class: 'kv phase-table' }, h('tbody', null, PHASES.map(function (p, i) {
        return h('tr', { 'data-phase': p },
          h('th', { scope: 'row' }, (i + 1) + '. ' + t('iphase.' + p)),
          h('td', null, B.field(t('insp.start'), B.input('phases.' + p + '_start', ph[p + '_start'] || '', { type: 'date' }), { required: i === 0 })),
          h('td', null, B.field(t('insp.end'), B.input('phases.' + p + '_end', ph[p + '_end'] || '', { type: 'date' }))));
      }))),
      h('div', { class: 'field-hint' }, t('insp.phases_hint'))));
    var kd = (k && k.departments) || [];
    parts.push(B.field(t('insp.departments'), h('div', { class: 'pick-list multi-checks dept-checks' }, data.depts.map(function (d) {
      return h('label', { class: 'check pick', 'data-dept': d.id },
        h('input', { type: 'checkbox', name: 'departments', value: String(d.id), checked: kd.indexOf(d.id) >= 0 }), ' ', d.name);
    })), { wide: true, required: true }));
    var known = Object.assign({}, data.known);
    ((k && k.inspectors) || []).forEach(function (id) { if (!known[id]) known[id] = (k.inspector_names && k.inspector_names[id]) || t('insp.someone'); });
    parts.push(B.field(t('insp.inspectors'), inspectorPicker(known, (k && k.inspectors) || []), { wide: true, hint: t('insp.inspectors_hint') }));
    parts.push(h('div', { class: 'form-actions field-wide' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, creating ? t('insp.create') : t('common.save')),
      creating ? B.button(t('common.back'), function () { nav('inspect'); }) : null));
    return B.form({ id: 'campaign-form', class: 'grid-form campaign-form' }, parts, function (f) {
      var body = { name: fval(f, 'name'), phases: {} };
      PHASES.forEach(function (p) {
        ['start', 'end'].forEach(function (x) {
          var v = fval(f, 'phases.' + p + '_' + x);
          body.phases[p + '_' + x] = v || null;
        });
      });
      body.departments = Array.prototype.slice.call(f.querySelectorAll('input[name=departments]:checked')).map(function (c) { return Number(c.value); });
      body.inspectors = idList(fval(f, 'inspectors'));
      if (creating) {
        var cl = intOr(fval(f, 'checklist_id'));
        if (cl !== undefined) body.checklist_id = cl;
        return api('POST', '/api/v1/campaigns', body).then(function (c) { onSaved(c); });
      }
      return api('PATCH', '/api/v1/campaigns/' + encodeURIComponent(k.id), body).then(function (c) { onSaved(c); });
    });
  }

  function newCampaign(ctx) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('insp.new'), [B.button(t('insp.back'), function () { nav('inspect'); })]));
    var body = h('div');
    el.appendChild(body);
    B.load(body, Promise.all([api('GET', '/api/v1/checklists'), loadDepts(), knownAccounts()]), function (res) {
      body.appendChild(panel(null, campaignForm(null, {
        checklists: (res[0] && res[0].items) || [],
        depts: res[1],
        known: res[2]
      }, function (c) {
        flash = { kind: 'ok', text: t('insp.created') };
        nav('inspect/' + c.id);
      })));
    });
  }

  /* ------------------------------------------------------------------ campaign page and its tabs */

  function campaignPage(ctx, id, tab) {
    var el = ctx.el;
    if (TABS.indexOf(tab) < 0) tab = 'overview';
    el.appendChild(B.pageHead(t('insp.title'), [B.button(t('insp.back'), function () { nav('inspect'); }, '', { id: 'campaign-back' })]));
    showFlash(el);
    var body = h('div');
    el.appendChild(body);
    var path = '/api/v1/campaigns/' + encodeURIComponent(id);
    B.load(body, Promise.all([api('GET', path), loadDepts()]), function (res) {
      var k = res[0];
      var depts = res[1];
      var names = deptNames(depts);
      body.appendChild(h('div', { class: 'carrier-head campaign-head', id: 'campaign-head', 'data-id': k.id, 'data-phase': k.current_phase || '' },
        h('span', { class: 'carrier-head-title' }, k.name),
        h('span', { class: 'badges' }, phaseBadge(k))));
      body.appendChild(panel(null, phaseLine(k), { id: 'campaign-phases', class: 'phase-panel' }));
      body.appendChild(h('nav', { class: 'sub-tabs', id: 'campaign-tabs', 'aria-label': k.name }, TABS.map(function (x) {
        return h('a', { href: '#/inspect/' + k.id + '/' + x, class: 'sub-tab' + (x === tab ? ' active' : ''), 'data-tab': x, 'aria-current': x === tab ? 'page' : null }, t('insp.tab.' + x));
      })));
      var tabBody = h('div', { class: 'tab-body', id: 'tab-' + tab });
      body.appendChild(tabBody);
      var c = { k: k, depts: depts, names: names, ctx: ctx, path: path };
      ({ overview: overviewTab, fill: fillTab, reports: reportsTab, findings: findingsTab, rect: rectTab, score: scoreTab })[tab](tabBody, c);
    });
  }

  /* ---- 概况 */

  function overviewTab(el, c) {
    var k = c.k;
    var stats = h('div', { class: 'loading' }, t('common.loading'));
    el.appendChild(panel(t('insp.stats'), stats, { id: 'campaign-stats' }));
    var seq = B.state.routeSeq;
    api('GET', c.path + '/findings').then(function (fr) {
      if (seq !== B.state.routeSeq) return;
      stats.className = '';
      B.clear(stats).appendChild(h('div', { class: 'count-chips' }, countChips(k, tally((fr && fr.items) || []))));
    }, function (err) {
      if (seq !== B.state.routeSeq) return;
      stats.className = '';
      B.clear(stats).appendChild(B.errorBox(err));
    });
    var info = h('div');
    el.appendChild(panel(t('insp.basic'), info, { id: 'campaign-basic' }));
    var editBox = isOfficer() ? h('div') : null;
    if (editBox) el.appendChild(panel(t('insp.edit'), editBox, { id: 'campaign-edit' }));
    B.load(info, Promise.all([api('GET', '/api/v1/checklists/' + encodeURIComponent(k.checklist_id)), isOfficer() ? knownAccounts() : Promise.resolve(null)]), function (res) {
      var cl = res[0];
      /* the campaign names its own inspectors */
      var known = Object.assign({}, k.inspector_names || {}, res[1] || {});
      info.appendChild(B.kv([
        [t('insp.checklist'), cl.name + '（' + t('insp.checklist_items', { n: (cl.items || []).length }) + '）'],
        [t('insp.current_phase'), k.closed ? t('insp.closed') : k.current_phase ? t('iphase.' + k.current_phase) : t('insp.not_in_phase')],
        [t('insp.departments'), h('span', { class: 'scope-list' }, k.departments.map(function (d) { return h('span', { class: 'chip' }, c.names[d] || t('insp.some_dept')); }))],
        [t('insp.inspectors'), k.inspectors.length ? h('span', { class: 'scope-list' }, k.inspectors.map(function (a) { return h('span', { class: 'chip' }, accountName(known, a)); })) : null],
        [t('insp.created_at'), B.fmtTime(k.created_at)]
      ]));
      if (!editBox) return;
      editBox.appendChild(campaignForm(k, { depts: c.depts, known: known }, function () { done(t('insp.saved')); }));
      editBox.appendChild(h('div', { class: 'form-actions campaign-close' }, k.closed
        ? B.button(t('insp.reopen'), function (ev) {
          ev.currentTarget.disabled = true;
          api('PATCH', c.path, { closed: false }).then(function () { done(t('insp.reopened')); }, function (err) {
            editBox.appendChild(B.msg('error', B.errorText(err)));
          });
        }, '', { id: 'campaign-reopen' })
        : B.confirmButton(t('insp.close'), t('insp.close_confirm'), function (btn) {
          btn.disabled = true;
          api('PATCH', c.path, { closed: true }).then(function () { done(t('insp.closed_done')); }, function (err) {
            btn.disabled = false;
            editBox.appendChild(B.msg('error', B.errorText(err)));
          });
        }, 'btn-danger campaign-close-btn')));
    });
  }

  /* ---- 检查填报 */

  function fillTab(el, c) {
    var k = c.k;
    var q = c.ctx.query;
    var dept = intOr(q.get('dept') || '') || (k.departments.length === 1 ? k.departments[0] : undefined);
    var canFill = inspects(k);
    var open = !k.closed && !!k.current_phase;
    var sel = B.select('dept', k.departments.map(function (d) { return { value: d, label: c.names[d] || t('insp.some_dept') }; }), dept || '', { id: 'fill-dept' }, t('fill.choose_dept'));
    sel.addEventListener('change', function () { nav('inspect/' + k.id + '/fill', { dept: sel.value }); });
    var scoreBox = h('div', { class: 'fill-score', id: 'fill-score' });
    el.appendChild(h('div', { class: 'fill-top' },
      h('div', { class: 'field fill-dept' }, h('label', { for: 'fill-dept' }, t('fill.dept')), sel),
      scoreBox));
    if (!canFill) el.appendChild(B.msg('info', t('fill.readonly')));
    else if (k.closed) el.appendChild(B.msg('warn', t('insp.closed_note')));
    else if (!open) el.appendChild(B.msg('warn', t('fill.no_phase')));
    if (!dept) return;
    var body = h('div');
    el.appendChild(body);
    B.load(body, Promise.all([
      api('GET', '/api/v1/checklists/' + encodeURIComponent(k.checklist_id)),
      api('GET', c.path + '/results' + B.query({ department_id: dept })),
      api('GET', c.path + '/evidence'),
      api('GET', c.path + '/scores')
    ]), function (res) {
      var items = (res[0] && res[0].items) || [];
      var results = {};
      ((res[1] && res[1].items) || []).forEach(function (r) { if (r.department_id === dept) results[r.item_id] = r; });
      var files = ((res[2] && res[2].items) || []).filter(function (f) { return f.department_id === dept; });

      function paintScore(s) {
        var d = null;
        (s.departments || []).forEach(function (x) { if (x.department_id === dept) d = x; });
        B.clear(scoreBox);
        if (!d) return;
        var filled = Object.keys(results).length;
        scoreBox.setAttribute('data-score', d.score === null ? '' : String(d.score));
        scoreBox.appendChild(h('div', { class: 'score-big ' + scoreClass(d.score) },
          h('span', { class: 'score-label' }, t('fill.score')),
          h('span', { class: 'score-num', id: 'fill-score-num' }, d.score === null ? '—' : d.score.toFixed(2))));
        scoreBox.appendChild(h('div', { class: 'score-sub' },
          h('div', null, t('fill.counts', { done: filled, total: items.length, c: d.compliant, n: d.noncompliant, a: d.not_applicable })),
          h('div', { class: 'muted' }, t('fill.unit_score') + colon() + (s.unit.score === null ? '—' : s.unit.score.toFixed(2))),
          h('div', { class: 'muted formula-line' }, t('score.formula') + (B.state.lang === 'en' ? s.formula[1] : s.formula[0]))));
      }
      function refreshScore() {
        return api('GET', c.path + '/scores').then(paintScore, function () {});
      }
      paintScore(res[3]);

      var cats = [];
      var byCat = {};
      items.forEach(function (it) {
        if (!byCat[it.category]) {
          byCat[it.category] = [];
          cats.push(it.category);
        }
        byCat[it.category].push(it);
      });
      body.appendChild(h('nav', { class: 'cat-index' }, cats.map(function (cat, i) {
        return h('button', { type: 'button', class: 'chip cat-chip', onclick: function () {
          var target = document.getElementById('fill-cat-' + i);
          if (target) target.scrollIntoView({ block: 'start' });
        } }, cat + ' ' + byCat[cat].length);
      })));
      cats.forEach(function (cat, i) {
        body.appendChild(panel(cat, byCat[cat].map(function (it) {
          return itemCard(it, results[it.id], files.filter(function (f) { return f.item_id === it.id; }));
        }), { id: 'fill-cat-' + i, class: 'fill-cat' }));
      });

      function itemCard(it, r, itemFiles) {
        var card = h('div', { class: 'item-card', 'data-item': it.id, 'data-code': it.code, 'data-result': r ? r.result : 'none' });
        var text = h('div', { class: 'item-text' },
          h('div', { class: 'item-title' }, h('strong', null, it.title), ' ',
            h('span', { class: 'item-weight' }, t('fill.weight', { w: it.weight })),
            it.check_ids && it.check_ids.length || it.keyword_hits ? [' ', B.badge(t('fill.by_check'), 'plain')] : null),
          h('dl', { class: 'item-desc' },
            h('dt', null, t('fill.requirement')), h('dd', null, it.requirement),
            h('dt', null, t('fill.method')), h('dd', null, it.method),
            h('dt', null, t('fill.evidence')), h('dd', null, it.evidence)));
        var side = h('div', { class: 'item-side' });
        var lastLine = h('div', { class: 'item-last muted' }, r ? t('fill.last', { who: r.inspector || '—', at: B.fmtTime(r.at) }) : '');
        if (canFill && open) {
          var choices = h('div', { class: 'result-choices', role: 'radiogroup', 'aria-label': t('fill.result') }, RESULTS.map(function (x) {
            return h('label', { class: 'check result-choice result-' + x },
              h('input', { type: 'radio', name: 'result', value: x, checked: r && r.result === x }), ' ', t('ires.' + x));
          }));
          var form = B.form({ class: 'item-form', 'data-item': it.id }, [
            h('div', { class: 'field result-field' }, choices, h('div', { class: 'field-error', hidden: true })),
            h('div', { class: 'field note-field' },
              B.input('note', r ? r.note : '', { maxlength: 2000, placeholder: t('fill.note'), 'aria-label': t('fill.note') }),
              h('div', { class: 'field-error', hidden: true })),
            h('button', { type: 'submit', class: 'btn btn-primary btn-small item-save' }, t('fill.save'))
          ], function (f) {
            var body2 = { item_id: it.id, department_id: dept, result: fval(f, 'result') };
            var note = fval(f, 'note');
            if (note) body2.note = note;
            return api('PUT', c.path + '/results', body2).then(function () {
              results[it.id] = { result: body2.result, note: note };
              card.setAttribute('data-result', body2.result);
              B.formNotice(f, 'ok', t('fill.saved', { r: t('ires.' + body2.result) }));
              lastLine.textContent = t('fill.last', { who: B.state.account.display_name || B.state.account.username, at: t('insp.today') });
              return refreshScore();
            });
          });
          side.appendChild(form);
        } else {
          side.appendChild(h('div', { class: 'item-result' }, resultBadge(r && r.result), r && r.note ? h('span', { class: 'item-note' }, ' ' + r.note) : null));
        }
        side.appendChild(lastLine);
        side.appendChild(evidenceBlock(it, itemFiles));
        card.appendChild(text);
        card.appendChild(side);
        return card;
      }

      function fileRow(f) {
        return h('li', { class: 'evidence-file', 'data-file': f.id },
          h('a', { href: '/api/v1/evidence/' + encodeURIComponent(f.id), download: '' }, f.name),
          h('span', { class: 'muted' }, ' ' + fmtSize(f.size) + ' · ' + B.fmtTime(f.at)),
          h('div', { class: 'sha256' }, 'SHA-256 ', h('code', { class: 'sha' }, f.sha256)));
      }
      function evidenceBlock(it, itemFiles) {
        var list = h('ul', { class: 'evidence-list' }, itemFiles.map(fileRow));
        var box = h('div', { class: 'evidence-box' }, h('div', { class: 'evidence-head' }, t('fill.files')), list);
        if (!canFill) {
          if (!itemFiles.length) box.appendChild(h('span', { class: 'muted' }, '—'));
          return box;
        }
        var input = h('input', { type: 'file', name: 'file', class: 'evidence-input', 'aria-label': t('fill.upload') });
        box.appendChild(B.form({ class: 'inline-form evidence-form', 'data-item': it.id }, [
          h('div', { class: 'field' }, input, h('div', { class: 'field-error', hidden: true })),
          h('button', { type: 'submit', class: 'btn btn-small evidence-upload' }, t('fill.upload'))
        ], function (f) {
          var file = input.files && input.files[0];
          if (!file) return Promise.reject(clientError('fill.no_file', 'file'));
          var url = c.path + '/evidence' + B.query({ item_id: it.id, department_id: dept, name: file.name });
          return api('POST', url, null, { raw: file }).then(function (r) {
            list.appendChild(fileRow({ id: r.id, name: r.name, size: r.size, sha256: r.sha256, at: null }));
            input.value = '';
            B.formNotice(f, 'ok', t('fill.uploaded', { name: r.name, sha: r.sha256 }));
          });
        }));
        return box;
      }
    });
  }

  function scoreClass(s) {
    if (s === null || s === undefined) return 'score-none';
    return s >= 90 ? 'score-good' : s >= 60 ? 'score-mid' : 'score-bad';
  }

  /* ---- 检查工具报告 */

  function reportsTab(el, c) {
    var k = c.k;
    var listBox = h('div');
    var resultBox = h('div', { class: 'import-result', id: 'import-result', hidden: true });
    var reports = [];
    function loadList() {
      return B.load(listBox, api('GET', c.path + '/check-reports'), function (r) {
        reports = (r && r.items) || [];
        listBox.appendChild(B.table([
          { label: t('rep.host'), value: function (x) {
            return h('div', null, h('div', null, x.hostname), h('div', { class: 'dl-what mono' }, x.machine_id));
          } },
          { label: t('rep.role'), value: function (x) { return t('rep.role.' + x.role) !== 'rep.role.' + x.role ? t('rep.role.' + x.role) : x.role; }, class: 'nowrap' },
          { label: t('rep.time'), value: function (x) { return B.fmtTime(x.report_time); }, class: 'nowrap' },
          { label: t('rep.operator'), value: function (x) { return x.operator; }, class: 'nowrap' },
          { label: t('rep.computer'), value: function (x) {
            return x.unknown_host ? B.badge(t('rep.unknown'), 'warn unknown-host')
              : B.link('carriers/' + x.carrier_id, x.carrier_number || t('rep.carrier'), { class: 'carrier-number' });
          }, class: 'nowrap' },
          { label: t('rep.department'), value: function (x) { return x.department_id ? c.names[x.department_id] || t('insp.some_dept') : '—'; }, class: 'nowrap' },
          { label: t('rep.failed'), value: function (x) { return String(x.failed_checks); }, class: 'num' },
          { label: t('rep.hits'), value: function (x) { return String(x.keyword_hits); }, class: 'num' },
          { label: t('rep.imported_at'), value: function (x) { return B.fmtTime(x.imported_at); }, class: 'nowrap' },
          { label: t('rep.digest'), value: function (x) { return h('code', { class: 'mono', title: x.digest }, x.digest.slice(0, 12) + '…'); }, class: 'nowrap' }
        ], reports, { class: 'report-table', empty: t('rep.empty'), rowAttrs: function (x) { return { 'data-id': x.id }; } }));
      });
    }
    function showResult(r) {
      resultBox.hidden = false;
      B.clear(resultBox);
      if (r.already_imported) {
        resultBox.setAttribute('data-outcome', 'again');
        resultBox.appendChild(B.msg('info', t('rep.again', { id: r.report_id })));
        return;
      }
      resultBox.setAttribute('data-outcome', 'imported');
      var rep = null;
      reports.forEach(function (x) { if (x.id === r.report_id) rep = x; });
      resultBox.appendChild(h('h3', { class: 'sub-title' }, t('rep.result')));
      if (r.unknown_host) resultBox.appendChild(B.msg('warn', h('strong', null, t('rep.unknown')), h('div', null, t('rep.unknown_hint'))));
      resultBox.appendChild(B.kv([
        [t('rep.host'), r.hostname],
        [t('rep.computer'), r.unknown_host ? B.badge(t('rep.unknown'), 'warn unknown-host')
          : B.link('carriers/' + r.carrier_id, (rep && rep.carrier_number) || t('rep.carrier'), { class: 'carrier-number' })],
        [t('rep.department'), r.department_id ? c.names[r.department_id] || t('insp.some_dept') : null],
        [t('rep.failed'), h('span', { 'data-value': 'failed' }, String(r.failed_checks))],
        [t('rep.hits'), h('span', { 'data-value': 'hits' }, String(r.keyword_hits))],
        [t('rep.findings'), h('span', null, h('strong', { 'data-value': 'findings' }, String(r.findings_created)), ' ',
          B.link('inspect/' + k.id + '/findings', t('rep.to_findings')))]
      ]));
    }
    if (inspects(k)) {
      var input = h('input', { type: 'file', name: 'file', accept: '.json,application/json', id: 'report-file' });
      el.appendChild(panel(t('rep.upload'), [
        h('p', { class: 'hint-line' }, t('rep.hint')),
        B.form({ id: 'check-import-form', class: 'inline-form import-form' }, [
          B.field(t('rep.file'), input),
          h('button', { type: 'submit', class: 'btn btn-primary' }, t('rep.submit'))
        ], function (f) {
          var file = input.files && input.files[0];
          if (!file) return Promise.reject(clientError('fill.no_file', 'file'));
          resultBox.hidden = true;
          return api('POST', c.path + '/check-reports', null, { raw: file, type: 'application/json' }).then(function (r) {
            return loadList().then(function () { showResult(r); });
          }, function (err) {
            if (!(err instanceof B.ApiError) || err.code !== 'report_refused') throw err;
            resultBox.hidden = false;
            resultBox.setAttribute('data-outcome', 'refused');
            B.clear(resultBox).appendChild(B.msg('error', h('strong', null, t('rep.refused')), B.errorText(err)));
          });
        }),
        resultBox
      ], { id: 'check-import' }));
    }
    el.appendChild(panel(t('rep.list'), listBox, { id: 'check-reports' }));
    if (isOfficer()) {
      el.appendChild(panel(t('rep.media'), h('div', { class: 'dl-line' },
        h('a', { class: 'btn', href: '/api/v1/carrier-media-list', download: 'media.txt', id: 'media-list' }, t('rep.media')),
        h('span', { class: 'field-hint' }, t('rep.media_hint'))), { id: 'media-panel' }));
    }
    loadList();
  }

  /* ---- 问题清单 */

  function findingsTab(el, c) {
    var k = c.k;
    var q = c.ctx.query;
    var filter = { department: q.get('department') || '', severity: q.get('severity') || '', source: q.get('source') || '' };
    var canAssign = inspects(k);
    var filters = h('form', { class: 'filters', id: 'finding-filters', novalidate: true, role: 'search' },
      B.field(t('fnd.department'), B.select('department', k.departments.map(function (d) { return { value: d, label: c.names[d] || t('insp.some_dept') }; })
        .concat([{ value: 'none', label: t('fnd.no_dept') }]), filter.department, null, t('common.all'))),
      B.field(t('fnd.severity'), B.select('severity', SEVERITIES.map(function (s) { return { value: s, label: t('isev.' + s) }; }), filter.severity, null, t('common.all'))),
      B.field(t('fnd.source'), B.select('source', SOURCES.map(function (s) { return { value: s, label: t('isrc.' + s) }; }), filter.source, null, t('common.all'))),
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')),
        B.button(t('common.reset'), function () { nav('inspect/' + k.id + '/findings'); })));
    filters.addEventListener('submit', function (ev) {
      ev.preventDefault();
      nav('inspect/' + k.id + '/findings', { department: fval(filters, 'department'), severity: fval(filters, 'severity'), source: fval(filters, 'source') });
    });
    el.appendChild(filters);
    var body = h('div');
    el.appendChild(body);
    B.load(body, Promise.all([
      api('GET', c.path + '/findings'),
      canAssign ? knownAccounts() : Promise.resolve({}),
      canAssign ? api('GET', '/api/v1/checklists/' + encodeURIComponent(k.checklist_id)) : Promise.resolve(null)
    ]), function (res) {
      var all = (res[0] && res[0].items) || [];
      var known = res[1];
      var shown = all.filter(function (f) {
        if (filter.severity && f.severity !== filter.severity) return false;
        if (filter.source && f.source !== filter.source) return false;
        if (filter.department === 'none') return !f.department_id;
        if (filter.department && String(f.department_id) !== filter.department) return false;
        return true;
      });
      body.appendChild(h('p', { class: 'hint-line', id: 'finding-count' }, t('fnd.count', { n: all.length, m: shown.length })));
      var formRow = null;
      function assignForm(f, tr) {
        if (formRow) formRow.remove();
        var who = B.accountPicker('responsible_id', { known: known, lookup: looksUp(k) });
        var form = B.form({ class: 'grid-form assign-form', 'data-finding': f.id }, [
          B.field(t('fnd.responsible'), who.el, { required: true, hint: t(looksUp(k) ? 'fnd.responsible_hint' : 'fnd.responsible_hint_id') }),
          B.field(t('fnd.deadline'), B.input('deadline', bjDate(30), { type: 'date', min: bjDate(0) }), { required: true }),
          B.field(t('fnd.task_dept'), B.select('department_id', k.departments.map(function (d) { return { value: d, label: c.names[d] || t('insp.some_dept') }; }), f.department_id || '', null, f.department_id ? c.names[f.department_id] || t('insp.some_dept') : t('common.none')), { hint: t('fnd.task_dept_hint') }),
          B.field(t('fnd.plan'), B.input('plan', '', { maxlength: 2000 }), { wide: true }),
          h('div', { class: 'form-actions field-wide' },
            h('button', { type: 'submit', class: 'btn btn-primary' }, t('fnd.assign')),
            B.button(t('rect.cancel'), function () { formRow.remove(); formRow = null; }))
        ], function (fm) {
          if (who.problem()) return Promise.reject(who.problem());
          var b = { responsible_id: who.value(), deadline: fval(fm, 'deadline') };
          if (b.responsible_id === undefined) delete b.responsible_id;
          if (!b.deadline) delete b.deadline;
          var d = intOr(fval(fm, 'department_id'));
          if (d !== undefined) b.department_id = d;
          var plan = fval(fm, 'plan');
          if (plan) b.plan = plan;
          return api('POST', '/api/v1/findings/' + encodeURIComponent(f.id) + '/task', b).then(function (r) {
            done(t('fnd.assigned', { who: r.responsible || who.input.value }));
          });
        });
        formRow = h('tr', { class: 'assign-row' }, h('td', { colspan: '6' }, form));
        tr.parentNode.insertBefore(formRow, tr.nextSibling);
        who.input.focus();
      }
      body.appendChild(B.table([
        { label: t('fnd.severity'), value: function (f) { return sevBadge(f.severity); }, class: 'nowrap' },
        { label: t('fnd.title'), value: function (f) {
          return h('div', null, h('div', { class: 'finding-title' }, f.title),
            h('div', { class: 'dl-what' }, f.category + ' · ' + f.item_title + ' · ' + t('isrc.' + f.source)));
        } },
        { label: t('fnd.department'), value: function (f) { return f.department_id ? f.department || c.names[f.department_id] : h('span', { class: 'muted' }, t('fnd.no_dept')); }, class: 'nowrap' },
        { label: t('fnd.evidence'), value: function (f) { return evidenceView(f); }, class: 'evidence-cell' },
        { label: t('fnd.task'), value: function (f) {
          if (f.task) {
            return h('div', { class: 'task-cell' }, rstateBadge(f.task.state),
              f.task.overdue ? [' ', B.badge(t('rect.overdue'), 'error overdue-mark')] : null,
              h('div', { class: 'dl-what' }, (f.task.responsible || t('insp.someone')) + ' · ' + f.task.deadline));
          }
          return canAssign ? B.button(t('fnd.assign'), function (ev) { assignForm(f, ev.currentTarget.closest('tr')); }, 'btn-small btn-primary assign-btn', { 'data-finding': f.id }) : '—';
        }, class: 'nowrap' },
        { label: t('insp.created_at'), value: function (f) { return B.fmtTime(f.created_at); }, class: 'nowrap' }
      ], shown, {
        class: 'finding-table',
        empty: t('fnd.empty'),
        rowAttrs: function (f) {
          return { 'data-id': f.id, 'data-code': f.item_code, 'data-severity': f.severity, 'data-source': f.source, class: f.task && f.task.overdue ? 'row-overdue' : null };
        }
      }));
      if (canAssign && res[2]) body.appendChild(newFindingForm(c, res[2].items || []));
    });
  }

  function evidenceView(f) {
    if (f.restricted) {
      return h('div', { class: 'evidence-restricted' }, B.badge(t('fnd.restricted'), 'muted'), ' ', h('span', { class: 'muted' }, f.evidence));
    }
    var text = f.evidence || '';
    if (!text.trim()) return '—';
    var lines = text.replace(/\s+$/, '').split('\n');
    if (lines.length <= 2 && text.length <= 160) return h('span', { class: 'pre evidence-text' }, text.trim());
    return h('details', { class: 'evidence-more' },
      h('summary', null, lines[0].slice(0, 80) + (lines[0].length > 80 ? '…' : '') + ' （' + t('fnd.more') + '）'),
      h('div', { class: 'pre evidence-text' }, text.trim()));
  }

  function newFindingForm(c, items) {
    var k = c.k;
    return h('details', { class: 'panel new-finding', id: 'new-finding' },
      h('summary', { class: 'panel-title' }, t('fnd.new')),
      h('div', { class: 'panel-body' }, B.form({ id: 'finding-form', class: 'grid-form' }, [
        B.field(t('fnd.item'), B.select('item_id', items.map(function (it) { return { value: it.id, label: it.category + ' · ' + it.title }; }), '', null, t('common.choose')), { required: true, wide: true }),
        B.field(t('fnd.department'), B.select('department_id', k.departments.map(function (d) { return { value: d, label: c.names[d] || t('insp.some_dept') }; }), '', null, t('common.choose')), { required: true }),
        B.field(t('fnd.severity'), B.select('severity', SEVERITIES.map(function (s) { return { value: s, label: t('isev.' + s) }; }), 'medium'), { required: true }),
        B.field(t('fnd.title'), B.input('title', '', { maxlength: 500 }), { required: true, wide: true }),
        B.field(t('fnd.evidence'), h('textarea', { name: 'evidence', rows: '3', maxlength: '4000' }), { wide: true }),
        h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('fnd.new')))
      ], function (f) {
        var b = { item_id: intOr(fval(f, 'item_id')), department_id: intOr(fval(f, 'department_id')), severity: fval(f, 'severity'), title: fval(f, 'title') };
        Object.keys(b).forEach(function (x) { if (b[x] === undefined || b[x] === '') delete b[x]; });
        var ev = fval(f, 'evidence');
        if (ev) b.evidence = ev;
        return api('POST', c.path + '/findings', b).then(function () { done(t('fnd.created')); });
      })));
  }

  /* ------------------------------------------------------------------ rectification tracker */

  /* The tasks table; campaigns: id -> campaign (for who inspects it), null when unknown. */
  function taskTable(tasks, campaigns, opts) {
    opts = opts || {};
    var me = meId();
    var formRow = null;
    function act(x, action, text, btn) {
      var b = { action: action };
      if (action === 'done') b.measures = text;
      if (action === 'reject') b.reason = text;
      if (btn) btn.disabled = true;
      return api('POST', '/api/v1/rect-tasks/' + encodeURIComponent(x.id) + '/actions', b).then(function () {
        done(t('rect.done_msg', { action: t('raction.' + action) }));
      }, function (err) {
        if (btn) {
          btn.disabled = false;
          var cell = btn.closest('td');
          var m = cell.querySelector('.form-msg') || cell.insertBefore(h('div', { class: 'form-msg msg msg-error', role: 'alert' }), cell.firstChild);
          m.textContent = B.errorText(err);
          return;
        }
        throw err;
      });
    }
    function textForm(x, action, tr) {
      if (formRow) formRow.remove();
      var name = action === 'done' ? 'measures' : 'reason';
      var input = B.input(name, '', { maxlength: 2000 });
      var form = B.form({ class: 'inline-form rect-form', 'data-task': x.id, 'data-action': action }, [
        B.field(t(action === 'done' ? 'rect.measures_label' : 'rect.reason_label'), input, { required: true, class: 'field-reason' }),
        h('button', { type: 'submit', class: 'btn ' + (action === 'reject' ? 'btn-danger' : 'btn-primary') }, t('raction.' + action)),
        B.button(t('rect.cancel'), function () { formRow.remove(); formRow = null; })
      ], function (f) {
        return act(x, action, fval(f, name));
      });
      formRow = h('tr', { class: 'rect-form-row' }, h('td', { colspan: String(cols.length) }, form));
      tr.parentNode.insertBefore(formRow, tr.nextSibling);
      input.focus();
    }
    function buttons(x) {
      var k = campaigns && campaigns[x.campaign_id];
      /* a drill's finding: the officer and the emergency command verify */
      var insp = x.drill_id ? B.hasRole(['officer', 'command']) : k ? inspects(k) : isOfficer();
      var mine = x.responsible_id === me;
      var out = [];
      if (mine && x.state === 'open') {
        out.push(B.button(t('raction.start'), function (ev) { act(x, 'start', '', ev.currentTarget); }, 'btn-small rect-act', { 'data-action': 'start' }));
      }
      if ((mine || insp) && OPEN_STATES.indexOf(x.state) >= 0) {
        out.push(B.button(t('raction.done'), function (ev) { textForm(x, 'done', ev.currentTarget.closest('tr')); }, 'btn-small btn-primary rect-act', { 'data-action': 'done' }));
      }
      /* nobody verifies their own work: neither the responsible person nor whoever recorded it done */
      if (insp && !mine && x.done_by !== me && x.state === 'done') {
        out.push(B.button(t('raction.verify'), function (ev) { act(x, 'verify', '', ev.currentTarget); }, 'btn-small btn-primary rect-act', { 'data-action': 'verify' }));
        out.push(B.button(t('raction.reject'), function (ev) { textForm(x, 'reject', ev.currentTarget.closest('tr')); }, 'btn-small btn-danger rect-act', { 'data-action': 'reject' }));
      }
      return out.length ? h('div', { class: 'decide-buttons' }, out) : '—';
    }
    var cols = [
      { label: t('rect.finding'), value: function (x) {
        var k = campaigns && campaigns[x.campaign_id];
        return h('div', null, h('div', { class: 'finding-title' }, sevBadge(x.severity), ' ', x.finding),
          opts.showCampaign && k ? h('div', { class: 'dl-what' }, reads(k) ? B.link('inspect/' + k.id + '/rect', k.name) : k.name) : null,
          x.drill_id ? h('div', { class: 'dl-what rect-drill' }, t('rect.from_drill'), B.link('drill/' + x.drill_id, x.drill)) : null);
      } },
      { label: t('rect.department'), value: function (x) { return x.department || '—'; }, class: 'nowrap' },
      { label: t('rect.responsible'), value: function (x) { return (x.responsible || t('insp.someone')) + (x.responsible_id === me ? '（' + t('insp.me') + '）' : ''); }, class: 'nowrap' },
      { label: t('rect.deadline'), value: function (x) {
        return h('div', null, h('span', { class: x.overdue ? 'deadline overdue-date' : 'deadline' }, x.deadline),
          x.overdue ? h('div', null, B.badge(t('rect.overdue'), 'error overdue-mark')) : null,
          x.escalated_at ? h('div', { class: 'dl-what' }, t('rect.escalated')) : null);
      }, class: 'nowrap' },
      { label: t('rect.state'), value: function (x) { return rstateBadge(x.state); }, class: 'nowrap' },
      { label: t('rect.detail'), value: function (x) {
        var p = [];
        if (x.plan) p.push(h('div', null, h('span', { class: 'muted' }, t('rect.plan') + colon()), x.plan));
        if (x.measures) p.push(h('div', null, h('span', { class: 'muted' }, t('rect.measures') + colon()), x.measures));
        if (x.reason && x.state !== 'verified') p.push(h('div', { class: 'rect-reason' }, h('span', { class: 'muted' }, t('rect.reason') + colon()), x.reason));
        return p.length ? h('div', { class: 'rect-detail' }, p) : '—';
      } },
      { label: t('common.actions'), value: buttons, class: 'nowrap' }
    ];
    return B.table(cols, tasks, {
      class: 'rect-table',
      empty: t('rect.empty'),
      rowAttrs: function (x) { return { 'data-task': x.id, 'data-state': x.state, class: x.overdue ? 'row-overdue' : null }; }
    });
  }

  function campaignMap(list) {
    var m = {};
    (list || []).forEach(function (k) { m[k.id] = k; });
    return m;
  }

  function rectTracker(ctx) {
    var el = ctx.el;
    var q = ctx.query;
    var filter = { campaign_id: q.get('campaign_id') || '', overdue: q.get('overdue') || '', open: q.get('open') || '', mine: q.get('mine') || '' };
    var all = B.hasRole(READ_ALL);
    el.appendChild(B.pageHead(t('rect.title')));
    showFlash(el);
    var filters = h('form', { class: 'filters', id: 'rect-filters', novalidate: true, role: 'search' });
    el.appendChild(filters);
    if (!all) el.appendChild(h('p', { class: 'hint-line' }, t('rect.mine_note')));
    var body = h('div');
    el.appendChild(body);
    B.load(body, Promise.all([
      api('GET', '/api/v1/rect-tasks' + B.query({ campaign_id: filter.campaign_id, overdue: filter.overdue, mine: filter.mine })),
      api('GET', '/api/v1/campaigns')
    ]), function (res) {
      var campaigns = (res[1] && res[1].items) || [];
      filters.appendChild(B.field(t('rect.campaign'), B.select('campaign_id', campaigns.map(function (k) { return { value: k.id, label: k.name }; }), filter.campaign_id, null, t('common.all'))));
      filters.appendChild(h('div', { class: 'field filter-checks' },
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'open', value: '1', checked: filter.open === '1' }), ' ', t('rect.open_only')),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'overdue', value: '1', checked: filter.overdue === '1' }), ' ', t('rect.overdue_only')),
        all ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'mine', value: '1', checked: filter.mine === '1' }), ' ', t('rect.mine_only')) : null));
      filters.appendChild(h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')),
        B.button(t('common.reset'), function () { nav('rect-tasks'); })));
      filters.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var f = { campaign_id: fval(filters, 'campaign_id') };
        ['open', 'overdue', 'mine'].forEach(function (x) {
          var cb = filters.elements[x];
          f[x] = cb && cb.checked ? '1' : '';
        });
        nav('rect-tasks', f);
      });
      var tasks = ((res[0] && res[0].items) || []).filter(function (x) {
        return filter.open !== '1' || OPEN_STATES.indexOf(x.state) >= 0 || x.state === 'done';
      });
      body.appendChild(taskTable(tasks, campaignMap(campaigns), { showCampaign: true }));
    });
  }

  /* ---- 整改与督查 (one campaign) */

  function rectTab(el, c) {
    var k = c.k;
    var tasksBox = h('div');
    el.appendChild(panel(t('rect.title'), tasksBox, { id: 'campaign-rect' }));
    var spotBox = h('div');
    el.appendChild(panel(t('spot.title'), spotBox, { id: 'spot-checks' }));
    var camp = {};
    camp[k.id] = k;
    B.load(tasksBox, api('GET', '/api/v1/rect-tasks' + B.query({ campaign_id: k.id })), function (r) {
      var tasks = (r && r.items) || [];
      if (!B.hasRole(READ_ALL)) {
        tasksBox.appendChild(h('p', { class: 'hint-line' }, t('rect.mine_note'),
          B.hasRole(['dept_head']) ? [' ', B.link('inspect/' + k.id + '/findings', t('rect.dept_note'))] : null));
      }
      tasksBox.appendChild(taskTable(tasks, camp));
      B.load(spotBox, api('GET', c.path + '/spot-checks'), function (sr) {
        var spots = (sr && sr.items) || [];
        var byId = {};
        tasks.forEach(function (x) { byId[x.id] = x; });
        spotBox.appendChild(B.table([
          { label: t('spot.at'), value: function (s) { return B.fmtTime(s.at); }, class: 'nowrap' },
          { label: t('spot.superior_unit'), value: function (s) { return s.superior_unit; } },
          { label: t('spot.inspector'), value: function (s) { return s.inspector; }, class: 'nowrap' },
          { label: t('spot.task'), value: function (s) { return s.task_id ? (byId[s.task_id] ? byId[s.task_id].finding : t('spot.task')) : t('spot.no_task'); } },
          { label: t('spot.passed'), value: function (s) { return B.badge(t(s.passed ? 'spot.pass' : 'spot.fail'), s.passed ? 'ok' : 'error'); }, class: 'nowrap' },
          { label: t('spot.note'), value: function (s) { return s.note; } }
        ], spots, { class: 'spot-table', empty: t('spot.empty'), rowAttrs: function (s) { return { 'data-id': s.id }; } }));
        if (!inspects(k)) return;
        spotBox.appendChild(h('h3', { class: 'sub-title' }, t('spot.submit')));
        spotBox.appendChild(B.form({ id: 'spot-form', class: 'grid-form spot-form' }, [
          B.field(t('spot.task'), B.select('task_id', tasks.map(function (x) { return { value: x.id, label: x.finding + '（' + t('rstate.' + x.state) + '）' }; }), '', null, t('spot.no_task')), { wide: true }),
          B.field(t('spot.superior_unit'), B.input('superior_unit', '', { maxlength: 256 }), { required: true }),
          B.field(t('spot.inspector'), B.input('inspector', '', { maxlength: 128 }), { required: true }),
          B.field(t('spot.passed'), B.select('passed', [{ value: 'true', label: t('spot.pass') }, { value: 'false', label: t('spot.fail') }], 'true'), { required: true }),
          B.field(t('spot.note'), B.input('note', '', { maxlength: 2000 }), { wide: true }),
          h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('spot.submit')))
        ], function (f) {
          var b = { superior_unit: fval(f, 'superior_unit'), inspector: fval(f, 'inspector'), passed: fval(f, 'passed') === 'true' };
          var tid = intOr(fval(f, 'task_id'));
          if (tid !== undefined) b.task_id = tid;
          var note = fval(f, 'note');
          if (note) b.note = note;
          return api('POST', c.path + '/spot-checks', b).then(function () { done(t('spot.created')); });
        }));
      });
    });
  }

  /* ---- 得分与报告 */

  function scoreTab(el, c) {
    var base = c.path + '/report';
    el.appendChild(panel(t('report.title'), h('div', { class: 'downloads', id: 'report-downloads' },
      h('div', { class: 'dl-line' },
        h('a', { class: 'btn btn-primary', href: base + '?format=pdf', download: '', id: 'report-pdf' }, t('report.pdf')),
        h('a', { class: 'btn', href: base + '?format=xlsx', download: '', id: 'report-xlsx' }, t('report.xlsx')),
        h('span', { class: 'field-hint' }, t('report.hint')))), { id: 'campaign-report' }));
    var box = h('div');
    el.appendChild(panel(t('score.title'), box, { id: 'campaign-scores' }));
    B.load(box, api('GET', c.path + '/scores'), function (s) {
      var rows = (s.departments || []).slice();
      var unit = Object.assign({ unit: true, department: t('score.unit') }, s.unit);
      rows.push(unit);
      function num(v) { return String(v); }
      box.appendChild(B.table([
        { label: t('score.dept'), value: function (x) { return x.unit ? h('strong', null, x.department) : x.department || c.names[x.department_id] || t('insp.some_dept'); } },
        { label: t('score.score'), value: function (x) {
          return h('span', { class: 'score-cell ' + scoreClass(x.score) }, x.score === null ? '—' : x.score.toFixed(2));
        }, class: 'num' },
        { label: t('score.compliant'), value: function (x) { return num(x.compliant); }, class: 'num' },
        { label: t('score.noncompliant'), value: function (x) { return num(x.noncompliant); }, class: 'num' },
        { label: t('score.na'), value: function (x) { return num(x.not_applicable); }, class: 'num' },
        { label: t('score.cw'), value: function (x) { return num(x.compliant_weight); }, class: 'num' },
        { label: t('score.nw'), value: function (x) { return num(x.noncompliant_weight); }, class: 'num' }
      ], rows, {
        class: 'score-table',
        rowAttrs: function (x) { return { 'data-dept': x.unit ? 'unit' : x.department_id, class: x.unit ? 'score-unit' : null }; }
      }));
      box.appendChild(h('p', { class: 'formula-line', id: 'score-formula' }, t('score.formula') + (B.state.lang === 'en' ? s.formula[1] : s.formula[0])));
    });
  }

  /* ------------------------------------------------------------------ modules */

  B.registerModule({
    id: 'inspect', group: 'business', order: 70, label: 'nav.inspect', roles: BUSINESS,
    render: function (ctx) {
      var id = ctx.params[0];
      if (!id) return board(ctx);
      if (id === 'new') {
        if (!isOfficer()) {
          ctx.el.appendChild(B.errorBox(new B.ApiError(403, { error: { code: 'forbidden' } })));
          return;
        }
        return newCampaign(ctx);
      }
      return campaignPage(ctx, id, ctx.params[1] || 'overview');
    }
  });

  B.registerModule({
    id: 'rect-tasks', group: 'business', order: 75, label: 'nav.rect_tasks', roles: BUSINESS,
    render: rectTracker
  });

  /* ------------------------------------------------------------------ home panel */

  B.registerHomePanel({
    id: 'rect-home', order: 7, roles: BUSINESS,
    render: function (el) {
      var seq = B.state.routeSeq;
      var box = h('div', { class: 'loading' }, t('common.loading'));
      el.appendChild(panel(t('rhome.title'), box, { id: 'rect-home' }));
      api('GET', '/api/v1/rect-tasks?mine=1').then(function (r) {
        if (seq !== B.state.routeSeq) return;
        box.className = '';
        B.clear(box);
        var open = ((r && r.items) || []).filter(function (x) { return OPEN_STATES.indexOf(x.state) >= 0; });
        var overdue = open.filter(function (x) { return x.overdue; }).length;
        box.appendChild(h('div', { class: 'stat-cards' },
          h('a', { class: 'stat-card' + (open.length ? ' stat-warn' : ''), href: '#/rect-tasks?open=1', id: 'rect-home-open' },
            h('span', { class: 'stat-num' }, String(open.length)), h('span', { class: 'stat-label' }, t('rhome.open'))),
          h('a', { class: 'stat-card' + (overdue ? ' stat-alert' : ''), href: '#/rect-tasks?overdue=1', id: 'rect-home-overdue' },
            h('span', { class: 'stat-num' }, String(overdue)), h('span', { class: 'stat-label' }, t('rhome.overdue')))));
        if (!open.length) {
          box.appendChild(h('p', { class: 'muted' }, t('rhome.none')));
          return;
        }
        var shown = open.slice(0, 8);
        box.appendChild(h('ul', { class: 'home-incidents home-rect', id: 'home-rect' }, shown.map(function (x) {
          return h('li', { 'data-task': x.id, class: x.overdue ? 'row-overdue' : null },
            sevBadge(x.severity), ' ', B.link(x.drill_id ? 'drill/' + x.drill_id : 'rect-tasks' + B.query({ campaign_id: x.campaign_id }), x.finding, { class: 'rect-finding' }), ' ',
            rstateBadge(x.state),
            h('span', { class: 'next-due' + (x.overdue ? ' overdue-date' : '') }, t('rect.deadline') + colon() + x.deadline,
              x.overdue ? [' ', B.badge(t('rect.overdue'), 'error overdue-mark')] : null));
        })));
        if (open.length > shown.length) box.appendChild(B.link('rect-tasks?open=1', t('rhome.more', { n: open.length })));
      }, function (err) {
        if (seq !== B.state.routeSeq) return;
        box.className = '';
        B.clear(box).appendChild(B.errorBox(err));
      });
    }
  });
})();
