#include "audit_label.h"

#include <string.h>

static const struct audit_label events[] = {
    {"access.csrf", "跨站请求被拒绝", "cross-site request refused"},
    {"access.denied", "越权访问被拒绝", "access refused"},
    {"account.create", "创建账户", "account created"},
    {"account.denied", "账户操作被拒绝", "account action refused"},
    {"account.disable", "停用账户", "account disabled"},
    {"account.enable", "启用账户", "account enabled"},
    {"account.password_reset", "重置账户密码", "account password reset"},
    {"account.roles", "变更账户角色", "account roles changed"},
    {"account.unlock", "解锁账户", "account unlocked"},
    {"account.update", "修改账户", "account changed"},
    {"audit.export", "导出审计日志", "audit log exported"},
    {"audit.gap_acknowledged", "确认审计日志缺口", "audit log gap acknowledged"},
    {"audit.search", "查询审计日志", "audit log searched"},
    {"audit.verify", "校验审计日志链", "audit chain verified"},
    {"calendar.load", "载入工作日历", "working-day calendar loaded"},
    {"campaign.create", "创建保密自查活动", "self-inspection campaign created"},
    {"campaign.evidence", "上传检查佐证", "inspection evidence uploaded"},
    {"campaign.report", "生成自查报告", "self-inspection report made"},
    {"campaign.result", "登记检查结果", "inspection result recorded"},
    {"campaign.spot_check", "登记抽查", "spot check recorded"},
    {"campaign.update", "修改保密自查活动", "self-inspection campaign changed"},
    {"carrier.approve", "审批同意载体申请", "carrier request approved"},
    {"carrier.archive", "载体归档", "carrier archived"},
    {"carrier.borrow", "借阅载体", "carrier borrowed"},
    {"carrier.change_level", "变更载体密级", "carrier level changed"},
    {"carrier.circulate", "传阅载体", "carrier circulated"},
    {"carrier.compromised", "载体涉及泄密事件", "carrier compromised"},
    {"carrier.copy", "复制载体", "carrier copied"},
    {"carrier.correct", "更正载体台账", "carrier record corrected"},
    {"carrier.decide", "审批载体申请", "carrier request decided"},
    {"carrier.declassify", "载体解密", "carrier declassified"},
    {"carrier.destroy", "销毁载体", "carrier destroyed"},
    {"carrier.export", "导出载体台账", "carrier ledger exported"},
    {"carrier.extend", "延长保密期限", "classification period extended"},
    {"carrier.history", "查阅载体流转记录", "carrier history read"},
    {"carrier.import", "导入载体台账", "carrier ledger imported"},
    {"carrier.media_list", "查阅介质清单", "media list read"},
    {"carrier.read", "查阅载体", "carrier read"},
    {"carrier.register", "登记载体", "carrier registered"},
    {"carrier.reject", "驳回载体申请", "carrier request rejected"},
    {"carrier.repair", "载体送修", "carrier sent for repair"},
    {"carrier.repair_done", "载体维修完毕", "carrier repair done"},
    {"carrier.request", "提出载体申请", "carrier request submitted"},
    {"carrier.restore", "恢复载体", "carrier restored"},
    {"carrier.return", "归还载体", "carrier returned"},
    {"carrier.return_issuer", "清退载体", "carrier returned to issuer"},
    {"carrier.review", "载体年度审查", "carrier yearly review"},
    {"carrier.sign", "传阅签收", "circulation signed"},
    {"carrier.take_out", "外携载体", "carrier taken out"},
    {"carrier_request.summary_read", "查阅载体申请摘要", "carrier request summary read"},
    {"check.import", "导入终端检查报告", "endpoint check report imported"},
    {"check.key", "设置终端检查密钥", "endpoint check key set"},
    {"checklist.create", "创建检查清单", "checklist created"},
    {"department.create", "创建部门", "department created"},
    {"department.update", "修改部门", "department changed"},
    {"finding.create", "登记问题", "finding recorded"},
    {"incident.activate", "启动应急预案", "plan activated"},
    {"incident.approve_investigation", "批准调查结果", "investigation approved"},
    {"incident.close", "批准结案", "incident closed"},
    {"incident.dismiss", "核实不属实", "incident dismissed"},
    {"incident.end_handling", "处置完毕", "handling ended"},
    {"incident.evaluate", "总结评估", "incident evaluated"},
    {"incident.form", "生成事件报告表", "incident form made"},
    {"incident.grade", "事件定级", "incident graded"},
    {"incident.handle", "开始处置", "handling started"},
    {"incident.package", "生成上报数据包", "report package made"},
    {"incident.read", "查阅事件", "incident read"},
    {"incident.report", "报告事件", "incident reported"},
    {"incident.report_sent", "登记报送", "report sending recorded"},
    {"incident.summarise", "报送处理结果", "result reported"},
    {"incident.supplement", "续报事件", "incident supplemented"},
    {"incident.task", "分派事件任务", "incident task assigned"},
    {"incident.task_update", "更新事件任务", "incident task updated"},
    {"incident.timeline", "查阅事件时间线", "incident timeline read"},
    {"incident.verify", "核实事件", "incident verified"},
    {"incident.versions", "查阅事件报告版本", "incident report versions read"},
    {"key.trust", "信任下级单位签名密钥", "signing key trusted"},
    {"key.untrust", "撤销信任签名密钥", "signing key untrusted"},
    {"login.failure", "登录失败", "login failed"},
    {"login.locked", "登录被拒（账户已锁定）", "login refused (account locked)"},
    {"login.lockout", "账户被锁定", "account locked out"},
    {"login.success", "登录成功", "login succeeded"},
    {"logout", "退出登录", "logout"},
    {"notification.read", "阅读通知", "notification read"},
    {"notification.read_all", "全部通知标为已读", "all notifications read"},
    {"password.change", "修改密码", "password changed"},
    {"person.create", "登记人员", "person registered"},
    {"person.update", "修改人员信息", "person changed"},
    {"plan.create", "编制应急预案", "plan created"},
    {"plan.revise", "修订应急预案", "plan revised"},
    {"plan.status", "变更预案状态", "plan status changed"},
    {"plan.update", "修改应急预案", "plan changed"},
    {"policy.approval_rules", "修改审批规则", "approval rules changed"},
    {"policy.update", "修改安全策略", "security policy changed"},
    {"rectification.action", "办理整改任务", "rectification task action"},
    {"rectification.assign", "分派整改任务", "rectification task assigned"},
    {"report.read", "查阅下级报告", "received report read"},
    {"report.receive", "接收下级报告", "report received"},
    {"review.approve", "发布审查批准", "publication review approved"},
    {"review.chain", "修改发布审查流程", "publication review chain changed"},
    {"review.freeze", "固化批准版本", "approved version frozen"},
    {"review.hit_clear", "核实命中无密", "hit cleared as not classified"},
    {"review.keyword_add", "添加审查关键词", "review keyword added"},
    {"review.keyword_delete", "删除审查关键词", "review keyword deleted"},
    {"review.keyword_edit", "修改审查关键词", "review keyword changed"},
    {"review.publish", "登记信息发布", "publication registered"},
    {"review.reject", "发布审查退回", "publication review rejected"},
    {"review.submit", "提交发布审查", "draft submitted for review"},
    {"review.upload", "上传修改稿", "revised draft uploaded"},
    {"system.init", "系统初始化", "system initialised"},
    {"system.restore", "从备份恢复", "restored from backup"},
    {"token.create", "创建令牌", "token created"},
    {"token.revoke", "吊销令牌", "token revoked"},
    {"unit.create", "创建单位", "unit created"},
    {"unit.update", "修改单位", "unit changed"},
    {"warning.adjust", "调整预警", "warning adjusted"},
    {"warning.lift", "解除预警", "warning lifted"},
    {"warning.publish", "发布预警", "warning published"},
};

static const struct audit_label objects[] = {
    {"account", "账户", "account"},
    {"audit", "审计日志", "audit log"},
    {"calendar", "工作日历", "calendar"},
    {"campaign", "保密自查活动", "campaign"},
    {"carrier", "载体", "carrier"},
    {"carrier_request", "载体申请", "carrier request"},
    {"checklist", "检查清单", "checklist"},
    {"database", "数据库", "database"},
    {"department", "部门", "department"},
    {"evidence", "检查佐证", "evidence"},
    {"finding", "检查问题", "finding"},
    {"incident", "事件", "incident"},
    {"incident_deadline", "报送时限", "reporting duty"},
    {"incident_task", "事件任务", "incident task"},
    {"key", "签名密钥", "signing key"},
    {"notification", "通知", "notification"},
    {"person", "人员", "person"},
    {"plan", "应急预案", "plan"},
    {"publication_hit", "发布审查命中", "publication review hit"},
    {"publication_review", "信息发布审查", "publication review"},
    {"policy", "安全策略", "policy"},
    {"rect_task", "整改任务", "rectification task"},
    {"report", "报告", "report"},
    {"review_keyword", "审查关键词", "review keyword"},
    {"route", "功能页面", "route"},
    {"setting", "系统设置", "setting"},
    {"token", "令牌", "token"},
    {"unit", "单位", "unit"},
    {"warning", "预警", "warning"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct audit_label *find(const struct audit_label *t, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return &t[i];
	return NULL;
}

const struct audit_label *audit_event_at(size_t i)
{
	return i < N(events) ? &events[i] : NULL;
}

size_t audit_event_count(void)
{
	return N(events);
}

const struct audit_label *audit_event_label(const char *code)
{
	return find(events, N(events), code);
}

const struct audit_label *audit_object_at(size_t i)
{
	return i < N(objects) ? &objects[i] : NULL;
}

size_t audit_object_count(void)
{
	return N(objects);
}

const struct audit_label *audit_object_label(const char *code)
{
	return find(objects, N(objects), code);
}
