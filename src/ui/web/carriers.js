/*
 * baomi web UI — the classified-carrier ledger (涉密载体台账): ledger list with filters and
 * full-text search, register form (officer), carrier detail with its knowledge scope and history
 * timeline, a form for each lifecycle action the state allows, approval requests and the
 * approval inbox (审批待办), reminders (提醒) and ledger statistics on the home page.
 *
 * The server enforces need-to-know on every read: a carrier outside it answers 404 and is absent
 * from lists and counts. This file only decides which buttons to offer; every refusal comes from
 * the server and is shown with its own message and highlighted field.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var nav = B.nav, panel = B.panel, num = B.num, intOr = B.intOr;
  var api = B.api;

  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var READ_PEOPLE = ['officer', 'leader', 'dept_head', 'secadmin', 'sysadmin'];
  var LIMIT = 50;

  var TYPES = ['paper_doc', 'electronic_doc', 'computer', 'usb', 'hdd', 'disc', 'card', 'tape',
    'printer', 'copier', 'scanner', 'fax', 'burner', 'crypto'];
  var STATES = ['in_custody', 'borrowed', 'circulating', 'taken_out', 'in_repair', 'returned',
    'destroyed', 'declassified', 'archived', 'lost_or_leaked'];
  var FINAL = ['returned', 'destroyed', 'declassified', 'archived'];
  var CLASSIFIED = ['top_secret', 'secret', 'confidential'];
  /* actions in the order their buttons appear */
  var ACTIONS = ['borrow', 'return', 'circulate', 'sign', 'take_out', 'repair', 'repair_done',
    'copy', 'review', 'extend', 'change_level', 'declassify', 'return_issuer', 'destroy', 'archive',
    'restore'];
  /* what the officer may correct after registration (level and period only by their actions) */
  var CORRECT_TEXT = ['title', 'classifier', 'classify_basis', 'location', 'copy_no', 'sender', 'doc_no', 'notes'];
  var CORRECT_DEVICE = ['serial', 'asset_tag', 'model', 'capacity'];

  B.addStrings({
    'nav.carriers': ['载体台账', 'Carrier ledger'],
    'nav.carrier_requests': ['审批待办', 'Approvals'],
    'nav.carrier_reminders': ['提醒', 'Reminders'],
    'tile.carriers': ['涉密载体登记、查询与流转', 'Register, find and track classified carriers'],
    'tile.carrier-requests': ['待您审批的申请与本人申请', 'Requests awaiting you, and your own'],
    'tile.carrier-reminders': ['逾期、即将到期与待审查载体', 'Overdue, expiring and review-due carriers'],

    'ctype.paper_doc': ['纸质文件资料', 'Paper document'],
    'ctype.electronic_doc': ['电子文件', 'Electronic document'],
    'ctype.computer': ['涉密计算机', 'Classified computer'],
    'ctype.usb': ['U盘', 'USB drive'],
    'ctype.hdd': ['移动硬盘', 'Portable hard disk'],
    'ctype.disc': ['光盘', 'Optical disc'],
    'ctype.card': ['存储卡', 'Memory card'],
    'ctype.tape': ['磁带', 'Tape'],
    'ctype.printer': ['打印机', 'Printer'],
    'ctype.copier': ['复印机', 'Copier'],
    'ctype.scanner': ['扫描仪', 'Scanner'],
    'ctype.fax': ['传真机', 'Fax machine'],
    'ctype.burner': ['刻录机', 'Disc burner'],
    'ctype.crypto': ['密码设备', 'Crypto device'],

    'cstate.in_custody': ['在库', 'In custody'],
    'cstate.borrowed': ['借阅中', 'Borrowed'],
    'cstate.circulating': ['传阅中', 'Circulating'],
    'cstate.taken_out': ['外携中', 'Taken out'],
    'cstate.in_repair': ['维修中', 'In repair'],
    'cstate.returned': ['已清退', 'Returned to issuer'],
    'cstate.destroyed': ['已销毁', 'Destroyed'],
    'cstate.declassified': ['已解密', 'Declassified'],
    'cstate.archived': ['已归档', 'Archived'],
    'cstate.lost_or_leaked': ['丢失/泄露', 'Lost or leaked'],

    'caction.borrow': ['借阅', 'Borrow'],
    'caction.return': ['归还', 'Return'],
    'caction.circulate': ['传阅', 'Circulate'],
    'caction.sign': ['传阅签收', 'Sign circulation'],
    'caction.take_out': ['外携', 'Take out'],
    'caction.repair': ['送修', 'Send to repair'],
    'caction.repair_done': ['维修完毕', 'Repair done'],
    'caction.return_issuer': ['清退', 'Return to issuer'],
    'caction.destroy': ['销毁', 'Destroy'],
    'caction.declassify': ['解密', 'Declassify'],
    'caction.change_level': ['变更密级', 'Change level'],
    'caction.extend': ['延长保密期限', 'Extend period'],
    'caction.archive': ['归档', 'Archive'],
    'caction.copy': ['复制', 'Copy'],
    'caction.review': ['年度审查', 'Yearly review'],
    'caction.restore': ['恢复', 'Restore'],
    'caction.compromised': ['关联已核实泄密事件', 'Linked to a verified leak'],
    'caction.correct': ['更正登记', 'Registration corrected'],
    'caction.register': ['登记', 'Registered'],
    'caction.register_copy': ['复制生成', 'Created as a copy'],
    'caction.import': ['导入登记', 'Imported'],
    'caction.request': ['提出审批申请', 'Approval requested'],
    'caction.approve': ['审批同意', 'Approved'],
    'caction.reject': ['审批驳回', 'Rejected'],

    'carrier.number': ['编号', 'Number'],
    'carrier.title': ['名称', 'Title'],
    'carrier.type': ['类型', 'Type'],
    'carrier.level': ['密级', 'Level'],
    'carrier.state': ['状态', 'State'],
    'carrier.period': ['保密期限', 'Security period'],
    'carrier.period_years': ['保密期限（年）', 'Period (years)'],
    'carrier.release_on': ['解密时间', 'Release date'],
    'carrier.release_condition': ['解密条件', 'Release condition'],
    'carrier.period_hint': ['期限、解密时间、解密条件至多填一项；均不填则取法定最长期限（绝密30年、机密20年、秘密10年）', 'Give at most one of period, release date, release condition; none means the legal maximum (30/20/10 years)'],
    'carrier.period_basis': ['超期依据', 'Basis for a longer period'],
    'carrier.period_basis_hint': ['保密期限超过法定最长期限时必填', 'Required when the period exceeds the legal maximum'],
    'carrier.period_defaulted': ['（未填写，按法定最长期限）', '(not given: the legal maximum)'],
    'carrier.years': ['{n} 年', '{n} years'],
    'carrier.issued_on': ['定密日期', 'Issued on'],
    'carrier.expires_on': ['保密期限届满', 'Period ends'],
    'carrier.classifier': ['定密责任人', 'Classifier'],
    'carrier.classify_basis': ['定密依据', 'Classification basis'],
    'carrier.custodian': ['保管人', 'Custodian'],
    'carrier.custodian_hint': ['不选则为本人', 'Empty: yourself'],
    'carrier.handler': ['专人管理（绝密必填）', 'Named handler (top secret)'],
    'carrier.handler_short': ['专人管理', 'Named handler'],
    'carrier.holder': ['当前持有人', 'Current holder'],
    'carrier.due_on': ['归还期限', 'Due back'],
    'carrier.location': ['存放位置', 'Location'],
    'carrier.copies': ['份数', 'Copies'],
    'carrier.copy_no': ['份号', 'Copy numbers'],
    'carrier.origin': ['来源', 'Origin'],
    'carrier.origin.made': ['自制', 'Made here'],
    'carrier.origin.received': ['收文', 'Received'],
    'carrier.sender': ['来文单位', 'Sender'],
    'carrier.doc_no': ['文号', 'Document no.'],
    'carrier.pages': ['页数', 'Pages'],
    'carrier.serial': ['序列号', 'Serial no.'],
    'carrier.asset_tag': ['资产编号', 'Asset tag'],
    'carrier.model': ['型号', 'Model'],
    'carrier.capacity': ['容量', 'Capacity'],
    'carrier.classified_use': ['涉密用途', 'Registered for classified use'],
    'carrier.use.classified': ['涉密', 'Classified'],
    'carrier.use.unclassified': ['非涉密', 'Unclassified'],
    'carrier.notes': ['备注', 'Notes'],
    'carrier.parent': ['复制自', 'Copy of'],
    'carrier.readers': ['待签收（顺序）', 'Readers still to sign (in order)'],
    'carrier.created_at': ['登记时间', 'Registered at'],
    'carrier.updated_at': ['更新时间', 'Updated at'],
    'carrier.scope': ['知悉范围', 'Knowledge scope'],
    'carrier.scope_people': ['知悉人员', 'People in scope'],
    'carrier.scope_departments': ['知悉部门', 'Departments in scope'],
    'carrier.scope_none': ['未指定（仅保管人、保密员可见）', 'None given (custodian and officer only)'],
    'carrier.overdue': ['已逾期', 'Overdue'],
    'carrier.device': ['设备与介质信息', 'Device and medium'],
    'carrier.basic': ['基本信息', 'Basic information'],
    'carrier.custody': ['保管与流转', 'Custody'],
    'carrier.history': ['流转记录', 'History'],
    'carrier.history_empty': ['暂无记录', 'No events'],
    'carrier.decided_as': ['审批身份', 'Decided as'],
    'carrier.other': ['其他', 'Other'],
    'carrier.parent_open': ['查看原载体', 'Open the original'],
    'carrier.someone': ['（未知人员）', '(unknown person)'],
    'carrier.some_dept': ['（未知部门）', '(unknown department)'],
    'carrier.actions': ['办理', 'Actions'],
    'carrier.no_actions': ['当前状态下您无可办理的操作', 'Nothing you may do in this state'],
    'carrier.final': ['载体{state}，流转结束', 'The carrier is {state}; its lifecycle is over'],
    'carrier.done': ['已办理：{action}', 'Done: {action}'],
    'carrier.lost_note': ['该载体关联已核实的泄密事件，处于丢失/泄露状态：在保密员作出恢复决定前不能办理其他操作',
      'This carrier is linked to a verified leak and is lost or leaked: nothing else is done with it until the officer decides to restore it'],
    'carrier.correct': ['编辑', 'Edit'],
    'carrier.correct_title': ['更正登记信息', 'Correct the registration'],
    'carrier.correct_note': ['密级和保密期限不在此更正，请使用“变更密级”或“延长保密期限”。',
      'The level and the period are not corrected here: use Change level or Extend period.'],
    'carrier.corrected': ['登记信息已更正', 'Registration corrected'],
    'carrier.correct_nothing': ['没有修改任何内容', 'Nothing was changed'],
    'carrier.incident': ['泄密事件', 'Leak incident'],
    'carrier.state_before': ['原状态', 'State before'],
    'carrier.copies_made': ['已生成副本：', 'Copies made: '],
    'carrier.created': ['载体已登记，编号 {number}', 'Registered as {number}'],
    'carrier.need_to_know': ['仅列出您知悉范围内的载体；范围外的载体不显示、不计数。', 'Only carriers within your need-to-know are listed or counted.'],
    'carrier.person_id_hint': ['人员编号', 'person id'],
    'carrier.ids_hint': ['人员编号，以逗号分隔', 'person ids, separated by commas'],
    'carrier.order': ['签收顺序：', 'Signing order: '],
    'carrier.yes': ['是', 'yes'],
    'carrier.no': ['否', 'no'],
    'carrier.submit': ['提交', 'Submit'],
    'carrier.cancel': ['取消', 'Cancel'],
    'carrier.approval_note': ['此操作须先经审批：{steps}', 'This action needs an approved request first: {steps}'],
    'carrier.approval_off_site': ['非现场维修须先经审批：{steps}；现场维修（有人监修）无需审批', 'Off-site repair needs an approved request first: {steps}; on-site supervised repair does not'],
    'carrier.approval_no_chain': ['此操作须先经审批，但尚未设置审批流程，请联系安全保密管理员', 'This action needs an approval, but no approval chain is set: ask the security administrator'],
    'carrier.approval_request': ['申请审批', 'Request approval'],
    'carrier.approval_pending': ['已提交审批申请，正在审批（{step}），获批后再办理', 'A request is being decided ({step}); act once it is approved'],
    'carrier.approval_ok': ['已获批准，可以办理（一次有效）', 'Approved: you may act (once)'],
    'carrier.future_date': ['定密日期不能晚于今天', 'The classification date cannot be after today'],
    'carrier.choose_level': ['请选择密级', 'Choose a level'],
    'carrier.corrections': ['更正记录', 'Corrections'],
    'carrier.corrections_none': ['尚无更正', 'No corrections yet'],
    'carrier.reason_missing': ['请填写更正理由', 'Give the reason for the correction'],

    'ledger.export_xlsx': ['导出 XLSX', 'Export XLSX'],
    'ledger.export_csv': ['导出 CSV', 'Export CSV'],
    'ledger.export_hint': ['导出当前筛选条件下、您知悉范围内的全部载体', 'Exports every carrier the current filters select within your need-to-know'],
    'ledger.import': ['导入', 'Import'],
    'ledger.import_title': ['导入台账文件', 'Import a ledger file'],
    'ledger.import_hint': ['支持 XLSX 和 CSV（UTF-8 或 GBK），表头与导出文件相同。先检查并预览，确认后一次性全部导入；有任何错误则不导入任何记录。',
      'XLSX or CSV (UTF-8 or GBK) with the export\'s header row. The file is checked and previewed first; confirming imports every row at once, and nothing if any row is wrong.'],
    'ledger.import_file': ['台账文件', 'Ledger file'],
    'ledger.import_checking': ['正在检查…', 'Checking…'],
    'ledger.import_summary': ['共 {total} 行：可导入 {valid} 行，错误 {errors} 处', '{total} rows: {valid} can be imported, {errors} errors'],
    'ledger.import_has_errors': ['文件有错误，请改正后重新选择文件；未导入任何记录', 'The file has errors: fix them and choose the file again. Nothing was imported'],
    'ledger.import_errors': ['错误', 'Errors'],
    'ledger.import_rows': ['可导入的行', 'Rows to import'],
    'ledger.import_more': ['仅列出前 {m} 行', 'The first {m} rows are shown'],
    'ledger.import_line': ['行号', 'Line'],
    'ledger.import_column': ['列', 'Column'],
    'ledger.import_reason': ['原因', 'Reason'],
    'ledger.import_confirm': ['确认导入', 'Import'],
    'ledger.imported': ['已导入 {n} 条载体', '{n} carriers imported'],
    'ledger.import_empty': ['文件中没有可导入的行', 'The file has no rows to import'],

    'carriers.title': ['涉密载体台账', 'Classified carrier ledger'],
    'carriers.new': ['登记载体', 'Register carrier'],
    'carriers.q': ['全文检索', 'Full-text search'],
    'carriers.q_hint': ['名称、备注中的词语', 'words in title or notes'],
    'carriers.overdue': ['逾期', 'Overdue'],
    'carriers.overdue_only': ['仅逾期未还', 'Overdue only'],
    'carriers.expiring': ['保密期限届满', 'Period ends'],
    'carriers.expiring_days': ['{n} 天内', 'within {n} days'],
    'carriers.empty': ['没有符合条件的载体', 'No carriers match'],
    'carriers.detail': ['载体详情', 'Carrier'],
    'carriers.register_only_officer': ['只有保密员可以登记载体', 'Only a confidentiality officer registers carriers'],

    'creq.title': ['审批待办', 'Approval inbox'],
    'creq.intro': ['列出待您所在角色审批的申请，以及您本人提出的申请。', 'Requests your roles may decide now, and your own requests.'],
    'creq.new': ['申请审批', 'Request approval'],
    'creq.action': ['申请事项', 'Action'],
    'creq.reason': ['申请理由', 'Reason'],
    'creq.carrier': ['载体', 'Carrier'],
    'creq.requested_by': ['申请人', 'Requested by'],
    'creq.requested_at': ['申请时间', 'Requested at'],
    'creq.steps': ['审批流程', 'Steps'],
    'creq.status': ['状态', 'Status'],
    'creq.status.pending': ['审批中', 'Pending'],
    'creq.status.approved': ['已批准', 'Approved'],
    'creq.status.rejected': ['已驳回', 'Rejected'],
    'creq.status.used': ['已办理', 'Used'],
    'creq.me': ['本人', 'me'],
    'creq.comment': ['审批意见', 'Comment'],
    'creq.approve': ['同意', 'Approve'],
    'creq.reject': ['驳回', 'Reject'],
    'creq.decided_approve': ['同意', 'approved'],
    'creq.decided_reject': ['驳回', 'rejected'],
    'creq.empty': ['暂无待办或本人申请', 'No requests'],
    'creq.tab.pending': ['待办', 'To do'],
    'creq.tab.done': ['已办', 'Done'],
    'creq.intro_done': ['列出您审批过的申请，以及您本人提出、已有结果的申请。', 'Requests you decided, and your own requests once decided.'],
    'creq.empty_done': ['暂无已办申请', 'No decided requests'],
    'creq.summary_only': ['凭审批职责查看摘要，不在您的知悉范围内', 'Summary shown for your decision; outside your need-to-know'],
    'creq.sent': ['申请已提交，等待审批', 'Request sent for approval'],
    'creq.hidden': ['（不在您的知悉范围内）', '(outside your need-to-know)'],
    'creq.on_carrier': ['本载体的申请', 'Requests for this carrier'],

    'crem.title': ['提醒', 'Reminders'],
    'crem.days': ['到期提前天数', 'Days ahead'],
    'crem.overdue': ['逾期未还（借阅、外携）', 'Overdue (loans and take-outs)'],
    'crem.expiring': ['{n} 天内保密期限届满', 'Period ends within {n} days'],
    'crem.review_due': ['保密期限已届满，待解密审查', 'Period over: due for declassification review'],
    'crem.yearly_review': ['{n} 天内到期或已逾期的年度审查', 'Yearly review due within {n} days, or late'],
    'carrier.reviewed_on': ['上次年度审查', 'Last yearly review'],
    'carrier.review_due_on': ['年度审查到期', 'Yearly review due'],
    'carrier.review_late': ['审查逾期', 'Review late'],
    'carriers.review': ['年度审查', 'Yearly review'],
    'carriers.review_days': ['{n} 天内到期', 'due within {n} days'],
    'cf.was_due_on': ['原审查期限', 'Was due'],
    'cf.next_due_on': ['下次审查期限', 'Next due'],
    'crem.more': ['共 {n} 件，仅列出前 {m} 件', '{n} in all; the first {m} are shown'],
    'crem.none': ['无', 'None'],

    'cstats.title': ['载体台账概况', 'Carrier ledger at a glance'],
    'cstats.total': ['载体总数', 'Carriers'],
    'cstats.overdue': ['逾期未还', 'Overdue'],
    'cstats.expiring': ['30天内到期', 'Ending in 30 days'],
    'cstats.by_level': ['按密级', 'By level'],
    'cstats.by_state': ['按状态', 'By state'],

    'cf.person_id': ['借阅人', 'Borrower'],
    'cf.return_person': ['归还人（不选则为借用人）', 'Returned by (empty: the borrower)'],
    'cf.condition': ['归还时状况', 'Condition'],
    'cf.purpose': ['用途', 'Purpose'],
    'cf.readers': ['传阅人员（按勾选顺序签收）', 'Readers (sign in the order ticked)'],
    'cf.sign_person': ['签收人（不选则为本人）', 'Signed by (empty: yourself)'],
    'cf.companions': ['同行人员', 'Companions'],
    'cf.destination': ['携往地点', 'Destination'],
    'cf.on_site': ['现场维修（有人监修）', 'Repaired on site under supervision'],
    'cf.sanitised': ['已拆除或清除涉密存储部件', 'Classified storage removed or wiped'],
    'cf.vendor': ['维修单位', 'Repairer'],
    'cf.supervisor_id': ['监修人', 'Supervisor'],
    'cf.notes': ['说明', 'Notes'],
    'cf.reason': ['理由', 'Reason'],
    'cf.recipient': ['接收单位或人员', 'Recipient'],
    'cf.witnesses': ['监销人（至少两人）', 'Witnesses (two or more)'],
    'cf.place': ['销毁地点', 'Place'],
    'cf.certificate_no': ['销毁凭证号', 'Certificate no.'],
    'cf.basis': ['依据', 'Basis'],
    'cf.new_level': ['新密级', 'New level'],
    'cf.extend_years': ['新保密期限（年，自定密日期起）', 'New period (years from issue)'],
    'cf.extend_release': ['或新解密时间', 'or new release date'],
    'cf.archive_location': ['归档位置', 'Archive location'],
    'cf.count': ['复制份数', 'Number of copies'],
    'cf.classifier_consent': ['已经原定密机关、单位同意', 'The classifier consented'],
    'cf.due_on': ['归还期限', 'Due back']
  });

  /* ------------------------------------------------------------------ helpers */

  function fval(form, name) {
    var el = form.elements[name];
    if (!el) return '';
    if (el instanceof RadioNodeList) el = el[0];
    return String(el.value).trim();
  }
  function todayStr() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  }
  function typeLabel(c) { return c ? t('ctype.' + c) : '—'; }
  function stateLabel(c) { return c ? t('cstate.' + c) : '—'; }
  function actionLabel(c) { return c ? t('caction.' + c) : '—'; }
  function levelBadge(code) {
    if (!code) return '—';
    return B.badge(B.enumLabel('levels', code), 'level-' + code);
  }
  function stateBadge(code) {
    var kind = code === 'in_custody' ? 'ok' : code === 'lost_or_leaked' ? 'error' : FINAL.indexOf(code) >= 0 ? 'muted' : 'warn';
    return B.badge(stateLabel(code), kind);
  }
  function isOverdue(c) {
    return (c.state === 'borrowed' || c.state === 'taken_out') && c.due_on && c.due_on < todayStr();
  }
  function reviewLate(c) {
    return c.review_due_on && c.review_due_on < todayStr();
  }
  function isDevice(type) {
    return type && type !== 'paper_doc' && type !== 'electronic_doc';
  }
  function periodText(c) {
    var s;
    if (c.release_on) s = t('carrier.release_on') + ' ' + B.fmtDate(c.release_on);
    else if (c.release_condition) s = t('carrier.release_condition') + '：' + c.release_condition;
    else if (c.period_years) s = t('carrier.years', { n: c.period_years });
    else return '—';
    return c.period_defaulted ? s + ' ' + t('carrier.period_defaulted') : s;
  }

  /* People and departments for names and pickers. People are read only by roles that may;
   * others see #id. Failures give empty maps. */
  function loadNames() {
    var people = B.hasRole(READ_PEOPLE)
      ? api('GET', '/api/v1/people?limit=500').then(function (r) { return (r && r.items) || []; }, function (err) {
        if (err && err.status === 401) throw err;
        return [];
      })
      : Promise.resolve([]);
    var depts = api('GET', '/api/v1/departments?limit=500').then(function (r) { return (r && r.items) || []; }, function (err) {
      if (err && err.status === 401) throw err;
      return [];
    });
    return Promise.all([people, depts]).then(function (res) {
      var n = { people: res[0], depts: res[1], p: {}, d: {} };
      res[0].forEach(function (x) { n.p[String(x.id)] = x; });
      res[1].forEach(function (x) { n.d[String(x.id)] = x; });
      return n;
    });
  }
  function personName(names, id) {
    if (id === null || id === undefined || id === '' || id === 0) return '—';
    var p = names.p[String(id)];
    return p ? p.name : t('carrier.someone');
  }
  function deptName(names, id) {
    if (id === null || id === undefined) return '—';
    var d = names.d[String(id)];
    return d ? d.name : t('carrier.some_dept');
  }
  function personOptionLabel(names, p) {
    var extra = [];
    if (p.department_id) extra.push(deptName(names, p.department_id));
    if (!p.named_only) extra.push(p.clearance ? B.enumLabel('levels', p.clearance) : t('common.none'));
    return p.name + '（' + extra.join(' · ') + '）';
  }
  /* Pick one person: a select when the people list is readable, else the id. */
  function personPicker(names, name, value, emptyLabel) {
    if (!names.people.length) return B.input(name, value, { type: 'number', min: '1', placeholder: t('carrier.person_id_hint') });
    return B.select(name, names.people.filter(function (p) { return p.status !== 'left'; }).map(function (p) {
      return { value: p.id, label: personOptionLabel(names, p) };
    }), value, null, emptyLabel === undefined ? t('common.choose') : emptyLabel);
  }
  /* Pick several people (or departments): checkboxes in the order ticked. */
  function multiPicker(names, name, kind, onChange, initial) {
    var order = (initial || []).slice();
    var list = kind === 'dept' ? names.depts : names.people.filter(function (p) { return p.status !== 'left' || order.indexOf(p.id) >= 0; });
    if (!list.length) {
      return { el: B.input(name, order.join(','), { placeholder: t('carrier.ids_hint') }), values: function (form) {
        return fval(form, name).split(/[,，\s]+/).filter(Boolean).map(function (x) { return intOr(x); });
      } };
    }
    var box = h('div', { class: 'pick-list', role: 'group' }, list.map(function (x) {
      var cb = h('input', { type: 'checkbox', name: name, value: String(x.id), checked: order.indexOf(x.id) >= 0 });
      cb.addEventListener('change', function () {
        var id = Number(cb.value);
        order = order.filter(function (v) { return v !== id; });
        if (cb.checked) order.push(id);
        if (onChange) onChange(order.slice());
      });
      return h('label', { class: 'check pick' }, cb, ' ', kind === 'dept' ? x.name : personOptionLabel(names, x));
    }));
    return { el: box, values: function () { return order.slice(); } };
  }

  function carrierLink(c) {
    return B.link('carriers/' + c.id, c.title || c.number, { class: 'carrier-title' });
  }

  /* ------------------------------------------------------------------ ledger list */

  var LIST_FILTERS = ['type', 'level', 'state', 'overdue', 'expiring_days', 'review_days', 'q'];

  function ledgerList(ctx) {
    var el = ctx.el;
    var q = ctx.query;
    var filter = {};
    LIST_FILTERS.forEach(function (k) { filter[k] = q.get(k) || ''; });
    var offset = num(q.get('offset'), 0);
    var isOfficer = B.hasRole(['officer']);
    el.appendChild(B.pageHead(t('carriers.title'), isOfficer ? [
      B.button(t('carriers.new'), function () { nav('carriers/new'); }, 'btn-primary', { id: 'carrier-new' })
    ] : []));
    var filters = h('form', { class: 'filters', id: 'carrier-filters', novalidate: true, role: 'search' },
      B.field(t('carriers.q'), B.input('q', filter.q, { type: 'search', placeholder: t('carriers.q_hint'), maxlength: 200 }), { class: 'field-q' }),
      B.field(t('carrier.type'), B.select('type', TYPES.map(function (c) { return { value: c, label: typeLabel(c) }; }), filter.type, null, t('common.all'))),
      B.field(t('carrier.level'), B.select('level', B.enumOptions('levels'), filter.level, null, t('common.all'))),
      B.field(t('carrier.state'), B.select('state', STATES.map(function (c) { return { value: c, label: stateLabel(c) }; }), filter.state, null, t('common.all'))),
      B.field(t('carriers.overdue'), B.select('overdue', [{ value: '1', label: t('carriers.overdue_only') }], filter.overdue, null, t('common.all'))),
      B.field(t('carriers.expiring'), B.select('expiring_days', [30, 90, 180, 365].map(function (n) {
        return { value: String(n), label: t('carriers.expiring_days', { n: n }) };
      }), filter.expiring_days, null, t('common.all'))),
      B.field(t('carriers.review'), B.select('review_days', [30, 90, 365].map(function (n) {
        return { value: String(n), label: t('carriers.review_days', { n: n }) };
      }), filter.review_days, null, t('common.all'))),
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')),
        B.button(t('common.reset'), function () { nav('carriers'); })));
    filters.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var f = {};
      LIST_FILTERS.forEach(function (k) { f[k] = fval(filters, k); });
      nav('carriers', f);
    });
    el.appendChild(filters);
    el.appendChild(h('p', { class: 'hint-line' }, t('carrier.need_to_know')));
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text));
      flash = null;
    }
    el.appendChild(ledgerFiles(filter, isOfficer));
    var body = h('div');
    el.appendChild(body);
    var url = '/api/v1/carriers' + B.query(Object.assign({ limit: LIMIT, offset: offset }, filter));
    B.load(body, Promise.all([api('GET', url), loadNames()]), function (res) {
      var list = res[0] || { items: [], total: 0 };
      var names = res[1];
      body.appendChild(B.table([
        { label: t('carrier.number'), value: function (c) { return h('span', { class: 'carrier-number' }, c.number); }, class: 'nowrap' },
        { label: t('carrier.title'), value: carrierLink },
        { label: t('carrier.type'), value: function (c) { return typeLabel(c.type); }, class: 'nowrap' },
        { label: t('carrier.level'), value: function (c) { return levelBadge(c.level); }, class: 'nowrap' },
        { label: t('carrier.state'), value: function (c) {
          return h('span', { class: 'badges' }, stateBadge(c.state), isOverdue(c) ? B.badge(t('carrier.overdue'), 'error') : null);
        }, class: 'nowrap' },
        { label: t('carrier.custodian'), value: function (c) { return personName(names, c.custodian_id); }, class: 'nowrap' },
        { label: t('carrier.holder'), value: function (c) { return c.holder_id ? personName(names, c.holder_id) : '—'; }, class: 'nowrap' },
        { label: t('carrier.due_on'), value: function (c) { return c.due_on ? B.fmtDate(c.due_on) : '—'; }, class: 'nowrap' },
        { label: t('carrier.expires_on'), value: function (c) { return c.expires_on ? B.fmtDate(c.expires_on) : '—'; }, class: 'nowrap' }
      ], list.items || [], {
        class: 'carrier-table',
        empty: t('carriers.empty'),
        rowAttrs: function (c) { return { 'data-id': c.id }; }
      }));
      body.appendChild(B.pager(list.total || 0, LIMIT, offset, function (o) {
        nav('carriers', Object.assign({}, filter, { offset: o || '' }));
      }));
    });
  }

  /* ------------------------------------------------------------------ ledger files */

  var XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  /* Export (what the filters select, within need-to-know) and, for the officer, import. */
  function ledgerFiles(filter, isOfficer) {
    function exportLink(fmt, id) {
      return h('a', { class: 'btn', id: id, download: '', title: t('ledger.export_hint'),
        href: '/api/v1/carriers/export' + B.query(Object.assign({ format: fmt }, filter)) }, t('ledger.export_' + fmt));
    }
    var box = h('div', { class: 'action-form-box', id: 'ledger-import-box' });
    var bar = h('div', { class: 'toolbar ledger-files', id: 'ledger-files' },
      exportLink('xlsx', 'ledger-export-xlsx'), exportLink('csv', 'ledger-export-csv'),
      isOfficer ? B.button(t('ledger.import'), function () {
        if (box.firstChild) B.clear(box);
        else box.appendChild(importPanel());
      }, '', { id: 'ledger-import' }) : null);
    return h('div', null, bar, box);
  }

  /* Choose a file: the server checks it (dry run) and the preview lists every bad row (line,
   * column, reason) and the rows to import; 确认导入 stores them all in one transaction. */
  function importPanel() {
    var file = h('input', { type: 'file', name: 'file', accept: '.xlsx,.csv,text/csv,' + XLSX_TYPE });
    var preview = h('div', { id: 'import-preview', 'aria-live': 'polite' });
    var chosen = null;
    function send(dry) {
      var xlsx = /\.xlsx$/i.test(chosen.name);
      return api('POST', '/api/v1/carriers/import' + (dry ? '?dry_run=true' : ''), null,
        { raw: chosen, type: xlsx ? XLSX_TYPE : 'text/csv' });
    }
    /* failed: why the last 确认导入 was refused, shown above the new check */
    function check(failed) {
      chosen = file.files && file.files[0];
      B.clear(preview);
      if (!chosen) return;
      preview.appendChild(h('div', { class: 'loading' }, t('ledger.import_checking')));
      Promise.all([send(true), loadNames()]).then(function (res) {
        showPreview(res[0], res[1], failed);
      }, function (err) {
        B.clear(preview).appendChild(B.errorBox(err));
      });
    }
    function showPreview(r, names, failed) {
      var errors = r.errors || [];
      var rows = r.rows || [];
      B.clear(preview);
      if (failed) preview.appendChild(B.errorBox(failed));
      preview.appendChild(h('p', { class: 'import-summary', id: 'import-summary' },
        t('ledger.import_summary', { total: r.total, valid: r.valid, errors: errors.length })));
      if (errors.length) {
        preview.appendChild(B.msg('error', t('ledger.import_has_errors')));
        preview.appendChild(h('h4', { class: 'sub-title' }, t('ledger.import_errors')));
        preview.appendChild(B.table([
          { label: t('ledger.import_line'), value: function (e) { return e.line ? String(e.line) : '—'; }, class: 'num' },
          { label: t('ledger.import_column'), value: function (e) { return e.field || '—'; }, class: 'nowrap' },
          { label: t('ledger.import_reason'), value: function (e) { return B.state.lang === 'en' ? e.message_en : e.message; } }
        ], errors, { class: 'import-errors', rowAttrs: function (e) { return { 'data-line': e.line, 'data-field': e.field }; } }));
      }
      if (rows.length) {
        preview.appendChild(h('h4', { class: 'sub-title' }, t('ledger.import_rows')));
        if (r.valid > rows.length) preview.appendChild(h('p', { class: 'muted' }, t('ledger.import_more', { m: rows.length })));
        preview.appendChild(B.table([
          { label: t('ledger.import_line'), value: function (x) { return String(x.line); }, class: 'num' },
          { label: t('carrier.title'), value: function (x) { return x.title; } },
          { label: t('carrier.type'), value: function (x) { return typeLabel(x.type); }, class: 'nowrap' },
          { label: t('carrier.level'), value: function (x) { return levelBadge(x.level); }, class: 'nowrap' },
          { label: t('carrier.issued_on'), value: function (x) { return B.fmtDate(x.issued_on); }, class: 'nowrap' },
          { label: t('carrier.custodian'), value: function (x) { return personName(names, x.custodian_id); }, class: 'nowrap' }
        ], rows, { class: 'import-rows', rowAttrs: function (x) { return { 'data-line': x.line }; } }));
      } else if (!errors.length) {
        preview.appendChild(B.msg('info', t('ledger.import_empty')));
      }
      var confirm = B.button(t('ledger.import_confirm'), function () {
        confirm.disabled = true;
        send(false).then(function (out) {
          flash = { kind: 'ok', text: t('ledger.imported', { n: out.imported }) };
          B.rerender();
        }, function (err) {
          /* the ledger changed since the check (a person left...): check again and show why */
          check(err);
        });
      }, 'btn-primary', { id: 'import-confirm', disabled: !!errors.length || !r.valid });
      preview.appendChild(h('div', { class: 'form-actions' }, confirm));
    }
    file.addEventListener('change', function () { check(null); });
    return h('div', { class: 'import-panel', id: 'import-panel' },
      h('h3', { class: 'action-form-title' }, t('ledger.import_title')),
      h('p', { class: 'field-hint' }, t('ledger.import_hint')),
      B.field(t('ledger.import_file'), file),
      preview);
  }

  /* ------------------------------------------------------------------ register */

  function registerForm(ctx, names) {
    var me = ctx.account.person_id;
    var typeSel = B.select('type', TYPES.map(function (c) { return { value: c, label: typeLabel(c) }; }), 'paper_doc');
    /* no default level: the officer chooses it */
    var levelSel = B.select('level', B.enumOptions('levels'), '', { required: true }, t('common.choose'));
    var issued = B.input('issued_on', todayStr(), { type: 'date', max: todayStr() });
    var scopeP = multiPicker(names, 'scope_people', 'person');
    var scopeD = multiPicker(names, 'scope_departments', 'dept');
    var deviceBox = h('fieldset', { class: 'sub-form', hidden: true },
      h('legend', null, t('carrier.device')),
      h('div', { class: 'grid-form' },
        B.field(t('carrier.serial'), B.input('serial', '', { maxlength: 128 })),
        B.field(t('carrier.asset_tag'), B.input('asset_tag', '', { maxlength: 128 })),
        B.field(t('carrier.model'), B.input('model', '', { maxlength: 128 })),
        B.field(t('carrier.capacity'), B.input('capacity', '', { maxlength: 64 })),
        B.field(t('carrier.classified_use'), h('label', { class: 'check' },
          h('input', { type: 'checkbox', name: 'classified_use', checked: true }), ' ', t('carrier.use.classified')))));
    var docBox = h('div', { class: 'grid-form field-wide' },
      B.field(t('carrier.origin'), B.select('origin', [
        { value: 'made', label: t('carrier.origin.made') }, { value: 'received', label: t('carrier.origin.received') }
      ], 'made')),
      B.field(t('carrier.sender'), B.input('sender', '', { maxlength: 128 })),
      B.field(t('carrier.doc_no'), B.input('doc_no', '', { maxlength: 128 })),
      B.field(t('carrier.pages'), B.input('pages', '', { type: 'number', min: '1' })));
    function sync() {
      deviceBox.hidden = !isDevice(typeSel.value);
    }
    typeSel.addEventListener('change', sync);
    sync();
    var form = B.form({ id: 'carrier-form', class: 'grid-form carrier-form' }, [
      B.field(t('carrier.type'), typeSel, { required: true }),
      B.field(t('carrier.level'), levelSel, { required: true }),
      B.field(t('carrier.issued_on'), issued),
      B.field(t('carrier.title'), B.input('title', '', { maxlength: 256 }), { required: true, wide: true }),
      B.field(t('carrier.period_years'), B.input('period_years', '', { type: 'number', min: '1', max: '100' }), { hint: t('carrier.period_hint') }),
      B.field(t('carrier.release_on'), B.input('release_on', '', { type: 'date' })),
      B.field(t('carrier.release_condition'), B.input('release_condition', '', { maxlength: 256 })),
      B.field(t('carrier.period_basis'), B.input('period_basis', '', { maxlength: 256 }), { hint: t('carrier.period_basis_hint') }),
      B.field(t('carrier.classifier'), B.input('classifier', '', { maxlength: 128 })),
      B.field(t('carrier.classify_basis'), B.input('classify_basis', '', { maxlength: 256 })),
      B.field(t('carrier.custodian'), personPicker(names, 'custodian_id', me || '', t('carrier.custodian_hint'))),
      B.field(t('carrier.handler'), personPicker(names, 'handler_id', '', t('common.none'))),
      B.field(t('carrier.location'), B.input('location', '', { maxlength: 256 })),
      B.field(t('carrier.copies'), B.input('copies', '1', { type: 'number', min: '1' })),
      B.field(t('carrier.copy_no'), B.input('copy_no', '', { maxlength: 64 })),
      docBox,
      h('div', { class: 'field-wide' }, deviceBox),
      B.field(t('carrier.scope_people'), scopeP.el, { wide: true }),
      B.field(t('carrier.scope_departments'), scopeD.el, { wide: true }),
      B.field(t('carrier.notes'), h('textarea', { name: 'notes', rows: '3', maxlength: '1024' }), { wide: true }),
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('carriers.new')),
        B.button(t('common.back'), function () { nav('carriers'); }))
    ], function (f) {
      var refused = registerRefusal(f);
      if (refused) return Promise.reject(refused);
      var body = { type: fval(f, 'type'), title: fval(f, 'title'), level: fval(f, 'level') };
      ['release_on', 'release_condition', 'period_basis', 'issued_on', 'classifier', 'classify_basis',
        'location', 'copy_no', 'origin', 'sender', 'doc_no', 'notes'].forEach(function (k) {
        var v = fval(f, k);
        if (v) body[k] = v;
      });
      ['period_years', 'copies', 'pages', 'custodian_id', 'handler_id'].forEach(function (k) {
        var v = intOr(fval(f, k));
        if (v !== undefined) body[k] = v;
      });
      if (isDevice(body.type)) {
        ['serial', 'asset_tag', 'model', 'capacity'].forEach(function (k) {
          var v = fval(f, k);
          if (v) body[k] = v;
        });
        body.classified_use = !!f.elements.classified_use.checked;
      }
      var sp = scopeP.values(f);
      var sd = scopeD.values(f);
      if (sp.length) body.scope_people = sp;
      if (sd.length) body.scope_departments = sd;
      return api('POST', '/api/v1/carriers', body).then(function (c) {
        flash = { kind: 'ok', text: t('carrier.created', { number: c.number }) };
        nav('carriers/' + c.id);
      });
    });
    /* a 定密日期 after today is refused on the field as soon as it is entered */
    issued.addEventListener('change', function () {
      B.clearFormError(form);
      var refused = registerRefusal(form, true);
      if (refused) B.showFormError(form, refused);
    });
    return form;
  }

  /* What the browser refuses before sending (the date in the server's words), on the field. */
  function registerRefusal(f, dateOnly) {
    function refuse(field, key) {
      return new B.ApiError(400, { error: { code: 'refused', field: field, message: t(key), message_en: t(key) } });
    }
    var day = fval(f, 'issued_on');
    if (day && day > todayStr()) return refuse('issued_on', 'carrier.future_date');
    if (!dateOnly && !fval(f, 'level')) return refuse('level', 'carrier.choose_level');
    return null;
  }

  /* ------------------------------------------------------------------ detail */

  var flash = null; // one message shown on the next carrier page (after a redirect or reload)

  /* Which actions the state allows, and who may do them (the server decides finally). */
  function allowedActions(c, account) {
    var officer = B.hasRole(['officer']);
    var me = account.person_id;
    var custodian = me && me === c.custodian_id;
    var classified = CLASSIFIED.indexOf(c.level) >= 0;
    var byState = {
      in_custody: ['borrow', 'circulate', 'take_out', 'repair', 'copy', 'review', 'extend', 'change_level', 'declassify', 'return_issuer', 'destroy', 'archive'],
      borrowed: ['return', 'review', 'extend'],
      taken_out: ['return', 'review', 'extend'],
      circulating: ['sign', 'review', 'extend'],
      in_repair: ['repair_done', 'review', 'extend'],
      lost_or_leaked: ['restore']
    };
    var list = byState[c.state] || [];
    return ACTIONS.filter(function (a) {
      if (list.indexOf(a) < 0) return false;
      if ((a === 'declassify' || a === 'extend' || a === 'review') && !classified) return false;
      if (officer) return true;
      if (a === 'borrow' || a === 'return' || a === 'circulate') return custodian;
      if (a === 'sign') return (c.readers || [])[0] === me;
      return false;
    });
  }

  /* What an action needs first, as the server knows it (the carrier's `actions`). */
  function actionInfo(c, a) {
    return (c.actions || []).filter(function (x) { return x.action === a; })[0] || null;
  }
  function needsApproval(c, a) {
    var x = actionInfo(c, a);
    return !!(x && x.needs_approval);
  }
  /* An approval still to get before the form can be used (off-site repair aside). */
  function blockedByApproval(c, a) {
    var x = actionInfo(c, a);
    return !!(x && x.needs_approval && !x.approved && !x.off_site_only);
  }
  /* The note at the top of an action form: the approval chain and a link to request it, the
   * request being decided, or the approval to use. */
  function approvalNote(c, a, reqs, onRequest) {
    var x = actionInfo(c, a);
    if (!x || !x.needs_approval) return null;
    if (x.approved) return B.msg('ok', t('carrier.approval_ok'));
    var pending = reqs.filter(function (r) { return r.action === a && r.status === 'pending'; })[0];
    if (pending) return B.msg('warn', t('carrier.approval_pending', { step: B.enumLabel('roles', (pending.steps || [])[pending.step]) }));
    if (!x.steps.length) return B.msg('warn', t('carrier.approval_no_chain'));
    var chain = x.steps.map(function (s) { return B.enumLabel('roles', s); }).join(' → ');
    return B.msg('warn', t(x.off_site_only ? 'carrier.approval_off_site' : 'carrier.approval_note', { steps: chain }),
      B.button(t('carrier.approval_request'), function () { onRequest(a); }, 'btn-small', { id: 'approval-request-link' }));
  }

  /* The form of an action; one that needs an approval not yet given shows only the note. */
  function actionForm(c, a, names, onDone, onCancel, reqs, onRequest) {
    var note = approvalNote(c, a, reqs, onRequest);
    if (note) note.classList.add('approval-note');
    if (blockedByApproval(c, a)) {
      return h('div', { id: 'carrier-action-form', class: 'action-form', 'data-action': a, 'data-blocked': 'approval' },
        h('h3', { class: 'action-form-title' }, actionLabel(a)), note,
        h('div', { class: 'form-actions' }, B.button(t('carrier.cancel'), onCancel)));
    }
    var fields = [];
    var getters = {};
    var order = h('div', { class: 'field-hint pick-order' });
    function add(label, ctl, opts) { fields.push(B.field(label, ctl, opts)); }
    switch (a) {
      case 'borrow':
        add(t('cf.person_id'), personPicker(names, 'person_id', ''), { required: true });
        add(t('cf.due_on'), B.input('due_on', '', { type: 'date', min: todayStr() }), { required: true });
        add(t('cf.purpose'), B.input('purpose', '', { maxlength: 256 }));
        break;
      case 'return':
        add(t('cf.return_person'), personPicker(names, 'person_id', '', t('common.none')));
        add(t('cf.condition'), B.input('condition', '', { maxlength: 256 }));
        break;
      case 'circulate': {
        var rp = multiPicker(names, 'readers', 'person', function (ids) {
          order.textContent = ids.length ? t('carrier.order') + ids.map(function (id) { return personName(names, id); }).join(' → ') : '';
        });
        getters.readers = rp.values;
        fields.push(h('div', { class: 'field field-wide' }, h('label', null, t('cf.readers'), h('span', { class: 'req' }, '*')), rp.el, order, h('div', { class: 'field-error', hidden: true })));
        break;
      }
      case 'sign':
        add(t('cf.sign_person'), personPicker(names, 'person_id', '', t('common.none')));
        break;
      case 'take_out': {
        add(t('cf.due_on'), B.input('due_on', '', { type: 'date', min: todayStr() }), { required: true });
        add(t('cf.destination'), B.input('destination', '', { maxlength: 256 }), { required: true });
        var cp = multiPicker(names, 'companions', 'person');
        getters.companions = cp.values;
        add(t('cf.companions'), cp.el, { wide: true });
        break;
      }
      case 'repair':
        add(t('cf.on_site'), h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'on_site', checked: true }), ' ', t('carrier.yes')));
        add(t('cf.sanitised'), h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sanitised' }), ' ', t('carrier.yes')));
        add(t('cf.vendor'), B.input('vendor', '', { maxlength: 256 }));
        add(t('cf.supervisor_id'), personPicker(names, 'supervisor_id', '', t('common.none')));
        break;
      case 'repair_done':
      case 'review':
        add(t('cf.notes'), B.input('notes', '', { maxlength: 256 }), { wide: true });
        break;
      case 'return_issuer':
        add(t('cf.recipient'), B.input('recipient', '', { maxlength: 256 }), { required: true });
        break;
      case 'destroy': {
        var wp = multiPicker(names, 'witnesses', 'person');
        getters.witnesses = wp.values;
        add(t('cf.witnesses'), wp.el, { wide: true, required: true });
        add(t('cf.place'), B.input('place', '', { maxlength: 256 }), { required: true });
        add(t('cf.certificate_no'), B.input('certificate_no', '', { maxlength: 256 }), { required: true });
        break;
      }
      case 'declassify':
        add(t('cf.basis'), B.input('basis', '', { maxlength: 256 }), { required: true, wide: true });
        break;
      case 'change_level':
        add(t('cf.new_level'), B.select('new_level', B.enumOptions('levels').filter(function (o) { return o.value !== c.level; }), '', null, t('common.choose')), { required: true });
        add(t('cf.basis'), B.input('basis', '', { maxlength: 256 }), { required: true });
        break;
      case 'extend':
        add(t('cf.extend_years'), B.input('period_years', '', { type: 'number', min: '1', max: '100' }));
        add(t('cf.extend_release'), B.input('release_on', '', { type: 'date' }));
        add(t('cf.basis'), B.input('basis', '', { maxlength: 256 }), { required: true });
        break;
      case 'restore':
        add(t('cf.reason'), B.input('reason', '', { maxlength: 256 }), { required: true, wide: true });
        break;
      case 'archive':
        add(t('cf.archive_location'), B.input('location', c.location || '', { maxlength: 256 }));
        break;
      case 'copy':
        add(t('cf.count'), B.input('count', '1', { type: 'number', min: '1', max: '100' }), { required: true });
        if (c.level === 'top_secret') {
          add(t('cf.classifier_consent'), h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'classifier_consent' }), ' ', t('carrier.yes')));
        }
        break;
    }
    var form = B.form({ id: 'carrier-action-form', class: 'grid-form action-form', 'data-action': a }, [
      h('h3', { class: 'field-wide action-form-title' }, actionLabel(a)),
      note ? h('div', { class: 'field-wide' }, note) : null,
      fields,
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('carrier.submit')),
        B.button(t('carrier.cancel'), onCancel))
    ], function (f) {
      var body = { action: a };
      var ids = ['person_id', 'supervisor_id', 'period_years', 'count'];
      var strs = ['due_on', 'purpose', 'condition', 'destination', 'vendor', 'notes', 'recipient', 'place',
        'certificate_no', 'basis', 'new_level', 'release_on', 'location', 'reason'];
      var bools = ['on_site', 'sanitised', 'classifier_consent'];
      ids.forEach(function (k) {
        if (!f.elements[k]) return;
        var v = intOr(fval(f, k));
        if (v !== undefined) body[k] = v;
      });
      strs.forEach(function (k) {
        if (!f.elements[k]) return;
        var v = fval(f, k);
        if (v) body[k] = v;
      });
      bools.forEach(function (k) {
        if (f.elements[k]) body[k] = !!f.elements[k].checked;
      });
      Object.keys(getters).forEach(function (k) { body[k] = getters[k](f); });
      return api('POST', '/api/v1/carriers/' + encodeURIComponent(c.id) + '/actions', body).then(onDone);
    });
    return form;
  }

  /* The corrections made so far: when, by whom, why, each field old → new. */
  function correctionList(hist, names) {
    var done = hist.filter(function (ev) { return ev.action === 'correct'; });
    return h('div', { class: 'field-wide', id: 'carrier-corrections' },
      h('h4', { class: 'sub-title' }, t('carrier.corrections')),
      done.length ? h('ul', { class: 'corrections' }, done.map(function (ev) {
        return h('li', null, B.fmtTime(ev.time) + ' ' + ev.username + '：' + detailParts(ev, names).join('；'));
      })) : h('p', { class: 'muted' }, t('carrier.corrections_none')));
  }

  /* The officer's correction: only the fields changed are sent, with the reason. */
  function correctForm(c, names, onDone, onCancel, hist) {
    var device = isDevice(c.type);
    var scopeP = multiPicker(names, 'scope_people', 'person', null, c.scope_people || []);
    var scopeD = multiPicker(names, 'scope_departments', 'dept', null, c.scope_departments || []);
    var texts = CORRECT_TEXT.concat(device ? CORRECT_DEVICE : []);
    function text(k) {
      return k === 'notes'
        ? h('textarea', { name: k, rows: '3', maxlength: '1024' }, c.notes || '')
        : B.input(k, c[k] || '', { maxlength: k === 'copy_no' || k === 'capacity' ? 64 : k === 'title' || k === 'classify_basis' || k === 'location' ? 256 : 128 });
    }
    return B.form({ id: 'carrier-correct-form', class: 'grid-form action-form' }, [
      h('h3', { class: 'field-wide action-form-title' }, t('carrier.correct_title')),
      h('div', { class: 'field-wide' }, B.msg('info', t('carrier.correct_note'))),
      B.field(t('carrier.issued_on'), B.input('issued_on', c.issued_on || '', { type: 'date', max: todayStr() })),
      texts.map(function (k) { return B.field(t('carrier.' + k), text(k), { wide: k === 'title' || k === 'notes' }); }),
      device ? null : B.field(t('carrier.origin'), B.select('origin', [
        { value: 'made', label: t('carrier.origin.made') }, { value: 'received', label: t('carrier.origin.received') }
      ], c.origin || 'made')),
      device ? null : B.field(t('carrier.pages'), B.input('pages', c.pages ? String(c.pages) : '', { type: 'number', min: '1' })),
      B.field(t('carrier.scope_people'), scopeP.el, { wide: true }),
      B.field(t('carrier.scope_departments'), scopeD.el, { wide: true }),
      B.field(t('cf.reason'), B.input('reason', '', { maxlength: 1024 }), { required: true, wide: true }),
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('carrier.submit')),
        B.button(t('carrier.cancel'), onCancel)),
      correctionList(hist, names)
    ], function (f) {
      var body = {};
      function same(a, b) { return a.slice().sort().join(',') === b.slice().sort().join(','); }
      texts.concat(device ? [] : ['origin']).concat(['issued_on']).forEach(function (k) {
        if (f.elements[k] && fval(f, k) !== (c[k] || '')) body[k] = fval(f, k);
      });
      if (f.elements.pages) {
        var pages = intOr(fval(f, 'pages'));
        if ((pages || null) !== (c.pages || null)) body.pages = pages === undefined ? null : pages;
      }
      var sp = scopeP.values(f);
      var sd = scopeD.values(f);
      if (!same(sp, c.scope_people || [])) body.scope_people = sp;
      if (!same(sd, c.scope_departments || [])) body.scope_departments = sd;
      if (!Object.keys(body).length) return Promise.reject(new Error(t('carrier.correct_nothing')));
      body.reason = fval(f, 'reason');
      if (!body.reason) {
        return Promise.reject(new B.ApiError(400, { error: { code: 'refused', field: 'reason', message: t('carrier.reason_missing'), message_en: t('carrier.reason_missing') } }));
      }
      return api('PATCH', '/api/v1/carriers/' + encodeURIComponent(c.id), body).then(onDone);
    });
  }

  function requestForm(c, actions, onDone) {
    return B.form({ id: 'carrier-request-form', class: 'inline-form' }, [
      B.field(t('creq.action'), B.select('action', actions.map(function (a) { return { value: a, label: actionLabel(a) }; }), actions[0])),
      B.field(t('creq.reason'), B.input('reason', '', { maxlength: 256 }), { required: true, class: 'field-reason' }),
      h('button', { type: 'submit', class: 'btn' }, t('creq.new'))
    ], function (f) {
      return api('POST', '/api/v1/carriers/' + encodeURIComponent(c.id) + '/requests', {
        action: fval(f, 'action'), reason: fval(f, 'reason')
      }).then(function () {
        f.elements.reason.value = '';
        onDone(f);
      });
    });
  }

  /* "key: value" text of a history event's detail, with people and levels by name. */
  var DETAIL_PEOPLE = { person_id: 'cf.person_id', returned_by: 'cf.return_person', reader: 'cf.sign_person', supervisor_id: 'cf.supervisor_id' };
  var DETAIL_LISTS = { readers: 'cf.readers', witnesses: 'cf.witnesses', companions: 'cf.companions', notified: 'carrier.scope' };
  var DETAIL_TEXT = { due_on: 'cf.due_on', purpose: 'cf.purpose', condition: 'cf.condition', destination: 'cf.destination',
    vendor: 'cf.vendor', notes: 'cf.notes', recipient: 'cf.recipient', place: 'cf.place', certificate_no: 'cf.certificate_no',
    basis: 'cf.basis', count: 'cf.count', was_due_on: 'cf.was_due_on', next_due_on: 'cf.next_due_on', reason: 'cf.reason' };
  /* one corrected field's value, people and departments by name */
  function correctedValue(names, k, v) {
    if (v === null || v === undefined || v === '') return '—';
    if (k === 'scope_people') return v.length ? B.joinList(v.map(function (id) { return personName(names, id); })) : t('common.none');
    if (k === 'scope_departments') return v.length ? B.joinList(v.map(function (id) { return deptName(names, id); })) : t('common.none');
    if (k === 'origin') return t('carrier.origin.' + v);
    if (k === 'classified_use') return v ? t('carrier.use.classified') : t('carrier.use.unclassified');
    return String(v);
  }
  function shortLabel(key) {
    return t(key).replace(/[（(].*$/, '');
  }
  function detailParts(ev, names) {
    var d = ev.detail || {};
    var parts = [];
    Object.keys(d).forEach(function (k) {
      var v = d[k];
      if (v === null || v === undefined || v === '') return;
      if (k === 'changes' && typeof v === 'object') {
        Object.keys(v).forEach(function (f) {
          parts.push(shortLabel('carrier.' + f) + '：' + correctedValue(names, f, v[f].from) + ' → ' + correctedValue(names, f, v[f].to));
        });
      } else if (k === 'incident_id') parts.push(t('carrier.incident') + '：#' + v + (d.incident_title ? ' ' + d.incident_title : ''));
      else if (k === 'incident_title') return;
      else if (k === 'state_before') parts.push(t('carrier.state_before') + '：' + stateLabel(v));
      else if (k === 'state') parts.push(t('carrier.state') + '：' + stateLabel(v));
      else if ((k === 'from' || k === 'to') && ev.action === 'restore') parts.push((k === 'from' ? t('carrier.state') + '：' : '→ ') + stateLabel(v));
      else if (DETAIL_PEOPLE[k]) parts.push(shortLabel(DETAIL_PEOPLE[k]) + '：' + personName(names, v));
      else if (DETAIL_LISTS[k] && Array.isArray(v)) parts.push(shortLabel(DETAIL_LISTS[k]) + '：' + (v.length ? B.joinList(v.map(function (id) { return personName(names, id); })) : t('common.none')));
      else if (DETAIL_TEXT[k]) parts.push(shortLabel(DETAIL_TEXT[k]) + '：' + v);
      else if (k === 'on_site') parts.push(shortLabel('cf.on_site') + '：' + (v ? t('carrier.yes') : t('carrier.no')));
      else if (k === 'sanitised') parts.push(shortLabel('cf.sanitised') + '：' + (v ? t('carrier.yes') : t('carrier.no')));
      else if (k === 'classifier_consent') parts.push(shortLabel('cf.classifier_consent') + '：' + (v ? t('carrier.yes') : t('carrier.no')));
      else if ((k === 'from' || k === 'to') && typeof v === 'string' && ev.action !== 'extend') parts.push((k === 'from' ? t('carrier.level') + '：' : '→ ') + B.enumLabel('levels', v));
      else if (k === 'from' && ev.action === 'extend') return; /* an internal day number */
      else if (k === 'copies' && Array.isArray(v)) parts.push(t('carrier.copies_made') + v.map(function (x) { return x.number + (x.copy_no ? '（' + x.copy_no + '）' : ''); }).join('、'));
      else if (k === 'request_id' || k === 'step' || k === 'names') return; /* internal: the request, its step number, names the audit log keeps */
      else if (k === 'action') parts.push(t('creq.action') + '：' + actionLabel(v));
      else if (k === 'steps') parts.push(t('creq.steps') + '：' + (Array.isArray(v) ? v : String(v).split(',')).map(function (r) { return B.enumLabel('roles', r); }).join(' → '));
      else if (k === 'role') parts.push(t('carrier.decided_as') + '：' + B.enumLabel('roles', v));
      else if (k === 'status') parts.push(t('creq.status') + '：' + t('creq.status.' + v));
      else if (k === 'comment') parts.push(t('creq.comment') + '：' + v);
      else if (k === 'level') parts.push(t('carrier.level') + '：' + B.enumLabel('levels', v));
      else parts.push(t('carrier.other') + '：' + (typeof v === 'object' ? JSON.stringify(v) : String(v)));
    });
    return parts;
  }

  function timeline(items, names) {
    if (!items.length) return h('p', { class: 'muted' }, t('carrier.history_empty'));
    return h('ol', { class: 'timeline', id: 'carrier-timeline' }, items.map(function (ev) {
      var parts = detailParts(ev, names);
      return h('li', { class: 'tl-item tl-' + ev.action, 'data-action': ev.action },
        h('div', { class: 'tl-head' },
          h('span', { class: 'tl-action' }, actionLabel(ev.action)),
          h('span', { class: 'tl-time' }, B.fmtTime(ev.time)),
          h('span', { class: 'tl-user' }, ev.username)),
        parts.length ? h('div', { class: 'tl-detail' }, parts.join('；')) : null);
    }));
  }

  function stepsView(r) {
    return h('span', { class: 'steps' }, (r.steps || []).map(function (s, i) {
      var cls = 'step' + (i < r.step ? ' step-done' : i === r.step && r.status === 'pending' ? ' step-current' : '');
      return h('span', { class: cls }, B.enumLabel('roles', s));
    }));
  }
  function decisionsView(r) {
    var d = r.decisions || [];
    if (!d.length) return null;
    return h('ul', { class: 'decisions' }, d.map(function (x) {
      return h('li', null, B.enumLabel('roles', x.role) + ' ' + (x.name || x.username) + ' ' +
        (x.approve ? t('creq.decided_approve') : t('creq.decided_reject')) + (x.comment ? '：' + x.comment : '') +
        ' · ' + B.fmtTime(x.time));
    }));
  }
  function statusBadge(s) {
    var kind = s === 'approved' ? 'ok' : s === 'rejected' ? 'error' : s === 'used' ? 'muted' : 'warn';
    return B.badge(t('creq.status.' + s), kind);
  }

  function carrierDetail(ctx, id) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('carriers.detail'), [
      B.button(t('common.back_list'), function () { nav('carriers'); }, '', { id: 'carrier-back' })
    ]));
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text, flash.extra || null));
      flash = null;
    }
    var body = h('div');
    el.appendChild(body);
    var path = '/api/v1/carriers/' + encodeURIComponent(id);
    B.load(body, Promise.all([
      api('GET', path), api('GET', path + '/history'), loadNames(),
      api('GET', '/api/v1/carrier-requests').then(function (r) { return (r && r.items) || []; }, function () { return []; })
    ]), function (res) {
      var c = res[0];
      var hist = (res[1] && res[1].items) || [];
      var names = res[2];
      /* a reader without the person directory knows the people this carrier names */
      Object.keys(c.people || {}).forEach(function (k) {
        if (names.p[k]) return;
        var p = { id: Number(k), name: c.people[k].name, department_id: c.people[k].department_id, named_only: true };
        names.p[k] = p;
        names.people.push(p);
      });
      var reqs = res[3].filter(function (r) { return r.carrier_id === c.id; });
      var device = isDevice(c.type);

      body.appendChild(h('div', { class: 'carrier-head', id: 'carrier-head' },
        h('span', { class: 'carrier-number' }, c.number),
        h('span', { class: 'carrier-head-title' }, c.title),
        h('span', { class: 'badges' }, levelBadge(c.level), stateBadge(c.state), isOverdue(c) ? B.badge(t('carrier.overdue'), 'error') : null)));

      var cols = h('div', { class: 'carrier-cols' });
      body.appendChild(cols);
      var left = h('div', { class: 'carrier-col' });
      var right = h('div', { class: 'carrier-col' });
      cols.appendChild(left);
      cols.appendChild(right);

      left.appendChild(panel(t('carrier.basic'), B.kv([
        [t('carrier.number'), c.number],
        [t('carrier.title'), c.title],
        [t('carrier.type'), typeLabel(c.type)],
        [t('carrier.level'), levelBadge(c.level)],
        [t('carrier.state'), stateBadge(c.state)],
        [t('carrier.copies'), c.copies !== null && c.copies !== undefined ? String(c.copies) : null],
        [t('carrier.copy_no'), c.copy_no],
        !device ? [t('carrier.pages'), c.pages ? String(c.pages) : null] : null,
        !device ? [t('carrier.origin'), c.origin ? t('carrier.origin.' + c.origin) : null] : null,
        !device || c.sender ? [t('carrier.sender'), c.sender] : null,
        !device || c.doc_no ? [t('carrier.doc_no'), c.doc_no] : null,
        c.parent_id ? [t('carrier.parent'), B.link('carriers/' + c.parent_id, t('carrier.parent_open'))] : null,
        [t('carrier.notes'), c.notes],
        [t('carrier.created_at'), B.fmtTime(c.created_at)],
        [t('carrier.updated_at'), B.fmtTime(c.updated_at)]
      ]), { id: 'carrier-basic' }));

      left.appendChild(panel(t('carrier.period'), B.kv([
        [t('carrier.period'), periodText(c)],
        [t('carrier.issued_on'), c.issued_on ? B.fmtDate(c.issued_on) : null],
        [t('carrier.expires_on'), c.expires_on ? B.fmtDate(c.expires_on) : null],
        [t('carrier.reviewed_on'), c.reviewed_on ? B.fmtDate(c.reviewed_on) : null],
        [t('carrier.review_due_on'), c.review_due_on ? h('span', null, B.fmtDate(c.review_due_on), reviewLate(c) ? [' ', B.badge(t('carrier.review_late'), 'warn')] : null) : null],
        [t('carrier.period_basis'), c.period_basis],
        [t('carrier.classifier'), c.classifier],
        [t('carrier.classify_basis'), c.classify_basis]
      ]), { id: 'carrier-period' }));

      if (device) {
        left.appendChild(panel(t('carrier.device'), B.kv([
          [t('carrier.serial'), c.serial],
          [t('carrier.asset_tag'), c.asset_tag],
          [t('carrier.model'), c.model],
          [t('carrier.capacity'), c.capacity],
          [t('carrier.classified_use'), c.classified_use ? t('carrier.use.classified') : t('carrier.use.unclassified')]
        ])));
      }

      right.appendChild(panel(t('carrier.custody'), B.kv([
        [t('carrier.custodian'), personName(names, c.custodian_id)],
        [t('carrier.handler_short'), c.handler_id ? personName(names, c.handler_id) : null],
        [t('carrier.holder'), c.holder_id ? personName(names, c.holder_id) : null],
        [t('carrier.due_on'), c.due_on ? h('span', null, B.fmtDate(c.due_on), isOverdue(c) ? [' ', B.badge(t('carrier.overdue'), 'error')] : null) : null],
        [t('carrier.location'), c.location],
        (c.readers || []).length ? [t('carrier.readers'), c.readers.map(function (r) { return personName(names, r); }).join(' → ')] : null
      ]), { id: 'carrier-custody' }));

      var sp = c.scope_people || [];
      var sd = c.scope_departments || [];
      right.appendChild(panel(t('carrier.scope'), sp.length || sd.length ? B.kv([
        [t('carrier.scope_people'), sp.length ? h('span', { class: 'scope-list' }, sp.map(function (pid) { return h('span', { class: 'chip' }, personName(names, pid)); })) : null],
        [t('carrier.scope_departments'), sd.length ? h('span', { class: 'scope-list' }, sd.map(function (did) { return h('span', { class: 'chip' }, deptName(names, did)); })) : null]
      ]) : h('p', { class: 'muted' }, t('carrier.scope_none')), { id: 'carrier-scope' }));

      /* actions */
      var acts = allowedActions(c, ctx.account).filter(function (a) { return !c.actions || actionInfo(c, a); });
      var formBox = h('div', { class: 'action-form-box' });
      var actBody = [];
      if (c.state === 'lost_or_leaked') actBody.push(B.msg('error', t('carrier.lost_note')));
      if (FINAL.indexOf(c.state) >= 0) {
        actBody.push(B.msg('info', t('carrier.final', { state: stateLabel(c.state) })));
      } else if (!acts.length) {
        actBody.push(h('p', { class: 'muted' }, t('carrier.no_actions')));
      } else {
        var btns = h('div', { class: 'action-buttons' }, acts.map(function (a) {
          return B.button(actionLabel(a), function () {
            btns.querySelectorAll('button').forEach(function (b) { b.classList.toggle('active', b.getAttribute('data-action') === a); });
            var form = actionForm(c, a, names, function (updated) {
              var made = updated && updated.copies_made;
              flash = { kind: 'ok', text: t('carrier.done', { action: actionLabel(a) }),
                extra: made && made.length ? h('div', { class: 'msg-detail' }, t('carrier.copies_made'), made.map(function (m, i) {
                  return [i ? '、' : '', B.link('carriers/' + m.id, m.number + (m.copy_no ? '（' + m.copy_no + '）' : ''))];
                })) : null };
              B.rerender();
            }, function () {
              B.clear(formBox);
              btns.querySelectorAll('button').forEach(function (b) { b.classList.remove('active'); });
            }, reqs, function (act) {
              var rf = document.getElementById('carrier-request-form');
              if (!rf) return;
              rf.elements.action.value = act;
              rf.scrollIntoView({ block: 'center' });
              rf.elements.reason.focus();
            });
            B.clear(formBox).appendChild(form);
            var first = form.querySelector('input, select, textarea');
            if (first) first.focus();
          }, 'btn-small action-btn' + (needsApproval(c, a) ? ' needs-approval' : ''), { 'data-action': a });
        }));
        actBody.push(btns, formBox);
      }
      if (B.hasRole(['officer'])) {
        var corrBox = h('div', { class: 'action-form-box' });
        actBody.push(h('div', { class: 'action-buttons' }, B.button(t('carrier.correct'), function () {
          B.clear(corrBox).appendChild(correctForm(c, names, function () {
            flash = { kind: 'ok', text: t('carrier.corrected') };
            B.rerender();
          }, function () { B.clear(corrBox); }, hist));
          var first = corrBox.querySelector('input, select, textarea');
          if (first) first.focus();
        }, 'btn-small', { id: 'carrier-correct' })), corrBox);
      }
      var reqActions = acts.filter(function (a) {
        var x = actionInfo(c, a);
        return x && x.needs_approval && !x.approved && x.steps.length;
      });
      if (reqActions.length) {
        actBody.push(h('h3', { class: 'sub-title' }, t('creq.new')));
        actBody.push(requestForm(c, reqActions, function () {
          flash = { kind: 'ok', text: t('creq.sent') };
          B.rerender();
        }));
      }
      if (reqs.length) {
        actBody.push(h('h3', { class: 'sub-title' }, t('creq.on_carrier')));
        actBody.push(B.table([
          { label: t('creq.action'), value: function (r) { return actionLabel(r.action); }, class: 'nowrap' },
          { label: t('creq.reason'), value: function (r) { return r.reason; } },
          { label: t('creq.steps'), value: stepsView },
          { label: t('creq.status'), value: function (r) { return statusBadge(r.status); }, class: 'nowrap' }
        ], reqs, { class: 'request-table' }));
      }
      right.insertBefore(panel(t('carrier.actions'), actBody, { id: 'carrier-actions' }), right.firstChild);
      right.appendChild(panel(t('carrier.history'), timeline(hist, names), { id: 'carrier-history' }));
    });
  }

  B.registerModule({
    id: 'carriers', group: 'business', order: 10, label: 'nav.carriers', roles: BUSINESS,
    render: function (ctx) {
      var id = ctx.params[0];
      if (!id) return ledgerList(ctx);
      if (id === 'new') {
        ctx.el.appendChild(B.pageHead(t('carriers.new')));
        var box = h('div');
        ctx.el.appendChild(panel(null, box));
        if (!B.hasRole(['officer'])) {
          return box.appendChild(B.errorBox(new B.ApiError(403, { error: { code: 'forbidden', message: t('carriers.register_only_officer'), message_en: t('carriers.register_only_officer') } })));
        }
        return B.load(box, loadNames(), function (names) { box.appendChild(registerForm(ctx, names)); });
      }
      return carrierDetail(ctx, id);
    }
  });

  /* ------------------------------------------------------------------ approval inbox */

  function canDecide(r, account) {
    if (r.status !== 'pending' || r.requested_by === account.id) return false;
    var step = (r.steps || [])[r.step];
    return !!step && B.hasRole([step]);
  }

  B.registerModule({
    id: 'carrier-requests', group: 'business', order: 20, label: 'nav.carrier_requests', roles: BUSINESS,
    render: function (ctx) {
      var el = ctx.el;
      var done = ctx.query.get('view') === 'done';
      var offset = done ? num(ctx.query.get('offset'), 0) : 0;
      var LIMIT = 50;
      el.appendChild(B.pageHead(t('creq.title')));
      el.appendChild(h('nav', { class: 'sub-tabs', id: 'request-tabs', 'aria-label': t('creq.title') }, ['pending', 'done'].map(function (x) {
        var active = (x === 'done') === done;
        return h('a', { href: '#/carrier-requests' + (x === 'done' ? '?view=done' : ''), class: 'sub-tab' + (active ? ' active' : ''), 'data-tab': x, 'aria-current': active ? 'page' : null }, t('creq.tab.' + x));
      })));
      el.appendChild(B.msg('info', t(done ? 'creq.intro_done' : 'creq.intro')));
      if (flash) {
        el.appendChild(B.msg(flash.kind, flash.text));
        flash = null;
      }
      var body = h('div');
      el.appendChild(body);
      var path = '/api/v1/carrier-requests' + (done ? '?view=done&limit=' + LIMIT + '&offset=' + offset : '');
      /* each request carries its carrier's summary: number, title, level */
      B.load(body, api('GET', path), function (list) {
        var items = (list && list.items) || [];
        body.appendChild(B.table([
          { label: t('creq.carrier'), value: function (r) {
            var c = { id: r.carrier_id, number: r.carrier_number, title: r.carrier_title };
            return h('span', { class: 'req-carrier', title: r.summary_only ? t('creq.summary_only') : null },
              h('span', { class: 'carrier-number' }, c.number), ' ',
              r.summary_only ? h('span', { class: 'carrier-title' }, c.title) : carrierLink(c), ' ', levelBadge(r.carrier_level));
          } },
          { label: t('creq.action'), value: function (r) { return actionLabel(r.action); }, class: 'nowrap' },
          { label: t('creq.reason'), value: function (r) { return r.reason; } },
          { label: t('creq.requested_by'), value: function (r) {
            return r.requested_by === ctx.account.id ? t('creq.me') : (r.requested_by_name || r.requested_by_username);
          }, class: 'nowrap' },
          { label: t('creq.requested_at'), value: function (r) { return B.fmtTime(r.requested_at); }, class: 'nowrap' },
          { label: t('creq.steps'), value: function (r) { return h('div', null, stepsView(r), decisionsView(r)); } },
          { label: t('creq.status'), value: function (r) { return statusBadge(r.status); }, class: 'nowrap' },
          { label: t('common.actions'), value: function (r) {
            if (done || !canDecide(r, ctx.account)) return '—';
            var comment = B.input('comment', '', { maxlength: 256, placeholder: t('creq.comment'), 'aria-label': t('creq.comment') });
            var msg = h('div', { class: 'form-msg', hidden: true, role: 'alert' });
            function decide(approve, btn) {
              btn.disabled = true;
              api('POST', '/api/v1/carrier-requests/' + encodeURIComponent(r.id) + '/decision', { approve: approve, comment: comment.value.trim(), step: r.step })
                .then(function (out) {
                  flash = { kind: 'ok', text: r.carrier_number + ' ' + actionLabel(r.action) + '：' + t('creq.status.' + out.status) };
                  B.rerender();
                }, function (err) {
                  btn.disabled = false;
                  msg.className = 'form-msg msg msg-error';
                  msg.textContent = B.errorText(err);
                  msg.hidden = false;
                });
            }
            return h('div', { class: 'decide', 'data-request': r.id }, msg, comment,
              h('div', { class: 'decide-buttons' },
                B.button(t('creq.approve'), function (ev) { decide(true, ev.currentTarget); }, 'btn-small btn-primary decide-approve'),
                B.button(t('creq.reject'), function (ev) { decide(false, ev.currentTarget); }, 'btn-small btn-danger decide-reject')));
          } }
        ], items, { class: 'request-table' + (done ? ' request-done' : ''), empty: t(done ? 'creq.empty_done' : 'creq.empty'), rowAttrs: function (r) { return { 'data-id': r.id }; } }));
        if (done) {
          body.appendChild(B.pager(list.total || 0, LIMIT, offset, function (o) {
            nav('carrier-requests', { view: 'done', offset: o || '' });
          }));
        }
      });
    }
  });

  /* ------------------------------------------------------------------ reminders */

  function reminderTable(list, names, which) {
    return B.table([
      { label: t('carrier.number'), value: function (c) { return h('span', { class: 'carrier-number' }, c.number); }, class: 'nowrap' },
      { label: t('carrier.title'), value: carrierLink },
      { label: t('carrier.level'), value: function (c) { return levelBadge(c.level); }, class: 'nowrap' },
      { label: t('carrier.state'), value: function (c) { return stateBadge(c.state); }, class: 'nowrap' },
      which === 'overdue'
        ? { label: t('carrier.holder'), value: function (c) { return personName(names, c.holder_id); }, class: 'nowrap' }
        : { label: t('carrier.custodian'), value: function (c) { return personName(names, c.custodian_id); }, class: 'nowrap' },
      which === 'overdue'
        ? { label: t('carrier.due_on'), value: function (c) { return B.fmtDate(c.due_on); }, class: 'nowrap' }
        : which === 'yearly_review'
          ? { label: t('carrier.review_due_on'), value: function (c) { return h('span', null, B.fmtDate(c.review_due_on), reviewLate(c) ? [' ', B.badge(t('carrier.review_late'), 'warn')] : null); }, class: 'nowrap' }
          : { label: t('carrier.expires_on'), value: function (c) { return B.fmtDate(c.expires_on); }, class: 'nowrap' }
    ], list, { class: 'reminder-table', empty: t('crem.none') });
  }

  B.registerModule({
    id: 'carrier-reminders', group: 'business', order: 30, label: 'nav.carrier_reminders', roles: BUSINESS,
    render: function (ctx) {
      var el = ctx.el;
      var days = num(ctx.query.get('days'), 30);
      if (days < 1 || days > 3650) days = 30;
      el.appendChild(B.pageHead(t('crem.title')));
      var form = h('form', { class: 'filters', novalidate: true },
        B.field(t('crem.days'), B.select('days', [7, 30, 60, 90, 180, 365].map(function (n) { return { value: String(n), label: String(n) }; }), String(days))),
        h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search'))));
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        nav('carrier-reminders', { days: fval(form, 'days') });
      });
      el.appendChild(form);
      var body = h('div');
      el.appendChild(body);
      B.load(body, Promise.all([api('GET', '/api/v1/carriers/reminders' + B.query({ days: days })), loadNames()]), function (res) {
        var r = res[0] || {};
        var names = res[1];
        [['overdue', t('crem.overdue')], ['expiring', t('crem.expiring', { n: days })], ['review_due', t('crem.review_due')],
          ['yearly_review', t('crem.yearly_review', { n: days })]].forEach(function (s) {
          var list = r[s[0]] || [];
          var total = r[s[0] + '_total'] || 0;
          body.appendChild(panel(s[1] + '（' + total + '）', [
            total > list.length ? B.msg('info', t('crem.more', { n: total, m: list.length })) : null,
            reminderTable(list, names, s[0])
          ], { id: 'reminders-' + s[0], class: total ? 'panel-alert' : '' }));
        });
      });
    }
  });

  /* ------------------------------------------------------------------ home: ledger statistics */

  B.registerHomePanel({
    id: 'carrier-stats', order: 10, roles: BUSINESS,
    render: function (el) {
      var seq = B.state.routeSeq;
      var box = h('div', { class: 'loading' }, t('common.loading'));
      el.appendChild(panel(t('cstats.title'), box, { id: 'carrier-stats' }));
      api('GET', '/api/v1/carriers/stats').then(function (s) {
        if (seq !== B.state.routeSeq) return;
        box.className = '';
        B.clear(box);
        function card(n, label, href, kind) {
          return h('a', { class: 'stat-card' + (kind ? ' stat-' + kind : ''), href: '#/' + href },
            h('span', { class: 'stat-num' }, String(n || 0)), h('span', { class: 'stat-label' }, label));
        }
        box.appendChild(h('div', { class: 'stat-cards' },
          card(s.total, t('cstats.total'), 'carriers', ''),
          card(s.overdue, t('cstats.overdue'), 'carriers?overdue=1', s.overdue ? 'alert' : ''),
          card(s.expiring_30_days, t('cstats.expiring'), 'carriers?expiring_days=30', s.expiring_30_days ? 'warn' : '')));
        var levels = B.enumList('levels').filter(function (l) { return s.by_level && s.by_level[l.code]; });
        var states = STATES.filter(function (c) { return s.by_state && s.by_state[c]; });
        box.appendChild(h('div', { class: 'stat-breakdown' },
          h('div', null, h('span', { class: 'stat-head' }, t('cstats.by_level')), levels.length ? levels.map(function (l) {
            return B.link('carriers?level=' + l.code, [levelBadge(l.code), ' ', String(s.by_level[l.code])], { class: 'stat-item' });
          }) : t('common.none')),
          h('div', null, h('span', { class: 'stat-head' }, t('cstats.by_state')), states.length ? states.map(function (c) {
            return B.link('carriers?state=' + c, stateLabel(c) + ' ' + s.by_state[c], { class: 'stat-item' });
          }) : t('common.none'))));
      }, function (err) {
        if (seq !== B.state.routeSeq) return;
        box.className = '';
        B.clear(box).appendChild(B.errorBox(err));
      });
    }
  });
})();
