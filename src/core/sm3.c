#include "sm3.h"

#include <string.h>

#include <sodium.h>

static const uint32_t sm3_iv[8] = {0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600,
                                   0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e};

#define ROTL(x, n) (((x) << ((n)&31)) | ((x) >> ((32 - ((n)&31)) & 31)))
#define P0(x) ((x) ^ ROTL((x), 9) ^ ROTL((x), 17))
#define P1(x) ((x) ^ ROTL((x), 15) ^ ROTL((x), 23))

static uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* T_j rotated left by j (mod 32), the round constants of the compression. */
static const uint32_t sm3_t[64] = {
    0x79cc4519, 0xf3988a32, 0xe7311465, 0xce6228cb, 0x9cc45197, 0x3988a32f, 0x7311465e, 0xe6228cbc,
    0xcc451979, 0x988a32f3, 0x311465e7, 0x6228cbce, 0xc451979c, 0x88a32f39, 0x11465e73, 0x228cbce6,
    0x9d8a7a87, 0x3b14f50f, 0x7629ea1e, 0xec53d43c, 0xd8a7a879, 0xb14f50f3, 0x629ea1e7, 0xc53d43ce,
    0x8a7a879d, 0x14f50f3b, 0x29ea1e76, 0x53d43cec, 0xa7a879d8, 0x4f50f3b1, 0x9ea1e762, 0x3d43cec5,
    0x7a879d8a, 0xf50f3b14, 0xea1e7629, 0xd43cec53, 0xa879d8a7, 0x50f3b14f, 0xa1e7629e, 0x43cec53d,
    0x879d8a7a, 0x0f3b14f5, 0x1e7629ea, 0x3cec53d4, 0x79d8a7a8, 0xf3b14f50, 0xe7629ea1, 0xcec53d43,
    0x9d8a7a87, 0x3b14f50f, 0x7629ea1e, 0xec53d43c, 0xd8a7a879, 0xb14f50f3, 0x629ea1e7, 0xc53d43ce,
    0x8a7a879d, 0x14f50f3b, 0x29ea1e76, 0x53d43cec, 0xa7a879d8, 0x4f50f3b1, 0x9ea1e762, 0x3d43cec5,
};

#define FF0(x, y, z) ((x) ^ (y) ^ (z))
#define FF1(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define GG0(x, y, z) ((x) ^ (y) ^ (z))
#define GG1(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))

/*
 * One round with the eight words renamed instead of moved: after four
 * rounds the names are back in place.  Equivalent to the standard's
 * D=C, C=B<<<9, B=A, A=TT1, H=G, G=F<<<19, F=E, E=P0(TT2).
 */
#define ROUND(FF, GG, a, b, c, d, e, f, g, h, j)                                                   \
	do {                                                                                       \
		uint32_t a12 = ROTL(a, 12);                                                        \
		uint32_t ss1 = ROTL(a12 + e + sm3_t[j], 7);                                        \
		uint32_t ss2 = ss1 ^ a12;                                                          \
		d = FF(a, b, c) + d + ss2 + (w[j] ^ w[(j) + 4]);                                   \
		h = GG(e, f, g) + h + ss1 + w[j];                                                  \
		b = ROTL(b, 9);                                                                    \
		f = ROTL(f, 19);                                                                   \
		h = P0(h);                                                                         \
	} while (0)

/* Message expansion, one word at a time just before its first use. */
#define EXPAND(i)                                                                                  \
	(w[i] = P1(w[(i)-16] ^ w[(i)-9] ^ ROTL(w[(i)-3], 15)) ^ ROTL(w[(i)-13], 7) ^ w[(i)-6])

#define ROUND4(FF, GG, j, X)                                                                       \
	do {                                                                                       \
		X(j + 4);                                                                          \
		ROUND(FF, GG, a, b, c, d, e, f, g, h, j);                                          \
		X(j + 5);                                                                          \
		ROUND(FF, GG, d, a, b, c, h, e, f, g, (j) + 1);                                    \
		X(j + 6);                                                                          \
		ROUND(FF, GG, c, d, a, b, g, h, e, f, (j) + 2);                                    \
		X(j + 7);                                                                          \
		ROUND(FF, GG, b, c, d, a, f, g, h, e, (j) + 3);                                    \
	} while (0)

#define NO_EXPAND(i) (void)0

/*
 * The expansion is interleaved with the rounds on purpose: a separate
 * expansion loop gets auto-vectorised by gcc -O2 into code that runs at
 * 60% of the speed of this scalar form.
 */
static void sm3_compress(uint32_t v[8], const uint8_t *blk)
{
	uint32_t w[68], a, b, c, d, e, f, g, h;
	int j;

	for (j = 0; j < 16; j++)
		w[j] = load_be32(blk + 4 * j);
	a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
	ROUND4(FF0, GG0, 0, NO_EXPAND);
	ROUND4(FF0, GG0, 4, NO_EXPAND);
	ROUND4(FF0, GG0, 8, NO_EXPAND);
	ROUND4(FF0, GG0, 12, EXPAND);
	for (j = 16; j < 64; j += 4)
		ROUND4(FF1, GG1, j, EXPAND);
	v[0] ^= a, v[1] ^= b, v[2] ^= c, v[3] ^= d;
	v[4] ^= e, v[5] ^= f, v[6] ^= g, v[7] ^= h;
}

void sm3_init(struct sm3_ctx *c)
{
	memcpy(c->v, sm3_iv, sizeof(sm3_iv));
	c->nbytes = 0;
	c->fill = 0;
}

void sm3_update(struct sm3_ctx *c, const void *data, size_t n)
{
	const uint8_t *p = data;

	c->nbytes += n;
	if (c->fill) {
		size_t take = SM3_BLOCK_LEN - c->fill;

		if (take > n)
			take = n;
		memcpy(c->block + c->fill, p, take);
		c->fill += take;
		p += take;
		n -= take;
		if (c->fill < SM3_BLOCK_LEN)
			return;
		sm3_compress(c->v, c->block);
		c->fill = 0;
	}
	while (n >= SM3_BLOCK_LEN) {
		sm3_compress(c->v, p);
		p += SM3_BLOCK_LEN;
		n -= SM3_BLOCK_LEN;
	}
	if (n) {
		memcpy(c->block, p, n);
		c->fill = n;
	}
}

void sm3_final(struct sm3_ctx *c, uint8_t out[SM3_DIGEST_LEN])
{
	uint64_t bits = c->nbytes * 8;

	c->block[c->fill++] = 0x80;
	if (c->fill > SM3_BLOCK_LEN - 8) {
		memset(c->block + c->fill, 0, SM3_BLOCK_LEN - c->fill);
		sm3_compress(c->v, c->block);
		c->fill = 0;
	}
	memset(c->block + c->fill, 0, SM3_BLOCK_LEN - 8 - c->fill);
	store_be32(c->block + 56, (uint32_t)(bits >> 32));
	store_be32(c->block + 60, (uint32_t)bits);
	sm3_compress(c->v, c->block);
	for (int i = 0; i < 8; i++)
		store_be32(out + 4 * i, c->v[i]);
}

void sm3_digest(const void *data, size_t n, uint8_t out[SM3_DIGEST_LEN])
{
	struct sm3_ctx c;

	sm3_init(&c);
	sm3_update(&c, data, n);
	sm3_final(&c, out);
}

void hmac_sm3_init(struct hmac_sm3 *h, const uint8_t *key, size_t keylen)
{
	uint8_t k[SM3_BLOCK_LEN], pad[SM3_BLOCK_LEN];

	memset(k, 0, sizeof(k));
	if (keylen > SM3_BLOCK_LEN)
		sm3_digest(key, keylen, k);
	else
		memcpy(k, key, keylen);
	for (int i = 0; i < SM3_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x36;
	sm3_init(&h->inner);
	sm3_update(&h->inner, pad, sizeof(pad));
	for (int i = 0; i < SM3_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x5c;
	sm3_init(&h->outer);
	sm3_update(&h->outer, pad, sizeof(pad));
	sodium_memzero(k, sizeof(k));
	sodium_memzero(pad, sizeof(pad));
}

void hmac_sm3_2(const struct hmac_sm3 *h, const void *a, size_t alen, const void *b, size_t blen,
                uint8_t out[SM3_DIGEST_LEN])
{
	struct sm3_ctx c = h->inner;
	uint8_t ih[SM3_DIGEST_LEN];

	sm3_update(&c, a, alen);
	if (blen)
		sm3_update(&c, b, blen);
	sm3_final(&c, ih);
	c = h->outer;
	sm3_update(&c, ih, sizeof(ih));
	sm3_final(&c, out);
}

void hmac_sm3_wipe(struct hmac_sm3 *h)
{
	sodium_memzero(h, sizeof(*h));
}
