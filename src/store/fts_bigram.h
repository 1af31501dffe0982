/*
 * fts_bigram — an FTS5 tokenizer for Chinese, Japanese and Korean text.
 *
 * SQLite's trigram tokenizer cannot find a two-character word such as 涉密,
 * and unicode61 makes a whole run of Han characters one token.  "bigram"
 * splits UTF-8 text as follows:
 *
 *  - a run of CJK characters (Han with Extensions A–H, compatibility
 *    ideographs and radicals, 々〆〇, kana, bopomofo, Hangul, and the
 *    private use area, where rare name characters live) gives overlapping
 *    two-character tokens: 保密工作 → 保密 密工 工作; a run of one character
 *    gives that character;
 *  - a run of letters and digits gives one token, ASCII lower-cased, with
 *    full-width ＡＢＣ１ and Roman numerals Ⅳ folded to ASCII (abc1, iv);
 *    letters of other scripts (é, Cyrillic, Uyghur, Tibetan) stay as they
 *    are; a token keeps at most FTS_BIGRAM_WORD_MAX bytes, its offsets still
 *    cover the whole run;
 *  - whitespace, controls, punctuation and symbols (ASCII and 、。，《》「」
 *    （）…, emoji) and invalid UTF-8 bytes separate tokens; variation
 *    selectors, ZWJ/ZWNJ and soft hyphens are skipped without separating.
 *
 * Offsets are byte offsets into the input, so highlight() and snippet()
 * work.  Inside FTS5 the tokenizer also indexes every CJK character of a
 * document as a token colocated with its bigram (see fts_bigram.c), so that
 * a one-character query (密) or a query mixing ASCII and one Han character
 * (U盘) finds 保密工作 and U盘管理; queries themselves are tokenized without
 * these extra tokens.
 */
#ifndef BAOMI_FTS_BIGRAM_H
#define BAOMI_FTS_BIGRAM_H

#include <sqlite3.h>

/* Longest folded token of a letter/digit run, in bytes. */
#define FTS_BIGRAM_WORD_MAX 64

/* fts_bigram_tokenize_ex() option: also give each CJK character of a run of
 * two or more as a token colocated with (at the position of) a bigram. */
#define FTS_BIGRAM_UNIGRAMS 0x1
/* Token flag passed to the callback of fts_bigram_tokenize_ex(). */
#define FTS_BIGRAM_COLOCATED 0x1

/*
 * Registers the tokenizer "bigram" on db, for
 * CREATE VIRTUAL TABLE t USING fts5(..., tokenize='bigram').  It takes no
 * arguments.  Returns SQLITE_OK or an SQLite error code (SQLITE_ERROR when
 * the library has no FTS5).
 */
int fts_bigram_register(sqlite3 *db);

/*
 * Splits text[0..len) (UTF-8, need not be valid or NUL-terminated; len < 0
 * means up to the NUL) into tokens, calling cb for each with the token bytes
 * (not NUL-terminated, valid only during the call) and its byte range
 * [start, end) in text.  Tokens are never empty and start < end.  Stops at
 * the first nonzero return of cb and returns it; otherwise returns 0.
 */
int fts_bigram_tokenize(const char *text, int len,
                        int (*cb)(void *ctx, const char *tok, int toklen, int start, int end),
                        void *ctx);

/* The same with options (FTS_BIGRAM_UNIGRAMS) and token flags
 * (FTS_BIGRAM_COLOCATED) passed to cb. */
int fts_bigram_tokenize_ex(const char *text, int len, int opts,
                           int (*cb)(void *ctx, int tflags, const char *tok, int toklen, int start,
                                     int end),
                           void *ctx);

#endif
