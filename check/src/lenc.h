/*
 * lenc — legacy CJK encodings in text: which one a text is in, and where its
 * characters start.
 *
 * The byte forms of a keyword in GB18030, Big5, EUC-KR (CP949), Shift-JIS
 * (CP932) and EUC-JP are byte strings that also occur in text of the other
 * encodings: GB2312 text is valid Big5 and valid EUC-KR byte for byte, and
 * the forms of two different words can be the same bytes (GBK 机密 is
 * BB FA C3 DC, which EUC-KR reads as two Hangul syllables).  So a hit of a
 * legacy form counts only when (1) it starts on a character boundary of its
 * encoding and (2) the text is in that encoding, as lenc_detect decides from
 * the start of the text once (for a file read in windows, from its first
 * window that is not UTF-8); the forms of Big5, EUC-KR, Shift-JIS and EUC-JP
 * are not even looked for in other text (scan.h):
 *   - ISO-2022-JP, -KR, -CN: 7-bit text (a byte above 0x80 in a hundred at
 *     most) with the escape sequences that designate their two-byte sets
 *     (ESC $ B or $ @ or $ ( Q; ESC $ ) C; ESC $ ) A, $ A, $ ) G or $ * H);
 *   - Shift-JIS: valid Shift-JIS in which hiragana/katakana (lead 82/83) make
 *     10% of the two-byte characters;
 *   - EUC-JP: kana rows (A4/A5) make 20%, no trail byte below A1;
 *   - Johab: half of the characters are Hangul syllables as Johab composes
 *     them (valid 5-bit jamo codes), 30% of these with no final consonant
 *     (final code 1: over half of Korean syllables; the other encodings'
 *     text has a trail byte whose low 5 bits are 1 in 14% at most);
 *   - EUC-TW: every trail in A1-FE, half of the characters in CNS 11643's
 *     Hanzi rows (lead C4-FD) and next to none with a lead in B0-C3 (empty
 *     in CNS plane 1; a third of GB 2312 text, all of EUC-KR's Hangul);
 *   - Big5: 10% or more trail bytes in 40-7E and next to none in 80-A0
 *     (invalid in Big5, common in GBK's extension);
 *   - EUC-KR: 70% of the characters in the Hangul rows (B0-C8, or CP949's
 *     extension) and at most 10% above them (Chinese GB2312 text has a third
 *     of its characters there, level-2 hanzi and the latter half of level 1);
 *   - GB18030 otherwise.
 * With fewer than LENC_MIN_CHARS two-byte characters there is too little to
 * tell: every encoding in which the text is valid is taken (GB18030 when
 * none is).  A window that is UTF-8 text takes GB18030 forms only (as before:
 * GBK 专业 is valid UTF-8).
 */
#ifndef BAOMI_CHECK_LENC_H
#define BAOMI_CHECK_LENC_H

#include <stddef.h>

#include "kw.h"

#define LENC_MIN_CHARS 32 /* two-byte characters that make a decision */
/* lenc_detect reads the first LENC_STEP bytes, then 4 times as many, until
 * LENC_ENOUGH two-byte characters or LENC_SAMPLE bytes. */
#define LENC_STEP ((size_t)1 << 10)
#define LENC_ENOUGH 256
#define LENC_SAMPLE ((size_t)256 << 10)

/* The encodings s[0..n) may be in, as bits 1u << KW_GBK, KW_BIG5, ... (never 0). */
unsigned lenc_detect(const unsigned char *s, size_t n);

/* What lenc_detect counts in a sample, in one pass for the EUC-like
 * encodings and one for Shift-JIS (whose characters start elsewhere). */
struct lenc_stats {
	size_t pairs;               /* two-byte characters, read as lead 81-FE + trail */
	size_t four;                /* GB18030 four-byte sequences */
	size_t gb_bad;              /* a lead without a valid GBK trail */
	size_t lo, mid;             /* trails 40-7E, 80-A0 */
	size_t kana;                /* rows A4/A5 with a trail A1-FE (EUC-JP kana) */
	size_t hangul;              /* rows B0-C8 with a trail A1-FE, or CP949's extension */
	size_t upper;               /* rows C9-FE with a trail A1-FE */
	size_t kr_bad;              /* trails CP949 does not have */
	size_t sj, sj_kana, sj_bad; /* Shift-JIS: two-byte characters, kana, bad bytes */
	size_t johab, johab_open;   /* Johab Hangul syllables; those with no final consonant */
	size_t tw_gap, tw_han;      /* trail A1-FE with a lead in B0-C3, in C4-FD */
};

/* Counts s[0..n) into *st (lenc_detect's sample; also for its test). */
void lenc_count(const unsigned char *s, size_t n, struct lenc_stats *st);

/*
 * Whether s[0..n) holds UTF-16LE CJK text: in one of LENC_U16_BLOCKS blocks
 * of LENC_U16_BLOCK bytes spread over it, at either alignment, three
 * quarters of the code units are such as Chinese text is made of (CJK
 * ideographs U+3400-U+9FFF, ASCII, CJK and full-width punctuation) and a
 * tenth are ideographs.  GBK text has no NUL bytes nor the 0x30/0xFF high
 * bytes in such numbers.
 */
#define LENC_U16_BLOCK 128
#define LENC_U16_BLOCKS 8
int lenc_utf16(const unsigned char *s, size_t n);

/*
 * Whether the first LENC_STEP bytes of s[0..n) read as UTF-8 text: three
 * quarters of their bytes above 0x7F are in well-formed multibyte characters
 * (GBK text has some by chance, UTF-8 text all).
 */
int lenc_utf8(const unsigned char *s, size_t n);

/* Bytes of the character at s[i] in enc (1 for a byte that starts none). */
size_t lenc_char_len(enum kw_enc enc, const unsigned char *s, size_t i, size_t n);

/*
 * Whether pos is a character boundary of enc in s[0..len), s[0] being one.  *at is a
 * boundary known before (or (size_t)-1): the text is read forward from there
 * when it is at or before pos, else from the last byte before pos that ends a
 * character in any case (an ASCII byte that is no trail: each encoding has
 * them).  *at is then moved to a boundary at least back bytes before pos, so
 * that hits reported in order of their end cost linear time together.
 */
int lenc_boundary(enum kw_enc enc, const unsigned char *s, size_t len, size_t pos, size_t *at,
                  size_t back);

/* The first boundary of enc at or after pos - max (context before a hit). */
size_t lenc_ctx_start(enum kw_enc enc, const unsigned char *s, size_t len, size_t pos, size_t max);

/*
 * The ISO-2022 encodings (KW_ISO2022JP, KR, CN, CNS): a form is found only in
 * a section of the encoding's two-byte set (after ESC $ B; after SO with
 * G1 designated by ESC $ ) C, ESC $ ) A, ESC $ ) G; after ESC $ A; after an
 * SS2 character, ESC N and two bytes, the set in use goes on) an even number of
 * bytes after the section's start (the escape sequence or SO before it),
 * so that a hit can neither start mid-character nor straddle an escape.
 * The state is read back from the hit to the escape sequences and SO/SI
 * before it, at most to the line's start: a designation holds for its line
 * (ISO-2022-CN), except ISO-2022-KR's, which is given once at the top.  A
 * section that begins before the window (a file read in windows) is not
 * known: its hits before the next escape or SO are not taken.
 */
#define LENC_ISO2022(enc) ((enc) >= KW_ISO2022JP && (enc) <= KW_ISO2022CNS)
#define LENC_ISO2022_BITS                                                                          \
	(1u << KW_ISO2022JP | 1u << KW_ISO2022KR | 1u << KW_ISO2022CN | 1u << KW_ISO2022CNS)

/*
 * The ISO-2022 encodings (bits as lenc_detect's) whose two-byte sets
 * s[0..n) designates.  Such text is often all 7-bit, and then a UTF-8
 * window too: scan.c asks this of UTF-8 windows (a memchr for ESC).
 */
unsigned lenc_iso2022(const unsigned char *s, size_t n);

/* The end of a hit's context: whole characters after end, at most max bytes
 * (in ISO-2022, to the end of the two-byte section). */
size_t lenc_ctx_end(enum kw_enc enc, const unsigned char *s, size_t len, size_t end, size_t max);

/*
 * A copy of s[0..n), a context of enc, to decode with lenc_iconv_name(enc):
 * the two-byte section of an ISO-2022 text becomes the EUC text of the
 * same characters.  NULL: out of memory.
 */
unsigned char *lenc_ctx_bytes(enum kw_enc enc, const unsigned char *s, size_t n);

/* glibc's iconv name of enc (for contexts; for forms up to KW_EUCJP).  For ISO-2022: the
 * EUC encoding of its two-byte set (lenc_ctx_bytes). */
const char *lenc_iconv_name(enum kw_enc enc);

/*
 * The form of UTF-8 word s[0..n) in enc (KW_EUCTW, KW_JOHAB), from the tables
 * made by check/tools/gen-lenc.py.  Returns 0 and the bytes in *out, 1 when
 * some character has no code there, -1 out of memory.
 */
int lenc_form(enum kw_enc enc, const char *s, size_t n, unsigned char **out, size_t *outlen);

#endif
