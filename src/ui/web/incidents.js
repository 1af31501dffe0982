/*
 * baomi web UI — security incidents (安全事件): the incident list with live countdowns to the next
 * reporting deadline and overdue marks, the report form (附件二, and the leak report for 失泄密),
 * the incident detail (levels, reporting duties with countdowns and 登记报送, tasks, the workflow
 * actions the server allows, report versions, timeline, form and package downloads) and the home
 * panel (open incidents, nearest deadline, active warnings).
 *
 * Shared with plans.js and warnings.js through Baomi.inc: incident levels and their warning
 * colours, countdowns, category names. The server enforces need-to-know and every rule; this file
 * offers only the buttons the detail's allowed_actions (or the caller's roles) permit.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var nav = B.nav, panel = B.panel, num = B.num, intOr = B.intOr;
  var api = B.api;

  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var WATCH = ['officer', 'command', 'leader', 'duty']; /* see incidents, record reports sent */
  var DIRECT = ['command', 'leader', 'officer']; /* assign and cancel tasks */
  var LIMIT = 50;

  var LEVELS = ['I', 'II', 'III', 'IV'];
  var COLORS = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };
  var KINDS = ['leak', 'cyber'];
  var CYBER_CATS = ['malware', 'attack', 'data', 'content', 'facility', 'violation', 'vulnerability',
    'anomaly', 'force_majeure', 'other'];
  var STATES = ['reported', 'verified', 'graded', 'activated', 'handling', 'handled', 'summarised',
    'closed', 'evaluated', 'dismissed'];
  var FINAL = ['closed', 'evaluated', 'dismissed'];
  var ACTIONS = ['supplement', 'verify', 'dismiss', 'grade', 'activate', 'handle', 'end_handling',
    'summarise', 'close', 'evaluate', 'approve_investigation'];
  var IMPACTS = ['none', 'minor', 'large', 'serious', 'extreme'];

  /* subcategories of GB/T 20986-2023 as src/core/incident.c lists them: [code, 中文, English] */
  var SUBS = {
    malware: [['virus', '计算机病毒', 'Computer virus'], ['worm', '网络蠕虫', 'Worm'], ['trojan', '特洛伊木马', 'Trojan'],
      ['botnet', '僵尸网络', 'Botnet'], ['ransomware', '勒索软件', 'Ransomware'], ['miner', '挖矿程序', 'Crypto miner'],
      ['blended', '混合攻击程序', 'Blended threat'], ['web_embedded', '网页内嵌恶意代码', 'Malicious code in web pages'],
      ['host_site', '恶意代码宿主站点', 'Malware host site'], ['other', '其他', 'Other']],
    attack: [['scan', '网络扫描探测', 'Scanning and probing'], ['phishing', '网络钓鱼', 'Phishing'], ['exploit', '漏洞利用', 'Exploit'],
      ['backdoor', '后门利用', 'Backdoor use'], ['backdoor_implant', '后门植入', 'Backdoor implant'],
      ['credential', '凭据攻击', 'Credential attack'], ['dos', '拒绝服务', 'Denial of service'], ['defacement', '网页篡改', 'Defacement'],
      ['dark_link', '暗链植入', 'Hidden links'], ['dns_hijack', '域名劫持', 'Domain hijacking'], ['dns_poison', 'DNS污染', 'DNS poisoning'],
      ['traffic_hijack', '流量劫持', 'Traffic hijacking'], ['bgp_hijack', 'BGP劫持', 'BGP hijacking'],
      ['supply_chain', '供应链攻击', 'Supply-chain attack'], ['apt', 'APT攻击', 'APT'], ['unauthorised', '非授权访问', 'Unauthorised access'],
      ['other', '其他', 'Other']],
    data: [['tamper', '数据篡改', 'Tampering'], ['forge', '数据假冒', 'Forgery'], ['leak', '数据泄露', 'Data leak'],
      ['social_engineering', '社会工程', 'Social engineering'], ['theft', '数据窃取', 'Theft'], ['intercept', '数据拦截', 'Interception'],
      ['location', '位置检测', 'Location tracking'], ['poisoning', '数据投毒', 'Data poisoning'], ['abuse', '数据滥用', 'Abuse'],
      ['privacy', '隐私侵犯', 'Privacy violation'], ['loss', '数据丢失', 'Data loss'], ['other', '其他', 'Other']],
    content: [['illegal', '违法有害信息传播', 'Illegal or harmful content'], ['opinion', '网上敏感舆情炒作', 'Sensitive opinion hype'],
      ['incitement', '组织串连、煽动集会游行', 'Incitement to assemble'], ['other', '其他', 'Other']],
    facility: [['fault', '软硬件技术故障', 'Hardware or software fault'], ['support', '配套设施故障', 'Supporting facility failure'],
      ['physical', '物理损害', 'Physical damage'], ['service', '辅助服务故障', 'Auxiliary service failure'], ['other', '其他', 'Other']],
    violation: [['privilege_abuse', '权限滥用', 'Privilege abuse'], ['outbound', '违规外联', 'Unauthorised outbound link'],
      ['media', '违规使用移动存储介质', 'Improper removable media'], ['misconfig', '违规配置', 'Improper configuration'],
      ['mistake', '误操作', 'Operator error'], ['other', '其他', 'Other']],
    vulnerability: [['vuln', '安全漏洞', 'Vulnerability'], ['config_flaw', '配置缺陷', 'Configuration flaw'],
      ['weak_password', '弱口令', 'Weak password'], ['unpatched', '未及时更新补丁', 'Missing patches'], ['other', '其他', 'Other']],
    anomaly: [['access', '访问异常', 'Abnormal access'], ['traffic', '流量异常', 'Abnormal traffic'], ['account', '账号异常', 'Abnormal account'],
      ['operation', '操作异常', 'Abnormal operation'], ['other', '其他', 'Other']],
    force_majeure: [['natural', '自然灾害', 'Natural disaster'], ['accident', '事故灾难', 'Accident'],
      ['health', '公共卫生事件', 'Public health event'], ['social', '社会安全事件', 'Public security event'], ['other', '其他', 'Other']],
    other: [['other', '其他', 'Other']],
    leak: [['carrier_lost', '涉密载体丢失', 'Classified carrier lost'], ['carrier_stolen', '涉密载体被盗', 'Classified carrier stolen'],
      ['network', '网络泄密', 'Leak over a network'], ['storage', '违规存储传递', 'Improper storage or transfer'],
      ['publication', '公开发布泄密', 'Leak by publication'], ['other', '其他', 'Other']]
  };

  /* the report form (附件二), the leak report, the result report (附件三) and the evaluation */
  var REPORT_FIELDS = ['unit_name', 'reporter', 'phone', 'address', 'fax', 'email', 'system_name', 'system_use',
    'department', 'department_head', 'description', 'cause', 'measures', 'impact', 'consequence', 'scope',
    'severity', 'duty_phone', 'duty_fax'];
  /* a leak (a lost USB drive) has no network system: these only for a cyber incident, as in the PDF */
  var SYSTEM_FIELDS = ['system_name', 'system_use'];
  /* 附件二 in folding sections (the description stands above them, unfolded) */
  var REPORT_SECTIONS = [
    ['contact', ['unit_name', 'reporter', 'phone', 'address', 'fax', 'email', 'duty_phone', 'duty_fax']],
    ['event', ['system_name', 'system_use', 'department', 'department_head', 'cause', 'measures']],
    ['impact', ['impact', 'consequence', 'scope', 'severity']]
  ];
  var LEAK_FIELDS = ['content', 'period', 'knowledge_scope', 'leak_time', 'leak_channel', 'leak_scope', 'suspects'];
  var LEAK_BOOLS = ['police_informed', 'state_security_informed'];
  var SUMMARY_FIELDS = ['contact', 'phone', 'address', 'system_name', 'security_measures', 'final_cause',
    'after_impact', 'consequence', 'scope', 'severity', 'process', 'advice', 'reporter_sign'];
  var EVAL_FIELDS = ['assessment', 'lessons', 'rewards', 'penalties'];
  var LONG = ['description', 'cause', 'measures', 'impact', 'content', 'security_measures', 'final_cause',
    'after_impact', 'process', 'advice', 'assessment', 'lessons', 'rewards', 'penalties', 'suspects', 'consequence'];

  B.addStrings({
    'nav.incidents': ['事件', 'Incidents'],
    'tile.incidents': ['安全事件报告、定级、处置与报送时限', 'Report, grade and handle incidents within their time limits'],

    'ilevel.I': ['Ⅰ级 特别重大', 'I — extraordinary'],
    'ilevel.II': ['Ⅱ级 重大', 'II — major'],
    'ilevel.III': ['Ⅲ级 较大', 'III — significant'],
    'ilevel.IV': ['Ⅳ级 一般', 'IV — general'],
    'icolor.red': ['红色', 'red'],
    'icolor.orange': ['橙色', 'orange'],
    'icolor.yellow': ['黄色', 'yellow'],
    'icolor.blue': ['蓝色', 'blue'],
    'ilevel.none': ['未定级', 'Not graded'],
    'ilevel.prelim_mark': ['初判', 'prelim.'],

    'ikind.leak': ['失泄密事件', 'Leak of secrets'],
    'ikind.cyber': ['网络与信息安全事件', 'Network / information security'],
    'icat.malware': ['恶意程序事件', 'Malware'],
    'icat.attack': ['网络攻击事件', 'Network attack'],
    'icat.data': ['数据安全事件', 'Data security'],
    'icat.content': ['信息内容安全事件', 'Information content security'],
    'icat.facility': ['设备设施故障事件', 'Equipment and facility failure'],
    'icat.violation': ['违规操作事件', 'Rule violation'],
    'icat.vulnerability': ['安全隐患事件', 'Security hazard'],
    'icat.anomaly': ['异常行为事件', 'Abnormal behaviour'],
    'icat.force_majeure': ['不可抗力事件', 'Force majeure'],
    'icat.other': ['其他事件', 'Other'],
    'icat.leak': ['失泄密事件', 'Leak of secrets'],

    'istate.reported': ['已报告', 'Reported'],
    'istate.verified': ['已核实', 'Verified'],
    'istate.graded': ['已定级', 'Graded'],
    'istate.activated': ['已启动预案', 'Plan activated'],
    'istate.handling': ['处置中', 'Handling'],
    'istate.handled': ['处置完毕', 'Handled'],
    'istate.summarised': ['已报送处理结果', 'Result reported'],
    'istate.closed': ['已批准结案', 'Closed'],
    'istate.evaluated': ['已评估', 'Evaluated'],
    'istate.dismissed': ['核实不属实', 'Dismissed'],

    'iaction.supplement': ['续报', 'Supplement'],
    'iaction.verify': ['核实', 'Verify'],
    'iaction.dismiss': ['核实不属实', 'Dismiss'],
    'iaction.grade': ['定级', 'Grade'],
    'iaction.activate': ['启动预案', 'Activate plan'],
    'iaction.handle': ['开始处置', 'Start handling'],
    'iaction.end_handling': ['处置完毕', 'End handling'],
    'iaction.summarise': ['报送处理结果', 'File result report'],
    'iaction.close': ['批准结案', 'Approve closing'],
    'iaction.evaluate': ['总结评估', 'Evaluate'],
    'iaction.approve_investigation': ['批准调查结果', 'Approve investigation result'],
    'iaction.report': ['报告事件', 'Reported'],
    'iaction.task': ['布置任务', 'Task assigned'],
    'iaction.task_update': ['任务更新', 'Task updated'],
    'iaction.report_sent': ['登记报送', 'Report recorded as sent'],
    'iaction.overdue': ['报告逾期，已升级提醒', 'Report overdue, escalated'],
    'iaction.task_assigned': ['任务未分派给值班人员', 'Task not given to the one on duty'],
    'iaction.task_reassigned': ['任务转交', 'Task handed on'],
    'iaction.from_duty_log': ['由值班日志报告', 'Opened from the duty log'],
    'iaction.notified_by_role': ['无人值班，按角色通知', 'Nobody on duty: notified by role'],
    'inc.duty_log': ['来源：值班日志', 'From the duty log'],
    'inc.duty.to': ['分派给', 'Given to'],
    'inc.duty.how': ['分派方式', 'How'],
    'inc.duty.why': ['原因', 'Why'],
    'inc.duty.from': ['原承办人', 'From'],

    'dlstate.waiting': ['未开始计时', 'Not started'],
    'dlstate.open': ['计时中', 'Running'],
    'dlstate.met': ['按时完成', 'Met on time'],
    'dlstate.late': ['逾期完成', 'Met late'],
    'dlstate.overdue': ['已逾期', 'Overdue'],
    'dlunit.minutes': ['分钟', 'minutes'],
    'dlunit.hours': ['小时', 'hours'],
    'dlunit.days': ['日', 'days'],
    'dlunit.workdays': ['个工作日', 'working days'],
    'dlfrom.discovered': ['发现事件', 'discovery'],
    'dlfrom.reported': ['接报', 'the report'],
    'dlfrom.previous': ['收到上一环节报告', 'the previous report'],
    'dlfrom.graded': ['确定事件级别', 'grading'],
    'dlfrom.handled': ['处置完毕', 'the end of handling'],
    'dlfrom.investigated': ['调查结果经批准', 'the approval of the investigation result'],

    'impact.none': ['无', 'none'],
    'impact.minor': ['一般', 'minor'],
    'impact.large': ['较大', 'large'],
    'impact.serious': ['严重', 'serious'],
    'impact.extreme': ['特别严重', 'extreme'],

    'tstatus.open': ['待办', 'Open'],
    'tstatus.done': ['已完成', 'Done'],
    'tstatus.cancelled': ['已取消', 'Cancelled'],

    'phase.scene': ['保护现场', 'Protect the scene'],
    'phase.trace': ['调查核实', 'Trace'],
    'phase.recover': ['追回恢复', 'Recover'],
    'phase.limit_scope': ['控制知悉范围', 'Limit the knowledge scope'],
    'phase.police': ['通报公安', 'Inform the police'],
    'phase.takedown': ['删除封堵', 'Take-down'],
    'phase.accountability': ['责任追究', 'Accountability'],
    'phase.contain': ['抑制', 'Containment'],
    'phase.eradicate': ['根除', 'Eradication'],
    'phase.report': ['报告', 'Reporting'],

    'cd.left': ['剩余 {time}', '{time} left'],
    'cd.over': ['已逾期 {time}', 'overdue by {time}'],
    'cd.days': ['{d}天', '{d}d'],

    'rf.unit_name': ['单位名称', 'Unit'],
    'rf.reporter': ['报告人', 'Reporter'],
    'rf.phone': ['联系电话', 'Phone'],
    'rf.address': ['通讯地址', 'Address'],
    'rf.fax': ['传真', 'Fax'],
    'rf.email': ['电子邮件', 'Email'],
    'rf.system_name': ['网络与信息系统名称', 'Network or information system'],
    'rf.system_use': ['系统用途', 'Use of the system'],
    'rf.department': ['负责部门', 'Responsible department'],
    'rf.department_head': ['负责人', 'Person in charge'],
    'rf.description': ['事件简要描述（以前出现过类似情况也应说明）', 'Brief description (mention earlier similar cases)'],
    'rf.cause': ['初步判定的事故原因', 'Preliminary cause'],
    'rf.measures': ['当前采取的应对措施', 'Measures taken'],
    'rf.impact': ['初步影响状况', 'Initial impact'],
    'rf.consequence': ['事件后果', 'Consequences'],
    'rf.scope': ['影响范围', 'Scope'],
    'rf.severity': ['严重程度', 'Severity'],
    'rf.duty_phone': ['值班电话', 'Duty phone'],
    'rf.duty_fax': ['值班传真', 'Duty fax'],
    'rf.content': ['泄露信息的内容（不得录入涉密内容本身）', 'What leaked (never the secret content itself)'],
    'rf.period': ['保密期限', 'Security period'],
    'rf.knowledge_scope': ['知悉范围', 'Knowledge scope'],
    'rf.leak_time': ['泄露时间', 'Time of the leak'],
    'rf.leak_channel': ['泄露渠道', 'Channel'],
    'rf.leak_scope': ['泄露范围', 'Extent'],
    'rf.suspects': ['责任人或嫌疑人', 'Responsible or suspected persons'],
    'rf.police_informed': ['已报告公安机关', 'Police informed'],
    'rf.state_security_informed': ['已报告国家安全机关', 'State security informed'],

    'sf.contact': ['联系人', 'Contact'],
    'sf.phone': ['联系电话', 'Phone'],
    'sf.address': ['通讯地址', 'Address'],
    'sf.system_name': ['网络或信息系统名称及用途', 'System and its use'],
    'sf.security_measures': ['已采用的安全措施', 'Security measures in place'],
    'sf.final_cause': ['补充描述及最后判定的事故原因', 'Further description and final cause'],
    'sf.after_impact': ['事后影响状况', 'Impact afterwards'],
    'sf.consequence': ['事件后果', 'Consequences'],
    'sf.scope': ['影响范围', 'Scope'],
    'sf.severity': ['严重程度', 'Severity'],
    'sf.process': ['主要处理过程及结果', 'Handling and its result'],
    'sf.advice': ['应采取的保障措施和建议', 'Measures and advice'],
    'sf.reporter_sign': ['报告人签名', 'Signed by'],
    'ef.assessment': ['总结评估', 'Assessment'],
    'ef.lessons': ['经验教训', 'Lessons'],
    'ef.rewards': ['奖励', 'Rewards'],
    'ef.penalties': ['责任追究与处罚', 'Penalties'],

    'inc.title': ['事件列表', 'Incidents'],
    'inc.new': ['报告事件', 'Report an incident'],
    'inc.detail': ['事件详情', 'Incident'],
    'inc.id': ['编号', 'No.'],
    'inc.name': ['事件名称', 'Title'],
    'inc.kind': ['事件种类', 'Kind'],
    'inc.category': ['事件类别', 'Category'],
    'inc.subcategory': ['事件子类', 'Subcategory'],
    'inc.level': ['级别', 'Level'],
    'inc.state': ['状态', 'State'],
    'inc.reported_at': ['报告时间', 'Reported'],
    'inc.discovered_at': ['发现时间（北京时间）', 'Discovered (Beijing time)'],
    'inc.next_due': ['下一报告时限', 'Next deadline'],
    'inc.overdue': ['逾期', 'Overdue'],
    'inc.overdue_n': ['逾期 {n} 项', '{n} overdue'],
    'inc.q': ['事件名称', 'Title'],
    'inc.q_hint': ['名称中的词语', 'words in the title'],
    'inc.open_only': ['仅未办结', 'Open only'],
    'inc.overdue_only': ['仅有逾期', 'Overdue only'],
    'inc.level_filter': ['确认级别', 'Confirmed level'],
    'inc.empty': ['没有符合条件的事件', 'No incidents match'],
    'inc.need_to_know': ['仅列出您有权知悉的事件：本人报告、承办的事件，以及保密员、应急指挥、分管领导、值班员按涉密等级可见的事件。', 'Only incidents you may know of are listed: your own reports and tasks, and what officers, command, leaders and duty officers are cleared for.'],
    'inc.info_level': ['涉及信息密级', 'Level of the information'],
    'inc.prelim_level': ['初判级别', 'Preliminary level'],
    'inc.proposed_level': ['建议级别', 'Proposed level'],
    'inc.confirmed_level': ['确认级别', 'Confirmed level'],
    'inc.response_level': ['响应级别', 'Response level'],
    'inc.not_activated': ['未启动响应', 'Not activated'],
    'inc.filing_number': ['备案编号', 'Filing number'],
    'inc.plan': ['应急预案', 'Plan'],
    'inc.no_plan': ['无生效预案', 'No plan in force'],
    'inc.version': ['报告版本', 'Report version'],
    'inc.factors': ['定级要素', 'Grading factors'],
    'inc.f.info_level': ['信息密级', 'Information level'],
    'inc.f.info_same': ['同涉及信息密级', 'as the information level'],
    'inc.f.public_impact': ['公众影响', 'Public impact'],
    'inc.f.business_impact': ['业务影响', 'Business impact'],
    'inc.f.loss_yuan': ['资产损失（元）', 'Asset loss (yuan)'],
    'inc.f.decided_by': ['决定要素', 'Decided by'],
    'inc.preview': ['系统建议级别', 'Proposed level'],
    'inc.preview_none': ['尚无定级要素', 'No factor given yet'],
    'inc.preview_by': ['依据：{f}', 'by: {f}'],
    'inc.preview_plan': ['（按预案「{p}」的损失标准）', '(loss thresholds of the plan {p})'],
    'inc.report': ['报告内容（附件二）', 'Report (form 2)'],
    'inc.leak': ['失泄密情况', 'The leak'],
    'inc.sec.contact': ['报告单位与联系方式', 'Reporting unit and contacts'],
    'inc.sec.event': ['事件情况', 'The event'],
    'inc.sec.impact': ['影响与后果', 'Impact and consequences'],
    'inc.sec_hint.contact': ['单位名称、报告人、电话、传真、电子邮件', 'unit, reporter, phone, fax, e-mail'],
    'inc.sec_hint.event': ['负责部门、负责人、原因、应对措施', 'department, head, cause, measures'],
    'inc.sec_hint.event_cyber': ['网络与信息系统、负责部门、原因、应对措施', 'system, department, cause, measures'],
    'inc.sec_hint.impact': ['影响状况、后果、范围、严重程度', 'impact, consequences, scope, severity'],
    'inc.sec_hint.leak': ['泄露内容、保密期限、渠道、范围、涉及载体', 'content, period, channel, scope, carriers'],
    'inc.carriers': ['涉及载体', 'Carriers concerned'],
    'inc.carrier_hidden': ['载体（无权查看）', 'carrier (not visible to you)'],
    'inc.carrier_picked_none': ['尚未选择载体', 'No carrier picked yet'],
    'inc.carrier_search': ['查找载体', 'Find carriers'],
    'inc.carrier_search_hint': ['输入编号或名称中的词语后查找，勾选加入', 'search the ledger by number or title words and tick to add'],
    'inc.carrier_none': ['未找到载体', 'No carriers found'],
    'inc.basic': ['事件概况', 'Summary'],
    'inc.submit': ['提交报告', 'Submit report'],
    'inc.created': ['事件已报告（编号 {id}）', 'Incident reported (no. {id})'],
    'inc.partial_hint': ['首报可不完整，之后可“续报”补充；每一版本都会保留。', 'A first report may be partial: supplement it later; every version is kept.'],
    'inc.no_secret_hint': ['本系统只记录事件，不得录入国家秘密内容本身。', 'Record the event only; never enter the secret content itself.'],
    'inc.yes': ['是', 'yes'],
    'inc.no': ['否', 'no'],

    'inc.deadlines': ['报告时限', 'Reporting duties'],
    'inc.dl.to': ['报告对象与内容', 'To whom, what'],
    'inc.dl.limit': ['时限', 'Limit'],
    'inc.dl.limit_text': ['{from}后 {amount} {unit}', '{amount} {unit} from {from}'],
    'inc.dl.due': ['截止时间', 'Due'],
    'inc.dl.countdown': ['倒计时', 'Countdown'],
    'inc.dl.call': ['联系：', 'Call: '],
    'inc.dl.state': ['状态', 'State'],
    'inc.dl.met': ['报送时间', 'Sent'],
    'inc.dl.escalated': ['已向{role}升级提醒', 'escalated to {role}'],
    'inc.dl.fallback': ['当年无节假日数据，按周一至周五计算', 'no holiday data for the year: Monday–Friday used'],
    'inc.dl.mark': ['登记报送', 'Record as sent'],
    'inc.dl.at': ['报送时间（不填为现在）', 'Sent at (empty: now)'],
    'inc.dl.note': ['报送方式、说明', 'How it was sent'],
    'inc.dl.none': ['没有报告时限（法定时限与预案报告链均不适用）', 'No reporting duties (neither the law nor a plan applies)'],
    'inc.dl.statutory': ['法定', 'Statutory'],
    'inc.dl.plan': ['预案', 'Plan'],
    'inc.dl.plan_limit': ['预案缩短为 {amount} {unit}（取较早者）', 'plan: {amount} {unit} (the earlier applies)'],
    'inc.dl.backfilled': ['补录', 'Back-filled'],
    'inc.dl.recorded': ['登记于 {at}', 'recorded {at}'],
    'inc.dl.backfill_hint': ['报送时间早于登记时间10分钟以上即为补录，按登记时间判定是否按时', 'A time more than 10 minutes before now is a back-filled entry, judged by the time it is recorded'],
    'inc.dl.open_duties': ['未报送的上级报告', 'Unmet reports to superiors'],
    'inc.dl.met_by_result': ['随处理结果报告报送', 'Met by the result report'],
    'inc.dl.done': ['已登记报送：{to}', 'Recorded as sent: {to}'],

    'inc.tasks': ['处置任务', 'Tasks'],
    'inc.task.title': ['任务', 'Task'],
    'inc.task.phase': ['环节', 'Phase'],
    'inc.task.assignee': ['承办人', 'Assignee'],
    'inc.task.due': ['完成期限', 'Due'],
    'inc.task.status': ['状态', 'Status'],
    'inc.task.note': ['备注', 'Note'],
    'inc.task.unassigned': ['未指派', 'unassigned'],
    'inc.task.assignee_hint': ['输入姓名查找承办人', 'Type the assignee’s name'],
    'inc.task.someone': ['（未知人员）', '(unknown person)'],
    'inc.task.assignee_empty': ['不填为未指派', 'Empty: unassigned'],
    'inc.task.me': ['本人', 'me'],
    'inc.task.done': ['完成', 'Done'],
    'inc.task.cancel': ['取消任务', 'Cancel'],
    'inc.task.cancel_confirm': ['确认取消？', 'Confirm?'],
    'inc.task.new': ['布置任务', 'New task'],
    'inc.task.none': ['暂无任务（启动预案后按处置指南生成）', 'No tasks (activation creates them from the playbooks)'],
    'inc.task.created': ['任务已布置', 'Task assigned'],
    'inc.task.updated': ['任务已更新', 'Task updated'],
    'inc.task.overdue': ['已超期', 'Overdue'],

    'inc.actions': ['办理', 'Actions'],
    'inc.no_actions': ['当前状态下您无可办理的操作', 'Nothing you may do in this state'],
    'inc.final': ['事件已{state}', 'The incident is {state}'],
    'inc.done': ['已办理：{action}', 'Done: {action}'],
    'inc.note': ['说明', 'Note'],
    'inc.reason': ['不属实的理由', 'Reason'],
    'inc.close_reason': ['未报送上级报告时结案的理由', 'Reason for closing with reports to superiors unmet'],
    'inc.close_reason_hint': ['以下向上级的报告尚未登记报送：{list}。须说明理由，记入时间线和审计日志', 'These reports to superiors are not recorded as sent: {list}. Give the reason; it goes on the timeline and the audit log'],
    'inc.result_to': ['处理结果报告报送对象', 'Result report sent to'],
    'inc.result_to_hint': ['只有报送对象相同的报告时限随之完成', 'Only the duties to this recipient are met by it'],
    'inc.investigation': ['调查结果', 'Investigation result'],
    'inc.investigation_hint': ['批准后24小时内须报同级保密行政管理部门', 'Once approved it is due to the secrecy administration within 24 hours'],
    'inc.level_to_confirm': ['确认级别', 'Confirmed level'],
    'inc.activate_plan': ['应急预案', 'Plan'],
    'inc.activate_plan_hint': ['仅列出已批准或已备案、适用于此类事件的预案', 'Approved or filed plans covering this kind of incident'],
    'inc.activate_level': ['响应级别', 'Response level'],
    'inc.playbooks': ['处置指南（生成处置任务）', 'Playbooks (their steps become tasks)'],
    'inc.playbooks_hint': ['不勾选则按事件类别自动选择', 'none ticked: chosen by the incident category'],
    'inc.no_plans': ['没有可启动的预案：请先在“应急预案”中批准适用的预案', 'No plan to activate: approve one under Plans first'],
    'inc.summary': ['处理结果报告（附件三）', 'Result report (form 3)'],
    'inc.evaluation': ['总结评估、奖惩', 'Evaluation, rewards and penalties'],
    'inc.versions': ['报告版本', 'Report versions'],
    'inc.versions_v': ['第 {v} 版', 'Version {v}'],
    'inc.versions_changed': ['本版修改的项目已标出', 'fields changed in this version are marked'],
    'inc.timeline': ['处置时间线', 'Timeline'],
    'inc.timeline_empty': ['暂无记录', 'No events'],
    'inc.downloads': ['表单与上报', 'Forms and reporting upward'],
    'inc.form_report': ['报告表（附件二）', 'Report form (form 2)'],
    'inc.form_result': ['处理结果报告表（附件三）', 'Result report form (form 3)'],
    'inc.package': ['签名上报数据包', 'Signed package for the superior'],
    'inc.drill': ['演练', 'Drill'],
    'inc.drill_banner': ['本事件为应急演练（演练），不计入真实事件统计，不向上级报送。', 'This is an emergency drill: not counted with real incidents and never reported upward.'],
    'inc.drill_open': ['查看演练', 'Open the drill'],
    'inc.drill_no_package': ['演练事件不向上级报送', 'A drill is not reported upward'],
    'inc.drill_filter': ['事件范围', 'Scope'],
    'inc.drill_real': ['真实事件', 'Real incidents'],
    'inc.drill_only': ['仅演练', 'Drills only'],
    'inc.drill_all': ['真实事件和演练', 'Real incidents and drills'],
    'inc.package_hint': ['SM2 签名，供上级单位导入核验', 'SM2-signed, for the superior unit to import and verify'],
    'inc.reported_by': ['报告人账户', 'Reported by'],
    'inc.confirmed_by': ['确认于', 'Confirmed at'],
    'inc.empty_report': ['报告尚未填写内容', 'Nothing filled in yet'],

    'ihome.title': ['安全事件与预警', 'Incidents and warnings'],
    'ihome.open': ['未办结事件', 'Open incidents'],
    'ihome.overdue': ['有逾期报告', 'With overdue reports'],
    'ihome.warnings': ['生效预警', 'Active warnings'],
    'ihome.nearest': ['最近报告时限', 'Nearest deadline'],
    'ihome.none_open': ['没有未办结的事件', 'No open incidents'],
    'ihome.no_warnings': ['没有生效的预警', 'No active warnings'],
    'ihome.more': ['全部 {n} 件', 'all {n}']
  });

  /* ------------------------------------------------------------------ shared helpers */

  function fval(form, name) {
    var el = form.elements[name];
    if (!el) return '';
    if (el instanceof RadioNodeList) el = el[0];
    return String(el.value).trim();
  }
  function fchecked(form, name) {
    var el = form.elements[name];
    return !!(el && el.checked);
  }
  function isZh() {
    return B.state.lang !== 'en';
  }
  /* "now" in Beijing time for <input type=datetime-local>, minus some minutes */
  function nowLocal(minusMinutes) {
    return new Date(Date.now() + 8 * 3600e3 - (minusMinutes || 0) * 60e3).toISOString().slice(0, 16);
  }
  /* "2026-11-21T18:01:41+08:00" -> "2026-11-21T18:01" for datetime-local */
  function isoToLocal(s) {
    var m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(s || '');
    return m ? m[1] : '';
  }
  function hasRole(r) { return B.hasRole(r); }
  /* "label：value" in Chinese, "label: value" in English */
  function colon() {
    return isZh() ? '：' : ': ';
  }
  /* the server names grading factors in Chinese (decided_by) */
  var FACTOR_ZH = { '信息密级': 'inc.f.info_level', '公众影响': 'inc.f.public_impact', '业务影响': 'inc.f.business_impact', '资产损失': 'inc.f.loss_yuan' };
  function factorNames(list) {
    return B.joinList((list || []).map(function (z) { return FACTOR_ZH[z] ? t(FACTOR_ZH[z]).replace(/[（(].*$/, '') : z; }));
  }

  /* An incident level: {code, zh, color} from the server, or a code. */
  function levelCode(l) {
    if (!l) return '';
    return typeof l === 'string' ? l : l.code || '';
  }
  function levelText(l) {
    var c = levelCode(l);
    return c ? t('ilevel.' + c) : t('ilevel.none');
  }
  function colorOf(l) {
    return COLORS[levelCode(l)] || '';
  }
  function levelBadge(l, extra) {
    var c = levelCode(l);
    if (!c) return B.badge(t('ilevel.none'), 'muted');
    var el = B.badge(levelText(c) + (extra ? ' ' + extra : ''), 'ilevel badge-ilevel-' + colorOf(c));
    el.setAttribute('title', t('icolor.' + colorOf(c)));
    el.setAttribute('data-level', c);
    return el;
  }
  function levelOptions() {
    return LEVELS.map(function (c) { return { value: c, label: levelText(c) + '（' + t('icolor.' + COLORS[c]) + '）' }; });
  }
  function categoryLabel(c) {
    return c ? (STRINGS_HAS('icat.' + c) ? t('icat.' + c) : c) : '—';
  }
  function STRINGS_HAS(key) {
    return t(key) !== key;
  }
  function subLabel(cat, code) {
    var list = SUBS[cat] || [];
    for (var i = 0; i < list.length; i++) if (list[i][0] === code) return isZh() ? list[i][1] : list[i][2];
    return code || '';
  }
  function stateLabel(s) { return s ? t('istate.' + s) : '—'; }
  function stateBadge(s) {
    var kind = s === 'dismissed' ? 'muted' : FINAL.indexOf(s) >= 0 ? 'ok' : s === 'reported' ? 'warn' : 'info';
    return B.badge(stateLabel(s), kind + ' badge-istate');
  }
  function actionLabel(a) { return STRINGS_HAS('iaction.' + a) ? t('iaction.' + a) : a; }
  function phaseLabel(p) { return p ? (STRINGS_HAS('phase.' + p) ? t('phase.' + p) : p) : ''; }
  function yesNo(v) { return v ? t('inc.yes') : t('inc.no'); }

  /* ---- countdowns: every .countdown[data-target] ticks while one is on the page */

  var ticker = null;
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function fmtDur(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400);
    s -= d * 86400;
    var clock = pad(Math.floor(s / 3600)) + ':' + pad(Math.floor((s % 3600) / 60)) + ':' + pad(s % 60);
    return d ? t('cd.days', { d: d }) + ' ' + clock : clock;
  }
  function paint(el, now) {
    var ms = Number(el.getAttribute('data-target')) - now;
    var over = ms < 0;
    var text = t(over ? 'cd.over' : 'cd.left', { time: fmtDur(ms) });
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle('cd-overdue', over);
    el.classList.toggle('cd-soon', !over && ms < 3600e3);
  }
  function tick() {
    var els = document.querySelectorAll('.countdown[data-target]');
    if (!els.length) {
      window.clearInterval(ticker);
      ticker = null;
      return;
    }
    var now = Date.now();
    els.forEach(function (el) { paint(el, now); });
  }
  /* A live countdown to targetMs (this browser's clock). */
  function countdown(targetMs) {
    var el = h('span', { class: 'countdown', 'data-target': String(Math.round(targetMs)) });
    paint(el, Date.now());
    /* four times a second, so that timer jitter never shows a second twice or skips one */
    if (!ticker) ticker = window.setInterval(tick, 250);
    return el;
  }

  /* The difference between the server's clock and this browser's, from the Date header (whole
   * seconds; differences under two seconds are ignored). Deadlines are absolute server times. */
  var skew = 0;
  var skewP = null;
  function syncClock() {
    if (!skewP) {
      skewP = window.fetch('/healthz', { cache: 'no-store', credentials: 'same-origin' }).then(function (r) {
        var d = Date.parse(r.headers.get('Date') || '');
        if (!isNaN(d)) {
          var s = d + 500 - Date.now();
          skew = Math.abs(s) < 2000 ? 0 : s;
        }
      }, function () {});
    }
    return skewP;
  }
  /* a server time ("…+08:00") as a target for countdown() */
  function serverTimeTarget(iso) {
    return Date.parse(iso) - skew;
  }

  /* ---- form pieces */

  function fieldLabel(prefix, key) {
    return t((prefix === 'summary' ? 'sf.' : prefix === 'evaluation' ? 'ef.' : 'rf.') + key);
  }
  /* A text field for a report/summary member; name "prefix.key" so a server error names it. */
  function textField(prefix, key, value, opts) {
    opts = opts || {};
    var name = prefix + '.' + key;
    var long = LONG.indexOf(key) >= 0;
    var ctl = long
      ? h('textarea', { name: name, rows: opts.rows || '3', maxlength: '8000', disabled: opts.disabled }, value || '')
      : B.input(name, value || '', { maxlength: 2000, disabled: opts.disabled });
    return B.field(fieldLabel(prefix, key), ctl, { wide: long, required: opts.required });
  }
  function boolField(prefix, key, value) {
    return B.field(fieldLabel(prefix, key), h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: prefix + '.' + key, checked: !!value }), ' ', t('inc.yes')));
  }
  /* The members of prefix that the form holds, trimmed; empty ones left out unless keepEmpty. */
  function readTexts(form, prefix, keys, keepEmpty) {
    var o = {};
    keys.forEach(function (k) {
      var el = form.elements[prefix + '.' + k];
      if (!el) return;
      var v = String(el.value).trim();
      if (v || keepEmpty) o[k] = v;
    });
    return o;
  }

  /* The 附件二 fields a report of this kind asks (and its PDF prints). */
  function reportKeys(kind) {
    return REPORT_FIELDS.filter(function (k) { return kind !== 'leak' || SYSTEM_FIELDS.indexOf(k) < 0; });
  }
  /* The 附件三 fields likewise: a leak's result names no network system. */
  function summaryKeys(kind) {
    return SUMMARY_FIELDS.filter(function (k) { return kind !== 'leak' || k !== 'system_name'; });
  }
  /* A section of a long form that folds (details/summary): title, a hint of what it asks, its fields. */
  function fold(cls, title, hint, children) {
    return h('details', { class: 'fold field-wide ' + cls },
      h('summary', null, h('span', { class: 'fold-title' }, title), h('span', { class: 'fold-hint' }, hint)),
      h('div', { class: 'grid-form' }, children));
  }
  /*
   * 附件二's sections for a report of kind, filled from values.  The system fields are built for
   * every kind (the new-report form switches kinds) and hidden for a leak; sys receives them.
   */
  function reportFolds(kind, values, sys) {
    return REPORT_SECTIONS.map(function (sec) {
      var hint = sec[0] === 'event' && kind !== 'leak' ? 'event_cyber' : sec[0];
      var el = fold('report-' + sec[0], t('inc.sec.' + sec[0]), t('inc.sec_hint.' + hint), sec[1].map(function (k) {
        var dflt = values[k];
        var f = textField('report', k, dflt === undefined || dflt === null ? '' : dflt);
        if (SYSTEM_FIELDS.indexOf(k) >= 0) {
          f.classList.add('system-field');
          f.hidden = kind === 'leak';
          if (sys) sys.push(f);
        }
        return f;
      }));
      if (sec[0] === 'event' && sys) sys.hint = el.querySelector('.fold-hint');
      return el;
    });
  }
  /* A server error names a field that may sit in a folded section: unfold it first. */
  function unfoldError(form, err) {
    var name = err && err.field;
    if (name) {
      var q = window.CSS && CSS.escape ? CSS.escape(name) : name;
      var el = form.querySelector('[name="' + q + '"]') || form.querySelector('[data-path="' + q.split('.')[0] + '"]');
      var d = el && el.closest('details.fold');
      if (d) d.open = true;
    }
    throw err;
  }

  /*
   * Grading factors with the server's live proposal (POST /api/v1/incidents/grade-preview).
   * scopeOf(form) names the kind or the incident, so that the plan's own thresholds apply.
   */
  function factorsBlock(values, infoLevelOf, scopeOf) {
    values = values || {};
    var out = h('output', { class: 'derived grade-preview', id: 'grade-preview', 'aria-live': 'polite' }, t('inc.preview_none'));
    var impact = function (name, v) {
      return B.select(name, IMPACTS.map(function (c) { return { value: c, label: t('impact.' + c) }; }), v || 'none');
    };
    var box = h('fieldset', { class: 'sub-form factors', 'data-path': 'factors' },
      h('legend', null, t('inc.factors')),
      h('div', { class: 'grid-form' },
        B.field(t('inc.f.info_level'), B.select('factors.info_level', B.enumOptions('levels'), values.info_level || '', null, t('inc.f.info_same'))),
        B.field(t('inc.f.public_impact'), impact('factors.public_impact', values.public_impact)),
        B.field(t('inc.f.business_impact'), impact('factors.business_impact', values.business_impact)),
        B.field(t('inc.f.loss_yuan'), B.input('factors.loss_yuan', values.loss_yuan ? String(values.loss_yuan) : '', { type: 'number', min: '0', step: '1' })),
        B.field(t('inc.preview'), out, { class: 'field-preview' })));
    var seq = 0;
    var timer = null;
    function read() {
      var f = {};
      var form = box.closest('form');
      if (!form) return f;
      var il = fval(form, 'factors.info_level') || (infoLevelOf ? infoLevelOf(form) : '');
      if (il) f.info_level = il;
      ['public_impact', 'business_impact'].forEach(function (k) {
        var v = fval(form, 'factors.' + k);
        if (v && v !== 'none') f[k] = v;
      });
      var loss = intOr(fval(form, 'factors.loss_yuan'));
      if (loss !== undefined) f.loss_yuan = loss;
      return f;
    }
    function preview() {
      var my = ++seq;
      var body = read();
      var form = box.closest('form');
      var scope = scopeOf && form ? scopeOf(form) : {};
      Object.keys(scope).forEach(function (k) { body[k] = scope[k]; });
      api('POST', '/api/v1/incidents/grade-preview', body).then(function (r) {
        if (my !== seq) return;
        B.clear(out);
        out.classList.remove('invalid');
        var p = r && r.proposed_level;
        if (!p) {
          out.appendChild(document.createTextNode(t('inc.preview_none')));
          out.removeAttribute('data-level');
          return;
        }
        out.setAttribute('data-level', p.code);
        out.appendChild(levelBadge(p.code));
        if (r.decided_by && r.decided_by.length) {
          out.appendChild(h('span', { class: 'preview-by' }, ' ' + t('inc.preview_by', { f: factorNames(r.decided_by) })));
        }
        if (r.plan) out.appendChild(h('span', { class: 'preview-plan' }, ' ' + t('inc.preview_plan', { p: r.plan.name })));
      }, function (err) {
        if (my !== seq) return;
        B.clear(out).appendChild(document.createTextNode(B.errorText(err)));
        out.classList.add('invalid');
      });
    }
    function schedule() {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(preview, 250);
    }
    box.addEventListener('change', schedule);
    box.addEventListener('input', schedule);
    return { el: box, read: read, refresh: schedule };
  }

  /* Carriers to link: a ledger search by number or title words to tick from; the ticked ones
   * show as chips by number and title (never an id). */
  function carrierPicker() {
    var picked = []; /* [{id, label}] in the order ticked */
    var chips = h('div', { class: 'scope-list carrier-chips', 'aria-live': 'polite' });
    var q = B.input('carrier_q', '', { type: 'search', placeholder: t('inc.carrier_search_hint'), maxlength: 200, 'aria-label': t('inc.carrier_search') });
    var results = h('div', { class: 'pick-list carrier-results', hidden: true });
    function has(id) {
      return picked.some(function (x) { return x.id === id; });
    }
    function renderChips() {
      B.clear(chips);
      if (!picked.length) chips.appendChild(h('span', { class: 'muted' }, t('inc.carrier_picked_none')));
      picked.forEach(function (x) {
        chips.appendChild(h('span', { class: 'chip', 'data-carrier': x.id }, x.label,
          h('button', { type: 'button', class: 'chip-x', 'aria-label': t('picker.remove', { name: x.label }), onclick: function () {
            picked = picked.filter(function (y) { return y.id !== x.id; });
            var cb = results.querySelector('label[data-carrier="' + x.id + '"] input');
            if (cb) cb.checked = false;
            renderChips();
          } }, '×')));
      });
    }
    function search() {
      var words = q.value.trim();
      api('GET', '/api/v1/carriers' + B.query({ q: words, limit: 20 })).then(function (r) {
        var items = (r && r.items) || [];
        B.clear(results).hidden = false;
        if (!items.length) results.appendChild(h('span', { class: 'muted' }, t('inc.carrier_none')));
        items.forEach(function (c) {
          var label = c.number + ' ' + c.title;
          var cb = h('input', { type: 'checkbox', value: String(c.id), checked: has(c.id) });
          cb.addEventListener('change', function () {
            picked = picked.filter(function (x) { return x.id !== c.id; });
            if (cb.checked) picked.push({ id: c.id, label: label });
            renderChips();
          });
          results.appendChild(h('label', { class: 'check pick', 'data-carrier': c.id }, cb, ' ',
            h('span', { class: 'carrier-number' }, c.number), ' ', c.title, ' ',
            B.badge(B.enumLabel('levels', c.level), 'level-' + c.level)));
        });
      }, function (err) {
        B.clear(results).hidden = false;
        results.appendChild(B.msg('error', B.errorText(err)));
      });
    }
    q.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        search();
      }
    });
    renderChips();
    var el = h('div', { class: 'carrier-picker' },
      chips,
      h('div', { class: 'carrier-search' }, q, B.button(t('inc.carrier_search'), search, 'btn-small', { id: 'carrier-search' })),
      results);
    return {
      el: el,
      values: function () {
        return picked.map(function (x) { return x.id; });
      }
    };
  }

  /* ------------------------------------------------------------------ list */

  var LIST_FILTERS = ['kind', 'state', 'level', 'open', 'overdue', 'q', 'drill'];
  var flash = null;

  function incidentLink(i) {
    var link = B.link('incidents/' + i.id, i.title || t('ikind.' + i.kind), { class: 'incident-title' });
    return i.drill ? h('span', null, B.badge(t('inc.drill'), 'warn drill-mark'), ' ', link) : link;
  }
  function listLevel(i) {
    if (i.confirmed_level) return levelBadge(i.confirmed_level);
    if (i.prelim_level) {
      var b = levelBadge(i.prelim_level, '(' + t('ilevel.prelim_mark') + ')');
      b.classList.add('ilevel-prelim');
      return b;
    }
    return levelBadge(null);
  }
  function overdueMark(n) {
    return n > 0 ? B.badge(t('inc.overdue_n', { n: n }), 'error overdue-mark') : h('span', { class: 'muted' }, '0');
  }

  function incidentList(ctx) {
    var el = ctx.el;
    var q = ctx.query;
    var filter = {};
    LIST_FILTERS.forEach(function (k) { filter[k] = q.get(k) || ''; });
    var offset = num(q.get('offset'), 0);
    el.appendChild(B.pageHead(t('inc.title'), [
      B.button(t('inc.new'), function () { nav('incidents/new'); }, 'btn-primary', { id: 'incident-new' })
    ]));
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text));
      flash = null;
    }
    var filters = h('form', { class: 'filters', id: 'incident-filters', novalidate: true, role: 'search' },
      B.field(t('inc.q'), B.input('q', filter.q, { type: 'search', placeholder: t('inc.q_hint'), maxlength: 200 }), { class: 'field-q' }),
      B.field(t('inc.kind'), B.select('kind', KINDS.map(function (c) { return { value: c, label: t('ikind.' + c) }; }), filter.kind, null, t('common.all'))),
      B.field(t('inc.state'), B.select('state', STATES.map(function (c) { return { value: c, label: stateLabel(c) }; }), filter.state, null, t('common.all'))),
      B.field(t('inc.level_filter'), B.select('level', levelOptions(), filter.level, null, t('common.all'))),
      /* drills are counted apart: real incidents unless asked for */
      B.field(t('inc.drill_filter'), B.select('drill', [{ value: '1', label: t('inc.drill_only') }, { value: 'all', label: t('inc.drill_all') }],
        filter.drill, null, t('inc.drill_real'))),
      h('div', { class: 'field filter-checks' },
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'open', value: '1', checked: filter.open === '1' }), ' ', t('inc.open_only')),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'overdue', value: '1', checked: filter.overdue === '1' }), ' ', t('inc.overdue_only'))),
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')),
        B.button(t('common.reset'), function () { nav('incidents'); })));
    filters.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var f = {};
      ['kind', 'state', 'level', 'q', 'drill'].forEach(function (k) { f[k] = fval(filters, k); });
      f.open = fchecked(filters, 'open') ? '1' : '';
      f.overdue = fchecked(filters, 'overdue') ? '1' : '';
      nav('incidents', f);
    });
    el.appendChild(filters);
    el.appendChild(h('p', { class: 'hint-line' }, t('inc.need_to_know')));
    var body = h('div');
    el.appendChild(body);
    var url = '/api/v1/incidents' + B.query(Object.assign({ limit: LIMIT, offset: offset }, filter));
    B.load(body, Promise.all([api('GET', url), syncClock()]), function (res) {
      var list = res[0] || { items: [], total: 0 };
      body.appendChild(B.table([
        { label: t('inc.id'), value: function (i) { return String(i.id); }, class: 'num' },
        { label: t('inc.name'), value: incidentLink },
        { label: t('inc.category'), value: function (i) { return categoryLabel(i.category); }, class: 'nowrap' },
        { label: t('inc.level'), value: listLevel, class: 'nowrap' },
        { label: t('inc.state'), value: function (i) { return stateBadge(i.state); }, class: 'nowrap' },
        { label: t('inc.reported_at'), value: function (i) { return B.fmtTime(i.reported_at); }, class: 'nowrap' },
        { label: t('inc.next_due'), value: function (i) {
          return i.next_due ? h('span', { class: 'next-due' }, countdown(serverTimeTarget(i.next_due)),
            h('span', { class: 'due-at' }, B.fmtTime(i.next_due))) : '—';
        }, class: 'nowrap' },
        { label: t('inc.overdue'), value: function (i) { return overdueMark(i.overdue || 0); }, class: 'nowrap' }
      ], list.items || [], {
        class: 'incident-table',
        empty: t('inc.empty'),
        rowAttrs: function (i) { return { 'data-id': i.id, class: i.overdue > 0 ? 'row-overdue' : null }; }
      }));
      body.appendChild(B.pager(list.total || 0, LIMIT, offset, function (o) {
        nav('incidents', Object.assign({}, filter, { offset: o || '' }));
      }));
    });
  }

  /* ------------------------------------------------------------------ report form */

  function reportForm(ctx) {
    var meta = B.state.meta || {};
    var account = ctx.account;
    var kindSel = B.select('kind', KINDS.map(function (c) { return { value: c, label: t('ikind.' + c) }; }), 'leak');
    var catSel = B.select('category', [], '');
    var subSel = B.select('subcategory', [], '');
    var catField = B.field(t('inc.category'), catSel, { required: true });
    var infoSel = B.select('info_level', B.enumOptions('levels'), '', null, t('common.none'));
    var factors = factorsBlock({}, function (form) { return fval(form, 'info_level'); }, function (form) { return { kind: fval(form, 'kind') }; });
    kindSel.addEventListener('change', function () { factors.refresh(); });
    var picker = carrierPicker();
    var leakBox = fold('leak-fields', t('inc.leak'), t('inc.sec_hint.leak'), [
        LEAK_FIELDS.map(function (k) { return textField('report', k, ''); }),
        LEAK_BOOLS.map(function (k) { return boolField('report', k, false); }),
        h('div', { class: 'field field-wide', 'data-path': 'carriers' },
          h('label', null, t('inc.carriers')), picker.el, h('div', { class: 'field-error', hidden: true }))]);
    var sysFields = [];
    var folds = reportFolds('leak', {
      unit_name: (meta.unit && meta.unit.name) || '',
      reporter: account.display_name || account.username
    }, sysFields);

    function fillSubs() {
      var cat = kindSel.value === 'leak' ? 'leak' : catSel.value;
      B.clear(subSel).appendChild(h('option', { value: '' }, t('common.choose')));
      (SUBS[cat] || []).forEach(function (s) {
        subSel.appendChild(h('option', { value: s[0] }, (isZh() ? s[1] : s[2])));
      });
    }
    function syncKind() {
      var leak = kindSel.value === 'leak';
      leakBox.hidden = !leak;
      catField.hidden = leak;
      sysFields.forEach(function (f) { f.hidden = leak; });
      sysFields.hint.textContent = t('inc.sec_hint.' + (leak ? 'event' : 'event_cyber'));
      B.clear(catSel);
      if (!leak) {
        CYBER_CATS.forEach(function (c) { catSel.appendChild(h('option', { value: c }, categoryLabel(c))); });
      }
      fillSubs();
    }
    kindSel.addEventListener('change', syncKind);
    catSel.addEventListener('change', fillSubs);
    infoSel.addEventListener('change', factors.refresh);
    syncKind();

    /* opened from a duty log entry (值班 page): its time and text, and the link kept */
    var fromLog = ctx.query.get('duty_log');
    var form = B.form({ id: 'incident-form', class: 'grid-form incident-form' }, [
      h('div', { class: 'field-wide' }, B.msg('info', t('inc.partial_hint') + ' ' + t('inc.no_secret_hint'))),
      fromLog ? h('div', { class: 'field-wide' }, B.msg('info', t('inc.duty_log') + colon() + (ctx.query.get('text') || ''))) : null,
      B.field(t('inc.kind'), kindSel, { required: true }),
      catField,
      B.field(t('inc.subcategory'), subSel),
      B.field(t('inc.name'), B.input('title', ctx.query.get('title') || '', { maxlength: 256 }), { required: true, wide: true }),
      B.field(t('inc.discovered_at'), B.input('discovered_at', isoToLocal(ctx.query.get('at')) || nowLocal(0), { type: 'datetime-local', max: nowLocal(-5) }), { required: true }),
      B.field(t('inc.info_level'), infoSel),
      B.field(t('inc.prelim_level'), B.select('prelim_level', levelOptions(), '', null, t('ilevel.none'))),
      h('div', { class: 'field-wide' }, factors.el),
      textField('report', 'description', ''),
      folds,
      leakBox,
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('inc.submit')),
        B.button(t('common.back'), function () { nav('incidents'); }))
    ], function (f) {
      var leak = fval(f, 'kind') === 'leak';
      var body = { kind: fval(f, 'kind'), title: fval(f, 'title'), discovered_at: B.localToIso(fval(f, 'discovered_at')) || null };
      if (fromLog) body.duty_log_id = B.intOr(fromLog);
      if (!leak) body.category = fval(f, 'category');
      ['subcategory', 'info_level', 'prelim_level'].forEach(function (k) {
        var v = fval(f, k);
        if (v) body[k] = v;
      });
      var fac = factors.read();
      if (fval(f, 'factors.info_level') === '') delete fac.info_level; /* the server takes info_level */
      if (Object.keys(fac).length) body.factors = fac;
      var report = readTexts(f, 'report', reportKeys(fval(f, 'kind')));
      if (leak) {
        Object.assign(report, readTexts(f, 'report', LEAK_FIELDS));
        LEAK_BOOLS.forEach(function (k) { report[k] = fchecked(f, 'report.' + k); });
        var ids = picker.values();
        if (ids.length) body.carriers = ids;
      }
      body.report = report;
      return api('POST', '/api/v1/incidents', body).then(function (r) {
        flash = { kind: r.warning ? 'warn' : 'ok', text: t('inc.created', { id: r.id }) + (r.warning ? '。' + r.warning : '') };
        nav('incidents/' + r.id);
      }, function (err) { return unfoldError(f, err); });
    });
    return form;
  }

  /* ------------------------------------------------------------------ detail */

  function kvText(v) {
    if (v === null || v === undefined || v === '') return null;
    return h('span', { class: 'pre' }, String(v));
  }

  /* Detail text of a timeline event. */
  function eventDetail(ev) {
    var d = ev.detail || {};
    var p = [];
    function add(label, v) {
      if (v !== null && v !== undefined && v !== '') p.push(label + colon() + v);
    }
    switch (ev.action) {
      case 'report':
        add(t('inc.name'), d.title);
        add(t('inc.plan'), d.plan);
        break;
      case 'grade':
        if (d.from) add(t('inc.confirmed_level'), levelText(d.from) + ' → ' + levelText(d.level));
        else add(t('inc.confirmed_level'), levelText(d.level));
        break;
      case 'activate':
        add(t('inc.plan'), d.plan);
        add(t('inc.response_level'), d.level ? levelText(d.level) : '');
        add(t('inc.tasks'), d.tasks);
        break;
      case 'dismiss':
        add(t('inc.reason'), d.reason);
        break;
      case 'close':
      case 'evaluate':
        if (d.open_duties) add(t('inc.dl.open_duties'), d.open_duties.join('、'));
        add(t('inc.close_reason'), d.reason);
        break;
      case 'approve_investigation':
        add(t('inc.investigation'), d.investigation);
        break;
      case 'supplement':
        add(t('inc.version'), d.version);
        break;
      case 'summarise':
        add(t('inc.filing_number'), d.filing_number);
        add(t('inc.result_to'), d.to);
        if (d.duties_met && d.duties_met.length) add(t('inc.dl.met_by_result'), d.duties_met.join('、'));
        break;
      case 'task':
      case 'task_update':
        add(t('inc.task.title'), d.title);
        if (d.status && d.status !== 'updated') add(t('inc.task.status'), STRINGS_HAS('tstatus.' + d.status) ? t('tstatus.' + d.status) : d.status);
        break;
      case 'report_sent':
        add(t('inc.dl.to'), d.to);
        if (d.backfilled) p.push(t('inc.dl.backfilled') + '（' + B.fmtTime(d.met_at) + '，' + t('inc.dl.recorded', { at: B.fmtTime(d.recorded_at) }) + '）');
        if (d.late) p.push(t('dlstate.late'));
        if (d.escalated) p.push(t('iaction.overdue'));
        break;
      case 'task_assigned':
      case 'task_reassigned':
      case 'notified_by_role':
        add(t('inc.task.title'), d.title);
        add(t('inc.duty.from'), d.from_name);
        add(t('inc.duty.to'), d.to_name);
        add(t('inc.duty.how'), isZh() ? d.how_zh : d.how);
        add(t('inc.duty.why'), isZh() ? d.why_zh : d.why);
        break;
      case 'from_duty_log':
        add(t('inc.duty_log'), B.fmtTime(d.at) + ' ' + (d.text || ''));
        break;
      case 'overdue':
        add(t('inc.dl.to'), d.to);
        add(t('inc.dl.due'), B.fmtTime(d.due_at));
        if (d.escalate_to) p.push(t('inc.dl.escalated', { role: isZh() ? d.escalate_to_zh || d.escalate_to : B.enumLabel('roles', d.escalate_to) }));
        break;
      default:
        break;
    }
    add(t('inc.note'), d.note);
    return p;
  }

  function timeline(items) {
    if (!items.length) return h('p', { class: 'muted' }, t('inc.timeline_empty'));
    return h('ol', { class: 'timeline incident-timeline', id: 'incident-timeline' }, items.map(function (ev) {
      var parts = eventDetail(ev);
      return h('li', { class: 'tl-item tl-' + ev.action, 'data-action': ev.action },
        h('div', { class: 'tl-head' },
          h('span', { class: 'tl-action' }, actionLabel(ev.action)),
          h('span', { class: 'tl-time' }, B.fmtTime(ev.at)),
          h('span', { class: 'tl-user' }, ev.by)),
        parts.length ? h('div', { class: 'tl-detail' }, parts.join('；')) : null);
    }));
  }

  function deadlineState(d) {
    var kind = { waiting: 'muted', open: 'info', met: 'ok', late: 'warn', overdue: 'error' }[d.state] || 'plain';
    return B.badge(STRINGS_HAS('dlstate.' + d.state) ? t('dlstate.' + d.state) : d.state_zh || d.state, kind + ' dl-state');
  }

  function deadlinesTable(inc, deadlines, receivedAt, onDone) {
    var canMark = hasRole(WATCH) && FINAL.indexOf(inc.state) < 0;
    if (!deadlines.length) return h('p', { class: 'muted' }, t('inc.dl.none'));
    var formRow = null;
    function markForm(d, tr) {
      if (formRow) formRow.remove();
      var f = B.form({ class: 'inline-form met-form', 'data-duty': d.id }, [
        B.field(t('inc.dl.at'), B.input('at', '', { type: 'datetime-local' }), { hint: t('inc.dl.backfill_hint') }),
        B.field(t('inc.dl.note'), B.input('note', '', { maxlength: 256 }), { class: 'field-reason' }),
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('inc.dl.mark')),
        B.button(t('common.back'), function () { formRow.remove(); formRow = null; })
      ], function (form) {
        var body = {};
        var at = fval(form, 'at');
        if (at) body.at = B.localToIso(at);
        var note = fval(form, 'note');
        if (note) body.note = note;
        return api('POST', '/api/v1/incident-deadlines/' + encodeURIComponent(d.id) + '/met', body).then(function () {
          onDone(t('inc.dl.done', { to: d.to }));
        });
      });
      formRow = h('tr', { class: 'met-row' }, h('td', { colspan: '7' }, f));
      tr.parentNode.insertBefore(formRow, tr.nextSibling);
      f.querySelector('input[name=note]').focus();
    }
    /* whom to call for the duty and the number, from the contact list (通讯录) */
    function callee(k) {
      var named = k.person && k.person !== k.name;
      var num = k.phone.replace(/[^0-9+]/g, '');
      return h('div', { class: 'dl-contact' }, t('inc.dl.call') + k.name + (named ? '（' + k.person + '）' : '') + ' ',
        h('a', { href: 'tel:' + num, class: 'phone nowrap' }, k.phone));
    }
    var table = B.table([
      { label: t('inc.dl.to'), value: function (d) {
        return h('div', null,
          h('div', { class: 'dl-to' }, B.badge(d.source === 'statutory' ? t('inc.dl.statutory') : t('inc.dl.plan'), (d.source === 'statutory' ? 'warn' : 'plain') + ' dl-source'), ' ', d.to),
          d.what ? h('div', { class: 'dl-what' }, d.what) : null,
          d.basis ? h('div', { class: 'dl-what dl-basis' }, d.basis) : null,
          d.contact ? callee(d.contact) : null);
      } },
      { label: t('inc.dl.limit'), value: function (d) {
        return h('span', null, t('inc.dl.limit_text', {
          from: STRINGS_HAS('dlfrom.' + d.from) ? t('dlfrom.' + d.from) : d.from_zh,
          amount: d.amount,
          unit: STRINGS_HAS('dlunit.' + d.unit) ? t('dlunit.' + d.unit) : d.unit_zh
        }), d.plan_limit ? h('div', { class: 'field-hint' }, t('inc.dl.plan_limit', {
          amount: d.plan_limit.amount,
          unit: STRINGS_HAS('dlunit.' + d.plan_limit.unit) ? t('dlunit.' + d.plan_limit.unit) : d.plan_limit.unit_zh
        })) : null, d.calendar_fallback ? h('div', { class: 'field-hint' }, t('inc.dl.fallback')) : null);
      } },
      { label: t('inc.dl.due'), value: function (d) { return d.due_at ? B.fmtTime(d.due_at) : '—'; }, class: 'nowrap' },
      { label: t('inc.dl.countdown'), value: function (d) {
        if (d.remaining_s === null || d.remaining_s === undefined) return '—';
        return countdown(receivedAt + d.remaining_s * 1000);
      }, class: 'nowrap' },
      { label: t('inc.dl.state'), value: function (d) {
        return h('span', { class: 'badges' }, deadlineState(d),
          d.escalated_at ? B.badge(t('inc.dl.escalated', { role: B.enumLabel('roles', d.escalate_to) }), 'error') : null);
      }, class: 'nowrap' },
      { label: t('inc.dl.met'), value: function (d) {
        if (!d.met_at) return '—';
        return h('div', null, B.fmtTime(d.met_at),
          d.backfilled ? h('div', null, B.badge(t('inc.dl.backfilled'), 'warn dl-backfilled'), ' ', t('inc.dl.recorded', { at: B.fmtTime(d.recorded_at) })) : null,
          d.note ? h('div', { class: 'dl-what' }, d.note) : null);
      }, class: 'nowrap' },
      { label: t('common.actions'), value: function (d) {
        if (!canMark || d.met_at || !d.anchor_at) return '—';
        return B.button(t('inc.dl.mark'), function (ev) {
          markForm(d, ev.currentTarget.closest('tr'));
        }, 'btn-small btn-primary dl-mark', { 'data-duty': d.id });
      }, class: 'nowrap' }
    ], deadlines, {
      class: 'deadline-table',
      rowAttrs: function (d) { return { 'data-duty': d.id, 'data-code': d.code, 'data-state': d.state, class: 'dl-' + d.state }; }
    });
    return table;
  }

  function tasksBlock(inc, ctx, onDone) {
    var tasks = inc.tasks || [];
    var me = ctx.account.id;
    var live = inc.state === 'activated' || inc.state === 'handling';
    var director = hasRole(DIRECT);
    function patch(task, body, btn) {
      btn.disabled = true;
      return api('PATCH', '/api/v1/incident-tasks/' + encodeURIComponent(task.id), body).then(function () {
        onDone(t('inc.task.updated'));
      }, function (err) {
        btn.disabled = false;
        var cell = btn.closest('td');
        var m = cell.querySelector('.form-msg') || cell.insertBefore(h('div', { class: 'form-msg msg msg-error', role: 'alert' }), cell.firstChild);
        m.textContent = B.errorText(err);
      });
    }
    var out = [];
    out.push(tasks.length ? B.table([
      { label: t('inc.task.title'), value: function (x) {
        return h('div', null, h('div', null, x.title), x.phase ? h('div', { class: 'dl-what' }, phaseLabel(x.phase)) : null);
      } },
      { label: t('inc.task.assignee'), value: function (x) { return x.assignee || (x.assignee_id ? t('inc.task.someone') : t('inc.task.unassigned')); }, class: 'nowrap' },
      { label: t('inc.task.due'), value: function (x) {
        if (!x.due_at) return '—';
        return h('div', null, B.fmtTime(x.due_at), x.status === 'open' ? h('div', null, countdown(serverTimeTarget(x.due_at))) : null);
      }, class: 'nowrap' },
      { label: t('inc.task.status'), value: function (x) {
        var kind = x.status === 'done' ? 'ok' : x.status === 'cancelled' ? 'muted' : x.overdue ? 'error' : 'warn';
        return B.badge(STRINGS_HAS('tstatus.' + x.status) ? t('tstatus.' + x.status) : x.status_zh, kind + ' task-status');
      }, class: 'nowrap' },
      { label: t('inc.task.note'), value: function (x) { return x.note || '—'; } },
      { label: t('common.actions'), value: function (x) {
        if (!live || x.status !== 'open') return '—';
        var btns = [];
        if (director || x.assignee_id === me) {
          btns.push(B.button(t('inc.task.done'), function (ev) { patch(x, { status: 'done' }, ev.currentTarget); }, 'btn-small btn-primary task-done'));
        }
        if (director) {
          btns.push(B.confirmButton(t('inc.task.cancel'), t('inc.task.cancel_confirm'), function (btn) { patch(x, { status: 'cancelled' }, btn); }, 'btn-small btn-danger task-cancel'));
        }
        return btns.length ? h('div', { class: 'decide-buttons' }, btns) : '—';
      }, class: 'nowrap' }
    ], tasks, { class: 'task-table', rowAttrs: function (x) { return { 'data-task': x.id, 'data-status': x.status }; } })
      : h('p', { class: 'muted' }, t('inc.task.none')));
    if (live && director) {
      /* offered before anything is typed: the user and those already holding a task */
      var known = {};
      known[String(me)] = (ctx.account.display_name || ctx.account.username) + '（' + t('inc.task.me') + '）';
      tasks.forEach(function (x) { if (x.assignee_id && !known[String(x.assignee_id)]) known[String(x.assignee_id)] = x.assignee || t('inc.task.someone'); });
      /* the roles that assign tasks are those that may look colleagues up by name */
      var assignee = B.accountPicker('assignee_id', { known: known, placeholder: t('inc.task.assignee_hint') });
      out.push(h('h3', { class: 'sub-title' }, t('inc.task.new')));
      out.push(B.form({ id: 'task-form', class: 'grid-form task-form' }, [
        B.field(t('inc.task.title'), B.input('title', '', { maxlength: 512 }), { required: true, wide: true }),
        B.field(t('inc.task.phase'), B.input('phase', '', { maxlength: 32 })),
        B.field(t('inc.task.assignee'), assignee.el, { hint: t('inc.task.assignee_empty') }),
        B.field(t('inc.task.due'), B.input('due_at', '', { type: 'datetime-local' })),
        B.field(t('inc.task.note'), B.input('note', '', { maxlength: 512 }), { wide: true }),
        h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('inc.task.new')))
      ], function (f) {
        var body = { title: fval(f, 'title') };
        if (assignee.problem()) return Promise.reject(assignee.problem());
        var v = fval(f, 'phase');
        if (v) body.phase = v;
        v = assignee.value();
        if (v !== undefined) body.assignee_id = v;
        v = fval(f, 'due_at');
        if (v) body.due_at = B.localToIso(v);
        v = fval(f, 'note');
        if (v) body.note = v;
        return api('POST', '/api/v1/incidents/' + encodeURIComponent(inc.id) + '/tasks', body).then(function () {
          onDone(t('inc.task.created'));
        });
      }));
    }
    return out;
  }

  /* the plans this incident may be handled under: in force and covering its kind */
  function loadPlansFor(inc) {
    return api('GET', '/api/v1/plans').then(function (r) {
      return ((r && r.items) || []).filter(function (p) {
        return (p.status === 'approved' || p.status === 'filed') && (p.kind === inc.kind || p.kind === 'other');
      });
    });
  }

  function actionForm(inc, a, onDone, onCancel) {
    var fields = [];
    var extra = {}; /* readers of complex parts */
    function add(label, ctl, opts) { fields.push(B.field(label, ctl, opts)); }
    /* closing or evaluating over unmet reports to superiors: the command says why */
    function reasonField() {
      var open = (inc.deadlines || []).filter(function (d) { return d.superior && !d.met_at && d.anchor_at; });
      if (!open.length) return;
      add(t('inc.close_reason'), B.input('reason', '', { maxlength: 1024 }), {
        required: true, wide: true, hint: t('inc.close_reason_hint', { list: B.joinList(open.map(function (d) { return d.to; })) })
      });
    }
    switch (a) {
      case 'supplement': {
        add(t('inc.name'), B.input('title', inc.title, { maxlength: 256 }), { wide: true });
        add(t('inc.info_level'), B.select('info_level', B.enumOptions('levels'), inc.info_level || '', null, t('common.none')));
        add(t('inc.prelim_level'), B.select('prelim_level', levelOptions(), levelCode(inc.prelim_level), null, t('ilevel.none')));
        var fb = factorsBlock(inc.factors || {}, function (form) { return fval(form, 'info_level'); }, function () { return { incident_id: inc.id }; });
        extra.factors = fb;
        fields.push(h('div', { class: 'field-wide' }, fb.el));
        var rep = inc.report || {};
        fields.push(textField('report', 'description', rep.description));
        reportFolds(inc.kind, rep, null).forEach(function (el) {
          /* a leak's system fields are left out, not only hidden: it never sends them */
          el.querySelectorAll('.system-field[hidden]').forEach(function (x) { x.remove(); });
          fields.push(el);
        });
        if (inc.kind === 'leak') {
          var cp = carrierPicker();
          extra.carriers = cp;
          fields.push(fold('leak-fields', t('inc.leak'), t('inc.sec_hint.leak'), [
              LEAK_FIELDS.map(function (k) { return textField('report', k, rep[k]); }),
              LEAK_BOOLS.map(function (k) { return boolField('report', k, rep[k]); }),
              h('div', { class: 'field field-wide', 'data-path': 'carriers' }, h('label', null, t('inc.carriers')), cp.el, h('div', { class: 'field-error', hidden: true }))]));
        }
        add(t('inc.note'), B.input('note', '', { maxlength: 1024 }), { wide: true });
        window.setTimeout(fb.refresh, 0);
        break;
      }
      case 'dismiss':
        add(t('inc.reason'), B.input('reason', '', { maxlength: 1024 }), { required: true, wide: true });
        break;
      case 'grade': {
        var proposed = levelCode(inc.proposed_level);
        add(t('inc.level_to_confirm'), B.select('level', levelOptions(), levelCode(inc.confirmed_level) || proposed || levelCode(inc.prelim_level), null, t('common.choose')), { required: true });
        var gb = factorsBlock(inc.factors || {}, function () { return inc.info_level || ''; }, function () { return { incident_id: inc.id }; });
        extra.factors = gb;
        fields.push(h('div', { class: 'field-wide' }, gb.el));
        add(t('inc.note'), B.input('note', '', { maxlength: 1024 }), { wide: true });
        window.setTimeout(gb.refresh, 0);
        break;
      }
      case 'activate': {
        var planSel = B.select('plan_id', [], '');
        var pbBox = h('div', { class: 'pick-list playbooks', 'data-path': 'playbooks' });
        var planField = B.field(t('inc.activate_plan'), planSel, { required: true, hint: t('inc.activate_plan_hint') });
        fields.push(planField);
        add(t('inc.activate_level'), B.select('level', levelOptions(), levelCode(inc.confirmed_level), null, t('common.choose')), { required: true });
        fields.push(B.field(t('inc.playbooks'), pbBox, { wide: true, hint: t('inc.playbooks_hint') }));
        add(t('inc.note'), B.input('note', '', { maxlength: 1024 }), { wide: true });
        var showPlaybooks = function () {
          B.clear(pbBox);
          if (!planSel.value) return;
          api('GET', '/api/v1/plans/' + encodeURIComponent(planSel.value)).then(function (p) {
            ((p.body && p.body.playbooks) || []).forEach(function (pb) {
              var cats = pb.categories || [];
              var matches = cats.indexOf('*') >= 0 || cats.indexOf(inc.category) >= 0;
              pbBox.appendChild(h('label', { class: 'check pick' + (matches ? ' pb-match' : '') },
                h('input', { type: 'checkbox', name: 'playbooks', value: pb.code }), ' ', pb.name,
                ' (' + (pb.steps || []).length + ')'));
            });
          }, function (err) {
            pbBox.appendChild(B.msg('error', B.errorText(err)));
          });
        };
        planSel.addEventListener('change', showPlaybooks);
        loadPlansFor(inc).then(function (plans) {
          plans.forEach(function (p) {
            planSel.appendChild(h('option', { value: String(p.id) }, p.name + ' v' + p.version + '（' + (isZh() ? p.status_zh : p.status) + '）'));
          });
          if (inc.plan_id && plans.some(function (p) { return p.id === inc.plan_id; })) planSel.value = String(inc.plan_id);
          if (!plans.length) planField.appendChild(B.msg('warn', t('inc.no_plans')));
          showPlaybooks();
        }, function (err) {
          planField.appendChild(B.msg('error', B.errorText(err)));
        });
        break;
      }
      case 'summarise': {
        var r = inc.report || {};
        var dflt = { contact: r.reporter, phone: r.phone, address: r.address, system_name: r.system_name ? r.system_name + (r.system_use ? '（' + r.system_use + '）' : '') : '', consequence: r.consequence, scope: r.scope, severity: r.severity };
        var s = inc.summary || {};
        fields.push(h('fieldset', { class: 'sub-form field-wide summary-fields', 'data-path': 'summary' }, h('legend', null, t('inc.summary')),
          h('div', { class: 'grid-form' }, summaryKeys(inc.kind).map(function (k) {
            return textField('summary', k, s[k] || dflt[k] || '', { required: k === 'final_cause' || k === 'process' });
          }))));
        /* the recipients of the duties counted from the end of handling: the result meets only its own */
        var handled = (inc.deadlines || []).filter(function (d) { return d.from === 'handled' && !d.met_at; });
        var tos = [];
        handled.forEach(function (d) { if (tos.indexOf(d.recipient) < 0) tos.push(d.recipient); });
        if (tos.length) {
          var dflTo = (handled.filter(function (d) { return d.source === 'plan'; })[0] || {}).recipient || '';
          add(t('inc.result_to'), B.select('to', tos.map(function (r) {
            return { value: r, label: handled.filter(function (x) { return x.recipient === r; })[0].to };
          }), dflTo, null, t('common.choose')), { hint: t('inc.result_to_hint') });
        }
        break;
      }
      case 'evaluate':
        fields.push(h('fieldset', { class: 'sub-form field-wide evaluation-fields', 'data-path': 'evaluation' }, h('legend', null, t('inc.evaluation')),
          h('div', { class: 'grid-form' }, EVAL_FIELDS.map(function (k) { return textField('evaluation', k, (inc.evaluation || {})[k]); }))));
        reasonField();
        break;
      case 'approve_investigation':
        add(t('inc.investigation'), h('textarea', { name: 'investigation', rows: '4', maxlength: '2048' }), { required: true, wide: true, hint: t('inc.investigation_hint') });
        add(t('inc.note'), B.input('note', '', { maxlength: 1024 }), { wide: true });
        break;
      default: /* verify, handle, end_handling, close */
        add(t('inc.note'), B.input('note', '', { maxlength: 1024 }), { wide: true });
        if (a === 'close') reasonField();
    }
    var form = B.form({ id: 'incident-action-form', class: 'grid-form action-form', 'data-action': a }, [
      h('h3', { class: 'field-wide action-form-title' }, actionLabel(a)),
      fields,
      h('div', { class: 'form-actions field-wide' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, actionLabel(a)),
        B.button(t('common.back'), onCancel))
    ], function (f) {
      var body = { action: a };
      var note = f.elements.note ? fval(f, 'note') : '';
      if (note) body.note = note;
      if (a === 'supplement') {
        var title = fval(f, 'title');
        if (title && title !== inc.title) body.title = title;
        var il = fval(f, 'info_level');
        if (il && il !== inc.info_level) body.info_level = il;
        var pl = fval(f, 'prelim_level');
        if (pl && pl !== levelCode(inc.prelim_level)) body.prelim_level = pl;
        var old = inc.report || {};
        var keys = reportKeys(inc.kind).concat(inc.kind === 'leak' ? LEAK_FIELDS : []);
        var now = readTexts(f, 'report', keys, true);
        var rep = {};
        keys.forEach(function (k) {
          var was = old[k] === undefined || old[k] === null ? '' : String(old[k]);
          if (now[k] !== was) rep[k] = now[k] === '' ? null : now[k];
        });
        if (inc.kind === 'leak') {
          LEAK_BOOLS.forEach(function (k) {
            var v = fchecked(f, 'report.' + k);
            if (v !== !!old[k]) rep[k] = v;
          });
          var ids = extra.carriers.values();
          if (ids.length) body.carriers = ids;
        }
        if (Object.keys(rep).length) body.report = rep;
        var fac = extra.factors.read();
        if (!fval(f, 'factors.info_level')) delete fac.info_level;
        var oldf = inc.factors || {};
        if (['info_level', 'public_impact', 'business_impact', 'loss_yuan'].some(function (k) {
          var a1 = fac[k] === undefined ? '' : String(fac[k]);
          var b1 = oldf[k] === undefined || oldf[k] === null || oldf[k] === 'none' || oldf[k] === 0 ? '' : String(oldf[k]);
          return a1 !== b1;
        })) body.factors = fac;
      } else if (a === 'dismiss') {
        body.reason = fval(f, 'reason');
      } else if (a === 'grade') {
        if (fval(f, 'level')) body.level = fval(f, 'level');
        var gf = extra.factors.read();
        if (Object.keys(gf).length) body.factors = gf;
      } else if (a === 'activate') {
        var pid = intOr(fval(f, 'plan_id'));
        if (pid !== undefined) body.plan_id = pid;
        if (fval(f, 'level')) body.level = fval(f, 'level');
        var pbs = Array.prototype.slice.call(f.querySelectorAll('input[name=playbooks]:checked')).map(function (c) { return c.value; });
        if (pbs.length) body.playbooks = pbs;
      } else if (a === 'summarise') {
        body.summary = readTexts(f, 'summary', summaryKeys(inc.kind));
        if (fval(f, 'to')) body.to = fval(f, 'to');
      } else if (a === 'evaluate') {
        body.evaluation = readTexts(f, 'evaluation', EVAL_FIELDS);
      } else if (a === 'approve_investigation') {
        body.investigation = fval(f, 'investigation');
      }
      if ((a === 'close' || a === 'evaluate') && f.elements.reason && fval(f, 'reason')) body.reason = fval(f, 'reason');
      return api('POST', '/api/v1/incidents/' + encodeURIComponent(inc.id) + '/actions', body).then(onDone, function (err) {
        /* an error naming a group (summary, factors, carriers, playbooks): outline the group */
        if (err && err.field && !f.querySelector('[name="' + err.field + '"]')) {
          var box = f.querySelector('[data-path="' + err.field.split('.')[0] + '"]');
          if (box) box.classList.add('invalid');
          /* the result report lacks a required box: name the empty ones */
          if (err.field === 'summary') {
            window.setTimeout(function () {
              ['final_cause', 'process'].forEach(function (k) {
                var ctl = f.elements['summary.' + k];
                if (!ctl || ctl.value.trim()) return;
                ctl.classList.add('invalid');
                var wrap = ctl.closest('.field');
                var fe = wrap && wrap.querySelector('.field-error');
                if (wrap) wrap.classList.add('invalid');
                if (fe) { fe.textContent = B.errorText(err); fe.hidden = false; }
              });
            }, 0);
          }
        }
        return unfoldError(f, err);
      });
    });
    return form;
  }

  function reportView(inc) {
    var rep = inc.report || {};
    var keys = reportKeys(inc.kind).concat(inc.kind === 'leak' ? LEAK_FIELDS : []);
    var pairs = keys.filter(function (k) { return rep[k]; }).map(function (k) { return [t('rf.' + k), kvText(rep[k])]; });
    if (inc.kind === 'leak') {
      LEAK_BOOLS.forEach(function (k) {
        if (k in rep && rep[k] !== null) pairs.push([t('rf.' + k), yesNo(rep[k])]);
      });
    }
    return pairs.length ? B.kv(pairs) : h('p', { class: 'muted' }, t('inc.empty_report'));
  }

  function versionsView(items) {
    if (!items.length) return h('p', { class: 'muted' }, t('inc.timeline_empty'));
    var all = REPORT_FIELDS.concat(LEAK_FIELDS, LEAK_BOOLS);
    return h('div', { class: 'versions', id: 'incident-versions' },
      h('p', { class: 'hint-line' }, t('inc.versions_changed')),
      items.slice().reverse().map(function (v, idx, arr) {
        var prev = arr[idx + 1] ? arr[idx + 1].report || {} : {};
        var rep = v.report || {};
        var rows = all.filter(function (k) { return rep[k] !== undefined && rep[k] !== null && rep[k] !== ''; }).map(function (k) {
          var changed = idx < arr.length - 1 && JSON.stringify(prev[k]) !== JSON.stringify(rep[k]);
          var val = typeof rep[k] === 'boolean' ? yesNo(rep[k]) : String(rep[k]);
          return h('tr', { class: changed ? 'ver-changed' : null }, h('th', { scope: 'row' }, t('rf.' + k)), h('td', null, h('span', { class: 'pre' }, val)));
        });
        return h('details', { class: 'version', 'data-version': v.version, open: idx === 0 },
          h('summary', null, t('inc.versions_v', { v: v.version }), ' · ', B.fmtTime(v.at), ' · ', v.by_name || t('inc.task.someone')),
          rows.length ? h('table', { class: 'kv' }, h('tbody', null, rows)) : h('p', { class: 'muted' }, t('inc.empty_report')));
      }));
  }

  function downloads(inc) {
    var base = '/api/v1/incidents/' + encodeURIComponent(inc.id);
    var result = ['summarised', 'closed', 'evaluated'].indexOf(inc.state) >= 0;
    function a(href, text, attrs) {
      return h('a', Object.assign({ class: 'btn btn-small', href: href }, attrs || {}), text);
    }
    return h('div', { class: 'downloads', id: 'incident-downloads' },
      h('div', { class: 'dl-line' }, h('span', { class: 'dl-label' }, t('inc.form_report')),
        a(base + '/form?which=report&format=pdf', 'PDF', { download: '', 'data-form': 'report-pdf' }),
        a(base + '/form?which=report&format=html', 'HTML', { target: '_blank', rel: 'noopener', 'data-form': 'report-html' })),
      result ? h('div', { class: 'dl-line' }, h('span', { class: 'dl-label' }, t('inc.form_result')),
        a(base + '/form?which=result&format=pdf', 'PDF', { download: '', 'data-form': 'result-pdf' }),
        a(base + '/form?which=result&format=html', 'HTML', { target: '_blank', rel: 'noopener', 'data-form': 'result-html' })) : null,
      /* a drill is never reported upward */
      inc.drill ? h('div', { class: 'dl-line' }, h('span', { class: 'dl-label' }, t('inc.package')),
        h('span', { class: 'field-hint', id: 'drill-no-package' }, t('inc.drill_no_package'))) :
        h('div', { class: 'dl-line' }, h('span', { class: 'dl-label' }, t('inc.package')),
          a(base + '/package', t('inc.package'), { download: '', 'data-form': 'package' }),
          h('span', { class: 'field-hint' }, t('inc.package_hint'))));
  }

  function incidentDetail(ctx, id) {
    var el = ctx.el;
    el.appendChild(B.pageHead(t('inc.detail'), [
      B.button(t('common.back_list'), function () { nav('incidents'); }, '', { id: 'incident-back' })
    ]));
    if (flash) {
      el.appendChild(B.msg(flash.kind, flash.text));
      flash = null;
    }
    var body = h('div');
    el.appendChild(body);
    var path = '/api/v1/incidents/' + encodeURIComponent(id);
    B.load(body, Promise.all([api('GET', path), api('GET', path + '/timeline'), api('GET', path + '/versions'), syncClock()]), function (res) {
      var receivedAt = Date.now();
      var inc = res[0];
      var events = (res[1] && res[1].items) || [];
      var versions = (res[2] && res[2].items) || [];
      function done(text) {
        flash = { kind: 'ok', text: text };
        B.rerender();
      }

      var head = h('div', { class: 'carrier-head incident-head', id: 'incident-head', 'data-state': inc.state },
        inc.filing_number ? h('span', { class: 'carrier-number' }, inc.filing_number) : null,
        h('span', { class: 'carrier-head-title' }, inc.title),
        h('span', { class: 'badges' },
          B.badge(t('ikind.' + inc.kind), 'plain'),
          inc.kind === 'cyber' ? B.badge(categoryLabel(inc.category), 'plain') : null,
          inc.subcategory ? B.badge(subLabel(inc.category, inc.subcategory), 'plain') : null,
          stateBadge(inc.state),
          inc.confirmed_level ? levelBadge(inc.confirmed_level) : null,
          inc.drill ? B.badge(t('inc.drill'), 'warn drill-mark') : null),
        inc.filing_number ? h('span', { class: 'filing-number', id: 'filing-number' }, t('inc.filing_number') + colon() + inc.filing_number) : null);
      body.appendChild(head);
      if (inc.confirmed_level) head.classList.add('ilevel-' + colorOf(inc.confirmed_level));
      if (inc.drill) {
        body.appendChild(B.msg('warn', t('inc.drill_banner'), inc.drill_id ?
          h('span', null, ' ', B.link('drill/' + inc.drill_id, t('inc.drill_open'), { id: 'drill-link' })) : null));
        body.lastChild.id = 'drill-banner';
      }

      /* the four levels side by side */
      function levelCard(key, l, sub) {
        return h('div', { class: 'level-card' + (l ? ' level-card-' + colorOf(l) : ''), 'data-kind': key },
          h('div', { class: 'level-card-label' }, t('inc.' + key)),
          h('div', { class: 'level-card-value' }, l ? levelBadge(l) : h('span', { class: 'muted' }, t(key === 'response_level' ? 'inc.not_activated' : 'ilevel.none'))),
          sub ? h('div', { class: 'level-card-sub' }, sub) : null);
      }
      var fac = inc.factors || {};
      body.appendChild(h('div', { class: 'level-cards', id: 'incident-levels' },
        levelCard('prelim_level', inc.prelim_level),
        levelCard('proposed_level', inc.proposed_level, fac.decided_by && fac.decided_by.length ? t('inc.preview_by', { f: factorNames(fac.decided_by) }) : null),
        levelCard('confirmed_level', inc.confirmed_level, inc.confirmed_at ? t('inc.confirmed_by') + ' ' + B.fmtTime(inc.confirmed_at) : null),
        levelCard('response_level', inc.response_level, inc.activated_at ? B.fmtTime(inc.activated_at) : null)));

      /* actions */
      var acts = ACTIONS.filter(function (a) { return (inc.allowed_actions || []).indexOf(a) >= 0; });
      var formBox = h('div', { class: 'action-form-box' });
      var actBody = [];
      if (FINAL.indexOf(inc.state) >= 0 && !acts.length) {
        actBody.push(B.msg('info', t('inc.final', { state: stateLabel(inc.state) })));
      } else if (!acts.length) {
        actBody.push(h('p', { class: 'muted' }, t('inc.no_actions')));
      } else {
        var btns = h('div', { class: 'action-buttons' }, acts.map(function (a) {
          return B.button(actionLabel(a), function () {
            btns.querySelectorAll('button').forEach(function (b) { b.classList.toggle('active', b.getAttribute('data-action') === a); });
            var form = actionForm(inc, a, function () {
              done(t('inc.done', { action: actionLabel(a) }));
            }, function () {
              B.clear(formBox);
              btns.querySelectorAll('button').forEach(function (b) { b.classList.remove('active'); });
            });
            B.clear(formBox).appendChild(form);
            var first = form.querySelector('input, select, textarea');
            if (first) first.focus();
          }, 'btn-small action-btn' + (a === 'dismiss' ? ' action-danger' : ''), { 'data-action': a });
        }));
        actBody.push(btns, formBox);
      }
      body.appendChild(panel(t('inc.actions'), actBody, { id: 'incident-actions' }));

      var dls = inc.deadlines || [];
      var overdue = dls.filter(function (d) { return d.state === 'overdue'; }).length;
      body.appendChild(panel(t('inc.deadlines') + (overdue ? '（' + t('inc.overdue_n', { n: overdue }) + '）' : ''),
        deadlinesTable(inc, dls, receivedAt, done), { id: 'incident-deadlines', class: overdue ? 'panel-alert' : '' }));
      body.appendChild(panel(t('inc.tasks'), tasksBlock(inc, ctx, done), { id: 'incident-tasks' }));

      var cols = h('div', { class: 'carrier-cols' });
      var left = h('div', { class: 'carrier-col' });
      var right = h('div', { class: 'carrier-col' });
      cols.appendChild(left);
      cols.appendChild(right);
      body.appendChild(cols);

      var plan = inc.plan;
      left.appendChild(panel(t('inc.basic'), B.kv([
        [t('inc.kind'), t('ikind.' + inc.kind)],
        inc.kind === 'cyber' ? [t('inc.category'), categoryLabel(inc.category)] : null,
        [t('inc.subcategory'), inc.subcategory ? subLabel(inc.category, inc.subcategory) : null],
        [t('inc.state'), stateBadge(inc.state)],
        [t('inc.info_level'), inc.info_level ? B.badge(B.enumLabel('levels', inc.info_level), 'level-' + inc.info_level) : null],
        [t('inc.discovered_at'), B.fmtTime(inc.discovered_at)],
        [t('inc.reported_at'), B.fmtTime(inc.reported_at)],
        inc.duty_log ? [t('inc.duty_log'), B.link('duty', B.fmtTime(inc.duty_log.at) + ' ' + inc.duty_log.text, { class: 'from-duty-log' })] : null,
        [t('inc.plan'), plan ? (hasRole(WATCH) ? B.link('plans/' + plan.id, plan.name + ' v' + plan.version) : plan.name + ' v' + plan.version) : t('inc.no_plan')],
        [t('inc.filing_number'), inc.filing_number],
        [t('inc.version'), String(inc.version)],
        [t('inc.factors'), [t('inc.f.info_level') + colon() + (fac.info_level ? B.enumLabel('levels', fac.info_level) : '—'),
          t('inc.f.public_impact') + colon() + t('impact.' + (fac.public_impact || 'none')),
          t('inc.f.business_impact') + colon() + t('impact.' + (fac.business_impact || 'none')),
          t('inc.f.loss_yuan') + colon() + (fac.loss_yuan || 0)].join('；')]
      ]), { id: 'incident-basic' }));
      left.appendChild(panel(t('inc.report'), reportView(inc), { id: 'incident-report' }));
      if ((inc.carriers || []).length) {
        left.appendChild(panel(t('inc.carriers'), h('div', { class: 'scope-list' }, inc.carriers.slice(0, 64).map(function (cid) {
          var chip = B.link('carriers/' + cid, t('inc.carrier_hidden'), { class: 'chip', 'data-carrier': cid });
          /* the number and title where the ledger lets this user see the carrier */
          api('GET', '/api/v1/carriers/' + encodeURIComponent(cid)).then(function (c) {
            chip.textContent = c.number + ' ' + c.title;
          }, function () {});
          return chip;
        })), { id: 'incident-carriers' }));
      }
      if (B.incidentPlacesPanel) left.appendChild(B.incidentPlacesPanel(inc));
      var sm = inc.summary || {};
      if (Object.keys(sm).length) {
        left.appendChild(panel(t('inc.summary'), B.kv(summaryKeys(inc.kind).filter(function (k) { return sm[k]; }).map(function (k) {
          return [t('sf.' + k), kvText(sm[k])];
        })), { id: 'incident-summary' }));
      }
      var ev = inc.evaluation || {};
      if (Object.keys(ev).length) {
        left.appendChild(panel(t('inc.evaluation'), B.kv(EVAL_FIELDS.filter(function (k) { return ev[k]; }).map(function (k) {
          return [t('ef.' + k), kvText(ev[k])];
        })), { id: 'incident-evaluation' }));
      }
      if (B.rewardsPanel) left.appendChild(B.rewardsPanel(inc.id));
      right.appendChild(panel(t('inc.downloads'), downloads(inc)));
      right.appendChild(panel(t('inc.timeline'), timeline(events), { id: 'incident-timeline-panel' }));
      right.appendChild(panel(t('inc.versions'), versionsView(versions)));
    });
  }

  B.registerModule({
    id: 'incidents', group: 'business', order: 40, label: 'nav.incidents', roles: BUSINESS,
    render: function (ctx) {
      var id = ctx.params[0];
      if (!id) return incidentList(ctx);
      if (id === 'new') {
        ctx.el.appendChild(B.pageHead(t('inc.new')));
        ctx.el.appendChild(panel(null, reportForm(ctx)));
        return;
      }
      return incidentDetail(ctx, id);
    }
  });

  /* ------------------------------------------------------------------ home panel */

  B.registerHomePanel({
    id: 'incidents-home', order: 5, roles: BUSINESS,
    render: function (el) {
      var seq = B.state.routeSeq;
      var box = h('div', { class: 'loading' }, t('common.loading'));
      el.appendChild(panel(t('ihome.title'), box, { id: 'incident-home' }));
      Promise.all([
        api('GET', '/api/v1/incidents?open=1&limit=200'),
        api('GET', '/api/v1/warnings?active=1'),
        syncClock()
      ]).then(function (res) {
        if (seq !== B.state.routeSeq) return;
        box.className = '';
        B.clear(box);
        var list = res[0] || { items: [], total: 0 };
        var warns = (res[1] && res[1].items) || [];
        var items = list.items || [];
        var withOverdue = items.filter(function (i) { return i.overdue > 0; }).length;
        function card(n, label, href, kind, id) {
          return h('a', { class: 'stat-card' + (kind ? ' stat-' + kind : ''), href: '#/' + href, id: id },
            h('span', { class: 'stat-num' }, String(n || 0)), h('span', { class: 'stat-label' }, label));
        }
        box.appendChild(h('div', { class: 'stat-cards' },
          card(list.total, t('ihome.open'), 'incidents?open=1', list.total ? 'warn' : '', 'home-open'),
          card(withOverdue, t('ihome.overdue'), 'incidents?open=1&overdue=1', withOverdue ? 'alert' : '', 'home-overdue'),
          card(warns.length, t('ihome.warnings'), 'warnings', warns.length ? 'warn' : '', 'home-warnings')));
        var due = items.filter(function (i) { return i.next_due; }).sort(function (a, b) {
          return Date.parse(a.next_due) - Date.parse(b.next_due);
        });
        var rest = items.filter(function (i) { return !i.next_due; });
        var shown = due.concat(rest).slice(0, 6);
        if (!shown.length) {
          box.appendChild(h('p', { class: 'muted' }, t('ihome.none_open')));
        } else {
          box.appendChild(h('ul', { class: 'home-incidents', id: 'home-incidents' }, shown.map(function (i, n) {
            return h('li', { 'data-id': i.id, class: (n === 0 && i.next_due ? 'nearest' : '') + (i.overdue > 0 ? ' row-overdue' : '') },
              listLevel(i), ' ', incidentLink(i), ' ', stateBadge(i.state), ' ',
              i.next_due ? h('span', { class: 'next-due' }, n === 0 ? h('span', { class: 'muted' }, t('ihome.nearest') + ' ') : null,
                countdown(serverTimeTarget(i.next_due))) : null,
              i.overdue > 0 ? [' ', overdueMark(i.overdue)] : null);
          })));
          if (list.total > shown.length) box.appendChild(B.link('incidents?open=1', t('ihome.more', { n: list.total })));
        }
        box.appendChild(h('div', { class: 'home-warnings', id: 'home-warning-list' },
          warns.length ? warns.map(function (w) {
            /* a warning's level is in its plan's own scale: its colour and name come with it */
            return h('a', { class: 'warn-chip warn-' + w.level.color, href: '#/warnings', 'data-id': w.id, title: w.level.zh },
              h('strong', null, w.level.zh), ' ', w.title);
          }) : h('span', { class: 'muted' }, t('ihome.no_warnings'))));
      }, function (err) {
        if (seq !== B.state.routeSeq) return;
        box.className = '';
        B.clear(box).appendChild(B.errorBox(err));
      });
    }
  });

  /* ------------------------------------------------------------------ shared with plans.js, warnings.js */

  B.inc = {
    BUSINESS: BUSINESS,
    WATCH: WATCH,
    LEVELS: LEVELS,
    COLORS: COLORS,
    CYBER_CATS: CYBER_CATS,
    levelBadge: levelBadge,
    levelText: levelText,
    levelOptions: levelOptions,
    levelCode: levelCode,
    colorOf: colorOf,
    categoryLabel: categoryLabel,
    countdown: countdown,
    syncClock: syncClock,
    serverTimeTarget: serverTimeTarget,
    nowLocal: nowLocal,
    colon: colon,
    isoToLocal: isoToLocal,
    panel: panel,
    fval: fval,
    intOr: intOr,
    has: STRINGS_HAS
  };
})();
