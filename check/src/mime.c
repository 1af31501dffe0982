#include "mime.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define MIME_SNIFF_MAX (64u << 10)     /* a header block must end within this */
#define MIME_FROM_LINE 1024            /* an mbox "From " line is no longer */
#define MIME_NAME_MAX 512              /* bytes of an attachment's name */
#define MIME_WORDS_MAX (64u << 10)     /* decoded bytes of encoded-words pending conversion */
#define MIME_HTML_META_MAX (64u << 10) /* an HTML part's title and meta descriptions */

enum cte { CTE_IDENTITY, CTE_BASE64, CTE_QP };

struct part {
	char type[64];
	char charset[40];
	char boundary[204];
	enum cte cte;
	int attachment;
	char name[MIME_NAME_MAX + 1];
};

struct mctx {
	struct cbuf *raw, *text;
	const struct mime_sink *sink;
	unsigned nparts;
	enum mime_err err;
	int stop;
};

const char *mime_strerror(enum mime_err err)
{
	switch (err) {
	case MIME_OK:
		return "ok";
	case MIME_TOO_DEEP:
		return "邮件分段嵌套过深，部分未读 MIME parts nested too deep, some not read";
	case MIME_TOO_BIG:
		return "邮件分段超过上限 a MIME part over the cap";
	case MIME_NOMEM:
		return "内存不足 out of memory";
	case MIME_STOPPED:
		return "stopped";
	}
	return "unknown error";
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int ieq(const char *a, size_t n, const char *b)
{
	size_t i;

	if (strlen(b) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != b[i])
			return 0;
	return 1;
}

static int name_char(unsigned char c)
{
	return c > 32 && c < 127 && c != ':';
}

/* The length of a header field's name at b (followed by ':'), or 0. */
static size_t field_name(const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n && i < 77 && name_char(b[i]))
		i++;
	return i > 0 && i < n && b[i] == ':' ? i : 0;
}

static int known_field(const unsigned char *b, size_t n)
{
	static const char *const names[] = {
	    "from",     "to",       "cc",          "subject",      "date",         "message-id",
	    "received", "reply-to", "return-path", "mime-version", "content-type", "delivered-to",
	    "sender",   "x-mailer", "in-reply-to", "references",   "user-agent",   "bcc"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ieq((const char *)b, n, names[i]))
			return 1;
	return 0;
}

enum mime_kind mime_sniff(const unsigned char *b, size_t n)
{
	size_t i = 0, limit;
	unsigned known = 0;
	int mbox = 0;

	if (n == 0) /* no bytes (and perhaps no buffer): b + i would be undefined */
		return MIME_NONE;
	if (n >= 5 && memcmp(b, "From ", 5) == 0) {
		const unsigned char *nl = memchr(b, '\n', n < MIME_FROM_LINE ? n : MIME_FROM_LINE);

		if (!nl)
			return MIME_NONE;
		i = (size_t)(nl - b) + 1;
		mbox = 1;
	}
	/* The cheap refusal of plain text: the first line must start a field. */
	if (i >= n || !name_char(b[i]) || !field_name(b + i, n - i))
		return MIME_NONE;
	limit = n < MIME_SNIFF_MAX ? n : MIME_SNIFF_MAX;
	while (i < limit) {
		const unsigned char *nl;

		if (b[i] == '\n' || (b[i] == '\r' && i + 1 < limit && b[i + 1] == '\n'))
			break;
		if (b[i] != ' ' && b[i] != '\t') {
			size_t k = field_name(b + i, limit - i);

			if (!k)
				return MIME_NONE;
			known += (unsigned)known_field(b + i, k);
		}
		nl = memchr(b + i, '\n', limit - i);
		if (!nl) {
			/* Headers and no body: only when the data ends here. */
			if (limit < n)
				return MIME_NONE;
			i = limit;
			break;
		}
		i = (size_t)(nl - b) + 1;
	}
	if (i >= limit && limit < n)
		return MIME_NONE;
	if (known < (mbox ? 1u : 2u))
		return MIME_NONE;
	return mbox ? MIME_MBOX : MIME_EML;
}

int mime_mbox_next(const unsigned char *b, size_t n, size_t *pos, const unsigned char **msg,
                   size_t *mlen)
{
	size_t i = *pos, start, end;
	const unsigned char *nl;

	if (i >= n)
		return 0;
	/* Past the "From " line. */
	if (n - i >= 5 && memcmp(b + i, "From ", 5) == 0) {
		nl = memchr(b + i, '\n', n - i);
		i = nl ? (size_t)(nl - b) + 1 : n;
	}
	start = i;
	end = n;
	/* Up to the next "From " line; the line break before it ends this message. */
	{
		const unsigned char *f = cbuf_find(b + i, n - i, "\nFrom ", 6);

		if (f)
			end = (size_t)(f - b) + 1;
	}
	*msg = b + start;
	*mlen = end - start;
	*pos = end;
	return 1;
}

/* The iconv name for a MIME charset; NULL when the bytes are taken as they are (UTF-8, ASCII). */
static const char *iconv_name(const char *cs)
{
	size_t n = strlen(cs);

	if (n == 0 || ieq(cs, n, "utf-8") || ieq(cs, n, "utf8") || ieq(cs, n, "us-ascii") ||
	    ieq(cs, n, "ascii"))
		return NULL;
	if (ieq(cs, n, "gbk") || ieq(cs, n, "gb2312") || ieq(cs, n, "gb18030") ||
	    ieq(cs, n, "cp936") || ieq(cs, n, "x-gbk") || ieq(cs, n, "euc-cn") ||
	    ieq(cs, n, "x-euc-cn"))
		return "GB18030";
	return cs;
}

/* Appends in[0..n) converted from charset cs to UTF-8; one '?' for each byte that does not convert.
 */
static enum cbuf_err to_utf8(const char *cs, const unsigned char *in, size_t n, struct cbuf *out)
{
	const char *name = iconv_name(cs);
	iconv_t cd;
	char *ip = (char *)in;
	size_t il = n;
	enum cbuf_err err = CBUF_OK;

	if (!name || (cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return cbuf_append(out, in, n);
	while (il > 0) {
		size_t room, r;
		char *op;

		err = cbuf_reserve(out, il * 2 + 16 < out->max - out->len ? il * 2 + 16
		                                                          : out->max - out->len);
		if (err)
			break;
		room = out->cap - 1 - out->len;
		if (room == 0) {
			err = CBUF_TOO_BIG;
			break;
		}
		op = out->ptr + out->len;
		r = iconv(cd, &ip, &il, &op, &room);
		out->len = (size_t)(op - out->ptr);
		out->ptr[out->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			if (out->len >= out->max) {
				err = CBUF_TOO_BIG;
				break;
			}
			continue;
		}
		/* EILSEQ or EINVAL: a byte that is no character here. */
		err = cbuf_putc(out, '?');
		if (err)
			break;
		ip++;
		il--;
	}
	iconv_close(cd);
	return err;
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Base64, skipping anything outside the alphabet (line breaks); stops at '='. */
static enum cbuf_err base64_decode(const unsigned char *s, size_t n, struct cbuf *out)
{
	unsigned acc = 0, bits = 0;
	size_t i;
	enum cbuf_err err = cbuf_reserve(out, n / 4 * 3 + 3);

	if (err)
		return err;
	for (i = 0; i < n; i++) {
		int v = b64_value(s[i]);

		if (s[i] == '=')
			break;
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out->ptr[out->len++] = (char)((acc >> bits) & 0xFF);
		}
	}
	out->ptr[out->len] = '\0';
	return CBUF_OK;
}

/* Quoted-printable; header 1 for the Q encoding of encoded-words ('_' is a space). */
static enum cbuf_err qp_decode(const unsigned char *s, size_t n, int header, struct cbuf *out)
{
	size_t i;
	enum cbuf_err err = cbuf_reserve(out, n);

	if (err)
		return err;
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '=' && i + 2 < n && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
			c = (unsigned char)(hex_value(s[i + 1]) << 4 | hex_value(s[i + 2]));
			i += 2;
		} else if (c == '=' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
			/* A soft line break. */
			i++;
			if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			continue;
		} else if (c == '_' && header) {
			c = ' ';
		}
		out->ptr[out->len++] = (char)c;
	}
	out->ptr[out->len] = '\0';
	return CBUF_OK;
}

/* An encoded-word =?charset?B|Q?text?= at s: its parts and length, or 0. */
static size_t encoded_word(const unsigned char *s, size_t n, char *cs, size_t cssz, char *enc,
                           const unsigned char **text, size_t *tlen)
{
	size_t i = 2, c0, t0;

	if (n < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	c0 = i;
	while (i < n && s[i] != '?' && s[i] > ' ' && i - c0 < 64)
		i++;
	if (i >= n || s[i] != '?' || i == c0 || i + 3 >= n || s[i + 2] != '?')
		return 0;
	snprintf(cs, cssz, "%.*s", (int)(i - c0), (const char *)s + c0);
	/* RFC 2231 language: charset*lang */
	if (strchr(cs, '*'))
		*strchr(cs, '*') = '\0';
	*enc = (char)lower(s[i + 1]);
	if (*enc != 'b' && *enc != 'q')
		return 0;
	i += 3;
	t0 = i;
	while (i + 1 < n && !(s[i] == '?' && s[i + 1] == '=') && s[i] != '\n')
		i++;
	if (i + 1 >= n || s[i] != '?')
		return 0;
	*text = s + t0;
	*tlen = i - t0;
	return i + 2;
}

/*
 * Appends a header value with its encoded-words decoded to UTF-8.  The
 * bytes of adjacent words in one charset are converted together (a
 * character may be split between them); white space between words goes.
 */
static enum cbuf_err decode_words(const unsigned char *v, size_t n, struct cbuf *out)
{
	struct cbuf pend;
	char cs[72], pcs[72] = "";
	size_t i = 0, lit = 0;
	enum cbuf_err err = CBUF_OK;

	cbuf_init(&pend, MIME_WORDS_MAX);
	while (i < n && !err) {
		const unsigned char *t;
		size_t tl, k;
		char enc;

		k = encoded_word(v + i, n - i, cs, sizeof(cs), &enc, &t, &tl);
		if (!k) {
			i++;
			continue;
		}
		/* Text before the word, unless it is only white space between two words. */
		{
			size_t j = lit;
			int blank = 1;

			for (; j < i; j++)
				blank &=
				    v[j] == ' ' || v[j] == '\t' || v[j] == '\r' || v[j] == '\n';
			if (!blank || !pend.len) {
				if (pend.len)
					err = to_utf8(pcs, (const unsigned char *)pend.ptr,
					              pend.len, out);
				cbuf_reset(&pend);
				if (!err)
					err = cbuf_append(out, v + lit, i - lit);
			}
		}
		if (!err && pend.len && strcmp(cs, pcs) != 0) {
			err = to_utf8(pcs, (const unsigned char *)pend.ptr, pend.len, out);
			cbuf_reset(&pend);
		}
		snprintf(pcs, sizeof(pcs), "%s", cs);
		if (!err)
			err = enc == 'b' ? base64_decode(t, tl, &pend) : qp_decode(t, tl, 1, &pend);
		i += k;
		lit = i;
	}
	if (!err && pend.len)
		err = to_utf8(pcs, (const unsigned char *)pend.ptr, pend.len, out);
	if (!err)
		err = cbuf_append(out, v + lit, n - lit);
	cbuf_release(&pend);
	return err;
}

/* Iterates the parameters of a structured value: ; key=value or key="quoted". */
static int next_param(const char **p, const char *end, const char **key, size_t *kl, char *val,
                      size_t valsz)
{
	const char *s = *p;
	size_t vl = 0;

	s = memchr(s, ';', (size_t)(end - s));
	if (!s)
		return 0;
	s++;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	*key = s;
	while (s < end && *s != '=' && *s != ';' && *s != ' ' && *s != '\t')
		s++;
	*kl = (size_t)(s - *key);
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == '=') {
		s++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s < end && *s == '"') {
			for (s++; s < end && *s != '"'; s++) {
				if (*s == '\\' && s + 1 < end)
					s++;
				if (vl + 1 < valsz)
					val[vl++] = *s;
			}
			if (s < end)
				s++;
		} else {
			for (; s < end && *s != ';' && *s != ' ' && *s != '\t'; s++)
				if (vl + 1 < valsz)
					val[vl++] = *s;
		}
	}
	val[vl] = '\0';
	*p = s;
	return 1;
}

/* Percent-decodes s in place (RFC 2231 values). */
static size_t pct_decode(char *s)
{
	size_t i, o = 0;

	for (i = 0; s[i]; i++) {
		if (s[i] == '%' && hex_value((unsigned char)s[i + 1]) >= 0 &&
		    hex_value((unsigned char)s[i + 2]) >= 0) {
			s[o++] = (char)(hex_value((unsigned char)s[i + 1]) << 4 |
			                hex_value((unsigned char)s[i + 2]));
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

/*
 * The file name among a value's parameters (key "filename" or "name"):
 * plain, RFC 2231 (key*=charset''%XX, continued as key*0*, key*1* ...) or
 * with encoded-words; written to p->name as UTF-8 when found.
 */
static void param_name(const char *v, size_t n, const char *key, struct part *p)
{
	const char *s = v, *end = v + n, *k;
	size_t kl, klen = strlen(key);
	char val[MIME_NAME_MAX + 1], cs[40] = "";
	struct cbuf ext, out;
	int found = 0, extended = 0;

	if (p->name[0])
		return;
	cbuf_init(&ext, MIME_NAME_MAX);
	cbuf_init(&out, MIME_NAME_MAX * 2);
	while (next_param(&s, end, &k, &kl, val, sizeof(val))) {
		int star;

		if (kl < klen || !ieq(k, klen, key))
			continue;
		if (kl == klen) {
			if (!found && !extended) {
				decode_words((const unsigned char *)val, strlen(val), &out);
				found = 1;
			}
			continue;
		}
		if (k[klen] != '*')
			continue;
		/* key*, key*N or key*N*: the extended form. */
		star = k[kl - 1] == '*';
		if (!extended) {
			cbuf_reset(&out);
			found = 1;
			extended = 1;
		}
		{
			char *q = val;

			if (star && !cs[0] && strstr(val, "''")) {
				char *a = strstr(val, "''");

				snprintf(cs, sizeof(cs), "%.*s", (int)(a - val), val);
				if (strchr(cs, '\''))
					*strchr(cs, '\'') = '\0';
				q = a + 2;
			}
			if (star)
				cbuf_append(&ext, q, pct_decode(q));
			else
				cbuf_append(&ext, q, strlen(q));
		}
	}
	if (extended && ext.len)
		to_utf8(cs, (const unsigned char *)ext.ptr, ext.len, &out);
	if (found && out.len) {
		size_t i, o = 0;

		/* Only the last component: no directories, no controls. */
		for (i = 0; i < out.len && o < MIME_NAME_MAX; i++) {
			unsigned char c = (unsigned char)out.ptr[i];

			if (c == '/' || c == '\\') {
				o = 0;
				continue;
			}
			p->name[o++] = c < 0x20 || c == 0x7F ? '_' : (char)c;
		}
		/* Not cut inside a UTF-8 character. */
		while (o > 0 && o == MIME_NAME_MAX &&
		       ((unsigned char)p->name[o - 1] & 0xC0) == 0x80)
			o--;
		if (o == MIME_NAME_MAX && o > 0 && ((unsigned char)p->name[o - 1] & 0x80))
			o--;
		p->name[o] = '\0';
	}
	cbuf_release(&ext);
	cbuf_release(&out);
}

/* The value of a parameter (boundary, charset) into dst. */
static void param_value(const char *v, size_t n, const char *key, char *dst, size_t dsz)
{
	const char *s = v, *end = v + n, *k;
	size_t kl;
	char val[256];

	while (next_param(&s, end, &k, &kl, val, sizeof(val)))
		if (ieq(k, kl, key)) {
			size_t l = strlen(val);

			if (l >= dsz)
				l = dsz - 1;
			memcpy(dst, val, l);
			dst[l] = '\0';
			return;
		}
}

/* The leading token of a value (type/subtype, disposition), lowercased. */
static void main_token(const char *v, size_t n, char *dst, size_t dsz)
{
	size_t i = 0, o = 0;

	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	for (; i < n && v[i] != ';' && v[i] != ' ' && v[i] != '\t' && o + 1 < dsz; i++)
		dst[o++] = (char)lower((unsigned char)v[i]);
	dst[o] = '\0';
}

/* Notes what a field says about the part. */
static void field(struct part *p, const char *name, size_t nl, const char *v, size_t vl)
{
	char tok[64];

	if (ieq(name, nl, "content-type")) {
		main_token(v, vl, p->type, sizeof(p->type));
		param_value(v, vl, "charset", p->charset, sizeof(p->charset));
		param_value(v, vl, "boundary", p->boundary, sizeof(p->boundary));
		param_name(v, vl, "name", p);
	} else if (ieq(name, nl, "content-transfer-encoding")) {
		main_token(v, vl, tok, sizeof(tok));
		p->cte = strcmp(tok, "base64") == 0             ? CTE_BASE64
		         : strcmp(tok, "quoted-printable") == 0 ? CTE_QP
		                                                : CTE_IDENTITY;
	} else if (ieq(name, nl, "content-disposition")) {
		main_token(v, vl, tok, sizeof(tok));
		p->attachment = strcmp(tok, "attachment") == 0;
		/* filename wins over Content-Type's name */
		{
			char keep[MIME_NAME_MAX + 1];

			snprintf(keep, sizeof(keep), "%s", p->name);
			p->name[0] = '\0';
			param_name(v, vl, "filename", p);
			if (!p->name[0])
				snprintf(p->name, sizeof(p->name), "%s", keep);
		}
	}
}

/* Where the header block ends and the body starts (after the blank line). */
static size_t header_end(const unsigned char *m, size_t n, size_t *body)
{
	size_t i = 0;

	while (i < n) {
		const unsigned char *nl;

		if (m[i] == '\n') {
			*body = i + 1;
			return i;
		}
		if (m[i] == '\r' && i + 1 < n && m[i + 1] == '\n') {
			*body = i + 2;
			return i;
		}
		nl = memchr(m + i, '\n', n - i);
		if (!nl)
			break;
		i = (size_t)(nl - m) + 1;
	}
	*body = n;
	return n;
}

/* Reads the header block: p filled in, the fields decoded into c->text and given to the sink. */
static void headers(struct mctx *c, const unsigned char *h, size_t n, struct part *p)
{
	size_t i = 0;
	struct cbuf f;

	cbuf_init(&f, n + 1);
	cbuf_reset(c->text);
	while (i < n) {
		size_t nl, start = i;
		const unsigned char *e;

		/* One field: its line and the continuation lines, unfolded. */
		cbuf_reset(&f);
		do {
			size_t len;

			e = memchr(h + i, '\n', n - i);
			len = e ? (size_t)(e - h) - i : n - i;
			if (len && h[i + len - 1] == '\r')
				len--;
			cbuf_append(&f, h + i, len);
			i = e ? (size_t)(e - h) + 1 : n;
		} while (i < n && (h[i] == ' ' || h[i] == '\t'));
		nl = field_name(h + start, n - start);
		if (!nl)
			continue;
		field(p, f.ptr, nl, f.ptr + nl + 1, f.len - nl - 1);
		if (cbuf_append(c->text, f.ptr, nl + 1) ||
		    decode_words((const unsigned char *)f.ptr + nl + 1, f.len - nl - 1, c->text) ||
		    cbuf_putc(c->text, '\n'))
			if (!c->err)
				c->err = MIME_TOO_BIG;
	}
	cbuf_release(&f);
	if (c->text->len &&
	    c->sink->text(c->sink->ctx, (const unsigned char *)c->text->ptr, c->text->len, 1))
		c->stop = 1;
}

static void walk(struct mctx *c, const unsigned char *m, size_t n, int depth);

/* The parts of a multipart body between its boundary lines. */
static void multipart(struct mctx *c, const unsigned char *b, size_t n, const char *boundary,
                      int depth)
{
	char delim[212];
	size_t dl = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary), i = 0;
	size_t part = (size_t)-1;

	while (i < n && !c->stop) {
		const unsigned char *f = cbuf_find(b + i, n - i, delim, dl);
		size_t at, end;
		int close;

		if (!f)
			break;
		at = (size_t)(f - b);
		i = at + dl;
		if (at > 0 && b[at - 1] != '\n')
			continue;
		close = i + 1 < n && b[i] == '-' && b[i + 1] == '-';
		if (part != (size_t)-1) {
			end = at;
			if (end > part && b[end - 1] == '\n')
				end--;
			if (end > part && b[end - 1] == '\r')
				end--;
			walk(c, b + part, end - part, depth + 1);
		}
		if (close)
			return;
		f = memchr(b + i, '\n', n - i);
		part = f ? (size_t)(f - b) + 1 : n;
		i = part;
	}
	/* No closing line: the last part runs to the end. */
	if (part != (size_t)-1 && part < n && !c->stop)
		walk(c, b + part, n - part, depth + 1);
}

/*
 * An HTML part, converted to UTF-8 in c->text: its text as a browser shows
 * it (html.h) goes to the sink as a body, its title and meta descriptions
 * as header text.  c->raw, whose decoded bytes are done with, takes the text.
 */
static void html_part(struct mctx *c)
{
	struct cbuf meta;
	enum cbuf_err err;

	cbuf_init(&meta, MIME_HTML_META_MAX);
	cbuf_reset(c->raw);
	err = html_extract((const unsigned char *)c->text->ptr, c->text->len, c->raw, &meta);
	if (err && !c->err)
		c->err = err == CBUF_NOMEM ? MIME_NOMEM : MIME_TOO_BIG;
	if (c->raw->len &&
	    c->sink->text(c->sink->ctx, (const unsigned char *)c->raw->ptr, c->raw->len, 0))
		c->stop = 1;
	else if (meta.len &&
	         c->sink->text(c->sink->ctx, (const unsigned char *)meta.ptr, meta.len, 1))
		c->stop = 1;
	cbuf_release(&meta);
}

static void walk(struct mctx *c, const unsigned char *m, size_t n, int depth)
{
	struct part p;
	size_t bstart, hend;
	const unsigned char *body;
	size_t bn;
	enum cbuf_err err = CBUF_OK;

	if (depth > MIME_DEPTH) {
		if (!c->err)
			c->err = MIME_TOO_DEEP;
		return;
	}
	memset(&p, 0, sizeof(p));
	hend = header_end(m, n, &bstart);
	headers(c, m, hend, &p);
	if (c->stop)
		return;
	body = m + bstart;
	bn = n - bstart;
	if (strncmp(p.type, "multipart/", 10) == 0 && p.boundary[0]) {
		multipart(c, body, bn, p.boundary, depth);
		return;
	}
	if (strcmp(p.type, "message/rfc822") == 0 && p.cte == CTE_IDENTITY && !p.attachment) {
		walk(c, body, bn, depth + 1);
		return;
	}
	cbuf_reset(c->raw);
	if (p.cte == CTE_BASE64)
		err = base64_decode(body, bn, c->raw);
	else if (p.cte == CTE_QP)
		err = qp_decode(body, bn, 0, c->raw);
	else
		err = cbuf_append(c->raw, body, bn);
	if (err) {
		if (!c->err)
			c->err = err == CBUF_NOMEM ? MIME_NOMEM : MIME_TOO_BIG;
		return;
	}
	c->nparts++;
	if ((!p.type[0] || strncmp(p.type, "text/", 5) == 0) && !p.attachment && !p.name[0]) {
		int html = strcmp(p.type, "text/html") == 0;

		/* A page without a charset parameter may declare one in a meta tag. */
		if (html && !p.charset[0] &&
		    html_gbk((const unsigned char *)c->raw->ptr, c->raw->len))
			snprintf(p.charset, sizeof(p.charset), "gb18030");
		cbuf_reset(c->text);
		err = to_utf8(p.charset, (const unsigned char *)c->raw->ptr, c->raw->len, c->text);
		if (err && !c->err)
			c->err = err == CBUF_NOMEM ? MIME_NOMEM : MIME_TOO_BIG;
		if (html)
			html_part(c);
		else if (c->text->len &&
		         c->sink->text(c->sink->ctx, (const unsigned char *)c->text->ptr,
		                       c->text->len, 0))
			c->stop = 1;
		return;
	}
	if (!p.name[0])
		snprintf(p.name, sizeof(p.name), "part%u", c->nparts);
	if (c->sink->attachment(c->sink->ctx, p.name, (const unsigned char *)c->raw->ptr,
	                        c->raw->len))
		c->stop = 1;
}

enum mime_err mime_message(const unsigned char *msg, size_t len, struct cbuf *raw,
                           struct cbuf *text, const struct mime_sink *sink)
{
	struct mctx c;

	memset(&c, 0, sizeof(c));
	c.raw = raw;
	c.text = text;
	c.sink = sink;
	walk(&c, msg, len, 0);
	if (c.stop && !c.err)
		c.err = MIME_STOPPED;
	return c.err;
}
