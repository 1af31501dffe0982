/*
 * kw — the keyword list and its byte forms.
 *
 * Each keyword (UTF-8, one per line in the keywords file) is turned into the
 * byte strings it takes in UTF-8, GB18030 (GBK and its four-byte sequences),
 * UTF-16LE, Big5, EUC-KR (CP949), Shift-JIS (CP932), EUC-JP, EUC-TW, Johab
 * and ISO-2022-JP/-KR/-CN, so that files are matched in their own encoding
 * without transcoding them.  A form exists only where every character of the
 * keyword has a code in that encoding (glibc's iconv decides, at start-up;
 * EUC-TW and Johab from lenc's tables; the ISO-2022 forms are the EUC-JP,
 * EUC-KR, GB 2312 and EUC-TW forms without their high bits, for keywords
 * made of two-byte characters only, EUC-TW's 8E A2 being ISO-2022-CN's SS2,
 * ESC N).  A keyword with simplified Chinese characters
 * also gets its traditional forms (hant.h: 机密 is 機密) in UTF-8, UTF-16LE,
 * Big5 and EUC-TW; one with traditional characters its simplified form
 * (機密 also gives 机密) in UTF-8, GB18030, UTF-16LE and ISO-2022-CN, as a
 * form of its own (not a variant).  The patterns are numbered; pattern i belongs to keyword
 * kw_set.pats[i].kw.
 */
#ifndef BAOMI_CHECK_KW_H
#define BAOMI_CHECK_KW_H

#include <stddef.h>

enum kw_err {
	KW_OK = 0,
	KW_IO,       /* the keywords file could not be read */
	KW_BAD_UTF8, /* a line is not valid UTF-8 */
	KW_TOO_LONG, /* a keyword or the file passes a limit */
	KW_EMPTY,    /* no keyword in the file */
	KW_NOMEM,
};

enum kw_enc {
	KW_UTF8 = 0,
	KW_GBK, /* GB18030: GBK's two-byte and GB18030's four-byte sequences */
	KW_UTF16LE,
	KW_BIG5,
	KW_EUCKR, /* CP949 (UHC), a superset of EUC-KR */
	KW_SJIS,  /* CP932, Windows' Shift-JIS */
	KW_EUCJP,
	KW_EUCTW, /* CNS 11643 planes 1 and 2 */
	KW_JOHAB,
	/* The 7-bit ISO-2022 encodings: a form is the two-byte set's bytes of
	 * the keyword, matched inside a section of that set (lenc.h). */
	KW_ISO2022JP,  /* JIS X 0208 (ESC $ B) */
	KW_ISO2022KR,  /* KS X 1001 (ESC $ ) C, then SO) */
	KW_ISO2022CN,  /* GB 2312 (ESC $ ) A then SO, or ESC $ A) */
	KW_ISO2022CNS, /* ISO-2022-CN's CNS 11643 plane 1 (ESC $ ) G, SO), plane 2 by SS2 */
	KW_NENC,
};

/* Whether forms of enc are a legacy multibyte encoding's (checked by lenc.h). */
#define KW_LEGACY(enc) ((enc) == KW_GBK || (enc) >= KW_BIG5)
#define KW_MAX_VARIANTS 4 /* traditional forms of one keyword */

#define KW_MAX_LEN 256     /* bytes of one keyword in UTF-8 */
#define KW_MAX_COUNT 20000 /* keywords in one file */

struct kw_pattern {
	unsigned char *bytes;
	size_t len;
	unsigned kw;
	enum kw_enc enc;
	int variant; /* a traditional form of a simplified keyword */
};

struct kw_set {
	char **words; /* UTF-8, NUL-terminated */
	size_t nwords;
	struct kw_pattern *pats;
	size_t npats;
	size_t maxlen; /* longest pattern in bytes */
};

void kw_set_init(struct kw_set *ks);
void kw_set_release(struct kw_set *ks);
/*
 * Loads the keywords file at path.  Blank lines are ignored, surrounding
 * spaces and a trailing CR are trimmed, duplicates are dropped.  On error
 * *line is the 1-based line at fault (0 for the whole file).
 */
enum kw_err kw_set_load(struct kw_set *ks, const char *path, size_t *line);
/* Same from memory; for tests and fuzzing. */
enum kw_err kw_set_load_mem(struct kw_set *ks, const char *data, size_t len, size_t *line);
const char *kw_enc_name(enum kw_enc enc);
const char *kw_strerror(enum kw_err err);

/*
 * Whether a UTF-16LE form found at buf[start..end) lies in text that decodes
 * as UTF-16, as the GBK forms are checked on a character boundary.  The code
 * unit just before and just after must be characters that may stand next to
 * it (no unpaired surrogate, no U+FFFE/U+FFFF).  A form whose bytes are all
 * printable ASCII (中华 is 2D 4E 4E 53, "-NNS") is taken only when fewer than
 * KW_UTF16_ASCII_RUN code units next to it, on both sides together, are two
 * printable ASCII bytes: in 8-bit text every neighbour is, while in UTF-16
 * text an ASCII character has a NUL byte and most Chinese characters a byte
 * above 0x7F.
 */
#define KW_UTF16_ASCII_RUN 4
int kw_utf16_text(const unsigned char *buf, size_t len, size_t start, size_t end);

#endif
