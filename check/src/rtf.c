#include "u8text.h"
#include "rtf.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#define RTF_DEPTH 64    /* group states kept; deeper groups share the deepest */
#define RTF_WORD_MAX 32 /* letters of a control word */
#define RTF_FONTS 64    /* fonts of the font table whose code page is kept */
#define RTF_PENDING 256 /* 8-bit bytes decoded at once */
#define RTF_UC_MAX 16   /* fallback characters after \u that are skipped */

enum rtf_dest {
	RTF_TEXT,    /* the document's text */
	RTF_META,    /* a text field of \info */
	RTF_INFO,    /* \info: its fields are metadata, the rest numbers */
	RTF_SKIP,    /* no text: tables, pictures, field instructions ... */
	RTF_FONTTBL, /* the font table: read for the fonts' code pages */
};

struct rtf_group {
	enum rtf_dest dest;
	unsigned uc; /* fallback characters after \u */
	unsigned cp; /* code page of 8-bit text */
	int star;    /* \* came first: an unknown destination is skipped */
	int first;   /* nothing but \* has come in this group yet */
	int block;   /* a text box: its text is a block of its own */
};

struct rtf {
	struct rtf_group g[RTF_DEPTH];
	unsigned depth, extra; /* extra: groups deeper than RTF_DEPTH */
	unsigned doc_cp;       /* \ansicpg */
	unsigned skip;         /* fallback characters still to skip */
	unsigned long high;    /* a high surrogate waiting for its low half */
	int font_def;          /* the font being defined in the font table */
	int font_num[RTF_FONTS];
	unsigned font_cp[RTF_FONTS];
	size_t nfonts;
	unsigned char pend[RTF_PENDING];
	size_t npend;
	unsigned pend_cp;
	enum rtf_dest pend_dest;
	iconv_t cd;
	unsigned cd_cp;
	struct cbuf *text, *meta;
	enum cbuf_err err; /* of text; meta's cap only cuts it short */
};

int rtf_sniff(const unsigned char *b, size_t n)
{
	return n >= 5 && memcmp(b, "{\\rtf", 5) == 0;
}

static struct rtf_group *cur(struct rtf *r)
{
	return &r->g[r->depth];
}

static struct cbuf *out_of(struct rtf *r, enum rtf_dest d)
{
	return d == RTF_META ? r->meta : d == RTF_TEXT ? r->text : NULL;
}

static void put(struct rtf *r, enum rtf_dest d, const void *s, size_t n)
{
	struct cbuf *o = out_of(r, d);
	enum cbuf_err e;

	if (!o)
		return;
	e = cbuf_append(o, s, n);
	if (e && o == r->text && !r->err)
		r->err = e;
}

static void put_cp(struct rtf *r, enum rtf_dest d, unsigned long cp)
{
	char u[4];
	size_t n = u8t_encode(cp, u);

	put(r, d, u, n);
}

/* The iconv name of a Windows code page; 936 as GB18030 (its superset). */
static void cp_name(unsigned cp, char *name, size_t n)
{
	if (cp == 936 || cp == 54936)
		snprintf(name, n, "GB18030");
	else if (cp == 950)
		snprintf(name, n, "BIG5");
	else if (cp == 65001)
		snprintf(name, n, "UTF-8");
	else
		snprintf(name, n, "CP%u", cp ? cp : 1252);
}

/*
 * Decodes the 8-bit bytes gathered so far into their destination; with
 * keep_tail a character cut at the end stays for the bytes that follow.
 */
static void flush_bytes(struct rtf *r, int keep_tail)
{
	char name[32], buf[RTF_PENDING * 4], *in = (char *)r->pend, *o = buf;
	size_t inleft = r->npend, outleft = sizeof(buf);

	if (!r->npend)
		return;
	if (r->cd == (iconv_t)-1 || r->cd_cp != r->pend_cp) {
		if (r->cd != (iconv_t)-1)
			iconv_close(r->cd);
		cp_name(r->pend_cp, name, sizeof(name));
		r->cd = iconv_open("UTF-8", name);
		if (r->cd == (iconv_t)-1)
			r->cd = iconv_open("UTF-8", "CP1252");
		r->cd_cp = r->pend_cp;
	}
	while (inleft > 0 && r->cd != (iconv_t)-1) {
		if (iconv(r->cd, &in, &inleft, &o, &outleft) != (size_t)-1 || errno == E2BIG)
			break;
		if (errno == EINVAL && keep_tail)
			break;
		/* A byte that does not decode, or a character cut short. */
		*o++ = '?';
		outleft--;
		in++;
		inleft--;
		iconv(r->cd, NULL, NULL, NULL, NULL);
	}
	put(r, r->pend_dest, buf, (size_t)(o - buf));
	memmove(r->pend, in, inleft);
	r->npend = keep_tail ? inleft : 0;
}

static void flush(struct rtf *r)
{
	flush_bytes(r, 1);
}

/* One 8-bit byte of text (a \'hh escape or a raw byte). */
static void byte(struct rtf *r, unsigned char c)
{
	struct rtf_group *g = cur(r);

	if (!out_of(r, g->dest))
		return;
	if (r->skip) {
		r->skip--;
		return;
	}
	if (r->npend && (r->pend_cp != g->cp || r->pend_dest != g->dest))
		flush(r);
	if (r->npend == RTF_PENDING)
		flush_bytes(r, 1);
	r->pend_cp = g->cp;
	r->pend_dest = g->dest;
	r->pend[r->npend++] = c;
}

/* A character given as a code point (ASCII text, \u, symbols). */
static void chr(struct rtf *r, unsigned long cp)
{
	struct rtf_group *g = cur(r);

	if (!out_of(r, g->dest))
		return;
	flush(r);
	put_cp(r, g->dest, cp);
}

/* The code page of a font charset (\fcharsetN); 0 when it says none. */
static unsigned charset_cp(long cs)
{
	static const struct {
		long cs;
		unsigned cp;
	} map[] = {{0, 1252},   {128, 932},  {129, 949},  {134, 936},  {136, 950},
	           {161, 1253}, {162, 1254}, {163, 1258}, {177, 1255}, {178, 1256},
	           {186, 1257}, {204, 1251}, {222, 874},  {238, 1250}};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].cs == cs)
			return map[i].cp;
	return 0;
}

static unsigned font_cp(const struct rtf *r, long f)
{
	size_t i;

	for (i = 0; i < r->nfonts; i++)
		if (r->font_num[i] == f)
			return r->font_cp[i];
	return 0;
}

/* Control words that start a destination holding no text. */
static int skipped_dest(const char *w)
{
	static const char *const skip[] = {
	    "fonttbl",   "colortbl",     "stylesheet",    "listtable", "listoverridetable",
	    "pict",      "objdata",      "fldinst",       "themedata", "colorschememapping",
	    "datastore", "latentstyles", "rsidtbl",       "xmlnstbl",  "filetbl",
	    "revtbl",    "generator",    "pntext",        "pntxta",    "pntxtb",
	    "bkmkstart", "bkmkend",      "nonshppict",    "blipuid",   "template",
	    "userprops", "docvar",       "wgrffmtfilter", "mmathPr",   "sp",
	    "shprslt"};
	size_t i;

	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strcmp(w, skip[i]) == 0)
			return 1;
	return 0;
}

/* Words in \info whose groups are text: the rest (dates, counts) are numbers. */
static int info_text(const char *w)
{
	static const char *const text[] = {"title",    "subject", "author",   "keywords",
	                                   "comment",  "doccomm", "company",  "operator",
	                                   "category", "manager", "hlinkbase"};
	size_t i;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strcmp(w, text[i]) == 0)
			return 1;
	return 0;
}

/* A control word with its parameter (has: whether one was given). */
static void word(struct rtf *r, const char *w, long p, int has)
{
	struct rtf_group *g = cur(r);
	int first = g->first, star = g->star;

	g->first = 0;
	if (g->dest == RTF_SKIP)
		return;
	if (g->dest == RTF_FONTTBL) {
		if (strcmp(w, "f") == 0 && has) {
			r->font_def = (int)p;
		} else if (strcmp(w, "fcharset") == 0 && has && r->nfonts < RTF_FONTS &&
		           charset_cp(p)) {
			r->font_num[r->nfonts] = r->font_def;
			r->font_cp[r->nfonts++] = charset_cp(p);
		}
		return;
	}
	if (first && strcmp(w, "fonttbl") == 0) {
		g->dest = RTF_FONTTBL;
		return;
	}
	if (g->dest == RTF_INFO) {
		if (first && info_text(w))
			g->dest = RTF_META;
		return;
	}
	/* Of the \* destinations annotations and shapes hold text (a text box's
	 * \shptxt; its properties \sp and the old-style copy \shprslt do not). */
	if (first && (skipped_dest(w) ||
	              (star && strcmp(w, "annotation") != 0 && strcmp(w, "shpinst") != 0))) {
		flush(r);
		g->dest = RTF_SKIP;
		return;
	}
	if (first && strcmp(w, "info") == 0) {
		flush(r);
		g->dest = RTF_INFO;
		return;
	}
	if (first && strcmp(w, "shptxt") == 0) {
		chr(r, '\n');
		g->block = 1;
	} else if (strcmp(w, "ansicpg") == 0 && has && p > 0) {
		r->doc_cp = (unsigned)p;
		g->cp = (unsigned)p;
	} else if (strcmp(w, "f") == 0 && has) {
		unsigned cp = font_cp(r, p);

		g->cp = cp && cp != 1252 ? cp : r->doc_cp;
	} else if (strcmp(w, "uc") == 0 && has && p >= 0) {
		g->uc = p > RTF_UC_MAX ? RTF_UC_MAX : (unsigned)p;
	} else if (strcmp(w, "u") == 0 && has) {
		unsigned long u = (unsigned long)(p < 0 ? p + 65536 : p) & 0xFFFF;

		if (u >= 0xD800 && u < 0xDC00) {
			r->high = u;
		} else if (u >= 0xDC00 && u < 0xE000 && r->high) {
			chr(r, 0x10000 + ((r->high - 0xD800) << 10) + (u - 0xDC00));
			r->high = 0;
		} else {
			chr(r, u);
		}
		r->skip = g->uc;
		return;
	} else if (strcmp(w, "par") == 0 || strcmp(w, "line") == 0 || strcmp(w, "row") == 0 ||
	           strcmp(w, "sect") == 0 || strcmp(w, "page") == 0) {
		chr(r, '\n');
	} else if (strcmp(w, "tab") == 0 || strcmp(w, "cell") == 0) {
		chr(r, '\t');
	} else if (strcmp(w, "emdash") == 0) {
		chr(r, 0x2014);
	} else if (strcmp(w, "endash") == 0) {
		chr(r, 0x2013);
	} else if (strcmp(w, "lquote") == 0) {
		chr(r, 0x2018);
	} else if (strcmp(w, "rquote") == 0) {
		chr(r, 0x2019);
	} else if (strcmp(w, "ldblquote") == 0) {
		chr(r, 0x201C);
	} else if (strcmp(w, "rdblquote") == 0) {
		chr(r, 0x201D);
	} else if (strcmp(w, "bullet") == 0) {
		chr(r, 0x2022);
	}
	r->skip = 0;
}

static void push(struct rtf *r)
{
	flush(r);
	r->skip = 0;
	if (r->depth + 1 >= RTF_DEPTH) {
		r->extra++;
		return;
	}
	r->g[r->depth + 1] = r->g[r->depth];
	r->depth++;
	cur(r)->star = 0;
	cur(r)->first = 1;
	cur(r)->block = 0;
}

static void pop(struct rtf *r)
{
	flush(r);
	r->skip = 0;
	r->high = 0;
	if (r->extra) {
		r->extra--;
		return;
	}
	if (r->depth > 0) {
		enum rtf_dest was = cur(r)->dest;
		int block = cur(r)->block;

		r->depth--;
		if (block)
			chr(r, '\n');
		/* The end of an \info field: one per line. */
		if (was == RTF_META && cur(r)->dest == RTF_INFO)
			put(r, RTF_META, "\n", 1);
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum cbuf_err rtf_extract(const unsigned char *b, size_t n, struct cbuf *text, struct cbuf *meta)
{
	struct rtf r;
	size_t i = 0;

	memset(&r, 0, sizeof(r));
	r.text = text;
	r.meta = meta;
	r.cd = (iconv_t)-1;
	r.doc_cp = 1252;
	r.g[0].dest = RTF_TEXT;
	r.g[0].uc = 1;
	r.g[0].cp = 1252;
	r.font_def = -1;
	while (i < n && !r.err) {
		unsigned char c = b[i];

		if (c == '{') {
			push(&r);
			i++;
		} else if (c == '}') {
			pop(&r);
			i++;
		} else if (c == '\\' && i + 1 < n) {
			unsigned char d = b[i + 1];

			if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')) {
				char w[RTF_WORD_MAX + 1];
				size_t l = 0;
				long p = 0;
				int has = 0, neg = 0;

				i++;
				while (i < n && ((b[i] >= 'a' && b[i] <= 'z') ||
				                 (b[i] >= 'A' && b[i] <= 'Z'))) {
					if (l < RTF_WORD_MAX)
						w[l++] = (char)b[i];
					i++;
				}
				w[l] = '\0';
				if (i < n && b[i] == '-' && i + 1 < n && b[i + 1] >= '0' &&
				    b[i + 1] <= '9') {
					neg = 1;
					i++;
				}
				while (i < n && b[i] >= '0' && b[i] <= '9') {
					if (p < 100000000L)
						p = p * 10 + (b[i] - '0');
					has = 1;
					i++;
				}
				if (neg)
					p = -p;
				if (i < n && b[i] == ' ')
					i++;
				if (strcmp(w, "bin") == 0) {
					/* Raw bytes follow: never read as RTF. */
					size_t skip = has && p > 0 ? (size_t)p : 0;

					i = skip < n - i ? i + skip : n;
					cur(&r)->first = 0;
					continue;
				}
				word(&r, w, p, has);
			} else if (d == '\'') {
				int h = i + 2 < n ? hexval(b[i + 2]) : -1;
				int l = i + 3 < n ? hexval(b[i + 3]) : -1;

				i += 2;
				if (h >= 0 && l >= 0) {
					byte(&r, (unsigned char)(h << 4 | l));
					i += 2;
				} else if (h >= 0) {
					i++; /* cut short: the one digit is no text */
				}
				cur(&r)->first = 0;
			} else {
				struct rtf_group *g = cur(&r);

				i += 2;
				if (d == '*') {
					g->star = 1;
					continue;
				}
				g->first = 0;
				if (r.skip && d != '\r' && d != '\n') {
					r.skip--;
					continue;
				}
				if (d == '\\' || d == '{' || d == '}')
					chr(&r, d);
				else if (d == '~')
					chr(&r, ' ');
				else if (d == '_')
					chr(&r, '-');
				else if (d == '\r' || d == '\n')
					chr(&r, '\n');
			}
		} else if (c == '\r' || c == '\n') {
			i++;
		} else {
			struct rtf_group *g = cur(&r);

			g->first = 0;
			if (c >= 0x80) {
				byte(&r, c);
			} else if (r.skip) {
				r.skip--;
			} else if (c == '\t') {
				chr(&r, '\t');
			} else if (c >= 0x20) {
				chr(&r, c);
			}
			i++;
		}
	}
	flush(&r);
	if (r.cd != (iconv_t)-1)
		iconv_close(r.cd);
	return r.err;
}
