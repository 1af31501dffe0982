#include "inventory.h"

#include <stdlib.h>
#include <string.h>

/* ---- what a scanner typed ---- */

#define SEP ' '
#define ODD 0x01 /* a character no number holds (anything not ASCII after mapping) */

/* One UTF-8 character at s (n bytes left): its code point, or -1 when invalid; *len its size. */
static long utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	unsigned char c = s[0];
	size_t need;
	long cp;

	*len = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
	} else {
		return -1;
	}
	if (n < need + 1)
		return -1;
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
		return -1;
	*len = need + 1;
	return cp;
}

/* Maps one character to the byte the parser sees: ASCII, SEP for blanks and controls, or ODD. */
static char scan_byte(long cp)
{
	if (cp < 0)
		return ODD;
	if (cp < 0x20 || cp == 0x7f || cp == ' ' || cp == 0x3000 || cp == 0xa0 ||
	    (cp >= 0x80 && cp < 0xa0))
		return SEP;
	if (cp >= 0xff01 && cp <= 0xff5e) /* full-width ASCII */
		cp -= 0xfee0;
	if (cp < 0x80)
		return (char)cp;
	return ODD;
}

static bool number_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.';
}

enum inv_scan_err inv_scan_parse(const char *in, size_t n, char *out)
{
	char t[INV_SCAN_MAX + 1];
	size_t m = 0, i = 0, a, b;
	bool alnum = false;

	out[0] = '\0';
	if (n > INV_SCAN_MAX)
		return INV_SCAN_TOO_LONG;
	while (i < n) {
		size_t len;
		long cp = utf8_next((const unsigned char *)in + i, n - i, &len);

		t[m++] = scan_byte(cp);
		i += len;
	}
	/* blanks at the ends */
	a = 0;
	b = m;
	while (a < b && t[a] == SEP)
		a++;
	while (b > a && t[b - 1] == SEP)
		b--;
	/* an AIM symbology identifier: ']' a letter and a digit */
	if (b - a >= 3 && t[a] == ']' && ((t[a + 1] | 0x20) >= 'a' && (t[a + 1] | 0x20) <= 'z') &&
	    t[a + 2] >= '0' && t[a + 2] <= '9')
		a += 3;
	/* a lead-in ("编号：", "NO=") ends at the last ':' or '=' */
	for (size_t k = a; k < b; k++)
		if (t[k] == ':' || t[k] == '=')
			a = k + 1;
	/* the last word */
	while (b > a && t[b - 1] == SEP)
		b--;
	for (size_t k = b; k > a; k--)
		if (t[k - 1] == SEP) {
			a = k;
			break;
		}
	if (a == b)
		return INV_SCAN_EMPTY;
	if (b - a > INV_NUMBER_MAX)
		return INV_SCAN_TOO_LONG;
	for (size_t k = a; k < b; k++) {
		char c = t[k];

		if (!number_char(c)) {
			out[0] = '\0';
			return INV_SCAN_BAD;
		}
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			alnum = true;
		out[k - a] = c;
	}
	out[b - a] = '\0';
	if (!alnum) {
		out[0] = '\0';
		return INV_SCAN_BAD;
	}
	return INV_SCAN_OK;
}

const char *inv_scan_err_zh(enum inv_scan_err e)
{
	switch (e) {
	case INV_SCAN_OK:
		return "成功";
	case INV_SCAN_EMPTY:
		return "未读到载体编号";
	case INV_SCAN_TOO_LONG:
		return "输入过长，不是载体编号";
	case INV_SCAN_BAD:
		return "载体编号只含字母、数字和 - _ .";
	}
	return "未知错误";
}

const char *inv_scan_err_en(enum inv_scan_err e)
{
	switch (e) {
	case INV_SCAN_OK:
		return "ok";
	case INV_SCAN_EMPTY:
		return "no carrier number read";
	case INV_SCAN_TOO_LONG:
		return "too long for a carrier number";
	case INV_SCAN_BAD:
		return "a carrier number holds only letters, digits and - _ .";
	}
	return "unknown error";
}

/* ---- campaigns ---- */

static const char *const kind_codes[INV_KIND_COUNT] = {"annual", "emergency"};
static const char *const kind_zh[INV_KIND_COUNT] = {"年度清查", "应急清点"};

const char *inv_kind_code(enum inv_kind k)
{
	return (unsigned)k < INV_KIND_COUNT ? kind_codes[k] : "";
}

const char *inv_kind_zh(enum inv_kind k)
{
	return (unsigned)k < INV_KIND_COUNT ? kind_zh[k] : "";
}

int inv_kind_parse(const char *s, enum inv_kind *out)
{
	for (int k = 0; s && k < INV_KIND_COUNT; k++)
		if (strcmp(s, kind_codes[k]) == 0 || strcmp(s, kind_zh[k]) == 0) {
			*out = (enum inv_kind)k;
			return 0;
		}
	return -1;
}

bool inv_away_state(enum carrier_state st)
{
	return st == CS_BORROWED || st == CS_CIRCULATING || st == CS_TAKEN_OUT ||
	       st == CS_IN_REPAIR;
}

static bool held_state(enum carrier_state st)
{
	return st == CS_IN_CUSTODY || inv_away_state(st);
}

bool inv_expected(const struct inv_scope *s, int64_t dept, const char *location,
                  enum carrier_type t, enum carrier_state st)
{
	if (!held_state(st))
		return false;
	if (s->department_id && s->department_id != dept)
		return false;
	if (s->types && ((unsigned)t >= 32 || !(s->types & (1u << t))))
		return false;
	if (s->location && s->location[0] &&
	    strncmp(location ? location : "", s->location, strlen(s->location)) != 0)
		return false;
	return true;
}

static const char *const status_codes[INV_STATUS_COUNT] = {
    "found", "wrong_place", "missing", "away", "elsewhere", "disposed", "unknown"};
static const char *const status_zh[INV_STATUS_COUNT] = {
    "已清点", "位置不符", "缺失", "在外（有登记）", "登记在范围外", "已注销仍在", "台账无此载体"};
static const char *const status_en[INV_STATUS_COUNT] = {"found",
                                                        "wrong place",
                                                        "missing",
                                                        "away on record",
                                                        "registered elsewhere",
                                                        "disposed on record",
                                                        "not in the ledger"};

const char *inv_status_code(enum inv_status s)
{
	return (unsigned)s < INV_STATUS_COUNT ? status_codes[s] : "";
}

const char *inv_status_zh(enum inv_status s)
{
	return (unsigned)s < INV_STATUS_COUNT ? status_zh[s] : "";
}

const char *inv_status_en(enum inv_status s)
{
	return (unsigned)s < INV_STATUS_COUNT ? status_en[s] : "";
}

bool inv_status_is_difference(enum inv_status s)
{
	return s != INV_FOUND && s != INV_AWAY;
}

/* ---- reconciliation ---- */

/* Whether two places differ, blanks at the ends aside. */
static bool place_differs(const char *reg, const char *found)
{
	size_t a, b;

	reg = reg ? reg : "";
	found = found ? found : "";
	while (*reg == ' ' || *reg == '\t')
		reg++;
	while (*found == ' ' || *found == '\t')
		found++;
	a = strlen(reg);
	b = strlen(found);
	while (a && (reg[a - 1] == ' ' || reg[a - 1] == '\t'))
		a--;
	while (b && (found[b - 1] == ' ' || found[b - 1] == '\t'))
		b--;
	if (!a || !b)
		return false; /* no place on record, or none said: nothing to compare */
	return a != b || memcmp(reg, found, a) != 0;
}

struct sort_ctx {
	const struct inv_carrier *expected;
	const struct inv_scan *scans;
};

/* qsort has no context argument: the arrays compared are passed through these */
static _Thread_local struct sort_ctx sctx;

static int cmp_expected(const void *x, const void *y)
{
	int64_t a = sctx.expected[*(const size_t *)x].id, b = sctx.expected[*(const size_t *)y].id;

	return a < b ? -1 : a > b;
}

/* unexpected scans: by carrier id, then number for those not on the ledger, then scan order */
static int cmp_unexpected(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct inv_scan *a = &sctx.scans[i], *b = &sctx.scans[j];
	int c;

	if (a->carrier_id != b->carrier_id)
		return a->carrier_id < b->carrier_id ? -1 : 1;
	if (!a->carrier_id) {
		c = strcmp(a->number ? a->number : "", b->number ? b->number : "");
		if (c)
			return c;
	}
	return i < j ? -1 : i > j;
}

static bool same_unexpected(const struct inv_scan *a, const struct inv_scan *b)
{
	if (a->carrier_id != b->carrier_id)
		return false;
	return a->carrier_id || strcmp(a->number ? a->number : "", b->number ? b->number : "") == 0;
}

/* groups of unexpected scans: by their first scan */
static int cmp_first(const void *x, const void *y)
{
	const size_t *a = x, *b = y;

	return a[0] < b[0] ? -1 : a[0] > b[0];
}

size_t inv_reconcile(const struct inv_carrier *expected, size_t ne, const struct inv_scan *scans,
                     size_t ns, struct inv_line *out, struct inv_tally *t)
{
	size_t *eidx = NULL, *uidx = NULL, *groups = NULL, nu = 0, ng = 0, nout = ne;

	memset(t, 0, sizeof(*t));
	t->expected = (int64_t)ne;
	t->scans = (int64_t)ns;
	eidx = malloc((ne + 1) * sizeof(*eidx));
	uidx = malloc((ns + 1) * sizeof(*uidx));
	groups = malloc((ns + 1) * 3 * sizeof(*groups));
	if (!eidx || !uidx || !groups) {
		nout = (size_t)-1;
		goto out;
	}
	for (size_t i = 0; i < ne; i++) {
		eidx[i] = i;
		out[i] = (struct inv_line){expected[i].id, NULL, INV_MISSING, SIZE_MAX, 0};
	}
	sctx.expected = expected;
	sctx.scans = scans;
	qsort(eidx, ne, sizeof(*eidx), cmp_expected);
	for (size_t i = 0; i < ns; i++) {
		const struct inv_scan *s = &scans[i];
		size_t lo = 0, hi = ne;

		if (s->carrier_id && s->expected) {
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (expected[eidx[mid]].id < s->carrier_id)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < ne && expected[eidx[lo]].id == s->carrier_id) {
				struct inv_line *l = &out[eidx[lo]];

				l->scan = i;
				l->number = s->number;
				l->nscans++;
				continue;
			}
		}
		uidx[nu++] = i;
	}
	for (size_t i = 0; i < ne; i++) {
		struct inv_line *l = &out[i];

		if (l->nscans)
			l->status = place_differs(expected[i].location, scans[l->scan].where)
			                ? INV_WRONG_PLACE
			                : INV_FOUND;
		else
			l->status = inv_away_state(expected[i].state) ? INV_AWAY : INV_MISSING;
	}
	/* the unexpected, one line per carrier or number: (first scan, last scan, count) */
	qsort(uidx, nu, sizeof(*uidx), cmp_unexpected);
	for (size_t i = 0; i < nu;) {
		size_t j = i + 1;

		while (j < nu && same_unexpected(&scans[uidx[i]], &scans[uidx[j]]))
			j++;
		groups[3 * ng] = uidx[i];
		groups[3 * ng + 1] = uidx[j - 1];
		groups[3 * ng + 2] = j - i;
		ng++;
		i = j;
	}
	qsort(groups, ng, 3 * sizeof(*groups), cmp_first);
	for (size_t g = 0; g < ng; g++) {
		const struct inv_scan *s = &scans[groups[3 * g + 1]];
		enum inv_status st = !s->carrier_id ? INV_UNKNOWN
		                     : s->disposed  ? INV_DISPOSED
		                                    : INV_ELSEWHERE;

		out[nout++] = (struct inv_line){s->carrier_id, s->number, st, groups[3 * g + 1],
		                                (int)groups[3 * g + 2]};
	}
	for (size_t i = 0; i < nout; i++)
		t->n[out[i].status]++;
out:
	free(eidx);
	free(uidx);
	free(groups);
	return nout;
}
