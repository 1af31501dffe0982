#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "../../src/core/sm3.h"

static void hex(const uint8_t *d, char *out)
{
	for (int i = 0; i < SM3_DIGEST_LEN; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void test_sm3_vectors(void **state)
{
	uint8_t d[SM3_DIGEST_LEN];
	char h[65];
	char abcd[65];

	(void)state;
	/* GB/T 32905-2016 appendix A examples */
	sm3_digest("abc", 3, d);
	hex(d, h);
	assert_string_equal(h, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
	for (int i = 0; i < 16; i++)
		memcpy(abcd + 4 * i, "abcd", 4);
	sm3_digest(abcd, 64, d);
	hex(d, h);
	assert_string_equal(h, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

static void test_sm3_matches_openssl(void **state)
{
	uint8_t buf[1000], a[SM3_DIGEST_LEN], b[SM3_DIGEST_LEN];
	unsigned int blen;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	for (size_t n = 0; n < sizeof(buf); n += 13) {
		struct sm3_ctx c;

		/* feed in uneven pieces to exercise the block buffer */
		sm3_init(&c);
		sm3_update(&c, buf, n / 3);
		sm3_update(&c, buf + n / 3, n - n / 3);
		sm3_final(&c, a);
		assert_int_equal(EVP_Digest(buf, n, b, &blen, EVP_sm3(), NULL), 1);
		assert_memory_equal(a, b, SM3_DIGEST_LEN);
	}
}

static void test_hmac_sm3_matches_openssl(void **state)
{
	uint8_t key[100], msg[300], a[SM3_DIGEST_LEN], b[SM3_DIGEST_LEN];
	unsigned int blen;
	struct hmac_sm3 h;

	(void)state;
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i ^ 0x5a);
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 31);
	for (size_t klen = 16; klen <= sizeof(key); klen += 42) {
		hmac_sm3_init(&h, key, klen);
		for (size_t n = 1; n < sizeof(msg); n += 50) {
			hmac_sm3_2(&h, msg, n / 2, msg + n / 2, n - n / 2, a);
			assert_non_null(HMAC(EVP_sm3(), key, (int)klen, msg, n, b, &blen));
			assert_int_equal(blen, SM3_DIGEST_LEN);
			assert_memory_equal(a, b, SM3_DIGEST_LEN);
		}
		hmac_sm3_wipe(&h);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sm3_vectors),
	    cmocka_unit_test(test_sm3_matches_openssl),
	    cmocka_unit_test(test_hmac_sm3_matches_openssl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
