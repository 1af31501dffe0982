/*
 * fuzz_fts_bigram — libFuzzer target for the bigram FTS5 tokenizer.
 *
 * Input: arbitrary bytes, tokenized with and without colocated unigrams.
 * Checks that every token is non-empty and at most FTS_BIGRAM_WORD_MAX
 * bytes, that 0 <= start < end <= size, that tokens come in order of their
 * start, that a colocated token never comes first, and that a token
 * starting with a multibyte character starts with the input bytes at its
 * start offset.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/store/fts_bigram.h"

struct fuzz_fts_bigram {
	const uint8_t *data;
	int size;
	int n;
	int last_start;
};

static int fuzz_fts_bigram_check(void *ctx, int tflags, const char *tok, int toklen, int start,
                                 int end)
{
	struct fuzz_fts_bigram *f = ctx;

	if (toklen <= 0 || toklen > FTS_BIGRAM_WORD_MAX || !tok)
		abort();
	if (start < 0 || start >= end || end > f->size)
		abort();
	if (start < f->last_start)
		abort();
	if ((tflags & FTS_BIGRAM_COLOCATED) && f->n == 0)
		abort();
	/* a token that starts with a multibyte character (CJK or a letter of
	 * another script, never folded) starts with that character's input bytes */
	if ((unsigned char)tok[0] >= 0x80) {
		unsigned char c = (unsigned char)tok[0];
		int clen = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

		if (c < 0xC2 || c > 0xF4 || clen > toklen || clen > end - start ||
		    memcmp(tok, f->data + start, (size_t)clen) != 0)
			abort();
	}
	f->last_start = start;
	f->n++;
	return 0;
}

static int fuzz_fts_bigram_plain(void *ctx, const char *tok, int toklen, int start, int end)
{
	return fuzz_fts_bigram_check(ctx, 0, tok, toklen, start, end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_fts_bigram f = {.data = data};
	char *copy;
	int n_plain;

	if (size > 1 << 20)
		return 0;
	f.size = (int)size;
	/* a heap copy of exactly size bytes, so ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	if (size)
		memcpy(copy, data, size);
	if (fts_bigram_tokenize(copy, (int)size, fuzz_fts_bigram_plain, &f) != 0)
		abort();
	n_plain = f.n;
	f.n = 0;
	f.last_start = 0;
	if (fts_bigram_tokenize_ex(copy, (int)size, FTS_BIGRAM_UNIGRAMS, fuzz_fts_bigram_check,
	                           &f) != 0)
		abort();
	/* unigrams only add tokens */
	if (f.n < n_plain)
		abort();
	free(copy);
	return 0;
}
