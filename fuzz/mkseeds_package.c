/*
 * mkseeds_package — writes the seed packages of fuzz_package.
 *
 *   mkseeds_package KEYDIR OUTDIR
 *
 * Creates (or reuses) a key pair in KEYDIR and a second one in KEYDIR/other,
 * signs a few payloads into OUTDIR, and prints KEYDIR's public key PEM, which
 * goes into fuzz_package.c as the trusted key.  The seeds in the repository
 * were made once this way; the private key was then thrown away (the fuzzer
 * needs only the public one).  Run it again with a new KEYDIR to replace
 * them all, and paste the printed PEM into fuzz_package.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../src/io/package.h"

static int write_seed(const char *outdir, const char *name, const char *data, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "mkseeds_package: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

static int seed(const char *keydir, const char *outdir, const char *name, const char *unit,
                const void *payload, size_t n, size_t flip)
{
	struct buf out;
	enum pkg_err e;
	int rc;

	buf_init(&out, PKG_MAX_SIZE);
	e = pkg_sign(keydir, unit, payload, n, &out);
	if (e) {
		fprintf(stderr, "mkseeds_package: %s: %s\n", name, pkg_err_en(e));
		buf_release(&out);
		return -1;
	}
	if (flip && flip < out.len)
		out.ptr[out.len - flip] ^= 0x01; /* a tampered copy */
	rc = write_seed(outdir, name, out.ptr, out.len);
	buf_release(&out);
	return rc;
}

int main(int argc, char **argv)
{
	static const char incident[] =
	    "{\"kind\":\"leak\",\"title\":\"涉密U盘丢失\",\"grade\":\"III\",\"reported_at\":"
	    "\"2026-03-02T09:15:00+08:00\",\"unit\":{\"code\":\"SWJW\",\"name\":"
	    "\"某市卫生健康委员会\"},\"carriers\":[\"SWJW-2026-U-000012\"],\"measures\":"
	    "\"已封存现场，通知保密局\"}";
	char other[4096], big[3000];
	unsigned char all[256];
	struct buf pem;
	char fpr[PKG_FPR_LEN + 1];
	enum pkg_err e;

	if (argc != 3) {
		fprintf(stderr, "usage: mkseeds_package KEYDIR OUTDIR\n");
		return 2;
	}
	snprintf(other, sizeof(other), "%s/other", argv[1]);
	if ((mkdir(argv[1], 0700) && errno != EEXIST) || (mkdir(other, 0700) && errno != EEXIST) ||
	    (mkdir(argv[2], 0755) && errno != EEXIST)) {
		perror("mkseeds_package: mkdir");
		return 1;
	}
	if (pkg_key_ensure(argv[1]) || pkg_key_ensure(other)) {
		fprintf(stderr, "mkseeds_package: cannot create the keys\n");
		return 1;
	}
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = "{\"step\":\"containment\",\"note\":\"断开网络\"},"[i % 45];
	if (seed(argv[1], argv[2], "incident.json", "SWJW", incident, strlen(incident), 0) ||
	    seed(argv[1], argv[2], "empty.json", "SWJW", "", 0, 0) ||
	    seed(argv[1], argv[2], "one_byte.json", "SWJW", "a", 1, 0) ||
	    seed(argv[1], argv[2], "two_bytes.json", "SWJW", "ab", 2, 0) ||
	    seed(argv[1], argv[2], "binary.json", "SWJW", all, sizeof(all), 0) ||
	    seed(argv[1], argv[2], "unit_escaped.json", "某市\"卫健\\委", incident,
	         strlen(incident), 0) ||
	    seed(argv[1], argv[2], "large.json", "SWJW", big, sizeof(big), 0) ||
	    seed(argv[1], argv[2], "tampered.json", "SWJW", incident, strlen(incident), 40) ||
	    seed(other, argv[2], "unknown_signer.json", "XJDW", incident, strlen(incident), 0))
		return 1;
	buf_init(&pem, PKG_PEM_MAX);
	e = pkg_key_public(argv[1], &pem, fpr);
	if (e) {
		fprintf(stderr, "mkseeds_package: %s\n", pkg_err_en(e));
		return 1;
	}
	fputs(pem.ptr, stdout);
	fprintf(stderr, "fingerprint %s\n", fpr);
	buf_release(&pem);
	return 0;
}
