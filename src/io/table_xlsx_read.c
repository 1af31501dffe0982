/*
 * table_xlsx_read — one worksheet of an XLSX workbook (the first, or one
 * named) as rows of text.
 *
 * The parts are found the way OPC says: _rels/.rels names the workbook, the
 * workbook's first <sheet> (or the one of the name asked for) names a
 * relationship, and the workbook's .rels
 * turns it into a part name, next to the shared strings and styles.  Small
 * parts are inflated whole (TABLE_MAX_INPUT); the worksheet streams from the
 * inflater into expat, so its size costs time, not memory.  XML is parsed
 * with namespaces and matched on local names (transitional and strict
 * OOXML, prefixed or not); a DOCTYPE is refused, so no entity is expanded.
 */
#include "table_int.h"

#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PATH_MAX_LEN 512
#define MAX_CUSTOM_FMTS 4096
#define MAX_XFS 65536
#define MAX_SHARED_STRINGS 16000000u

enum fmt_kind {
	FMT_PLAIN = 0,
	FMT_DATE,
	FMT_DATETIME,
	FMT_TIME,
};

/* What every part parser shares: the parser, its outcome, where to report. */
struct part {
	XML_Parser p;
	enum table_err rc;
	struct table_error *err;
	int line; /* worksheet only: the row being read, for XML errors */
};

static const char *lname(const char *n)
{
	const char *s = strrchr(n, '|');

	return s ? s + 1 : n;
}

/* Attribute by local name; ns 1 wants a namespaced one (r:id), 0 a plain one. */
static const char *attr(const char **atts, const char *local, int ns)
{
	for (int i = 0; atts[i]; i += 2) {
		const char *bar = strrchr(atts[i], '|');

		if (ns && bar && strcmp(bar + 1, local) == 0)
			return atts[i + 1];
		if (!ns && !bar && strcmp(atts[i], local) == 0)
			return atts[i + 1];
	}
	return NULL;
}

static void stop(struct part *pt, enum table_err rc)
{
	if (!pt->rc)
		pt->rc = rc;
	XML_StopParser(pt->p, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
	struct part *pt = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	table_set_error(pt->err, 0, "xlsx 中不允许 DTD DTDs are not allowed in xlsx parts");
	stop(pt, TABLE_BAD_FORMAT);
}

static enum table_err part_begin(struct part *pt, struct table_error *err,
                                 XML_StartElementHandler s, XML_EndElementHandler e,
                                 XML_CharacterDataHandler c)
{
	pt->rc = TABLE_OK;
	pt->err = err;
	pt->p = XML_ParserCreateNS(NULL, '|');
	if (!pt->p)
		return TABLE_NOMEM;
	XML_SetUserData(pt->p, pt);
	XML_SetElementHandler(pt->p, s, e);
	if (c)
		XML_SetCharacterDataHandler(pt->p, c);
	XML_SetStartDoctypeDeclHandler(pt->p, on_doctype);
	return TABLE_OK;
}

/* Feeds bytes; on an XML error records TABLE_BAD_FORMAT naming the part. */
static int part_feed(struct part *pt, const char *name, const char *p, size_t n, int last)
{
	int line;

	while (!pt->rc) {
		int k = n > (1u << 30) ? 1 << 30 : (int)n;

		if (XML_Parse(pt->p, p, k, last && (size_t)k == n) == XML_STATUS_ERROR) {
			const char *why = XML_ErrorString(XML_GetErrorCode(pt->p));

			if (pt->rc)
				return 1;
			line = pt->line;
			if (line)
				table_set_error(pt->err, line,
				                "第 %d 行附近：工作表 XML 损坏（%s） near line %d: "
				                "damaged worksheet XML (%s)",
				                line, why, line, why);
			else
				table_set_error(pt->err, 0,
				                "%s 的 XML 损坏（%s） %s: damaged XML (%s)", name,
				                why, name, why);
			pt->rc = TABLE_BAD_FORMAT;
			return 1;
		}
		p += k;
		n -= (size_t)k;
		if (n == 0)
			break;
	}
	return pt->rc != TABLE_OK;
}

static void part_end(struct part *pt)
{
	if (pt->p)
		XML_ParserFree(pt->p);
	pt->p = NULL;
}

/* Parses a whole in-memory part. */
static enum table_err parse_whole(struct part *pt, const char *name, const char *data, size_t len)
{
	part_feed(pt, name, data, len, 1);
	return pt->rc;
}

/* ---- paths ---- */

/* Joins dir and target (relative, or absolute from the package root) and folds . and .. */
static int resolve(const char *dir, const char *target, char out[PATH_MAX_LEN])
{
	char tmp[PATH_MAX_LEN];
	size_t o = 0;
	const char *seg;

	if (target[0] == '/')
		target++, dir = "";
	if (snprintf(tmp, sizeof(tmp), "%s%s", dir, target) >= (int)sizeof(tmp))
		return -1;
	out[0] = '\0';
	for (seg = tmp; *seg;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);

		if (n == 0 || (n == 1 && seg[0] == '.')) {
			/* skip */
		} else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			while (o > 0 && out[o - 1] != '/')
				o--;
			out[o] = '\0';
		} else {
			if (o + n + 2 > PATH_MAX_LEN)
				return -1;
			memcpy(out + o, seg, n);
			o += n;
			if (end)
				out[o++] = '/';
			out[o] = '\0';
		}
		seg = end ? end + 1 : seg + n;
	}
	return o ? 0 : -1;
}

/* ---- relationships ---- */

struct rels {
	struct part pt;
	const char *want_id;
	char target[PATH_MAX_LEN];
	char first_sheet[PATH_MAX_LEN];
	char office[PATH_MAX_LEN];
	char strings[PATH_MAX_LEN];
	char styles[PATH_MAX_LEN];
};

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void copy_path(char dst[PATH_MAX_LEN], const char *src)
{
	if (!dst[0] && strlen(src) < PATH_MAX_LEN)
		strcpy(dst, src);
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels *r = ud;
	const char *id, *type, *target, *mode;

	if (strcmp(lname(name), "Relationship") != 0)
		return;
	id = attr(atts, "Id", 0);
	type = attr(atts, "Type", 0);
	target = attr(atts, "Target", 0);
	mode = attr(atts, "TargetMode", 0);
	if (!type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (r->want_id && id && strcmp(id, r->want_id) == 0)
		copy_path(r->target, target);
	if (ends_with(type, "/worksheet"))
		copy_path(r->first_sheet, target);
	else if (ends_with(type, "/officeDocument"))
		copy_path(r->office, target);
	else if (ends_with(type, "/sharedStrings"))
		copy_path(r->strings, target);
	else if (ends_with(type, "/styles"))
		copy_path(r->styles, target);
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

static enum table_err read_rels(const struct table_zip *z, const char *name, struct rels *r,
                                struct table_error *err)
{
	char *data;
	size_t len;
	enum table_err rc;

	rc = table_zip_read(z, name, &data, &len, err);
	if (rc || !data)
		return rc;
	rc = part_begin(&r->pt, err, rels_start, no_end, NULL);
	if (!rc)
		rc = parse_whole(&r->pt, name, data, len);
	part_end(&r->pt);
	free(data);
	return rc;
}

/* ---- workbook ---- */

struct workbook {
	struct part pt;
	const char *want; /* the sheet's name; NULL: the first */
	char sheet_rid[256];
	int have_sheet;
	int date1904;
};

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct workbook *w = ud;
	const char *n = lname(name), *v;

	if (strcmp(n, "sheet") == 0 && !w->have_sheet) {
		v = attr(atts, "name", 0);
		if (w->want && (!v || strcmp(v, w->want) != 0))
			return;
		w->have_sheet = 1;
		v = attr(atts, "id", 1);
		if (v && strlen(v) < sizeof(w->sheet_rid))
			strcpy(w->sheet_rid, v);
	} else if (strcmp(n, "workbookPr") == 0) {
		v = attr(atts, "date1904", 0);
		w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	}
}

/* ---- styles: which cell formats show dates ---- */

struct styles {
	struct part pt;
	int in_numfmts, in_cellxfs;
	unsigned custom_id[MAX_CUSTOM_FMTS];
	unsigned char custom_kind[MAX_CUSTOM_FMTS];
	int ncustom;
	unsigned char *xf_kind; /* MAX_XFS entries */
	int nxf;
};

static enum fmt_kind builtin_kind(unsigned id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 54) || id == 57 || id == 58)
		return FMT_DATE;
	if (id == 22)
		return FMT_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) ||
	    id == 55 || id == 56)
		return FMT_TIME;
	return FMT_PLAIN;
}

/* Classifies a format code by its date and time letters outside literals. */
static enum fmt_kind code_kind(const char *c)
{
	int y = 0, m = 0, d = 0, h = 0, s = 0;

	for (; *c; c++) {
		switch (*c) {
		case '"':
			c = strchr(c + 1, '"');
			if (!c)
				goto done;
			break;
		case '\\':
		case '_':
		case '*':
			if (!*++c)
				goto done;
			break;
		case '[': {
			const char *e = strchr(c, ']');

			if (!e)
				goto done;
			/* [h] [mm] [ss]: elapsed time; [Red], [$-804] ...: ignored */
			if (c[1] == 'h' || c[1] == 'H' || c[1] == 's' || c[1] == 'S')
				h = 1;
			c = e;
			break;
		}
		case 'y':
		case 'Y':
			y = 1;
			break;
		case 'd':
		case 'D':
			d = 1;
			break;
		case 'm':
		case 'M':
			m = 1;
			break;
		case 'h':
		case 'H':
			h = 1;
			break;
		case 's':
		case 'S':
			s = 1;
			break;
		case 'A':
		case 'a':
			if (strncasecmp(c, "AM/PM", 5) == 0)
				c += 4, h = 1;
			else if (strncasecmp(c, "A/P", 3) == 0)
				c += 2, h = 1;
			break;
		default:
			break;
		}
	}
done:
	if (y || d || (m && !h && !s))
		return (h || s) ? FMT_DATETIME : FMT_DATE;
	if (h || s)
		return FMT_TIME;
	return FMT_PLAIN;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct styles *st = ud;
	const char *n = lname(name);
	unsigned long id;

	if (strcmp(n, "numFmts") == 0) {
		st->in_numfmts = 1;
	} else if (strcmp(n, "cellXfs") == 0) {
		st->in_cellxfs = 1;
	} else if (st->in_numfmts && strcmp(n, "numFmt") == 0) {
		const char *code = attr(atts, "formatCode", 0);

		if (code && !parse_uint(attr(atts, "numFmtId", 0), 0xffffffffu, &id) &&
		    st->ncustom < MAX_CUSTOM_FMTS) {
			st->custom_id[st->ncustom] = (unsigned)id;
			st->custom_kind[st->ncustom] = (unsigned char)code_kind(code);
			st->ncustom++;
		}
	} else if (st->in_cellxfs && strcmp(n, "xf") == 0 && st->nxf < MAX_XFS) {
		enum fmt_kind k = FMT_PLAIN;

		if (!parse_uint(attr(atts, "numFmtId", 0), 0xffffffffu, &id)) {
			k = builtin_kind((unsigned)id);
			/* A custom format may redefine an id; the last definition wins. */
			for (int i = 0; i < st->ncustom; i++)
				if (st->custom_id[i] == id)
					k = (enum fmt_kind)st->custom_kind[i];
		}
		st->xf_kind[st->nxf++] = (unsigned char)k;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct styles *st = ud;
	const char *n = lname(name);

	if (strcmp(n, "numFmts") == 0)
		st->in_numfmts = 0;
	else if (strcmp(n, "cellXfs") == 0)
		st->in_cellxfs = 0;
}

/* ---- shared strings ---- */

/* Decodes Excel's _xHHHH_ escapes in place; returns the new length. */
static size_t unescape_x(char *s, size_t n)
{
	size_t i = 0, o = 0;

	while (i < n) {
		unsigned long cp = 0;
		int ok = 0;

		if (s[i] == '_' && n - i >= 7 && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
		    s[i + 6] == '_') {
			ok = 1;
			for (int k = 2; k < 6; k++) {
				char c = s[i + k];
				int v = c >= '0' && c <= '9'   ? c - '0'
				        : c >= 'a' && c <= 'f' ? c - 'a' + 10
				        : c >= 'A' && c <= 'F' ? c - 'A' + 10
				                               : -1;
				if (v < 0)
					ok = 0;
				cp = cp * 16 + (unsigned long)(v < 0 ? 0 : v);
			}
			if (cp >= 0xd800 && cp <= 0xdfff)
				ok = 0;
		}
		if (!ok) {
			s[o++] = s[i++];
			continue;
		}
		i += 7;
		if (cp == 0) {
			/* dropped: cells are C strings */
		} else if (cp < 0x80) {
			s[o++] = (char)cp;
		} else if (cp < 0x800) {
			s[o++] = (char)(0xc0 | (cp >> 6));
			s[o++] = (char)(0x80 | (cp & 0x3f));
		} else {
			s[o++] = (char)(0xe0 | (cp >> 12));
			s[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			s[o++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	return o;
}

struct strings {
	struct part pt;
	struct buf text; /* each string followed by a NUL */
	uint32_t *off;
	size_t n, cap;
	int in_si, in_t, in_rph;
	size_t si_start;
};

static void XMLCALL ss_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct strings *ss = ud;
	const char *n = lname(name);

	(void)atts;
	if (strcmp(n, "si") == 0) {
		ss->in_si = 1;
		ss->in_rph = 0;
		ss->si_start = ss->text.len;
	} else if (ss->in_si && strcmp(n, "rPh") == 0) {
		ss->in_rph++;
	} else if (ss->in_si && !ss->in_rph && strcmp(n, "t") == 0) {
		ss->in_t = 1;
	}
}

static void XMLCALL ss_chars(void *ud, const XML_Char *s, int len)
{
	struct strings *ss = ud;

	if (ss->in_t && buf_append(&ss->text, s, (size_t)len)) {
		table_set_error(ss->pt.err, 0, "共享字符串过大 shared strings too big");
		stop(&ss->pt, TABLE_TOO_BIG);
	}
}

static void XMLCALL ss_end(void *ud, const XML_Char *name)
{
	struct strings *ss = ud;
	const char *n = lname(name);

	if (strcmp(n, "t") == 0) {
		ss->in_t = 0;
	} else if (strcmp(n, "rPh") == 0 && ss->in_rph) {
		ss->in_rph--;
	} else if (strcmp(n, "si") == 0 && ss->in_si) {
		size_t len = ss->text.len - ss->si_start;

		ss->in_si = 0;
		if (ss->n == ss->cap) {
			size_t ncap = ss->cap ? ss->cap * 2 : 1024;
			uint32_t *p;

			if (ss->cap >= MAX_SHARED_STRINGS) {
				table_set_error(ss->pt.err, 0,
				                "共享字符串过多 too many shared strings");
				stop(&ss->pt, TABLE_TOO_BIG);
				return;
			}
			p = realloc(ss->off, ncap * sizeof(*p));
			if (!p) {
				stop(&ss->pt, TABLE_NOMEM);
				return;
			}
			ss->off = p;
			ss->cap = ncap;
		}
		if (len)
			len = unescape_x(ss->text.ptr + ss->si_start, len);
		ss->text.len = ss->si_start + len;
		if (buf_append(&ss->text, "", 1)) {
			stop(&ss->pt, TABLE_TOO_BIG);
			return;
		}
		ss->off[ss->n++] = (uint32_t)ss->si_start;
	}
}

/* ---- the worksheet ---- */

struct sheet {
	struct part pt;
	const struct strings *ss;
	const struct styles *st;
	int date1904;
	int (*cb)(const struct table_row *row, void *arg);
	void *arg;
	struct table_rowbuf row;
	struct buf val;
	int line, prev_line, in_row;
	int col, prev_col;
	char type[16];
	unsigned long style;
	int in_v, in_is, in_t, in_rph;
};

static void cell_ref(const struct sheet *sh, char out[24])
{
	char c[8];

	table_col_name(sh->col, c);
	snprintf(out, 24, "%s%d", c, sh->line);
}

static void sheet_fail(struct sheet *sh, enum table_err rc, const char *zh, const char *en)
{
	char ref[24];

	cell_ref(sh, ref);
	table_set_error(sh->pt.err, sh->line, "第 %d 行 %s 单元格：%s line %d, cell %s: %s",
	                sh->line, ref, zh, sh->line, ref, en);
	stop(&sh->pt, rc);
}

/* "C12" → column 2; -1 when the reference is malformed. */
static int parse_col(const char *r)
{
	int col = 0, n = 0;

	for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++) {
		if (++n > 3)
			return -1;
		col = col * 26 + ((*r | 0x20) - 'a' + 1);
	}
	if (n == 0 || col > 16384)
		return -1;
	return col - 1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet *sh = ud;
	const char *n = lname(name), *v;
	unsigned long num;

	if (strcmp(n, "row") == 0) {
		v = attr(atts, "r", 0);
		if (v) {
			if (parse_uint(v, 1048576, &num) || num == 0) {
				sh->line = sh->prev_line + 1;
				sh->col = 0;
				sheet_fail(sh, TABLE_BAD_FORMAT, "行号无效", "invalid row number");
				return;
			}
			sh->line = (int)num;
		} else {
			sh->line = sh->prev_line + 1;
		}
		if (sh->line <= sh->prev_line) {
			table_set_error(sh->pt.err, sh->line,
			                "第 %d 行：行的顺序错误 line %d: rows out of order",
			                sh->line, sh->line);
			stop(&sh->pt, TABLE_BAD_FORMAT);
			return;
		}
		sh->in_row = 1;
		sh->pt.line = sh->line;
		sh->prev_col = -1;
		table_rowbuf_reset(&sh->row);
	} else if (sh->in_row && strcmp(n, "c") == 0) {
		v = attr(atts, "r", 0);
		sh->col = v ? parse_col(v) : sh->prev_col + 1;
		if (sh->col < 0) {
			sh->col = sh->prev_col + 1;
			sheet_fail(sh, TABLE_BAD_FORMAT, "单元格引用无效",
			           "invalid cell reference");
			return;
		}
		if (sh->col <= sh->prev_col) {
			sheet_fail(sh, TABLE_BAD_FORMAT, "单元格顺序错误", "cells out of order");
			return;
		}
		v = attr(atts, "t", 0);
		snprintf(sh->type, sizeof(sh->type), "%s", v ? v : "n");
		if (parse_uint(attr(atts, "s", 0), MAX_XFS, &sh->style))
			sh->style = 0;
		buf_reset(&sh->val);
		sh->in_v = sh->in_is = sh->in_t = sh->in_rph = 0;
	} else if (sh->in_row && strcmp(n, "v") == 0) {
		sh->in_v = 1;
	} else if (sh->in_row && strcmp(n, "is") == 0) {
		sh->in_is = 1;
	} else if (sh->in_is && strcmp(n, "rPh") == 0) {
		sh->in_rph++;
	} else if (sh->in_is && !sh->in_rph && strcmp(n, "t") == 0) {
		sh->in_t = 1;
	}
}

static void XMLCALL sheet_chars(void *ud, const XML_Char *s, int len)
{
	struct sheet *sh = ud;

	if (!(sh->in_v || (sh->in_is && sh->in_t)))
		return;
	if (buf_append(&sh->val, s, (size_t)len)) {
		char msg[64];

		snprintf(msg, sizeof(msg), "cell over %zu bytes", TABLE_MAX_CELL);
		sheet_fail(sh, TABLE_TOO_BIG, "单元格内容过长", msg);
	}
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(long long z, int *y, unsigned *m, unsigned *d)
{
	long long era, yy;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

/* An Excel serial number as text for a date/time format; -1 if out of range. */
static int serial_text(double v, enum fmt_kind kind, int date1904, char *out, size_t outsz)
{
	long long total, days;
	long secs;
	int y;
	unsigned m, d;

	if (!(v >= 0 && v < 2958466.0))
		return -1;
	total = llround(v * 86400.0);
	days = total / 86400;
	secs = (long)(total % 86400);
	if (date1904)
		days += 1462;
	if (days == 60) {
		y = 1900, m = 2, d = 29; /* Excel's phantom leap day */
	} else {
		civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
	}
	if (kind == FMT_TIME && days == 0)
		snprintf(out, outsz, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	else if (kind == FMT_DATETIME || (kind == FMT_TIME && secs))
		snprintf(out, outsz, "%04d-%02u-%02u %02ld:%02ld:%02ld", y, m, d, secs / 3600,
		         secs / 60 % 60, secs % 60);
	else
		snprintf(out, outsz, "%04d-%02u-%02u", y, m, d);
	return 0;
}

/* A number as Excel shows it in General format: at most 15 significant digits. */
static int number_text(const char *s, char *out, size_t outsz, double *val)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !isfinite(v))
		return -1;
	*val = v;
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, outsz, "%.0f", v == 0 ? 0.0 : v);
	else
		snprintf(out, outsz, "%.15g", v);
	return 0;
}

/* "2024-05-01T00:00:00" (t="d") → "2024-05-01", else date and time with a space. */
static size_t iso_text(char *s, size_t n)
{
	size_t i;

	if (n >= 19 && s[10] == 'T' && strncmp(s + 11, "00:00:00", 8) == 0)
		return 10;
	for (i = 0; i < n; i++) {
		if (s[i] == 'T')
			s[i] = ' ';
		if (i >= 19 && (s[i] == '.' || s[i] == 'Z' || s[i] == '+'))
			return i;
	}
	return n;
}

static void finish_cell(struct sheet *sh)
{
	char num[64];
	const char *t = sh->type, *out = sh->val.len ? sh->val.ptr : "";
	size_t len = sh->val.len;
	unsigned long idx;
	double v;
	enum table_err rc;

	if (strcmp(t, "s") == 0) {
		if (len == 0)
			return;
		if (parse_uint(sh->val.ptr, 0xffffffffu, &idx) || idx >= sh->ss->n) {
			sheet_fail(sh, TABLE_BAD_FORMAT, "共享字符串编号无效",
			           "invalid shared string index");
			return;
		}
		out = sh->ss->text.ptr + sh->ss->off[idx];
		len = strlen(out);
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		len = len ? unescape_x(sh->val.ptr, len) : 0;
	} else if (strcmp(t, "b") == 0) {
		if (len) {
			out = strcmp(sh->val.ptr, "1") == 0 ? "TRUE" : "FALSE";
			len = strlen(out);
		}
	} else if (strcmp(t, "d") == 0) {
		len = len ? iso_text(sh->val.ptr, len) : 0;
	} else if (strcmp(t, "e") != 0 && len) {
		/* a number, possibly shown as a date */
		if (number_text(sh->val.ptr, num, sizeof(num), &v) == 0) {
			enum fmt_kind k = FMT_PLAIN;

			if (sh->style < (unsigned long)sh->st->nxf)
				k = (enum fmt_kind)sh->st->xf_kind[sh->style];
			/* out of a date's range: stays a number */
			if (k != FMT_PLAIN)
				(void)serial_text(v, k, sh->date1904, num, sizeof(num));
			out = num;
			len = strlen(num);
		}
	}
	if (len == 0)
		return;
	if (len > TABLE_MAX_CELL) {
		char msg[64];

		snprintf(msg, sizeof(msg), "cell over %zu bytes", TABLE_MAX_CELL);
		sheet_fail(sh, TABLE_TOO_BIG, "单元格内容过长", msg);
		return;
	}
	if (sh->col >= TABLE_MAX_COLS) {
		char msg[64], zh[64];

		snprintf(zh, sizeof(zh), "超过 %d 列", TABLE_MAX_COLS);
		snprintf(msg, sizeof(msg), "more than %d columns", TABLE_MAX_COLS);
		sheet_fail(sh, TABLE_TOO_BIG, zh, msg);
		return;
	}
	rc = table_rowbuf_put(&sh->row, sh->col, out, len);
	if (rc)
		sheet_fail(sh, rc, "内存不足", "out of memory");
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct sheet *sh = ud;
	const char *n = lname(name);

	if (!sh->in_row)
		return;
	if (strcmp(n, "v") == 0) {
		sh->in_v = 0;
	} else if (strcmp(n, "t") == 0) {
		sh->in_t = 0;
	} else if (strcmp(n, "rPh") == 0 && sh->in_rph) {
		sh->in_rph--;
	} else if (strcmp(n, "is") == 0) {
		sh->in_is = 0;
	} else if (strcmp(n, "c") == 0) {
		sh->prev_col = sh->col;
		finish_cell(sh);
	} else if (strcmp(n, "row") == 0) {
		sh->in_row = 0;
		sh->prev_line = sh->line;
		sh->pt.line = sh->line < TABLE_MAX_ROWS * 2 ? sh->line + 1 : sh->line;
		if (sh->row.last < 0)
			return;
		if (sh->line > TABLE_MAX_ROWS) {
			table_set_error(sh->pt.err, sh->line,
			                "第 %d 行：超过 %d 行上限 line %d: more than %d rows",
			                sh->line, TABLE_MAX_ROWS, sh->line, TABLE_MAX_ROWS);
			stop(&sh->pt, TABLE_TOO_BIG);
			return;
		}
		if (table_rowbuf_emit(&sh->row, sh->line, sh->cb, sh->arg)) {
			table_set_error(sh->pt.err, sh->line, "第 %d 行：已中止 line %d: stopped",
			                sh->line, sh->line);
			stop(&sh->pt, TABLE_STOPPED);
		}
	}
}

static int sheet_sink(void *ud, const char *p, size_t n, int last)
{
	struct sheet *sh = ud;

	return part_feed(&sh->pt, "worksheet", p, n, last);
}

/* ---- the whole ---- */

static void dir_of(const char *path, char out[PATH_MAX_LEN])
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) + 1 : 0;

	memcpy(out, path, n);
	out[n] = '\0';
}

static enum table_err not_workbook(struct table_error *err)
{
	table_set_error(err, 0,
	                "不是 Excel 工作簿（.xlsx），请另存为 .xlsx 或 CSV not an Excel "
	                "workbook (.xlsx): save it as .xlsx or CSV");
	return TABLE_BAD_FORMAT;
}

enum table_err table_read_xlsx(const void *buf, size_t len,
                               int (*cb)(const struct table_row *row, void *arg), void *arg,
                               struct table_error *err)
{
	return table_read_xlsx_sheet(buf, len, NULL, cb, arg, err);
}

enum table_err table_read_xlsx_sheet(const void *buf, size_t len, const char *sheet,
                                     int (*cb)(const struct table_row *row, void *arg), void *arg,
                                     struct table_error *err)
{
	struct table_zip z;
	struct rels *rl = NULL;
	struct workbook wb;
	struct styles *st = NULL;
	struct strings ss;
	struct sheet *sh = NULL;
	char wb_path[PATH_MAX_LEN], dir[PATH_MAX_LEN], rels_path[PATH_MAX_LEN];
	char sheet_path[PATH_MAX_LEN], path[PATH_MAX_LEN];
	char *data = NULL;
	size_t dlen;
	int found;
	enum table_err rc;

	memset(&wb, 0, sizeof(wb));
	wb.want = sheet;
	memset(&ss, 0, sizeof(ss));
	buf_init(&ss.text, 2 * TABLE_MAX_INPUT);
	if (err) {
		err->line = 0;
		err->message[0] = '\0';
	}
	rc = table_zip_open(&z, buf, len, err);
	if (rc)
		goto out;
	rl = calloc(1, sizeof(*rl));
	st = calloc(1, sizeof(*st));
	sh = calloc(1, sizeof(*sh));
	if (!rl || !st || !sh || !(st->xf_kind = calloc(MAX_XFS, 1))) {
		rc = TABLE_NOMEM;
		goto out;
	}

	/* The workbook part, through the package relationships. */
	rc = read_rels(&z, "_rels/.rels", rl, err);
	if (rc)
		goto out;
	if (!rl->office[0] || resolve("", rl->office, wb_path))
		strcpy(wb_path, "xl/workbook.xml");
	rc = table_zip_read(&z, wb_path, &data, &dlen, err);
	if (rc)
		goto out;
	if (!data) {
		rc = not_workbook(err);
		goto out;
	}
	rc = part_begin(&wb.pt, err, wb_start, no_end, NULL);
	if (!rc)
		rc = parse_whole(&wb.pt, wb_path, data, dlen);
	part_end(&wb.pt);
	free(data);
	data = NULL;
	if (rc)
		goto out;
	if (sheet && !wb.have_sheet) {
		table_set_error(err, 0, "工作簿中没有该工作表 no such sheet in the workbook");
		rc = TABLE_BAD_FORMAT;
		goto out;
	}

	/* The workbook's relationships: the sheet, shared strings, styles. */
	dir_of(wb_path, dir);
	if (snprintf(rels_path, sizeof(rels_path), "%s_rels/%s.rels", dir, wb_path + strlen(dir)) >=
	    (int)sizeof(rels_path)) {
		rc = not_workbook(err);
		goto out;
	}
	memset(rl, 0, sizeof(*rl));
	rl->want_id = wb.sheet_rid[0] ? wb.sheet_rid : NULL;
	rc = read_rels(&z, rels_path, rl, err);
	if (rc)
		goto out;
	if (sheet && !rl->target[0]) {
		rc = not_workbook(err);
		goto out;
	}
	if (rl->target[0]        ? resolve(dir, rl->target, sheet_path)
	    : rl->first_sheet[0] ? resolve(dir, rl->first_sheet, sheet_path)
	                         : resolve(dir, "worksheets/sheet1.xml", sheet_path)) {
		rc = not_workbook(err);
		goto out;
	}

	/* Styles, for the cells that show dates. */
	if (resolve(dir, rl->styles[0] ? rl->styles : "styles.xml", path) == 0) {
		rc = table_zip_read(&z, path, &data, &dlen, err);
		if (!rc && data) {
			rc = part_begin(&st->pt, err, styles_start, styles_end, NULL);
			if (!rc)
				rc = parse_whole(&st->pt, path, data, dlen);
			part_end(&st->pt);
		}
		free(data);
		data = NULL;
		if (rc)
			goto out;
	}

	/* Shared strings. */
	if (resolve(dir, rl->strings[0] ? rl->strings : "sharedStrings.xml", path) == 0) {
		rc = table_zip_read(&z, path, &data, &dlen, err);
		if (!rc && data) {
			rc = part_begin(&ss.pt, err, ss_start, ss_end, ss_chars);
			if (!rc)
				rc = parse_whole(&ss.pt, path, data, dlen);
			part_end(&ss.pt);
		}
		free(data);
		data = NULL;
		if (rc)
			goto out;
	}

	/* The sheet, streamed. */
	sh->ss = &ss;
	sh->st = st;
	sh->date1904 = wb.date1904;
	sh->cb = cb;
	sh->arg = arg;
	table_rowbuf_init(&sh->row);
	buf_init(&sh->val, TABLE_MAX_CELL * 8);
	rc = part_begin(&sh->pt, err, sheet_start, sheet_end, sheet_chars);
	sh->pt.line = 1;
	if (!rc) {
		rc = table_zip_stream(&z, sheet_path, TABLE_MAX_SHEET, sheet_sink, sh, &found, err);
		if (rc == TABLE_STOPPED && sh->pt.rc)
			rc = sh->pt.rc;
		if (!rc && !found)
			rc = not_workbook(err);
	}
	part_end(&sh->pt);
	table_rowbuf_release(&sh->row);
	buf_release(&sh->val);
out:
	if (rc == TABLE_NOMEM && err && !err->message[0])
		table_set_error(err, 0, "内存不足 out of memory");
	free(data);
	if (st)
		free(st->xf_kind);
	free(st);
	free(rl);
	free(sh);
	free(ss.off);
	buf_release(&ss.text);
	return rc;
}
