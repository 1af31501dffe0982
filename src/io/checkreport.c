/*
 * checkreport.c — verification and parsing of baomi-check reports (see
 * checkreport.h for the format and the promises).
 */
#include "checkreport_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "../core/sm3.h"
#include "../util/bjtime.h"
#include "../util/utf8.h"

#define HEAD "{\"format\":\"baomi-check-report\","
#define HEAD_VERSION "\"version\":1,"
#define HEAD_ALG "\"digest_alg\":\""
#define HEAD_REPORT "\",\"report\":"
#define TAIL_DIGEST ",\"digest\":\""
#define TAIL_END "\"}"

/* Bounds on R before jansson builds a tree of it. */
#define MAX_CONTAINERS 300000u /* objects and arrays */
#define MAX_COMMAS 2000000u    /* values in all arrays and objects, about */
#define MAX_DEPTH 16           /* a report nests 5 deep */
#define ARENA_BLOCK ((size_t)64 << 10)

/* ---- names and messages ---- */

const char *crep_err_zh(enum crep_err e)
{
	switch (e) {
	case CREP_OK:
		return "成功";
	case CREP_NOMEM:
		return "内存不足";
	case CREP_TOO_BIG:
		return "检查报告超过导入上限";
	case CREP_BAD_FORMAT:
		return "不是有效的 baomi-check 检查报告";
	case CREP_BAD_DIGEST:
		return "检查报告摘要不符，报告已被修改";
	case CREP_NEED_KEY:
		return "检查报告使用 HMAC-SM3 签名，需要提供密钥";
	case CREP_UNKEYED:
		return "本单位要求检查报告使用 HMAC-SM3 签名，该报告只有 SHA-256 摘要";
	}
	return "未知错误";
}

const char *crep_err_en(enum crep_err e)
{
	switch (e) {
	case CREP_OK:
		return "ok";
	case CREP_NOMEM:
		return "out of memory";
	case CREP_TOO_BIG:
		return "the report is over an import limit";
	case CREP_BAD_FORMAT:
		return "not a valid baomi-check report";
	case CREP_BAD_DIGEST:
		return "digest mismatch: the report was changed";
	case CREP_NEED_KEY:
		return "the report is keyed (HMAC-SM3): a key is needed";
	case CREP_UNKEYED:
		return "a key is configured but the report carries only a SHA-256";
	}
	return "unknown error";
}

static const char *const status_codes[] = {
    [CREP_PASS] = "pass",
    [CREP_FAIL] = "fail",
    [CREP_NA] = "not_applicable",
    [CREP_UNKNOWN] = "could_not_check",
};

static const char *const status_zh[] = {
    [CREP_PASS] = "通过",
    [CREP_FAIL] = "不通过",
    [CREP_NA] = "不适用",
    [CREP_UNKNOWN] = "无法检查",
};

const char *crep_status_code(enum crep_status s)
{
	return (unsigned)s <= CREP_UNKNOWN ? status_codes[s] : "";
}

const char *crep_status_zh(enum crep_status s)
{
	return (unsigned)s <= CREP_UNKNOWN ? status_zh[s] : "";
}

/* ---- the string arena ---- */

struct arena_block {
	struct arena_block *next;
	size_t cap, used;
	char data[];
};

struct crep_arena {
	struct arena_block *head;
};

static struct arena_block *block_new(size_t cap)
{
	struct arena_block *b = malloc(sizeof(*b) + cap);

	if (b) {
		b->cap = cap;
		b->used = 0;
		b->next = NULL;
	}
	return b;
}

/* A copy of s[0..n) with a NUL; large strings get a block of their own behind the head. */
static char *arena_dup(struct crep_arena *a, const char *s, size_t n)
{
	struct arena_block *b = a->head;
	char *p;

	if (n >= ARENA_BLOCK / 4) {
		b = block_new(n + 1);
		if (!b)
			return NULL;
		if (a->head) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			a->head = b;
		}
	} else if (!b || b->cap - b->used < n + 1) {
		b = block_new(ARENA_BLOCK);
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

static void arena_free(struct crep_arena *a)
{
	while (a && a->head) {
		struct arena_block *b = a->head;

		a->head = b->next;
		free(b);
	}
	free(a);
}

void crep_release(struct crep *r)
{
	if (!r)
		return;
	free(r->disks);
	free(r->checks);
	free(r->hits);
	free(r->errors);
	free(r->encrypted);
	arena_free(r->arena);
	memset(r, 0, sizeof(*r));
}

size_t crep_key_trim(const unsigned char *key, size_t keylen)
{
	while (key && keylen && (key[keylen - 1] == '\n' || key[keylen - 1] == '\r'))
		keylen--;
	return key ? keylen : 0;
}

/* ---- bounds on R before jansson ---- */

/*
 * One pass over R outside its strings: nesting depth, containers and
 * commas, so that the tree jansson builds stays bounded.  Malformed JSON is
 * left for jansson to name.
 */
static enum crep_err prescan(const char *s, size_t n, char *why, size_t whylen)
{
	size_t containers = 0, commas = 0, i;
	int depth = 0, in_str = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		switch (c) {
		case '"':
			in_str = 1;
			break;
		case '{':
		case '[':
			if (++depth > MAX_DEPTH) {
				utf8_snprintf(
				    why, whylen,
				    "检查报告在第 %zu 字节处嵌套超过 %d 层 / report: nested more "
				    "than "
				    "%d deep at byte %zu",
				    i, MAX_DEPTH, MAX_DEPTH, i);
				return CREP_BAD_FORMAT;
			}
			if (++containers > MAX_CONTAINERS) {
				utf8_snprintf(
				    why, whylen,
				    "检查报告的对象和数组超过 %u 个 / report: more than %u objects "
				    "and arrays",
				    MAX_CONTAINERS, MAX_CONTAINERS);
				return CREP_TOO_BIG;
			}
			break;
		case '}':
		case ']':
			depth--;
			break;
		case ',':
			if (++commas > MAX_COMMAS) {
				utf8_snprintf(
				    why, whylen,
				    "检查报告的数据项超过 %u 个 / report: more than %u values",
				    MAX_COMMAS, MAX_COMMAS);
				return CREP_TOO_BIG;
			}
			break;
		default:
			break;
		}
	}
	return CREP_OK;
}

/* ---- fields ---- */

struct pctx {
	struct crep *out;
	char *why;
	size_t whylen;
};

/* String flags */
#define S_NULL 1u  /* null reads as "" */
#define S_IDENT 2u /* no control characters (identity fields, ids) */
#define S_NONEMPTY 4u

static enum crep_err missing(struct pctx *c, const char *where, const char *key)
{
	utf8_snprintf(c->why, c->whylen, "报告缺少字段 %s.%s / report: %s.%s is missing", where,
	              key, where, key);
	return CREP_BAD_FORMAT;
}

static enum crep_err get_obj(struct pctx *c, json_t *obj, const char *key, const char *where,
                             json_t **out)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return missing(c, where, key);
	if (!json_is_object(v)) {
		utf8_snprintf(c->why, c->whylen,
		              "字段 %s.%s 应为对象 / report: %s.%s is not an object", where, key,
		              where, key);
		return CREP_BAD_FORMAT;
	}
	*out = v;
	return CREP_OK;
}

static enum crep_err get_arr(struct pctx *c, json_t *obj, const char *key, const char *where,
                             size_t max, json_t **out)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return missing(c, where, key);
	if (!json_is_array(v)) {
		utf8_snprintf(c->why, c->whylen,
		              "字段 %s.%s 应为数组 / report: %s.%s is not an array", where, key,
		              where, key);
		return CREP_BAD_FORMAT;
	}
	if (json_array_size(v) > max) {
		utf8_snprintf(c->why, c->whylen,
		              "字段 %s.%s 超过 %zu 项 / report: %s.%s has more than %zu entries",
		              where, key, max, where, key, max);
		return CREP_TOO_BIG;
	}
	*out = v;
	return CREP_OK;
}

static bool has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

/* The string member key of obj (max bytes at most), into *s and *n (jansson's copy). */
static enum crep_err get_str(struct pctx *c, json_t *obj, const char *key, const char *where,
                             unsigned flags, size_t max, const char **s, size_t *n)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return missing(c, where, key);
	if ((flags & S_NULL) && json_is_null(v)) {
		*s = "";
		*n = 0;
		return CREP_OK;
	}
	if (!json_is_string(v)) {
		utf8_snprintf(c->why, c->whylen,
		              "字段 %s.%s 应为字符串 / report: %s.%s is not a string", where, key,
		              where, key);
		return CREP_BAD_FORMAT;
	}
	*s = json_string_value(v);
	*n = json_string_length(v);
	if (*n > max) {
		utf8_snprintf(c->why, c->whylen,
		              "字段 %s.%s 超过 %zu 字节 / report: %s.%s is longer than %zu bytes",
		              where, key, max, where, key, max);
		return CREP_BAD_FORMAT;
	}
	if ((flags & S_NONEMPTY) && *n == 0) {
		utf8_snprintf(c->why, c->whylen, "字段 %s.%s 为空 / report: %s.%s is empty", where,
		              key, where, key);
		return CREP_BAD_FORMAT;
	}
	if ((flags & S_IDENT) && has_control(*s, *n)) {
		utf8_snprintf(c->why, c->whylen,
		              "字段 %s.%s 含有控制字符 / report: %s.%s contains control characters",
		              where, key, where, key);
		return CREP_BAD_FORMAT;
	}
	return CREP_OK;
}

/* A string member into a fixed array of the struct (which bounds its length). */
static enum crep_err get_fixed(struct pctx *c, json_t *obj, const char *key, const char *where,
                               unsigned flags, char *dst, size_t dstlen)
{
	const char *s;
	size_t n;
	enum crep_err e = get_str(c, obj, key, where, flags | S_IDENT, dstlen - 1, &s, &n);

	if (!e)
		memcpy(dst, s, n + 1);
	return e;
}

/* A string member copied into the arena. */
static enum crep_err get_dup(struct pctx *c, json_t *obj, const char *key, const char *where,
                             unsigned flags, size_t max, const char **dst)
{
	const char *s;
	size_t n;
	enum crep_err e = get_str(c, obj, key, where, flags, max, &s, &n);

	if (e)
		return e;
	*dst = arena_dup(c->out->arena, s, n);
	return *dst ? CREP_OK : CREP_NOMEM;
}

static enum crep_err get_int(struct pctx *c, json_t *obj, const char *key, const char *where,
                             int64_t min, int64_t max, int64_t *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return missing(c, where, key);
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		utf8_snprintf(
		    c->why, c->whylen,
		    "字段 %s.%s 应为 %lld 至 %lld 的整数 / report: %s.%s is not an integer in "
		    "%lld..%lld",
		    where, key, (long long)min, (long long)max, where, key, (long long)min,
		    (long long)max);
		return CREP_BAD_FORMAT;
	}
	*out = json_integer_value(v);
	return CREP_OK;
}

/* ---- time ---- */

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM-DDTHH:MM:SS" then "Z", "+hhmm" or "+hh:mm" (strftime %z, RFC 3339). */
static int parse_time(const char *s, size_t n, int64_t *ms)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	int32_t days;
	int yy;
	unsigned mm, dd;
	const char *z = s + 19;

	if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	sec = digits(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || sec < 0 || sec > 60)
		return -1;
	if (n == 20 && *z == 'Z') {
		sign = 0;
	} else if ((n == 24 || (n == 25 && z[3] == ':')) && (*z == '+' || *z == '-')) {
		sign = *z == '+' ? 1 : -1;
		oh = digits(z + 1, 2);
		om = digits(z + (n == 25 ? 4 : 3), 2);
		if (oh < 0 || oh > 14 || om < 0 || om > 59)
			return -1;
	} else {
		return -1;
	}
	days = bjtime_days_from_civil(y, (unsigned)mo, (unsigned)d);
	bjtime_civil_from_days(days, &yy, &mm, &dd);
	if (yy != y || (int)mm != mo || (int)dd != d)
		return -1;
	*ms = ((int64_t)days * 86400 + h * 3600 + mi * 60 + sec - sign * (oh * 3600 + om * 60)) *
	      1000;
	return 0;
}

/* ---- the parts of R ---- */

static enum crep_err parse_host(struct pctx *c, json_t *root)
{
	struct crep *o = c->out;
	json_t *host, *disks, *v;
	enum crep_err e;
	size_t i;
	char where[64];

	e = get_obj(c, root, "host", "report", &host);
	if (!e)
		e = get_fixed(c, host, "hostname", "report.host", 0, o->hostname,
		              sizeof(o->hostname));
	if (!e)
		e = get_fixed(c, host, "machine_id", "report.host", 0, o->machine_id,
		              sizeof(o->machine_id));
	if (!e)
		e = get_fixed(c, host, "os", "report.host", 0, o->os, sizeof(o->os));
	if (!e)
		e = get_fixed(c, host, "kernel", "report.host", 0, o->kernel, sizeof(o->kernel));
	if (!e)
		e = get_fixed(c, host, "arch", "report.host", 0, o->arch, sizeof(o->arch));
	if (!e)
		e = get_arr(c, host, "disks", "report.host", CREP_MAX_DISKS, &disks);
	if (e)
		return e;
	o->disks = calloc(json_array_size(disks) + 1, sizeof(*o->disks));
	if (!o->disks)
		return CREP_NOMEM;
	json_array_foreach(disks, i, v)
	{
		const char *s;
		size_t n;

		snprintf(where, sizeof(where), "report.host.disks[%zu]", i);
		if (!json_is_string(v) || (n = json_string_length(v)) == 0 || n > 255 ||
		    has_control(s = json_string_value(v), n)) {
			utf8_snprintf(
			    c->why, c->whylen,
			    "%s 应为 1 至 255 字节且不含控制字符的字符串 / report: %s is not a "
			    "string of 1 to 255 bytes without control characters",
			    where, where);
			return CREP_BAD_FORMAT;
		}
		o->disks[i] = arena_dup(o->arena, s, n);
		if (!o->disks[i])
			return CREP_NOMEM;
		o->ndisks++;
	}
	return CREP_OK;
}

static enum crep_err parse_operator(struct pctx *c, json_t *root)
{
	struct crep *o = c->out;
	json_t *op;
	enum crep_err e;
	const char *s;
	size_t n;

	e = get_fixed(c, root, "time", "report", S_NONEMPTY, o->time, sizeof(o->time));
	if (e)
		return e;
	if (parse_time(o->time, strlen(o->time), &o->time_ms)) {
		utf8_snprintf(c->why, c->whylen,
		              "字段 report.time 应为 YYYY-MM-DDTHH:MM:SS+hhmm 格式的时间 / report: "
		              "report.time is not a YYYY-MM-DDTHH:MM:SS+hhmm time");
		return CREP_BAD_FORMAT;
	}
	e = get_obj(c, root, "operator", "report", &op);
	if (!e)
		e = get_fixed(c, op, "user", "report.operator", S_NONEMPTY, o->operator_name,
		              sizeof(o->operator_name));
	if (!e)
		e = get_int(c, op, "uid", "report.operator", 0, UINT32_MAX, &o->operator_uid);
	if (!e)
		e = get_str(c, op, "sudo_user", "report.operator", S_NULL | S_IDENT,
		            sizeof(o->sudo_user) - 1, &s, &n);
	if (!e)
		memcpy(o->sudo_user, s, n + 1);
	return e;
}

/* "中文 English": the English part is the longest ASCII tail after a space that follows Chinese. */
static void split_title(const char *t, size_t n, size_t *zh_len, size_t *en_off)
{
	bool non_ascii = false;

	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)t[i] >= 0x80)
			non_ascii = true;
		if (t[i] == ' ' && non_ascii && i + 1 < n) {
			size_t j = i + 1;

			while (j < n && (unsigned char)t[j] < 0x80)
				j++;
			if (j == n) {
				*zh_len = i;
				*en_off = i + 1;
				return;
			}
		}
	}
	*zh_len = n;
	*en_off = n;
}

static bool id_ok(const char *s, size_t n)
{
	return n > 0 && n < 48 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.") == n;
}

static enum crep_err parse_check(struct pctx *c, json_t *v, size_t i, struct crep_check *k)
{
	struct crep_arena *a = c->out->arena;
	char where[64];
	const char *s;
	size_t n, zh_len, en_off;
	json_t *items;
	enum crep_err e;
	int st;

	snprintf(where, sizeof(where), "report.system.checks[%zu]", i);
	if (!json_is_object(v)) {
		utf8_snprintf(c->why, c->whylen, "%s 应为对象 / report: %s is not an object", where,
		              where);
		return CREP_BAD_FORMAT;
	}
	e = get_str(c, v, "id", where, S_IDENT, 47, &s, &n);
	if (e)
		return e;
	if (!id_ok(s, n)) {
		utf8_snprintf(
		    c->why, c->whylen,
		    "%s.id 应为小写字母、数字、下划线和点 / report: %s.id is not [a-z0-9_.]+",
		    where, where);
		return CREP_BAD_FORMAT;
	}
	for (size_t j = 0; j < i; j++)
		if (strcmp(c->out->checks[j].id, s) == 0) {
			char id[48];

			ascii_printable(id, sizeof(id), s);
			utf8_snprintf(
			    c->why, c->whylen,
			    "%s.id 与前面的检查项重复（%s）/ report: %s.id repeats check %s", where,
			    id, where, id);
			return CREP_BAD_FORMAT;
		}
	k->id = arena_dup(a, s, n);
	if (!k->id)
		return CREP_NOMEM;
	e = get_str(c, v, "status", where, 0, 32, &s, &n);
	if (e)
		return e;
	for (st = CREP_PASS; st <= CREP_UNKNOWN; st++)
		if (strcmp(s, status_codes[st]) == 0)
			break;
	if (st > CREP_UNKNOWN) {
		utf8_snprintf(
		    c->why, c->whylen,
		    "%s.status 应为 pass、fail、not_applicable 或 could_not_check / report: "
		    "%s.status is not pass, fail, not_applicable or could_not_check",
		    where, where);
		return CREP_BAD_FORMAT;
	}
	k->status = (enum crep_status)st;
	if (k->status == CREP_FAIL)
		c->out->nfailed++;
	e = get_str(c, v, "title", where, S_IDENT, 1024, &s, &n);
	if (e)
		return e;
	k->title = arena_dup(a, s, n);
	if (!k->title)
		return CREP_NOMEM;
	split_title(k->title, n, &zh_len, &en_off);
	k->title_zh = arena_dup(a, k->title, zh_len);
	k->title_en = k->title + en_off;
	if (!k->title_zh)
		return CREP_NOMEM;
	e = get_dup(c, v, "detail", where, S_NULL, CREP_MAX_BYTES, &k->detail);
	if (!e)
		e = get_dup(c, v, "evidence", where, S_NULL, CREP_MAX_BYTES, &k->evidence);
	if (e)
		return e;
	items = json_object_get(v, "items");
	if (items) {
		char *text;

		if (!json_is_array(items)) {
			utf8_snprintf(c->why, c->whylen,
			              "%s.items 应为数组 / report: %s.items is not an array", where,
			              where);
			return CREP_BAD_FORMAT;
		}
		text = json_dumps(items, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (!text)
			return CREP_NOMEM;
		k->items = arena_dup(a, text, strlen(text));
		free(text);
		if (!k->items)
			return CREP_NOMEM;
	}
	return CREP_OK;
}

static enum crep_err parse_system(struct pctx *c, json_t *root)
{
	struct crep *o = c->out;
	json_t *sys, *checks, *v;
	enum crep_err e;
	int64_t failed;
	size_t i;
	const char *role;
	size_t n;

	e = get_obj(c, root, "system", "report", &sys);
	if (!e)
		e = get_str(c, sys, "role", "report.system", 0, 32, &role, &n);
	if (e)
		return e;
	if (strcmp(role, o->role) != 0) {
		utf8_snprintf(
		    c->why, c->whylen,
		    "report.system.role 与 report.role 不一致 / report: report.system.role differs "
		    "from report.role");
		return CREP_BAD_FORMAT;
	}
	e = get_int(c, sys, "failed", "report.system", 0, CREP_MAX_CHECKS, &failed);
	if (!e)
		e = get_arr(c, sys, "checks", "report.system", CREP_MAX_CHECKS, &checks);
	if (e)
		return e;
	o->checks = calloc(json_array_size(checks) + 1, sizeof(*o->checks));
	if (!o->checks)
		return CREP_NOMEM;
	json_array_foreach(checks, i, v)
	{
		e = parse_check(c, v, i, &o->checks[i]);
		if (e)
			return e;
		o->nchecks++;
	}
	if ((size_t)failed != o->nfailed) {
		utf8_snprintf(c->why, c->whylen,
		              "report.system.failed 为 %lld，而不通过的检查项有 %zu 项 / report: "
		              "report.system.failed is %lld but %zu checks failed",
		              (long long)failed, o->nfailed, (long long)failed, o->nfailed);
		return CREP_BAD_FORMAT;
	}
	return CREP_OK;
}

/* Short printable-ASCII labels: format and encoding. */
static enum crep_err get_label(struct pctx *c, json_t *obj, const char *key, const char *where,
                               size_t max, const char **dst)
{
	const char *s;
	size_t n;
	enum crep_err e = get_str(c, obj, key, where, S_NONEMPTY, max, &s, &n);

	if (e)
		return e;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] >= 0x7f) {
			utf8_snprintf(
			    c->why, c->whylen,
			    "%s.%s 应为可打印的 ASCII 字符 / report: %s.%s is not printable ASCII",
			    where, key, where, key);
			return CREP_BAD_FORMAT;
		}
	*dst = arena_dup(c->out->arena, s, n);
	return *dst ? CREP_OK : CREP_NOMEM;
}

static enum crep_err parse_hit(struct pctx *c, json_t *v, size_t i, struct crep_hit *h)
{
	char where[64];
	enum crep_err e;

	snprintf(where, sizeof(where), "report.scan.hits[%zu]", i);
	if (!json_is_object(v)) {
		utf8_snprintf(c->why, c->whylen, "%s 应为对象 / report: %s is not an object", where,
		              where);
		return CREP_BAD_FORMAT;
	}
	e = get_dup(c, v, "path", where, S_NONEMPTY, 65536, &h->path);
	if (!e)
		e = get_label(c, v, "format", where, 31, &h->format);
	if (!e)
		e = get_label(c, v, "encoding", where, 15, &h->encoding);
	/* reports of baomi-check before parts have none: their hits are body text */
	h->part = "body";
	if (!e && json_object_get(v, "part"))
		e = get_label(c, v, "part", where, 15, &h->part);
	if (!e)
		e = get_dup(c, v, "keyword", where, S_NONEMPTY, 4096, &h->keyword);
	if (!e)
		e = get_int(c, v, "count", where, 1, INT64_MAX, &h->count);
	if (!e)
		e = get_dup(c, v, "context", where, S_NULL, 65536, &h->context);
	/* read by OCR (baomi-check --ocr, since 2026-12): true with the page; absent before */
	if (!e && json_object_get(v, "ocr")) {
		if (!json_is_true(json_object_get(v, "ocr"))) {
			utf8_snprintf(c->why, c->whylen,
			              "%s.ocr 只能为 true / report: %s.ocr can only be true", where,
			              where);
			return CREP_BAD_FORMAT;
		}
		h->ocr = true;
		e = get_int(c, v, "page", where, 1, INT32_MAX, &h->page);
	} else if (!e && json_object_get(v, "page")) {
		/* the page of a paged document's text (OFD) as a reader numbers it */
		e = get_int(c, v, "page", where, 1, INT32_MAX, &h->page);
	}
	return e;
}

/* One string member of a list entry: where it goes in the entry's struct. */
struct list_field {
	const char *key;
	enum { LF_TEXT, LF_LABEL } kind; /* get_dup with flags and max, or get_label */
	unsigned flags;
	size_t max;
	size_t off; /* of the const char * in the entry */
};

#define LIST_FIELD(type, member, kind, flags, max)                                                 \
	{                                                                                          \
#member, kind, flags, max, offsetof(type, member)                                  \
	}

static const struct list_field file_error_fields[] = {
    LIST_FIELD(struct crep_file_error, path, LF_TEXT, S_NONEMPTY, 65536),
    LIST_FIELD(struct crep_file_error, format, LF_LABEL, 0, 31),
    LIST_FIELD(struct crep_file_error, reason, LF_TEXT, S_NULL, 65536),
};

static const struct list_field encrypted_fields[] = {
    LIST_FIELD(struct crep_encrypted, path, LF_TEXT, S_NONEMPTY, 65536),
    LIST_FIELD(struct crep_encrypted, format, LF_LABEL, 0, 31),
};

/*
 * Reads the array arr of report.scan.NAME into *out: one entry of size bytes
 * per element, each an object whose members the field table names.  *out
 * always gets an array (one spare entry), *n the entries read.
 */
static enum crep_err parse_list(struct pctx *c, json_t *arr, const char *name,
                                const struct list_field *fields, size_t nfields, size_t size,
                                void **out, size_t *n)
{
	unsigned char *base = calloc(json_array_size(arr) + 1, size);
	json_t *v;
	size_t i;

	*out = base;
	*n = 0;
	if (!base)
		return CREP_NOMEM;
	json_array_foreach(arr, i, v)
	{
		unsigned char *entry = base + i * size;
		char where[64];

		snprintf(where, sizeof(where), "report.scan.%s[%zu]", name, i);
		if (!json_is_object(v)) {
			utf8_snprintf(c->why, c->whylen,
			              "%s 应为对象 / report: %s is not an object", where, where);
			return CREP_BAD_FORMAT;
		}
		for (size_t f = 0; f < nfields; f++) {
			const char **dst = (const char **)(void *)(entry + fields[f].off);
			enum crep_err e =
			    fields[f].kind == LF_LABEL
			        ? get_label(c, v, fields[f].key, where, fields[f].max, dst)
			        : get_dup(c, v, fields[f].key, where, fields[f].flags,
			                  fields[f].max, dst);

			if (e)
				return e;
		}
		(*n)++;
	}
	return CREP_OK;
}

static enum crep_err parse_scan(struct pctx *c, json_t *root)
{
	struct crep *o = c->out;
	json_t *scan, *hits, *errors, *enc = NULL, *v;
	void *list;
	enum crep_err e;
	int64_t version;
	size_t i;

	e = get_obj(c, root, "scan", "report", &scan);
	if (!e)
		e = get_int(c, scan, "version", "report.scan", 1, 1, &version);
	if (!e)
		e = get_int(c, scan, "files_scanned", "report.scan", 0, INT64_MAX,
		            &o->files_scanned);
	if (!e)
		e = get_int(c, scan, "bytes_scanned", "report.scan", 0, INT64_MAX,
		            &o->bytes_scanned);
	if (!e)
		e = get_int(c, scan, "files_with_hits", "report.scan", 0, INT64_MAX,
		            &o->files_with_hits);
	if (!e)
		e = get_int(c, scan, "hits_total", "report.scan", 0, INT64_MAX, &o->hits_total);
	if (!e)
		e = get_arr(c, scan, "hits", "report.scan", CREP_MAX_HITS, &hits);
	if (!e)
		e = get_arr(c, scan, "errors", "report.scan", CREP_MAX_ERRORS, &errors);
	/* encrypted files: listed since 2026-12, absent from older reports */
	if (!e && json_object_get(scan, "encrypted"))
		e = get_arr(c, scan, "encrypted", "report.scan", CREP_MAX_ENCRYPTED, &enc);
	if (e)
		return e;
	o->hits = calloc(json_array_size(hits) + 1, sizeof(*o->hits));
	if (!o->hits)
		return CREP_NOMEM;
	json_array_foreach(hits, i, v)
	{
		e = parse_hit(c, v, i, &o->hits[i]);
		if (e)
			return e;
		o->nhits++;
	}
	e = parse_list(c, errors, "errors", file_error_fields,
	               sizeof(file_error_fields) / sizeof(file_error_fields[0]), sizeof(*o->errors),
	               &list, &o->nerrors);
	o->errors = list;
	if (e)
		return e;
	e = parse_list(c, enc, "encrypted", encrypted_fields,
	               sizeof(encrypted_fields) / sizeof(encrypted_fields[0]),
	               sizeof(*o->encrypted), &list, &o->nencrypted);
	o->encrypted = list;
	return e;
}

static enum crep_err parse_root(struct pctx *c, json_t *root)
{
	struct crep *o = c->out;
	const char *s;
	size_t n;
	enum crep_err e;

	if (!json_is_object(root)) {
		utf8_snprintf(c->why, c->whylen,
		              "report 应为 JSON 对象 / report: not a JSON object");
		return CREP_BAD_FORMAT;
	}
	e = get_str(c, root, "tool", "report", 0, 32, &s, &n);
	if (e)
		return e;
	if (strcmp(s, "baomi-check") != 0) {
		utf8_snprintf(
		    c->why, c->whylen,
		    "report.tool 不是 baomi-check / report: report.tool is not baomi-check");
		return CREP_BAD_FORMAT;
	}
	e = get_fixed(c, root, "tool_version", "report", S_NONEMPTY, o->tool_version,
	              sizeof(o->tool_version));
	if (!e)
		e = get_fixed(c, root, "role", "report", 0, o->role, sizeof(o->role));
	if (e)
		return e;
	if (strcmp(o->role, "classified") != 0 && strcmp(o->role, "unclassified") != 0) {
		utf8_snprintf(
		    c->why, c->whylen,
		    "report.role 应为 classified 或 unclassified / report: report.role is not "
		    "classified or unclassified");
		return CREP_BAD_FORMAT;
	}
	o->classified = strcmp(o->role, "classified") == 0;
	e = parse_host(c, root);
	if (!e)
		e = parse_operator(c, root);
	if (!e)
		e = parse_system(c, root);
	if (!e)
		e = parse_scan(c, root);
	return e;
}

enum crep_err crep_parse_body(const char *r, size_t len, struct crep *out, char *why, size_t whylen)
{
	struct pctx c = {out, why, whylen};
	json_error_t jerr;
	json_t *root = NULL;
	enum crep_err e;
	char text[81];

	memset(out, 0, sizeof(*out));
	utf8_snprintf(why, whylen, "%s", "");
	if (len > CREP_MAX_BYTES) {
		utf8_snprintf(why, whylen, "检查报告超过 %zu 字节 / report: larger than %zu bytes",
		              CREP_MAX_BYTES, CREP_MAX_BYTES);
		return CREP_TOO_BIG;
	}
	e = prescan(r ? r : "", r ? len : 0, why, whylen);
	if (e)
		return e;
	root = json_loadb(r ? r : "", r ? len : 0, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		ascii_printable(text, sizeof(text), jerr.text);
		utf8_snprintf(
		    why, whylen,
		    "report 不是有效的 JSON（第 %d 行第 %d 列，第 %d 字节）/ report: invalid JSON "
		    "at line %d column %d (byte %d): %s",
		    jerr.line, jerr.column, jerr.position, jerr.line, jerr.column, jerr.position,
		    text);
		return CREP_BAD_FORMAT;
	}
	out->arena = calloc(1, sizeof(*out->arena));
	e = out->arena ? parse_root(&c, root) : CREP_NOMEM;
	json_decref(root);
	if (e) {
		crep_release(out);
		if (why && whylen && !why[0])
			utf8_snprintf(why, whylen, "%s / %s", crep_err_zh(e), crep_err_en(e));
	}
	return e;
}

/* ---- the wrapper and its digest ---- */

static bool starts(const char *p, const char *end, const char *lit, size_t *n)
{
	size_t l = strlen(lit);

	*n = l;
	return (size_t)(end - p) >= l && memcmp(p, lit, l) == 0;
}

static void to_hex(const unsigned char *md, size_t n, char *hex)
{
	static const char x[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = x[md[i] >> 4];
		hex[2 * i + 1] = x[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

enum crep_err crep_parse(const char *bytes, size_t len, const unsigned char *key, size_t keylen,
                         struct crep *out, char *why, size_t whylen)
{
	const char *p, *end, *body, *hex;
	size_t n, blen;
	bool hmac;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char want[2 * EVP_MAX_MD_SIZE + 1];
	enum crep_err e;

	memset(out, 0, sizeof(*out));
	utf8_snprintf(why, whylen, "%s", "");
	if (!bytes)
		bytes = "", len = 0;
	if (!key)
		keylen = 0;
	if (len > CREP_MAX_BYTES) {
		utf8_snprintf(why, whylen, "检查报告超过 %zu 字节 / report: larger than %zu bytes",
		              CREP_MAX_BYTES, CREP_MAX_BYTES);
		return CREP_TOO_BIG;
	}
	p = bytes;
	end = bytes + len;
	if (!starts(p, end, HEAD, &n)) {
		utf8_snprintf(
		    why, whylen,
		    "文件开头不是 baomi-check 检查报告 / not a baomi-check report (it does not "
		    "begin "
		    "with " HEAD ")");
		return CREP_BAD_FORMAT;
	}
	p += n;
	if (!starts(p, end, HEAD_VERSION, &n)) {
		utf8_snprintf(
		    why, whylen,
		    "第 %zu 字节处：不支持的报告版本（应为 1）/ at byte %zu: unsupported report "
		    "version (1 expected)",
		    (size_t)(p - bytes), (size_t)(p - bytes));
		return CREP_BAD_FORMAT;
	}
	p += n;
	if (!starts(p, end, HEAD_ALG, &n)) {
		utf8_snprintf(why, whylen,
		              "第 %zu 字节处应为 digest_alg / at byte %zu: digest_alg expected",
		              (size_t)(p - bytes), (size_t)(p - bytes));
		return CREP_BAD_FORMAT;
	}
	p += n;
	if (starts(p, end, "sha256" HEAD_REPORT, &n)) {
		hmac = false;
	} else if (starts(p, end, "hmac-sm3" HEAD_REPORT, &n)) {
		hmac = true;
	} else {
		utf8_snprintf(
		    why, whylen,
		    "第 %zu 字节处：摘要算法应为 sha256 或 hmac-sm3 / at byte %zu: digest_alg is "
		    "not sha256 or hmac-sm3",
		    (size_t)(p - bytes), (size_t)(p - bytes));
		return CREP_BAD_FORMAT;
	}
	body = p + n;
	/* the tail, from the end: ,"digest":"HEX"} and the newline baomi-check writes */
	if (end > body && end[-1] == '\n')
		end--;
	if (end > body && end[-1] == '\r')
		end--;
	n = strlen(TAIL_DIGEST) + CREP_DIGEST_HEX + strlen(TAIL_END);
	if ((size_t)(end - body) < n || memcmp(end - 2, TAIL_END, 2) != 0 ||
	    memcmp(end - n, TAIL_DIGEST, strlen(TAIL_DIGEST)) != 0) {
		utf8_snprintf(
		    why, whylen,
		    "文件结尾应为 ,\"digest\":\"64 位十六进制\"} / the report does not end with "
		    ",\"digest\":\"64 hex digits\"}");
		return CREP_BAD_FORMAT;
	}
	hex = end - 2 - CREP_DIGEST_HEX;
	for (size_t i = 0; i < CREP_DIGEST_HEX; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f'))) {
			utf8_snprintf(
			    why, whylen,
			    "第 %zu 字节处：摘要应为 64 位小写十六进制 / at byte %zu: the digest "
			    "is "
			    "not 64 lowercase hex digits",
			    (size_t)(hex + i - bytes), (size_t)(hex + i - bytes));
			return CREP_BAD_FORMAT;
		}
	blen = (size_t)(end - n - body);
	if (hmac && keylen == 0) {
		utf8_snprintf(why, whylen, "%s / %s", crep_err_zh(CREP_NEED_KEY),
		              crep_err_en(CREP_NEED_KEY));
		return CREP_NEED_KEY;
	}
	if (!hmac && keylen) {
		utf8_snprintf(why, whylen, "%s / %s", crep_err_zh(CREP_UNKEYED),
		              crep_err_en(CREP_UNKEYED));
		return CREP_UNKEYED;
	}
	if (hmac) {
		struct hmac_sm3 h;

		hmac_sm3_init(&h, key, keylen);
		hmac_sm3_2(&h, body, blen, "", 0, md);
		hmac_sm3_wipe(&h);
		mdlen = SM3_DIGEST_LEN;
	} else if (!EVP_Digest(body, blen, md, &mdlen, EVP_sha256(), NULL)) {
		utf8_snprintf(why, whylen, "%s / %s", crep_err_zh(CREP_NOMEM),
		              crep_err_en(CREP_NOMEM));
		return CREP_NOMEM;
	}
	to_hex(md, mdlen, want);
	if (2 * (size_t)mdlen != CREP_DIGEST_HEX || CRYPTO_memcmp(want, hex, CREP_DIGEST_HEX)) {
		utf8_snprintf(
		    why, whylen,
		    "摘要不符：报告被修改过，或%s / digest mismatch: the report was changed%s",
		    hmac ? "密钥不对" : "文件不完整", hmac ? ", or the key is wrong" : "");
		return CREP_BAD_DIGEST;
	}
	e = crep_parse_body(body, blen, out, why, whylen);
	if (e)
		return e;
	snprintf(out->digest_alg, sizeof(out->digest_alg), "%s", hmac ? "hmac-sm3" : "sha256");
	memcpy(out->digest, hex, CREP_DIGEST_HEX);
	out->digest[CREP_DIGEST_HEX] = '\0';
	return CREP_OK;
}
