/*
 * api_pubrev.c — 信息发布保密审查: the keyword list, the chain, submissions
 * (upload, scan, hits), decisions, clearing hits and the publication
 * register.  The rules are pubrev.h's; the scan is baomi-check's (pubscan.h).
 */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "../core/pubrev.h"
#include "../core/role.h"
#include "../io/pubscan.h"
#include "../store/store_int.h"
#include "../store/store_pubrev.h"
#include "api.h"

#define PUBREV_FILE_MAX (16u << 20)
#define PUBREV_REASON_MAX 500
#define PUBREV_CHAIN_KEY "publication_chain"
#define PUBREV_HIDDEN_ZH "没有这个审查事项，或您无权查看"
#define PUBREV_HIDDEN_EN "no such review, or you may not see it"

static const char *const channels[] = {"website", "wechat", "news", "other", NULL};

static bool channel_ok(const char *s)
{
	for (int i = 0; channels[i]; i++)
		if (s && !strcmp(s, channels[i]))
			return true;
	return false;
}

static void who_of(struct api_ctx *c, struct pubrev_who *w)
{
	w->account_id = c->actor.account_id;
	w->roles = c->actor.admin == ADMIN_NONE ? c->actor.roles : 0;
	w->department_id = c->actor.department_id;
}

static bool officer(struct api_ctx *c)
{
	if (c->actor.admin == ADMIN_NONE && (c->actor.roles & ROLE_OFFICER))
		return true;
	api_deny(c, "review keywords: officer only");
	return false;
}

static void pubrev_error(struct api_ctx *c, enum pubrev_err e, const char *field)
{
	static const struct {
		enum pubrev_err e;
		int status;
		const char *code;
	} map[] = {
	    {PUBREV_BAD_CHAIN, 400, "invalid_field"}, {PUBREV_CONFLICT, 409, "conflict"},
	    {PUBREV_NOT_YOURS, 403, "forbidden"},     {PUBREV_HITS, 409, "uncleared_hits"},
	    {PUBREV_NO_REASON, 400, "invalid_field"}, {PUBREV_NOT_FROZEN, 409, "not_frozen"},
	    {PUBREV_NOT_OFFICER, 403, "forbidden"},   {PUBREV_CLEARED, 409, "conflict"},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].e == e) {
			api_error(c, map[i].status, map[i].code, pubrev_err_zh(e), pubrev_err_en(e),
			          field);
			return;
		}
	api_store_error(c, STORE_IO, NULL);
}

/* ---- the keyword list (保密员) ---- */

void api_pubkw_list(struct api_ctx *c)
{
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!officer(c))
		return;
	e = pubkw_list(c->db, &items, &total);
	if (e)
		api_store_error(c, e, NULL);
	else
		api_reply_list(c, items, total);
}

/* word, level, note from the body; word and level required when creating. */
static int keyword_fields(struct api_ctx *c, bool create, char *word, int *level, char *note,
                          bool *has_word, bool *has_note)
{
	static const char *const fields[] = {"word", "level", "note", NULL};
	char lv[32] = "";
	enum level l;

	*has_word = json_object_get(c->body, "word") != NULL;
	*has_note = json_object_get(c->body, "note") != NULL;
	if (api_only_fields(c, fields) ||
	    api_field_str(c, "word", word, PUBSCAN_WORD_MAX + 1, create) ||
	    api_field_str(c, "level", lv, sizeof(lv), create) ||
	    api_field_str(c, "note", note, 201, false))
		return -1;
	if (*has_word && !pubscan_word_ok(word)) {
		api_error(
		    c, 400, "invalid_field", "关键词应为1到256字节的文字，不含控制字符和首尾空格",
		    "word must be 1 to 256 bytes of text without controls or surrounding spaces",
		    "word");
		return -1;
	}
	*level = -1;
	if (lv[0]) {
		if (level_parse(lv, &l) || l == LEVEL_NONE) {
			api_error(c, 400, "invalid_field", "未知密级", "unknown level", "level");
			return -1;
		}
		*level = (int)l;
	}
	return 0;
}

void api_pubkw_create(struct api_ctx *c)
{
	char word[PUBSCAN_WORD_MAX + 1] = "", note[201] = "";
	int level;
	bool hw, hn;
	int64_t id = 0;
	enum store_err e;

	if (!officer(c) || keyword_fields(c, true, word, &level, note, &hw, &hn) ||
	    !api_tx_begin(c))
		return;
	e = pubkw_insert(c->db, word, level, note, c->actor.account_id, &id);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "conflict", "该关键词已在列表中",
		          "the keyword is on the list already", "word");
		return;
	}
	if (!e)
		e = api_audit(c, "review.keyword_add", "review_keyword", id, AUDIT_SUCCESS,
		              json_pack("{ss ss}", "word", word, "level", level_code(level)));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 201,
		          json_pack("{sI ss ss ss}", "id", (json_int_t)id, "word", word, "level",
		                    level_code(level), "note", note));
}

void api_pubkw_update(struct api_ctx *c)
{
	char word[PUBSCAN_WORD_MAX + 1] = "", note[201] = "";
	int level;
	bool hw, hn;
	enum store_err e;

	if (!officer(c) || keyword_fields(c, false, word, &level, note, &hw, &hn) ||
	    !api_tx_begin(c))
		return;
	e = pubkw_update(c->db, c->id, hw ? word : NULL, level, hn ? note : NULL);
	if (e == STORE_CONFLICT) {
		api_error(c, 409, "conflict", "该关键词已在列表中",
		          "the keyword is on the list already", "word");
		return;
	}
	if (!e)
		e = api_audit(c, "review.keyword_edit", "review_keyword", c->id, AUDIT_SUCCESS,
		              json_pack("{so}", "fields", json_deep_copy(c->body)));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_pubkw_list(c);
}

void api_pubkw_delete(struct api_ctx *c)
{
	char word[PUBSCAN_WORD_MAX + 1] = "";
	enum store_err e;

	if (!officer(c) || !api_tx_begin(c))
		return;
	e = pubkw_delete(c->db, c->id, word, sizeof(word));
	if (!e)
		e = api_audit(c, "review.keyword_delete", "review_keyword", c->id, AUDIT_SUCCESS,
		              json_pack("{ss}", "word", word));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_no_content(c);
}

/* ---- the chain (安全保密管理员) ---- */

static enum store_err chain_load(struct db *db, struct pubrev_chain *ch)
{
	sqlite3_stmt *s;
	enum store_err e = store_prepare(db, "SELECT value FROM settings WHERE key = ?", &s);
	char v[64] = PUBREV_DEFAULT_CHAIN;

	if (e)
		return e;
	sqlite3_bind_text(s, 1, PUBREV_CHAIN_KEY, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		store_copy_text(v, sizeof(v), sqlite3_column_text(s, 0));
	store_finish(db, s);
	if (pubrev_chain_parse(v, ch))
		pubrev_chain_parse(PUBREV_DEFAULT_CHAIN, ch);
	return STORE_OK;
}

static json_t *chain_json(const struct pubrev_chain *ch)
{
	json_t *a = json_array();

	for (int i = 0; i < ch->n; i++)
		json_array_append_new(a, json_string(role_code(ch->steps[i])));
	return json_pack("{so}", "steps", a);
}

void api_pubchain_get(struct api_ctx *c)
{
	struct pubrev_chain ch;

	if (!(c->actor.admin == ADMIN_SEC || (c->actor.admin == ADMIN_NONE && c->actor.roles))) {
		api_deny(c, "publication chain");
		return;
	}
	chain_load(c->db, &ch);
	api_reply(c, 200, chain_json(&ch));
}

void api_pubchain_put(struct api_ctx *c)
{
	static const char *const fields[] = {"steps", NULL};
	json_t *st, *v;
	struct pubrev_chain ch;
	char csv[64];
	size_t i;
	sqlite3_stmt *s;
	enum store_err e;

	if (!api_require(c, PERM_POLICY_WRITE) || api_only_fields(c, fields))
		return;
	memset(&ch, 0, sizeof(ch));
	st = json_object_get(c->body, "steps");
	if (!json_is_array(st) || json_array_size(st) > PUBREV_MAX_STEPS) {
		pubrev_error(c, PUBREV_BAD_CHAIN, "steps");
		return;
	}
	json_array_foreach(st, i, v) ch.steps[ch.n++] =
	    json_is_string(v) ? role_parse(json_string_value(v)) : 0;
	if (pubrev_chain_check(&ch)) {
		pubrev_error(c, PUBREV_BAD_CHAIN, "steps");
		return;
	}
	pubrev_chain_format(&ch, csv, sizeof(csv));
	if (!api_tx_begin(c))
		return;
	e = store_prepare(c->db,
	                  "INSERT INTO settings(key, value) VALUES (?, ?) "
	                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	                  &s);
	if (!e) {
		sqlite3_bind_text(s, 1, PUBREV_CHAIN_KEY, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, csv, -1, SQLITE_TRANSIENT);
		e = store_step_done(c->db, s);
	}
	if (!e)
		e = api_audit(c, "review.chain", "policy", 0, AUDIT_SUCCESS,
		              json_pack("{ss}", "steps", csv));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		api_reply(c, 200, chain_json(&ch));
}

/* ---- submissions ---- */

struct see_ctx {
	struct api_ctx *c;
	struct carrier_viewer v;
	struct pubrev_who w;
};

static bool may_see_carrier(void *ctx, int64_t carrier_id)
{
	struct see_ctx *x = ctx;
	struct carrier_rec *r = malloc(sizeof(*r));
	struct carrier_access a;
	bool ok = false;

	if (r && carrier_id && carrier_get(x->c->db, carrier_id, r) == STORE_OK) {
		carrier_access_of(r, &a);
		ok = carrier_may_see(&a, &x->v);
	}
	free(r);
	return ok;
}

static bool may_see_review(void *ctx, int64_t id)
{
	struct see_ctx *x = ctx;
	struct pubrev_row r;

	return pubrev_get(x->c->db, id, &r) == STORE_OK && pubrev_may_see(&r.sub, &x->w);
}

static void see_init(struct api_ctx *c, struct see_ctx *x)
{
	x->c = c;
	api_carrier_viewer(c, &x->v);
	who_of(c, &x->w);
}

/* What the caller may do with a submission, for the page. */
static void add_may(struct api_ctx *c, const struct pubrev_row *r, const struct pubrev_who *w,
                    json_t *o)
{
	bool decide =
	    r->sub.state == PUBREV_REVIEWING && pubrev_holds_step(&r->sub, r->sub.step, w);

	(void)c;
	json_object_set_new(o, "may_decide", json_boolean(decide));
	json_object_set_new(
	    o, "may_clear",
	    json_boolean((w->roles & ROLE_OFFICER) && w->account_id != r->sub.submitted_by));
	json_object_set_new(o, "may_upload", json_boolean(w->account_id == r->sub.submitted_by));
	json_object_set_new(
	    o, "may_publish",
	    json_boolean(r->sub.state == PUBREV_APPROVED &&
	                 (w->account_id == r->sub.submitted_by || (w->roles & ROLE_OFFICER))));
}

static void reply_detail(struct api_ctx *c, int status, int64_t id)
{
	struct see_ctx x;
	struct pubrev_row r;
	json_t *o;

	see_init(c, &x);
	if (pubrev_get(c->db, id, &r)) {
		api_store_error(c, STORE_IO, NULL);
		return;
	}
	o = pubrev_detail_json(c->db, &r, may_see_carrier, &x);
	add_may(c, &r, &x.w, o);
	api_reply(c, status, o);
}

/* Loads a submission the caller may see; anything else is one 404. */
static bool load_visible(struct api_ctx *c, int64_t id, struct pubrev_row *r)
{
	struct pubrev_who w;
	enum store_err e = pubrev_get(c->db, id, r);

	who_of(c, &w);
	if (e && e != STORE_NOTFOUND) {
		api_store_error(c, e, NULL);
		return false;
	}
	if (e || !pubrev_may_see(&r->sub, &w)) {
		api_hidden(c, "publication_review", id, PUBREV_HIDDEN_ZH, PUBREV_HIDDEN_EN);
		return false;
	}
	return true;
}

/* The uploaded draft: name from the query, bytes from the body. */
static bool upload_ok(struct api_ctx *c, const char **name)
{
	static const char *const exts[] = {".txt", ".docx", ".xlsx", ".pptx", ".pdf", ".odt",
	                                   ".ods", ".odp",  ".doc",  ".xls",  ".ppt", ".wps",
	                                   ".md",  ".html", ".htm",  ".csv",  NULL};
	const char *n = http_query(c->req, "name"), *dot;

	dot = n ? strrchr(n, '.') : NULL;
	if (!n || !*n || strlen(n) > 200 || strpbrk(n, "/\\\r\n") || !dot) {
		api_error(c, 400, "invalid_query", "应为文件名（不含路径，最多200字节，带扩展名）",
		          "must be a file name (no path, at most 200 bytes, with an extension)",
		          "name");
		return false;
	}
	for (int i = 0; exts[i]; i++)
		if (!strcasecmp(dot, exts[i]))
			goto ext_ok;
	api_error(c, 400, "invalid_query", "只接受文本、Word、Excel、PowerPoint、PDF 和 ODF 文稿",
	          "only text, Word, Excel, PowerPoint, PDF and ODF drafts are accepted", "name");
	return false;
ext_ok:
	if (!c->req->body_len || c->req->body_len > PUBREV_FILE_MAX) {
		api_error(c, 400, "invalid_body", "文稿为空或超过16MB",
		          "the draft is empty or over 16 MB", NULL);
		return false;
	}
	*name = n;
	return true;
}

struct scanned {
	struct pubrev_word *words;
	size_t nwords;
	struct pubscan_result res;
	char sha[PUBREV_SHA_HEX + 1];
};

static void scanned_release(struct scanned *s)
{
	free(s->words);
	pubscan_result_release(&s->res);
}

/* Hashes and scans the body against what the submitter may see (outside any transaction). */
static bool scan_body(struct api_ctx *c, struct scanned *sc)
{
	struct carrier_viewer v;
	const char **w = NULL;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	enum store_err e;

	memset(sc, 0, sizeof(*sc));
	api_carrier_viewer(c, &v);
	e = pubrev_words(c->db, &v, &sc->words, &sc->nwords);
	if (e) {
		api_store_error(c, e, NULL);
		return false;
	}
	w = malloc((sc->nwords ? sc->nwords : 1) * sizeof(*w));
	if (!w || !EVP_Digest(c->req->body, c->req->body_len, md, &mdlen, EVP_sha256(), NULL)) {
		free(w);
		api_store_error(c, STORE_IO, NULL);
		return false;
	}
	for (unsigned i = 0; i < mdlen && i < PUBREV_SHA_HEX / 2; i++)
		snprintf(sc->sha + 2 * i, 3, "%02x", md[i]);
	for (size_t i = 0; i < sc->nwords; i++)
		w[i] = sc->words[i].word;
	if (pubscan_run(w, sc->nwords, (const unsigned char *)c->req->body, c->req->body_len,
	                PUBSCAN_SECONDS, PUBSCAN_MEMORY, &sc->res)) {
		free(w);
		api_error(c, 503, "scan_failed", "文稿扫描失败，请稍后再试",
		          "the draft could not be scanned; try again later", NULL);
		return false;
	}
	free(w);
	return true;
}

/* Stores the version and its hits (inside the transaction); counts the hits. */
static enum store_err store_scan(struct api_ctx *c, int64_t id, int version, const char *name,
                                 const struct scanned *sc, int *nhits)
{
	const struct pubscan_result *r = &sc->res;
	char why[600] = "";
	enum store_err e;

	*nhits = 0;
	if (r->encrypted)
		snprintf(why, sizeof(why), "文稿含加密内容（%s），无法检查 encrypted (%s)",
		         r->encrypted, r->encrypted);
	else if (r->error)
		snprintf(why, sizeof(why), "%s", r->error);
	e = pubrev_add_version(c->db, id, version, name, r->format ? r->format : "text",
	                       c->req->body, c->req->body_len, sc->sha, why, c->actor.account_id);
	for (size_t i = 0; !e && i < r->nhits; i++)
		for (size_t k = 0; !e && k < sc->nwords; k++) {
			const struct pubrev_word *w = &sc->words[k];

			if (strcmp(w->word, r->hits[i].word))
				continue;
			e = pubrev_add_hit(c->db, id, version, w->kind, w->word, w->level, w->id,
			                   r->hits[i].part, (int64_t)r->hits[i].count,
			                   r->hits[i].context);
			++*nhits;
		}
	/* what could not be read may hide anything: the officer clears it like a hit */
	if (!e && why[0]) {
		e = pubrev_add_hit(c->db, id, version, PUBREV_HIT_UNREADABLE, "", -1, 0, "body", 0,
		                   why);
		++*nhits;
	}
	return e;
}

void api_pubrev_create(struct api_ctx *c)
{
	const char *title = http_query(c->req, "title"), *channel = http_query(c->req, "channel");
	const char *name = NULL;
	struct pubrev_chain all, ch;
	struct scanned sc;
	int64_t id = 0;
	int nhits = 0;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	if (!title || !*title || strlen(title) > PUBREV_TITLE_MAX) {
		api_error(c, 400, "invalid_query", "请填写标题（最多200字节）",
		          "title is required (at most 200 bytes)", "title");
		return;
	}
	if (!channel_ok(channel)) {
		api_error(c, 400, "invalid_query", "发布渠道应为网站、公众号、新闻媒体或其他",
		          "channel must be website, wechat, news or other", "channel");
		return;
	}
	if (!upload_ok(c, &name) || !scan_body(c, &sc))
		return;
	chain_load(c->db, &all);
	pubrev_chain_for(&all, c->actor.department_id != 0, &ch);
	if (!api_tx_begin(c))
		goto out;
	e = pubrev_insert(c->db, title, channel, &ch, c->actor.account_id, c->actor.department_id,
	                  &id);
	if (!e)
		e = store_scan(c, id, 1, name, &sc, &nhits);
	if (!e)
		e = api_audit(c, "review.submit", "publication_review", id, AUDIT_SUCCESS,
		              json_pack("{ss ss ss si}", "title", title, "file", name, "sha256",
		                        sc.sha, "hits", nhits));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		reply_detail(c, 201, id);
out:
	scanned_release(&sc);
}

void api_pubrev_upload(struct api_ctx *c)
{
	struct pubrev_row r;
	struct scanned sc;
	const char *name = NULL;
	int nhits = 0;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !load_visible(c, c->id, &r))
		return;
	if (r.sub.submitted_by != c->actor.account_id) {
		api_deny(c, "publication review: only the submitter uploads");
		return;
	}
	if (!upload_ok(c, &name) || !scan_body(c, &sc))
		return;
	if (!api_tx_begin(c))
		goto out;
	/* the version seen before the scan: a concurrent upload makes this one 409 */
	e = store_scan(c, c->id, r.version + 1, name, &sc, &nhits);
	if (e == STORE_CONFLICT) {
		pubrev_error(c, PUBREV_CONFLICT, NULL);
		goto out;
	}
	if (!e)
		e = api_audit(c, "review.upload", "publication_review", c->id, AUDIT_SUCCESS,
		              json_pack("{si ss ss si}", "version", r.version + 1, "file", name,
		                        "sha256", sc.sha, "hits", nhits));
	if (e)
		api_store_error(c, e, NULL);
	else if (api_tx_commit(c))
		reply_detail(c, 201, c->id);
out:
	scanned_release(&sc);
}

void api_pubrev_list(struct api_ctx *c)
{
	struct see_ctx x;
	int64_t *ids = NULL;
	size_t n = 0;
	json_t *items;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	see_init(c, &x);
	e = pubrev_ids(c->db, false, &ids, &n);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct pubrev_row r;
		json_t *o;

		if (pubrev_get(c->db, ids[i], &r) || !pubrev_may_see(&r.sub, &x.w))
			continue;
		o = pubrev_summary_json(c->db, &r);
		add_may(c, &r, &x.w, o);
		json_array_append_new(items, o);
	}
	free(ids);
	api_reply_list(c, items, (int64_t)json_array_size(items));
}

enum store_err api_pubrev_pending(struct api_ctx *c, json_t **items)
{
	struct pubrev_who w;
	int64_t *ids = NULL;
	size_t n = 0;
	enum store_err e;

	*items = json_array();
	who_of(c, &w);
	if (!(w.roles & (ROLE_DEPT_HEAD | ROLE_OFFICER | ROLE_LEADER)))
		return STORE_OK;
	e = pubrev_ids(c->db, true, &ids, &n);
	for (size_t i = 0; !e && i < n; i++) {
		struct pubrev_row r;

		if (pubrev_get(c->db, ids[i], &r) || r.sub.state != PUBREV_REVIEWING ||
		    !pubrev_holds_step(&r.sub, r.sub.step, &w))
			continue;
		json_array_append_new(*items, pubrev_summary_json(c->db, &r));
	}
	free(ids);
	return e;
}

void api_pubrev_get(struct api_ctx *c)
{
	struct pubrev_row r;

	if (api_require(c, PERM_BUSINESS) && load_visible(c, c->id, &r))
		reply_detail(c, 200, c->id);
}

void api_pubrev_file(struct api_ctx *c)
{
	struct pubrev_row r;
	char name[256], disp[320];
	void *data = NULL;
	size_t len = 0;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || !load_visible(c, c->id, &r))
		return;
	e = pubrev_file(c->db, c->id, name, sizeof(name), &data, &len);
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	buf_reset(&c->resp->body);
	if (buf_append(&c->resp->body, data, len) != BUF_OK) {
		free(data);
		api_error(c, 413, "too_large", "文件过大", "file too large", NULL);
		return;
	}
	free(data);
	/* the name is the uploader's: only plain ASCII goes into the header */
	for (char *p = name; *p; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '_';
	snprintf(disp, sizeof(disp), "attachment; filename=\"draft-%lld-v%d-%s\"", (long long)c->id,
	         r.version, name);
	http_response_header(c->resp, "Content-Disposition", disp);
	c->resp->content_type = "application/octet-stream";
	c->resp->status = 200;
}

void api_pubrev_decide(struct api_ctx *c)
{
	static const char *const fields[] = {"step", "decision", "reason", NULL};
	char decision[16] = "", reason[PUBREV_REASON_MAX + 1] = "";
	struct pubrev_row r;
	struct pubrev_who w;
	struct pubrev_sub next;
	enum pubrev_decision d;
	enum pubrev_err pe;
	enum store_err e;
	int step = 0;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, fields) ||
	    api_field_int(c, "step", &step, 0, PUBREV_MAX_STEPS - 1, true) ||
	    api_field_str(c, "decision", decision, sizeof(decision), true) ||
	    api_field_str(c, "reason", reason, sizeof(reason), true))
		return;
	if (!strcmp(decision, "approve")) {
		d = PUBREV_APPROVE;
	} else if (!strcmp(decision, "reject")) {
		d = PUBREV_REJECT;
	} else {
		api_error(c, 400, "invalid_field", "决定应为批准或退回",
		          "decision must be approve or reject", "decision");
		return;
	}
	/* read, decide and write in one transaction; the UPDATE is a compare-and-set too */
	if (!api_tx_begin(c) || !load_visible(c, c->id, &r))
		return;
	who_of(c, &w);
	pe = pubrev_check_decision(&r.sub, &w, step, d, reason);
	if (pe == PUBREV_NOT_YOURS) {
		api_deny(c, "publication review: not this step's reviewer");
		return;
	}
	if (pe) {
		pubrev_error(c, pe, pe == PUBREV_NO_REASON ? "reason" : NULL);
		return;
	}
	next = r.sub;
	pubrev_apply_decision(&next, d);
	e = pubrev_decide(c->db, &r, step, &next, role_code(r.sub.chain.steps[step]), decision,
	                  reason, c->actor.account_id);
	if (e == STORE_CONFLICT) {
		pubrev_error(c, PUBREV_CONFLICT, NULL);
		return;
	}
	if (!e)
		e = api_audit(c, d == PUBREV_APPROVE ? "review.approve" : "review.reject",
		              "publication_review", c->id, AUDIT_SUCCESS,
		              json_pack("{si si ss ss ss}", "version", r.version, "step", step,
		                        "role", role_code(r.sub.chain.steps[step]), "reason",
		                        reason, "state", pubrev_state_code(next.state)));
	if (!e && next.state == PUBREV_APPROVED)
		e = api_audit(c, "review.freeze", "publication_review", c->id, AUDIT_SUCCESS,
		              json_pack("{si ss}", "version", r.version, "sha256", r.sha256));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		reply_detail(c, 200, c->id);
}

void api_pubhit_clear(struct api_ctx *c)
{
	static const char *const fields[] = {"reason", NULL};
	char reason[PUBREV_REASON_MAX + 1] = "";
	struct pubrev_row r;
	struct pubrev_who w;
	int64_t review_id = 0;
	int version = 0;
	bool cleared = false;
	enum pubrev_err pe;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, fields) ||
	    api_field_str(c, "reason", reason, sizeof(reason), false) || !api_tx_begin(c))
		return;
	e = pubrev_hit_get(c->db, c->id, &review_id, &version, &cleared);
	if (e == STORE_NOTFOUND) {
		api_hidden(c, "publication_hit", c->id, "没有这个命中，或您无权查看",
		           "no such hit, or you may not see it");
		return;
	}
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (!load_visible(c, review_id, &r))
		return;
	who_of(c, &w);
	pe = pubrev_check_clear(&r.sub, &w, cleared, reason);
	if (!pe && (version != r.version || r.sub.state != PUBREV_REVIEWING))
		pe = PUBREV_CONFLICT; /* a hit of an old version, or a decided review */
	if (pe == PUBREV_NOT_OFFICER) {
		api_deny(c, "publication hit: officer only");
		return;
	}
	if (pe) {
		pubrev_error(c, pe, pe == PUBREV_NO_REASON ? "reason" : NULL);
		return;
	}
	e = pubrev_hit_clear(c->db, c->id, reason, c->actor.account_id);
	if (e == STORE_CONFLICT) {
		pubrev_error(c, PUBREV_CLEARED, NULL);
		return;
	}
	if (!e)
		e = api_audit(c, "review.hit_clear", "publication_review", review_id, AUDIT_SUCCESS,
		              json_pack("{sI si ss}", "hit", (json_int_t)c->id, "version", version,
		                        "reason", reason));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		reply_detail(c, 200, review_id);
}

void api_pubrev_publish(struct api_ctx *c)
{
	static const char *const fields[] = {"sha256",       "channel", "place",
	                                     "published_on", "note",    NULL};
	char sha[PUBREV_SHA_HEX + 2] = "", channel[16] = "", place[201] = "", note[501] = "";
	struct pubrev_row r;
	struct pubrev_who w;
	int32_t day = 0;
	int64_t pid = 0;
	enum pubrev_err pe;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS) || api_only_fields(c, fields) ||
	    api_field_str(c, "sha256", sha, sizeof(sha), true) ||
	    api_field_str(c, "channel", channel, sizeof(channel), true) ||
	    api_field_str(c, "place", place, sizeof(place), false) ||
	    api_field_date(c, "published_on", &day, true) ||
	    api_field_str(c, "note", note, sizeof(note), false))
		return;
	if (!channel_ok(channel)) {
		api_error(c, 400, "invalid_field", "发布渠道应为网站、公众号、新闻媒体或其他",
		          "channel must be website, wechat, news or other", "channel");
		return;
	}
	if (!api_tx_begin(c) || !load_visible(c, c->id, &r))
		return;
	who_of(c, &w);
	if (w.account_id != r.sub.submitted_by && !(w.roles & ROLE_OFFICER)) {
		api_deny(c, "publication register: submitter or officer");
		return;
	}
	pe = pubrev_check_publish(r.sub.state, r.frozen, sha);
	if (pe) {
		char oid[24];

		snprintf(oid, sizeof(oid), "%lld", (long long)c->id);
		db_rollback(c->db); /* audit_append_tx opens its own transaction */
		audit_append_tx(c->db, &c->actor, "review.publish", "publication_review", oid,
		                AUDIT_DENIED, "{\"why\":\"not the frozen version\"}");
		pubrev_error(c, pe, "sha256");
		return;
	}
	e = pubrev_publish(c->db, c->id, sha, channel, place, day, note, c->actor.account_id, &pid);
	if (!e)
		e = api_audit(
		    c, "review.publish", "publication_review", c->id, AUDIT_SUCCESS,
		    json_pack("{ss ss ss}", "sha256", sha, "channel", channel, "place", place));
	if (e) {
		api_store_error(c, e, NULL);
		return;
	}
	if (api_tx_commit(c))
		reply_detail(c, 201, c->id);
}

void api_publications_list(struct api_ctx *c)
{
	struct see_ctx x;
	json_t *items;
	int64_t total;
	enum store_err e;

	if (!api_require(c, PERM_BUSINESS))
		return;
	see_init(c, &x);
	e = pubrev_register(c->db, may_see_review, &x, &items, &total);
	if (e)
		api_store_error(c, e, NULL);
	else
		api_reply_list(c, items, total);
}
