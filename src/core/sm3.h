/*
 * sm3 — the SM3 hash (GB/T 32905-2016) and HMAC-SM3 with precomputed pads.
 *
 * The audit chain verifies a million records a second; OpenSSL's EVP layer
 * costs an allocation and a provider lookup per MAC, so the chain uses this
 * plain implementation, whose output tests compare with OpenSSL's EVP_sm3().
 */
#ifndef BAOMI_SM3_H
#define BAOMI_SM3_H

#include <stddef.h>
#include <stdint.h>

#define SM3_DIGEST_LEN 32
#define SM3_BLOCK_LEN 64

struct sm3_ctx {
	uint32_t v[8];
	uint64_t nbytes;
	uint8_t block[SM3_BLOCK_LEN];
	size_t fill;
};

void sm3_init(struct sm3_ctx *c);
void sm3_update(struct sm3_ctx *c, const void *data, size_t n);
void sm3_final(struct sm3_ctx *c, uint8_t out[SM3_DIGEST_LEN]);
void sm3_digest(const void *data, size_t n, uint8_t out[SM3_DIGEST_LEN]);

/* HMAC-SM3 keyed once; each mac copies the two prepared states. */
struct hmac_sm3 {
	struct sm3_ctx inner;
	struct sm3_ctx outer;
};

void hmac_sm3_init(struct hmac_sm3 *h, const uint8_t *key, size_t keylen);
/* MAC over the concatenation of two parts (record body, previous MAC). */
void hmac_sm3_2(const struct hmac_sm3 *h, const void *a, size_t alen, const void *b, size_t blen,
                uint8_t out[SM3_DIGEST_LEN]);
void hmac_sm3_wipe(struct hmac_sm3 *h);

#endif
