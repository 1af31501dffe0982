/*
 * fuzz_package — libFuzzer target for pkg_verify, the check of packages a
 * subordinate unit sends upward.
 *
 * One trusted key: the public key below, parsed and fingerprinted in
 * LLVMFuzzerInitialize.  The seeds in seeds/package were signed with its
 * private key (made and thrown away by mkseeds_package, see that file), so
 * they verify and the mutations start from real packages.  The trust
 * callback also answers with the wrong key or an error for some
 * fingerprints, to cover those paths.
 *
 * Besides crashes, leaks and undefined behaviour it checks the promises of
 * package.h: on success the signer is the trusted key, the unit code and
 * time are well formed and the payload is NUL-terminated; on failure info
 * is empty and the message is non-empty valid UTF-8 that fits the buffer,
 * whatever its size.
 */
#include <stdint.h>

#include "oracle_utf8.h"
#include <stdlib.h>
#include <string.h>

#include "../src/io/package.h"

static const char trusted_pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEhhBFVe9uyqpvEKt8pxdsmeMmPLZc\n"
    "KdWqClIBTLTNU8J93XgPSznz56Y+8FDOLTIz9hvOB7it54jAH4enA57R0w==\n"
    "-----END PUBLIC KEY-----\n";

static char trusted_fpr[PKG_FPR_LEN + 1];

static enum pkg_err trust(void *arg, const char *fpr, const char *unit_code, struct buf *pem)
{
	(void)arg;
	if (strlen(fpr) != PKG_FPR_LEN || !unit_code || !*unit_code)
		abort();
	if (strcmp(fpr, trusted_fpr) == 0 || fpr[0] == 'f') /* 'f': the wrong key */
		return buf_puts(pem, trusted_pem) ? PKG_NOMEM : PKG_OK;
	if (fpr[0] == '0')
		return PKG_IO;
	return PKG_UNKNOWN_SIGNER;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (pkg_pub_fingerprint(trusted_pem, strlen(trusted_pem), trusted_fpr) != PKG_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pkg_info info;
	char why[512];
	/* message buffers of every size from 1 to 512, by input length */
	size_t whylen = 1 + size % sizeof(why), n;
	enum pkg_err rc;

	memset(why, 0x5a, sizeof(why));
	memset(&info, 0x5a, sizeof(info));
	rc = pkg_verify((const char *)data, size, trust, NULL, &info, why, whylen);
	n = strnlen(why, whylen);
	if (n == whylen || !valid_utf8((const unsigned char *)why, n))
		abort();
	if (rc == PKG_OK) {
		if (strcmp(info.signer, trusted_fpr) != 0 || !info.payload ||
		    info.payload[info.payload_len] != 0 || strlen(info.unit_code) == 0 ||
		    strlen(info.created_at) != 25 || size > PKG_MAX_SIZE || data[size - 1] != '\n')
			abort();
		pkg_info_release(&info);
		return 0;
	}
	if (info.payload || info.payload_len || info.signer[0] || (n == 0 && whylen > 4))
		abort();
	if (rc != PKG_BAD_FORMAT && rc != PKG_BAD_SIGNATURE && rc != PKG_UNKNOWN_SIGNER &&
	    rc != PKG_BAD_KEY && rc != PKG_IO && rc != PKG_TOO_BIG)
		abort();
	return 0;
}
