#include "kw.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jw.h"

#define KW_FILE_MAX (64u << 20)

void kw_set_init(struct kw_set *ks)
{
	memset(ks, 0, sizeof(*ks));
}

void kw_set_release(struct kw_set *ks)
{
	size_t i;

	for (i = 0; i < ks->nwords; i++)
		free(ks->words[i]);
	for (i = 0; i < ks->npats; i++)
		free(ks->pats[i].bytes);
	free(ks->words);
	free(ks->pats);
	kw_set_init(ks);
}

const char *kw_enc_name(enum kw_enc enc)
{
	switch (enc) {
	case KW_UTF8:
		return "utf-8";
	case KW_GBK:
		return "gbk";
	case KW_UTF16LE:
		return "utf-16le";
	default:
		return "?";
	}
}

const char *kw_strerror(enum kw_err err)
{
	switch (err) {
	case KW_OK:
		return "成功 ok";
	case KW_IO:
		return "无法读取 cannot read";
	case KW_BAD_UTF8:
		return "不是有效的 UTF-8 not valid UTF-8";
	case KW_TOO_LONG:
		return "关键词过长或过多 keyword too long or too many keywords";
	case KW_EMPTY:
		return "没有关键词 no keyword";
	case KW_NOMEM:
		return "内存不足 out of memory";
	}
	return "?";
}

int kw_gbk_boundary(const unsigned char *buf, size_t pos)
{
	size_t run = 0;

	while (pos > 0 && buf[pos - 1] >= 0x81) {
		run++;
		pos--;
	}
	return (run & 1) == 0;
}

static int printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7F;
}

int kw_utf16_text(const unsigned char *buf, size_t len, size_t start, size_t end)
{
	size_t i, run = 0;
	unsigned u;

	if (start >= 2) {
		u = (unsigned)(buf[start - 2] | buf[start - 1] << 8);
		if ((u >= 0xD800 && u < 0xDC00) || u >= 0xFFFE)
			return 0;
	}
	if (end + 2 <= len) {
		u = (unsigned)(buf[end] | buf[end + 1] << 8);
		if ((u >= 0xDC00 && u < 0xE000) || u >= 0xFFFE)
			return 0;
	}
	for (i = start; i < end; i++)
		if (!printable(buf[i]))
			return 1;
	for (i = start; i >= 2 && run < KW_UTF16_ASCII_RUN; i -= 2, run++)
		if (!printable(buf[i - 2]) || !printable(buf[i - 1]))
			break;
	for (i = end; i + 2 <= len && run < KW_UTF16_ASCII_RUN; i += 2, run++)
		if (!printable(buf[i]) || !printable(buf[i + 1]))
			break;
	return run < KW_UTF16_ASCII_RUN;
}

static int utf8_to_utf16le(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	unsigned char *p = malloc(n * 4 + 1);
	size_t i = 0, o = 0, len;
	unsigned cp;

	if (!p)
		return -1;
	while (i < n) {
		len = jw_utf8_len((const unsigned char *)s + i, n - i, &cp);
		if (!len) {
			free(p);
			return -1;
		}
		i += len;
		if (cp >= 0x10000) {
			unsigned v = cp - 0x10000, hi = 0xD800 + (v >> 10),
			         lo = 0xDC00 + (v & 0x3FF);

			p[o++] = (unsigned char)(hi & 0xFF);
			p[o++] = (unsigned char)(hi >> 8);
			p[o++] = (unsigned char)(lo & 0xFF);
			p[o++] = (unsigned char)(lo >> 8);
		} else {
			p[o++] = (unsigned char)(cp & 0xFF);
			p[o++] = (unsigned char)(cp >> 8);
		}
	}
	*out = p;
	*outlen = o;
	return 0;
}

static int utf8_to_gb18030(iconv_t cd, const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	size_t cap = n * 2 + 8, inleft = n, outleft = cap;
	unsigned char *p = malloc(cap);
	char *in = (char *)s, *o = (char *)p;

	if (!p)
		return -1;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		free(p);
		return -1;
	}
	*out = p;
	*outlen = cap - outleft;
	return 0;
}

static enum kw_err add_pattern(struct kw_set *ks, size_t *cap, unsigned char *bytes, size_t len,
                               unsigned kw, enum kw_enc enc)
{
	if (ks->npats == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct kw_pattern *p = realloc(ks->pats, ncap * sizeof(*p));

		if (!p) {
			free(bytes);
			return KW_NOMEM;
		}
		ks->pats = p;
		*cap = ncap;
	}
	ks->pats[ks->npats].bytes = bytes;
	ks->pats[ks->npats].len = len;
	ks->pats[ks->npats].kw = kw;
	ks->pats[ks->npats].enc = enc;
	ks->npats++;
	if (len > ks->maxlen)
		ks->maxlen = len;
	return KW_OK;
}

static int word_seen(const struct kw_set *ks, const char *w, size_t n)
{
	size_t i;

	/* Keyword lists are small; a linear look-up keeps this simple. */
	for (i = 0; i < ks->nwords; i++)
		if (strlen(ks->words[i]) == n && memcmp(ks->words[i], w, n) == 0)
			return 1;
	return 0;
}

enum kw_err kw_set_load_mem(struct kw_set *ks, const char *data, size_t len, size_t *line)
{
	size_t pos = 0, lineno = 0, wcap = 0, pcap = 0, n, i;
	enum kw_err err = KW_OK;
	iconv_t cd;

	*line = 0;
	cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1)
		return KW_NOMEM;
	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - s) : len - pos;
		unsigned char *b8 = NULL, *bg = NULL, *b16 = NULL;
		size_t l8, lg, l16;
		unsigned cp, kwi;
		char *w;

		pos += l + (nl ? 1 : 0);
		lineno++;
		while (l && (s[l - 1] == '\r' || s[l - 1] == ' ' || s[l - 1] == '\t'))
			l--;
		while (l && (s[0] == ' ' || s[0] == '\t')) {
			s++;
			l--;
		}
		/* A UTF-8 byte-order mark on the first line. */
		if (lineno == 1 && l >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			l -= 3;
		}
		if (l == 0)
			continue;
		*line = lineno;
		if (l > KW_MAX_LEN) {
			err = KW_TOO_LONG;
			goto out;
		}
		for (i = 0; i < l; i += n) {
			n = jw_utf8_len((const unsigned char *)s + i, l - i, &cp);
			if (!n || cp == 0) {
				err = KW_BAD_UTF8;
				goto out;
			}
		}
		if (word_seen(ks, s, l))
			continue;
		if (ks->nwords >= KW_MAX_COUNT) {
			err = KW_TOO_LONG;
			goto out;
		}
		if (ks->nwords == wcap) {
			size_t ncap = wcap ? wcap * 2 : 64;
			char **p = realloc(ks->words, ncap * sizeof(*p));

			if (!p) {
				err = KW_NOMEM;
				goto out;
			}
			ks->words = p;
			wcap = ncap;
		}
		w = strndup(s, l);
		b8 = malloc(l);
		if (!w || !b8) {
			free(w);
			free(b8);
			err = KW_NOMEM;
			goto out;
		}
		memcpy(b8, s, l);
		l8 = l;
		kwi = (unsigned)ks->nwords;
		ks->words[ks->nwords++] = w;
		if (utf8_to_gb18030(cd, s, l, &bg, &lg) || utf8_to_utf16le(s, l, &b16, &l16)) {
			free(b8);
			free(bg);
			err = KW_NOMEM;
			goto out;
		}
		err = add_pattern(ks, &pcap, b8, l8, kwi, KW_UTF8);
		/* ASCII keywords have the same bytes in GBK: one pattern. */
		if (!err && (lg != l8 || memcmp(bg, s, l8) != 0))
			err = add_pattern(ks, &pcap, bg, lg, kwi, KW_GBK);
		else
			free(bg);
		if (!err)
			err = add_pattern(ks, &pcap, b16, l16, kwi, KW_UTF16LE);
		else
			free(b16);
		if (err)
			goto out;
	}
	*line = 0;
	if (ks->nwords == 0)
		err = KW_EMPTY;
out:
	iconv_close(cd);
	return err;
}

enum kw_err kw_set_load(struct kw_set *ks, const char *path, size_t *line)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0, r;
	enum kw_err err;

	*line = 0;
	if (!f)
		return KW_IO;
	for (;;) {
		if (len == cap) {
			char *p;

			if (cap >= KW_FILE_MAX) {
				err = KW_TOO_LONG;
				goto out;
			}
			cap = cap ? cap * 2 : 65536;
			p = realloc(data, cap);
			if (!p) {
				err = KW_NOMEM;
				goto out;
			}
			data = p;
		}
		r = fread(data + len, 1, cap - len, f);
		len += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		err = KW_IO;
		goto out;
	}
	err = kw_set_load_mem(ks, data, len, line);
out:
	free(data);
	fclose(f);
	return err;
}
