/*
 * api_inspect_report.c — the campaign report (自查工作报告): summary
 * counts by phase, department, category and severity, the scores, the
 * findings with their rectification status and the superior's spot
 * checks, as a Chinese PDF or an XLSX workbook.
 */
#include "api.h"
#include "api_contact.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../export/doc.h"
#include "../store/store_inspect.h"
#include "../util/bjtime.h"

#define REPORT_BLOCKS 24
#define REPORT_TABLES 10

/* Strings the document points into, owned by one JSON array. */
struct strs {
	json_t *own;
};

static const char *keep(struct strs *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *keep(struct strs *s, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	json_t *v;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	v = json_string(buf);
	if (!v)
		return "";
	json_array_append_new(s->own, v);
	return json_string_value(v);
}

/* A table of counts: one row per key of `counts` (an object of integers). */
struct count_table {
	const char *headers[2];
	const char **cells;
	struct doc_table t;
};

static void count_table_init(struct count_table *ct, struct strs *s, const char *what,
                             json_t *counts)
{
	const char *key;
	json_t *v;
	size_t i = 0;

	ct->headers[0] = what;
	ct->headers[1] = "问题数";
	ct->cells = calloc(2 * json_object_size(counts) + 2, sizeof(char *));
	if (ct->cells)
		json_object_foreach(counts, key, v)
		{
			ct->cells[2 * i] = keep(s, "%s", key);
			ct->cells[2 * i + 1] = keep(s, "%lld", (long long)json_integer_value(v));
			i++;
		}
	ct->t.headers = ct->headers;
	ct->t.ncols = 2;
	ct->t.widths = NULL;
	ct->t.cells = (const char *const *)ct->cells;
	ct->t.nrows = ct->cells ? i : 0;
}

/* An API time ("…T…+08:00") as printed: 2026年12月6日 07:22 (as given if it is not one). */
static const char *cn_time(const char *iso, char *out)
{
	int64_t ms;

	if (bjtime_parse_iso(iso, &ms))
		return iso;
	bjtime_format_cn(ms, out);
	return out;
}

static void bump(json_t *counts, const char *key)
{
	json_int_t n = json_integer_value(json_object_get(counts, key));

	json_object_set_new(counts, *key ? key : "（未定）", json_integer(n + 1));
}

void api_campaigns_report(struct api_ctx *c)
{
	const char *fmt = http_query(c->req, "format");
	struct campaign_rec *k = malloc(sizeof(*k));
	struct campaign_viewer v = {c->actor.account_id, c->actor.roles, c->actor.department_id};
	struct strs s = {json_array()};
	struct doc_block blocks[REPORT_BLOCKS];
	struct count_table counts[4];
	struct doc_table scores_t, findings_t, spots_t, rewards_t;
	const char **score_cells = NULL, **finding_cells = NULL, **spot_cells = NULL;
	const char **reward_cells = NULL;
	json_t *findings = NULL, *scores = NULL, *spots = NULL, *rewards = NULL, *by[4];
	struct doc d;
	int64_t dept = 0;
	size_t nb = 0, i;
	json_t *f, *x;
	bool pdf = !fmt || !strcmp(fmt, "pdf");
	char disp[96], stamp[BJTIME_CN_LEN], spot_at[BJTIME_CN_LEN];
	enum doc_err de;
	int tasks = 0, verified = 0, overdue = 0;

	static const char *const score_headers[] = {"部门", "得分", "符合", "不符合", "不适用"};
	static const char *const finding_headers[] = {"序号",     "部门",   "检查项",   "问题",
	                                              "严重程度", "责任人", "整改期限", "状态"};
	static const double finding_widths[] = {0.5, 1.2, 1.6, 3.0, 0.8, 1.0, 1.1, 0.9};
	static const char *const spot_headers[] = {"督查单位", "督查人", "结果", "说明", "时间"};
	static const char *const reward_headers[] = {"类别", "对象", "事由及依据", "决定机关",
	                                             "决定日期"};

	memset(counts, 0, sizeof(counts));
	for (int j = 0; j < 4; j++)
		by[j] = json_object();
	if (!k || !s.own) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	if (!pdf && strcmp(fmt, "xlsx")) {
		api_error(c, 400, "invalid_query", "应为 pdf 或 xlsx", "must be pdf or xlsx",
		          "format");
		goto out;
	}
	if (!api_require(c, PERM_BUSINESS))
		goto out;
	/* whoever may not read the campaign is answered as if it did not exist */
	if (campaign_get(c->db, c->id, k) || !campaign_may_read(k, &v, &dept)) {
		api_hidden(c, "campaign", c->id, "检查活动不存在", "no such campaign");
		goto out;
	}
	if (finding_list(c->db, k->id, dept, false,
	                 (int32_t)((bjtime_now_ms() / 1000 + BJTIME_OFFSET_S) / 86400),
	                 &findings) ||
	    campaign_scores(c->db, k, dept, &scores) || spot_list(c->db, k->id, dept, &spots) ||
	    api_rewards_of(c, 0, k->id, &rewards)) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}

	/* counts by phase, department, category and severity */
	json_array_foreach(findings, i, f)
	{
		int64_t at;
		int phase = -1;
		json_t *t = json_object_get(f, "task");

		/* created_at is a full timestamp: the phase is judged on its Beijing day */
		if (!bjtime_parse_iso(json_str(f, "created_at"), &at))
			phase = insp_phase_on(&k->phases,
			                      (int32_t)((at / 1000 + BJTIME_OFFSET_S) / 86400));
		bump(by[0], phase < 0 ? "活动期外" : insp_phase_zh((enum insp_phase)phase));
		bump(by[1], json_str(f, "department"));
		bump(by[2], json_str(f, "category"));
		bump(by[3], json_str(f, "severity_zh"));
		if (json_is_object(t)) {
			tasks++;
			verified += !strcmp(json_str(t, "state"), "verified");
			overdue += json_is_true(json_object_get(t, "overdue"));
		}
	}

	blocks[nb++] = (struct doc_block){DOC_HEADING, "一、概况", NULL};
	blocks[nb++] = (struct doc_block){
	    DOC_PARAGRAPH,
	    keep(&s,
	         "本次自查覆盖 %d 个部门，共发现问题 %zu 项，已布置整改任务 %d 项，其中已验证 %d "
	         "项、逾期 %d 项；上级督查 %zu 次。单位得分 %s。",
	         k->ndepts, json_array_size(findings), tasks, verified, overdue,
	         json_array_size(spots),
	         json_is_real(json_object_get(json_object_get(scores, "unit"), "score"))
	             ? keep(&s, "%.2f",
	                    json_real_value(
	                        json_object_get(json_object_get(scores, "unit"), "score")))
	             : "暂无"),
	    NULL};
	blocks[nb++] = (struct doc_block){DOC_PARAGRAPH,
	                                  "计分方法：部门得分 = 100 × 符合项权重之和 ÷（符合项 + "
	                                  "不符合项）权重之和，不适用项不计；"
	                                  "单位得分按全部检查结果同样计算。",
	                                  NULL};

	blocks[nb++] = (struct doc_block){DOC_HEADING, "二、各部门得分", NULL};
	x = json_object_get(scores, "departments");
	score_cells = calloc(5 * json_array_size(x) + 5, sizeof(char *));
	if (!score_cells) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	json_array_foreach(x, i, f)
	{
		json_t *sc = json_object_get(f, "score");

		score_cells[5 * i] = keep(&s, "%s", json_str(f, "department"));
		score_cells[5 * i + 1] =
		    json_is_real(sc) ? keep(&s, "%.2f", json_real_value(sc)) : "—";
		score_cells[5 * i + 2] = keep(
		    &s, "%lld", (long long)json_integer_value(json_object_get(f, "compliant")));
		score_cells[5 * i + 3] = keep(
		    &s, "%lld", (long long)json_integer_value(json_object_get(f, "noncompliant")));
		score_cells[5 * i + 4] =
		    keep(&s, "%lld",
		         (long long)json_integer_value(json_object_get(f, "not_applicable")));
	}
	scores_t = (struct doc_table){score_headers, 5, NULL, (const char *const *)score_cells,
	                              json_array_size(x)};
	blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &scores_t};

	blocks[nb++] = (struct doc_block){DOC_HEADING, "三、问题统计", NULL};
	{
		static const char *const what[] = {"按阶段", "按部门", "按类别", "按严重程度"};

		for (int j = 0; j < 4; j++) {
			count_table_init(&counts[j], &s, what[j], by[j]);
			blocks[nb++] = (struct doc_block){
			    DOC_HEADING, keep(&s, "（%d）%s", j + 1, what[j]), NULL};
			blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &counts[j].t};
		}
	}

	blocks[nb++] = (struct doc_block){DOC_HEADING, "四、发现问题及整改情况", NULL};
	finding_cells = calloc(8 * json_array_size(findings) + 8, sizeof(char *));
	if (!finding_cells) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	json_array_foreach(findings, i, f)
	{
		json_t *t = json_object_get(f, "task");
		const char **row = finding_cells + 8 * i;

		row[0] = keep(&s, "%zu", i + 1);
		row[1] = keep(&s, "%s", json_str(f, "department"));
		row[2] = keep(&s, "%s", json_str(f, "item_title"));
		row[3] = keep(&s, "%s", json_str(f, "title"));
		row[4] = keep(&s, "%s", json_str(f, "severity_zh"));
		row[5] = json_is_object(t) ? keep(&s, "%s", json_str(t, "responsible")) : "未布置";
		row[6] = json_is_object(t) ? keep(&s, "%s", json_str(t, "deadline")) : "";
		row[7] = json_is_object(t)
		             ? keep(&s, "%s%s", json_str(t, "state_zh"),
		                    json_is_true(json_object_get(t, "overdue")) ? "（逾期）" : "")
		             : "";
	}
	findings_t =
	    (struct doc_table){finding_headers, 8, finding_widths,
	                       (const char *const *)finding_cells, json_array_size(findings)};
	blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &findings_t};

	blocks[nb++] = (struct doc_block){DOC_HEADING, "五、上级督查", NULL};
	spot_cells = calloc(5 * json_array_size(spots) + 5, sizeof(char *));
	if (!spot_cells) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	json_array_foreach(spots, i, f)
	{
		spot_cells[5 * i] = keep(&s, "%s", json_str(f, "superior_unit"));
		spot_cells[5 * i + 1] = keep(&s, "%s", json_str(f, "inspector"));
		spot_cells[5 * i + 2] =
		    json_is_true(json_object_get(f, "passed")) ? "通过" : "未通过";
		spot_cells[5 * i + 3] = keep(&s, "%s", json_str(f, "note"));
		spot_cells[5 * i + 4] = keep(&s, "%s", cn_time(json_str(f, "at"), spot_at));
	}
	spots_t = (struct doc_table){spot_headers, 5, NULL, (const char *const *)spot_cells,
	                             json_array_size(spots)};
	blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &spots_t};

	/* the rewards and penalties the campaign led to (penalties for their readers only) */
	blocks[nb++] = (struct doc_block){DOC_HEADING, "六、奖惩情况", NULL};
	reward_cells = calloc(5 * json_array_size(rewards) + 5, sizeof(char *));
	if (!reward_cells) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	json_array_foreach(rewards, i, f)
	{
		const char **row = reward_cells + 5 * i;

		row[0] = keep(&s, "%s", json_str(f, "kind_zh"));
		row[1] = keep(&s, "%s", json_str(f, "subject"));
		row[2] = keep(&s, "%s", json_str(f, "basis"));
		row[3] = keep(&s, "%s", json_str(f, "decided_by"));
		row[4] = keep(&s, "%s", json_str(f, "decided_on"));
	}
	rewards_t = (struct doc_table){reward_headers, 5, NULL, (const char *const *)reward_cells,
	                               json_array_size(rewards)};
	blocks[nb++] = (struct doc_block){DOC_TABLE, NULL, &rewards_t};

	bjtime_format_cn(bjtime_now_ms(), stamp);
	memset(&d, 0, sizeof(d));
	d.title = keep(&s, "%s 自查工作报告", k->name);
	d.subtitle = dept ? "（本部门部分）" : NULL;
	d.blocks = blocks;
	d.nblocks = nb;
	d.footer = keep(&s, "baomi 生成  %s", stamp);
	if (audit_append_tx(c->db, &c->actor, "campaign.report", "campaign", "", AUDIT_SUCCESS,
	                    pdf ? "{\"format\":\"pdf\"}" : "{\"format\":\"xlsx\"}")) {
		api_store_error(c, STORE_IO, NULL);
		goto out;
	}
	buf_reset(&c->resp->body);
	de = pdf ? doc_pdf(&d, &c->resp->body) : doc_xlsx(&d, &c->resp->body);
	if (de) {
		buf_reset(&c->resp->body);
		fprintf(stderr, "baomi: campaign report: %s\n", doc_err_en(de));
		api_error(c, de == DOC_TOO_BIG ? 413 : 500, "report_failed", "报告生成失败",
		          doc_err_en(de), NULL);
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"campaign-%lld.%s\"", (long long)k->id,
	         pdf ? "pdf" : "xlsx");
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type =
	    pdf ? "application/pdf"
	        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	c->resp->status = 200;
out:
	for (int j = 0; j < 4; j++) {
		free(counts[j].cells);
		json_decref(by[j]);
	}
	free(score_cells);
	free(finding_cells);
	free(spot_cells);
	free(reward_cells);
	json_decref(rewards);
	json_decref(findings);
	json_decref(scores);
	json_decref(spots);
	json_decref(s.own);
	free(k);
}
