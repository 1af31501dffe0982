/*
 * fts_bigram.c — the "bigram" FTS5 tokenizer: character classes, the
 * scanner and its registration through the fts5_api pointer.
 *
 * Inside FTS5, documents (FTS5_TOKENIZE_DOCUMENT and _AUX) are tokenized
 * with FTS_BIGRAM_UNIGRAMS: the run 保密工作 is indexed as
 *
 *     position 0: 保密 (+ 保)   position 1: 密工 (+ 密)   position 2: 工作 (+ 工 作)
 *
 * where the characters in brackets are colocated tokens (same position, not
 * counted in the document length by bm25).  Queries (FTS5_TOKENIZE_QUERY)
 * get the bigrams only, so the query 保密工作 is the phrase 保密 密工 工作 and
 * does not match 保密 alone, while the one-character query 密 and the query
 * U盘 (u 盘) match the colocated characters.  The bigram is the position's
 * main token, so highlight() marks exactly a matched word of two or more
 * characters, and the whole bigram around a matched single character.
 */
#include "fts_bigram.h"

#include <stdint.h>
#include <string.h>

enum fts_bigram_class {
	FTS_BIGRAM_SEP,    /* separates tokens */
	FTS_BIGRAM_IGNORE, /* skipped, does not separate */
	FTS_BIGRAM_WORD,   /* letter or digit, part of a word run */
	FTS_BIGRAM_CJK,    /* part of a bigram run */
};

struct fts_bigram_range {
	uint32_t lo, hi;
};

/* Code points at or above U+0080 that separate tokens (besides the CJK
 * punctuation and full-width forms handled in fts_bigram_classify). */
static const struct fts_bigram_range fts_bigram_seps[] = {
    {0x0080, 0x00BF}, /* C1 controls, NBSP, Latin-1 punctuation and symbols */
    {0x00D7, 0x00D7}, /* × */
    {0x00F7, 0x00F7}, /* ÷ */
    {0x037E, 0x037E}, /* Greek ; */
    {0x0387, 0x0387}, /* Greek · */
    {0x055A, 0x055F}, /* Armenian punctuation */
    {0x0589, 0x058A}, /* Armenian full stop, hyphen */
    {0x060C, 0x060D}, /* Arabic ، (Uyghur) */
    {0x061B, 0x061F}, /* Arabic ؛ ؟ */
    {0x066A, 0x066D}, /* Arabic % and separators */
    {0x06D4, 0x06D4}, /* Arabic full stop */
    {0x0F04, 0x0F14}, /* Tibetan shad and tsheg */
    {0x0F3A, 0x0F3D}, /* Tibetan brackets */
    {0x1680, 0x1680}, /* Ogham space */
    {0x1800, 0x180A}, /* Mongolian punctuation */
    {0x180E, 0x180E}, /* Mongolian vowel separator */
    {0x2000, 0x2BFF}, /* general punctuation … misc symbols and arrows */
    {0x2E00, 0x2E7F}, /* supplemental punctuation */
    {0x2FF0, 0x2FFF}, /* ideographic description characters */
    {0x3000, 0x303F}, /* CJK symbols and punctuation (、。《》「」〔〕…) */
    {0x30A0, 0x30A0}, /* ゠ */
    {0x30FB, 0x30FB}, /* ・ katakana middle dot */
    {0x3190, 0x319F}, /* kanbun */
    {0x3200, 0x33FF}, /* enclosed CJK letters, CJK compatibility (㈠ ㎡) */
    {0xFE10, 0xFE1F}, /* vertical forms */
    {0xFE30, 0xFE6F}, /* CJK compatibility forms, small forms (﹐﹑﹔) */
    {0xFEFF, 0xFEFF}, /* BOM */
    {0xFF00, 0xFF65}, /* full-width punctuation (，：；？（）) and half-width 。「」、・ */
    {0xFFDD, 0xFFFF},   /* full-width symbols (￥), specials, U+FFFD */
    {0x1F000, 0x1FFFF}, /* mahjong, enclosed alphanumerics, emoji */
    {0xE0000, 0xE00FF}, /* tags */
};

/* Code points that never separate tokens and are not part of them. */
static const struct fts_bigram_range fts_bigram_ignores[] = {
    {0x00AD, 0x00AD},   /* soft hyphen */
    {0x200C, 0x200D},   /* ZWNJ, ZWJ */
    {0xFE00, 0xFE0F},   /* variation selectors */
    {0xE0100, 0xE01EF}, /* ideographic variation selectors */
};

/* CJK characters: each run of them gives bigrams. */
static const struct fts_bigram_range fts_bigram_cjks[] = {
    {0x1100, 0x11FF},   /* Hangul Jamo */
    {0x2E80, 0x2FDF},   /* CJK radicals supplement, Kangxi radicals */
    {0x3005, 0x3007},   /* 々 〆 〇 */
    {0x303B, 0x303B},   /* 〻 */
    {0x3040, 0x309F},   /* Hiragana */
    {0x30A1, 0x30FA},   /* Katakana, without ゠ and ・ */
    {0x30FC, 0x30FF},   /* ー ヽ ヾ ヿ */
    {0x3100, 0x318F},   /* Bopomofo, Hangul compatibility Jamo */
    {0x31A0, 0x31FF},   /* Bopomofo extended, CJK strokes, Katakana extension */
    {0x3400, 0x4DBF},   /* CJK Extension A */
    {0x4E00, 0x9FFF},   /* CJK unified ideographs */
    {0xA960, 0xA97F},   /* Hangul Jamo extended A */
    {0xAC00, 0xD7FF},   /* Hangul syllables, Jamo extended B */
    {0xE000, 0xF8FF},   /* private use: rare characters of names (GB 18030 fonts) */
    {0xF900, 0xFAFF},   /* CJK compatibility ideographs */
    {0xFF66, 0xFFDC},   /* half-width Katakana and Hangul */
    {0x1AFF0, 0x1B2FF}, /* Kana extended and supplement */
    {0x20000, 0x3FFFF}, /* CJK Extensions B–H, compatibility supplement */
};

/* Ⅰ…Ⅻ Ⅼ Ⅽ Ⅾ Ⅿ (U+2160–216F) and ⅰ…ⅿ (U+2170–217F), as in 一级/Ⅰ级 grades. */
static const char *const fts_bigram_roman[16] = {"i",  "ii", "iii", "iv",  "v", "vi", "vii", "viii",
                                                 "ix", "x",  "xi",  "xii", "l", "c",  "d",   "m"};

static int fts_bigram_in(const struct fts_bigram_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

#define FTS_BIGRAM_IN(table, cp) fts_bigram_in(table, sizeof(table) / sizeof(table[0]), cp)

/*
 * Decodes one UTF-8 sequence at s[0..n), n > 0.  Returns its length and the
 * code point in *cp, or 0 for an invalid byte (overlong form, surrogate,
 * beyond U+10FFFF, stray or missing continuation byte).
 */
static int fts_bigram_decode(const unsigned char *s, int n, uint32_t *cp)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	int len;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

/*
 * Class of code point cp.  For a word character that folds to ASCII, the
 * folded form is fold[0] (a letter or digit) or *rom (a Roman numeral) and
 * *flen its length; *flen is 0 when the source bytes are the token bytes.
 */
static enum fts_bigram_class fts_bigram_classify(uint32_t cp, char *fold, const char **rom,
                                                 int *flen)
{
	*flen = 0;
	*rom = NULL;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z') {
			fold[0] = (char)(cp - 'A' + 'a');
			*flen = 1;
			return FTS_BIGRAM_WORD;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			fold[0] = (char)cp;
			*flen = 1;
			return FTS_BIGRAM_WORD;
		}
		return FTS_BIGRAM_SEP;
	}
	/* full-width digits and Latin letters fold to ASCII */
	if (cp >= 0xFF10 && cp <= 0xFF19) {
		fold[0] = (char)(cp - 0xFF10 + '0');
		*flen = 1;
		return FTS_BIGRAM_WORD;
	}
	if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) {
		fold[0] = (char)((cp - 0xFF21) % 0x20 + 'a');
		*flen = 1;
		return FTS_BIGRAM_WORD;
	}
	if (cp >= 0x2160 && cp <= 0x217F) {
		*rom = fts_bigram_roman[cp & 0x0F];
		*flen = (int)strlen(*rom);
		return FTS_BIGRAM_WORD;
	}
	if (FTS_BIGRAM_IN(fts_bigram_cjks, cp))
		return FTS_BIGRAM_CJK;
	if (FTS_BIGRAM_IN(fts_bigram_ignores, cp))
		return FTS_BIGRAM_IGNORE;
	if (FTS_BIGRAM_IN(fts_bigram_seps, cp))
		return FTS_BIGRAM_SEP;
	return FTS_BIGRAM_WORD;
}

struct fts_bigram_scan {
	const char *s;
	int opts;
	int (*cb)(void *ctx, int tflags, const char *tok, int toklen, int start, int end);
	void *ctx;
	/* the word run being read; wstart < 0 if none */
	char word[FTS_BIGRAM_WORD_MAX];
	int wlen, wstart, wend;
	int wfull; /* a character did not fit: the token is complete */
	/* the last CJK character of the run being read; cstart < 0 if none */
	int cstart, clen;
	int ccount; /* characters in the run so far */
};

static int fts_bigram_word_end(struct fts_bigram_scan *sc)
{
	int rc = 0;

	if (sc->wstart >= 0 && sc->wlen > 0)
		rc = sc->cb(sc->ctx, 0, sc->word, sc->wlen, sc->wstart, sc->wend);
	sc->wstart = -1;
	return rc;
}

static void fts_bigram_word_add(struct fts_bigram_scan *sc, int off, int len, const char *bytes,
                                int blen)
{
	if (sc->wstart < 0) {
		sc->wstart = off;
		sc->wlen = 0;
		sc->wfull = 0;
	}
	if (!sc->wfull && sc->wlen + blen <= FTS_BIGRAM_WORD_MAX) {
		memcpy(sc->word + sc->wlen, bytes, (size_t)blen);
		sc->wlen += blen;
	} else {
		sc->wfull = 1;
	}
	sc->wend = off + len;
}

static int fts_bigram_cjk_end(struct fts_bigram_scan *sc)
{
	int rc = 0;

	if (sc->cstart < 0)
		return 0;
	if (sc->ccount == 1)
		rc = sc->cb(sc->ctx, 0, sc->s + sc->cstart, sc->clen, sc->cstart,
		            sc->cstart + sc->clen);
	else if (sc->opts & FTS_BIGRAM_UNIGRAMS)
		rc = sc->cb(sc->ctx, FTS_BIGRAM_COLOCATED, sc->s + sc->cstart, sc->clen, sc->cstart,
		            sc->cstart + sc->clen);
	sc->cstart = -1;
	return rc;
}

static int fts_bigram_cjk_add(struct fts_bigram_scan *sc, int off, int len)
{
	char tok[8];
	int rc = 0;

	if (sc->cstart >= 0) {
		/* the two characters need not be adjacent: an ignored one may sit between */
		memcpy(tok, sc->s + sc->cstart, (size_t)sc->clen);
		memcpy(tok + sc->clen, sc->s + off, (size_t)len);
		rc = sc->cb(sc->ctx, 0, tok, sc->clen + len, sc->cstart, off + len);
		if (!rc && (sc->opts & FTS_BIGRAM_UNIGRAMS))
			rc = sc->cb(sc->ctx, FTS_BIGRAM_COLOCATED, sc->s + sc->cstart, sc->clen,
			            sc->cstart, sc->cstart + sc->clen);
		sc->ccount++;
	} else {
		sc->ccount = 1;
	}
	sc->cstart = off;
	sc->clen = len;
	return rc;
}

int fts_bigram_tokenize_ex(const char *text, int len, int opts,
                           int (*cb)(void *ctx, int tflags, const char *tok, int toklen, int start,
                                     int end),
                           void *ctx)
{
	struct fts_bigram_scan sc = {
	    .s = text, .opts = opts, .cb = cb, .ctx = ctx, .wstart = -1, .cstart = -1};
	const unsigned char *u = (const unsigned char *)text;
	int rc = 0;

	if (!text)
		return 0;
	if (len < 0) {
		size_t n = strlen(text);

		len = n > INT32_MAX ? INT32_MAX : (int)n;
	}
	for (int i = 0; i < len;) {
		uint32_t cp;
		char fold[1];
		const char *rom;
		int flen, n = fts_bigram_decode(u + i, len - i, &cp);
		enum fts_bigram_class cls = FTS_BIGRAM_SEP;

		if (n > 0)
			cls = fts_bigram_classify(cp, fold, &rom, &flen);
		else
			n = 1; /* an invalid byte separates */
		switch (cls) {
		case FTS_BIGRAM_SEP:
			rc = fts_bigram_word_end(&sc);
			if (!rc)
				rc = fts_bigram_cjk_end(&sc);
			break;
		case FTS_BIGRAM_IGNORE:
			break;
		case FTS_BIGRAM_WORD:
			rc = fts_bigram_cjk_end(&sc);
			if (rc)
				break;
			if (rom)
				fts_bigram_word_add(&sc, i, n, rom, flen);
			else if (flen)
				fts_bigram_word_add(&sc, i, n, fold, flen);
			else
				fts_bigram_word_add(&sc, i, n, text + i, n);
			break;
		case FTS_BIGRAM_CJK:
			rc = fts_bigram_word_end(&sc);
			if (!rc)
				rc = fts_bigram_cjk_add(&sc, i, n);
			break;
		}
		if (rc)
			goto out;
		i += n;
	}
	rc = fts_bigram_word_end(&sc);
	if (!rc)
		rc = fts_bigram_cjk_end(&sc);
out:
	return rc;
}

struct fts_bigram_plain {
	int (*cb)(void *ctx, const char *tok, int toklen, int start, int end);
	void *ctx;
};

static int fts_bigram_plain_cb(void *ctx, int tflags, const char *tok, int toklen, int start,
                               int end)
{
	struct fts_bigram_plain *p = ctx;

	(void)tflags;
	return p->cb(p->ctx, tok, toklen, start, end);
}

int fts_bigram_tokenize(const char *text, int len,
                        int (*cb)(void *ctx, const char *tok, int toklen, int start, int end),
                        void *ctx)
{
	struct fts_bigram_plain p = {.cb = cb, .ctx = ctx};

	return fts_bigram_tokenize_ex(text, len, 0, fts_bigram_plain_cb, &p);
}

/* ---- FTS5 glue ---- */

/* The tokenizer has no state; every instance is this object. */
static int fts_bigram_instance;

static int fts_bigram_create(void *udata, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)udata;
	(void)argv;
	*out = NULL;
	if (argc != 0)
		return SQLITE_ERROR; /* "bigram" takes no options */
	*out = (Fts5Tokenizer *)&fts_bigram_instance;
	return SQLITE_OK;
}

static void fts_bigram_delete(Fts5Tokenizer *t)
{
	(void)t;
}

struct fts_bigram_fts5 {
	void *ctx;
	int (*token)(void *ctx, int tflags, const char *tok, int toklen, int start, int end);
};

static int fts_bigram_fts5_cb(void *ctx, int tflags, const char *tok, int toklen, int start,
                              int end)
{
	struct fts_bigram_fts5 *f = ctx;

	return f->token(f->ctx, (tflags & FTS_BIGRAM_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, tok,
	                toklen, start, end);
}

static int fts_bigram_xtokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                                int (*token)(void *ctx, int tflags, const char *tok, int toklen,
                                             int start, int end))
{
	struct fts_bigram_fts5 f = {.ctx = ctx, .token = token};
	int opts = (flags & FTS5_TOKENIZE_QUERY) ? 0 : FTS_BIGRAM_UNIGRAMS;
	int rc;

	(void)t;
	if (len <= 0)
		return SQLITE_OK;
	rc = fts_bigram_tokenize_ex(text, len, opts, fts_bigram_fts5_cb, &f);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int fts_bigram_register(sqlite3 *db)
{
	fts5_tokenizer tok = {fts_bigram_create, fts_bigram_delete, fts_bigram_xtokenize};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? SQLITE_ERROR : rc;
		goto out;
	}
	if (!api || api->iVersion < 2) {
		rc = SQLITE_ERROR;
		goto out;
	}
	rc = api->xCreateTokenizer(api, "bigram", NULL, &tok, NULL);
out:
	sqlite3_finalize(st);
	return rc;
}
