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

static void sm3_compress(uint32_t v[8], const uint8_t *blk)
{
	uint32_t w[68], a, b, c, d, e, f, g, h;
	int j;

	for (j = 0; j < 16; j++)
		w[j] = load_be32(blk + 4 * j);
	for (j = 16; j < 68; j++)
		w[j] =
		    P1(w[j - 16] ^ w[j - 9] ^ ROTL(w[j - 3], 15)) ^ ROTL(w[j - 13], 7) ^ w[j - 6];
	a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
	for (j = 0; j < 64; j++) {
		uint32_t a12 = ROTL(a, 12);
		uint32_t tj =
		    j < 16 ? ROTL(0x79cc4519u, (unsigned)j) : ROTL(0x7a879d8au, (unsigned)j);
		uint32_t ss1 = ROTL(a12 + e + tj, 7);
		uint32_t ss2 = ss1 ^ a12;
		uint32_t ff, gg, tt1, tt2;

		if (j < 16) {
			ff = a ^ b ^ c;
			gg = e ^ f ^ g;
		} else {
			ff = (a & b) | (a & c) | (b & c);
			gg = (e & f) | (~e & g);
		}
		tt1 = ff + d + ss2 + (w[j] ^ w[j + 4]);
		tt2 = gg + h + ss1 + w[j];
		d = c;
		c = ROTL(b, 9);
		b = a;
		a = tt1;
		h = g;
		g = ROTL(f, 19);
		f = e;
		e = P0(tt2);
	}
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
