#include "kw.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hant.h"
#include "jw.h"
#include "lenc.h"
#include "u8text.h"

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
	case KW_BIG5:
		return "big5";
	case KW_EUCKR:
		return "euc-kr";
	case KW_SJIS:
		return "shift-jis";
	case KW_EUCJP:
		return "euc-jp";
	case KW_EUCTW:
		return "euc-tw";
	case KW_JOHAB:
		return "johab";
	case KW_ISO2022JP:
		return "iso-2022-jp";
	case KW_ISO2022KR:
		return "iso-2022-kr";
	case KW_ISO2022CN:
	case KW_ISO2022CNS:
		return "iso-2022-cn";
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

/*
 * Converts s[0..n) with cd.  Returns 0 and the bytes in *out, 1 when some
 * character has no code in the target encoding (no form), -1 out of memory.
 */
static int convert(iconv_t cd, const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	size_t cap = n * 4 + 16, inleft = n, outleft = cap;
	unsigned char *p = malloc(cap);
	char *in = (char *)s, *o = (char *)p;

	if (!p)
		return -1;
	iconv(cd, NULL, NULL, NULL, NULL);
	/* The second call ends a stateful encoding's sequence (Big5-HKSCS). */
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &o, &outleft) == (size_t)-1) {
		free(p);
		return errno == E2BIG || errno == ENOMEM ? -1 : 1;
	}
	*out = p;
	*outlen = cap - outleft;
	return 0;
}

static enum kw_err add_pattern(struct kw_set *ks, size_t *cap, unsigned char *bytes, size_t len,
                               unsigned kw, enum kw_enc enc, int variant)
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
	ks->pats[ks->npats].variant = variant;
	ks->npats++;
	if (len > ks->maxlen)
		ks->maxlen = len;
	return KW_OK;
}

/* The iconv descriptors from UTF-8 to each legacy encoding. */
struct forms {
	iconv_t cd[KW_NENC];
};

/*
 * Adds the form of UTF-8 word s[0..l) in enc, if it has one: every character
 * has a code there, and the bytes differ from the UTF-8 ones (ASCII is the
 * same in every legacy encoding: one pattern).
 */
static enum kw_err add_form(struct kw_set *ks, size_t *cap, const struct forms *f, const char *s,
                            size_t l, unsigned kw, enum kw_enc enc, int variant)
{
	unsigned char *b = NULL;
	size_t len = 0;
	int rc;

	if (enc == KW_UTF8) {
		b = malloc(l);
		if (!b)
			return KW_NOMEM;
		memcpy(b, s, l);
		return add_pattern(ks, cap, b, l, kw, enc, variant);
	}
	if (enc == KW_UTF16LE)
		rc = utf8_to_utf16le(s, l, &b, &len);
	else if (enc == KW_EUCTW || enc == KW_JOHAB)
		rc = lenc_form(enc, s, l, &b, &len);
	else
		rc = convert(f->cd[enc], s, l, &b, &len);
	if (rc < 0)
		return KW_NOMEM;
	if (rc > 0)
		return KW_OK;
	if (enc != KW_UTF16LE && len == l && memcmp(b, s, l) == 0) {
		free(b);
		return KW_OK;
	}
	return add_pattern(ks, cap, b, len, kw, enc, variant);
}

/*
 * The traditional forms of a keyword with simplified characters (hant.h):
 * each character that has traditional forms takes one of them, the usual
 * ones first, up to KW_MAX_VARIANTS words, each in UTF-8, UTF-16LE and Big5.
 */
static enum kw_err add_variants(struct kw_set *ks, size_t *cap, const struct forms *f,
                                const char *s, size_t l, unsigned kw)
{
	static const enum kw_enc encs[] = {KW_UTF8, KW_UTF16LE, KW_BIG5, KW_EUCTW};
	unsigned cps[KW_MAX_LEN], alt[KW_MAX_LEN][KW_MAX_VARIANTS];
	size_t nalt[KW_MAX_LEN], pick[KW_MAX_LEN], n = 0, i, k, v, len;
	char word[KW_MAX_LEN * 4];
	int any = 0;
	enum kw_err err;

	for (i = 0; i < l; i += len) {
		len = jw_utf8_len((const unsigned char *)s + i, l - i, &cps[n]);
		nalt[n] = hant_forms(cps[n], alt[n], KW_MAX_VARIANTS);
		any |= nalt[n] > 0;
		pick[n++] = 0;
	}
	if (!any)
		return KW_OK;
	for (v = 0; v < KW_MAX_VARIANTS; v++) {
		size_t o = 0;

		for (i = 0; i < n; i++) {
			unsigned cp = nalt[i] ? alt[i][pick[i]] : cps[i];

			o += u8t_encode(cp, word + o);
		}
		for (k = 0; k < sizeof(encs) / sizeof(encs[0]); k++) {
			err = add_form(ks, cap, f, word, o, kw, encs[k], 1);
			if (err)
				return err;
		}
		/* The next choice, as an odometer over the characters that have some. */
		for (i = n; i-- > 0;) {
			if (nalt[i] && ++pick[i] < nalt[i])
				break;
			pick[i] = 0;
		}
		if (i == (size_t)-1)
			break;
	}
	return KW_OK;
}

/*
 * The simplified form of a keyword with traditional characters (hant.h: 機密
 * gives 机密) in UTF-8, GB18030 and UTF-16LE, as forms of the keyword like
 * its own (variant 0).
 */
static enum kw_err add_simplified(struct kw_set *ks, size_t *cap, const struct forms *f,
                                  const char *s, size_t l, unsigned kw)
{
	static const enum kw_enc encs[] = {KW_UTF8, KW_GBK, KW_UTF16LE};
	char word[KW_MAX_LEN * 4];
	size_t i, o = 0, len, k;
	unsigned cp, simp;
	int any = 0;
	enum kw_err err;

	for (i = 0; i < l; i += len) {
		len = jw_utf8_len((const unsigned char *)s + i, l - i, &cp);
		simp = hant_simplified(cp);
		any |= simp != 0;
		o += u8t_encode(simp ? simp : cp, word + o);
	}
	for (k = 0; any && k < sizeof(encs) / sizeof(encs[0]); k++) {
		err = add_form(ks, cap, f, word, o, kw, encs[k], 0);
		if (err)
			return err;
	}
	return KW_OK;
}

/*
 * Whether an EUC form b[0..n) of encoding enc has an ISO-2022 form: every
 * character is a two-byte one of the set (A1-FE A1-FE), or in EUC-TW one of
 * CNS plane 2 (8E A2 and two such bytes).  Its bytes go to out (n bytes;
 * NULL: not written) without their high bit, 8E A2 becoming ISO-2022-CN's
 * single shift ESC N.
 */
static int iso2022_form(enum kw_enc enc, const unsigned char *b, size_t n, unsigned char *out)
{
	size_t i = 0;

	while (i < n) {
		if (enc == KW_EUCTW && i + 4 <= n && b[i] == 0x8E && b[i + 1] == 0xA2) {
			if (out) {
				out[i] = 0x1B;
				out[i + 1] = 'N';
			}
			i += 2;
		}
		if (i + 2 > n || b[i] < 0xA1 || b[i] == 0xFF || b[i + 1] < 0xA1 || b[i + 1] == 0xFF)
			return 0;
		if (out) {
			out[i] = b[i] & 0x7F;
			out[i + 1] = b[i + 1] & 0x7F;
		}
		i += 2;
	}
	return 1;
}

/*
 * The ISO-2022 forms of the patterns pats[from..) of one keyword, from their
 * EUC-JP, EUC-KR (CP949), GB18030 and EUC-TW forms (iso2022_form).
 */
static enum kw_err add_iso2022(struct kw_set *ks, size_t *cap, size_t from)
{
	size_t i, n = ks->npats;

	for (i = from; i < n; i++) {
		const struct kw_pattern *p = &ks->pats[i];
		enum kw_enc to = p->enc == KW_EUCJP   ? KW_ISO2022JP
		                 : p->enc == KW_EUCKR ? KW_ISO2022KR
		                 : p->enc == KW_GBK   ? KW_ISO2022CN
		                 : p->enc == KW_EUCTW ? KW_ISO2022CNS
		                                      : KW_NENC;
		unsigned char *b;
		enum kw_err err;

		if (to == KW_NENC || !iso2022_form(p->enc, p->bytes, p->len, NULL))
			continue;
		b = malloc(p->len);
		if (!b)
			return KW_NOMEM;
		iso2022_form(p->enc, p->bytes, p->len, b);
		err = add_pattern(ks, cap, b, p->len, p->kw, to, p->variant);
		if (err)
			return err;
	}
	return KW_OK;
}

/*
 * The words already taken, by hash: a keyword file of 20,000 lines is
 * checked for duplicates in linear time.  Slots hold word index + 1.
 */
struct seen {
	unsigned *slot;
	size_t mask;
};

static size_t seen_hash(const char *w, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* Whether w[0..n) is a word of ks already; if not, *at is the slot to take it. */
static int word_seen(const struct kw_set *ks, const struct seen *sn, const char *w, size_t n,
                     size_t *at)
{
	size_t i = seen_hash(w, n) & sn->mask;

	for (; sn->slot[i]; i = (i + 1) & sn->mask) {
		const char *o = ks->words[sn->slot[i] - 1];

		if (strlen(o) == n && memcmp(o, w, n) == 0)
			return 1;
	}
	*at = i;
	return 0;
}

enum kw_err kw_set_load_mem(struct kw_set *ks, const char *data, size_t len, size_t *line)
{
	static const enum kw_enc encs[] = {KW_UTF8, KW_GBK,   KW_UTF16LE, KW_BIG5, KW_EUCKR,
	                                   KW_SJIS, KW_EUCJP, KW_EUCTW,   KW_JOHAB};
	size_t pos = 0, lineno = 0, wcap = 0, pcap = 0, n, i, first, at;
	enum kw_err err = KW_OK;
	struct forms f;
	struct seen sn = {NULL, 0};

	*line = 0;
	/* At most n words (lines, and the limit): twice the slots keeps probes short. */
	for (n = 1, i = 0; i < len && n < KW_MAX_COUNT; i++)
		n += data[i] == '\n';
	for (sn.mask = 1; sn.mask <= 2 * n; sn.mask <<= 1)
		;
	sn.slot = calloc(sn.mask, sizeof(*sn.slot));
	sn.mask--;
	for (i = 0; i < KW_NENC; i++)
		f.cd[i] = (iconv_t)-1;
	if (!sn.slot) {
		err = KW_NOMEM;
		goto out;
	}
	for (i = 0; i < KW_NENC; i++)
		if (KW_LEGACY(i) && i <= KW_EUCJP) { /* the others need no iconv */
			f.cd[i] = iconv_open(lenc_iconv_name((enum kw_enc)i), "UTF-8");
			if (f.cd[i] == (iconv_t)-1) {
				err = KW_NOMEM;
				goto out;
			}
		}
	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - s) : len - pos;
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
		if (word_seen(ks, &sn, s, l, &at))
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
		if (!w) {
			err = KW_NOMEM;
			goto out;
		}
		kwi = (unsigned)ks->nwords;
		ks->words[ks->nwords++] = w;
		sn.slot[at] = kwi + 1;
		first = ks->npats;
		for (i = 0; i < sizeof(encs) / sizeof(encs[0]) && !err; i++)
			err = add_form(ks, &pcap, &f, s, l, kwi, encs[i], 0);
		if (!err)
			err = add_variants(ks, &pcap, &f, s, l, kwi);
		if (!err)
			err = add_simplified(ks, &pcap, &f, s, l, kwi);
		if (!err)
			err = add_iso2022(ks, &pcap, first);
		if (err)
			goto out;
	}
	*line = 0;
	if (ks->nwords == 0)
		err = KW_EMPTY;
out:
	for (i = 0; i < KW_NENC; i++)
		if (f.cd[i] != (iconv_t)-1)
			iconv_close(f.cd[i]);
	free(sn.slot);
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
