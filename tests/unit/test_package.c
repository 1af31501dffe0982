/*
 * Tests of the signed packages: key files (modes, idempotence, concurrent
 * creation, refusal of non-SM2 keys), sign → verify round trips, every
 * single-byte change refused, other signers refused as unknown and forged
 * signer fields as bad signatures, strict JSON and canonical form, size caps,
 * and interoperability with the openssl command line in both directions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "../../src/core/sm3.h"
#include "../../src/io/package.h"
#include "../../src/util/bjtime.h"
#include "../../src/util/buf.h"

static char base[] = "/tmp/baomi-test-package-XXXXXX";
static char dir_a[300], dir_b[300];
static char fpr_a[PKG_FPR_LEN + 1], fpr_b[PKG_FPR_LEN + 1];
static struct buf pem_a, pem_b;

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	buf_init(&b, (size_t)64 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(buf_append(&b, chunk, n), BUF_OK);
	fclose(f);
	return buf_detach(&b, len);
}

static void spit(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void path_in(char *out, size_t n, const char *dir, const char *name)
{
	int len = snprintf(out, n, "%s/%s", dir, name);

	assert_true(len > 0 && (size_t)len < n);
}

static mode_t mode_of(const char *dir, const char *name)
{
	char p[400];
	struct stat st;

	path_in(p, sizeof(p), dir, name);
	assert_int_equal(stat(p, &st), 0);
	return st.st_mode & 07777;
}

/* Trust store of the tests: one key, or a forced answer. */
struct trust {
	const char *fpr;     /* the one trusted fingerprint */
	const char *pem;     /* the PEM handed out for it */
	enum pkg_err force;  /* if not PKG_OK: returned for every lookup */
	char asked_unit[64]; /* what the last lookup was asked */
};

static enum pkg_err trust_cb(void *arg, const char *fpr, const char *unit_code, struct buf *pem)
{
	struct trust *t = arg;

	snprintf(t->asked_unit, sizeof(t->asked_unit), "%s", unit_code);
	if (t->force)
		return t->force;
	if (strcmp(fpr, t->fpr) != 0)
		return PKG_UNKNOWN_SIGNER;
	return buf_puts(pem, t->pem) == BUF_OK ? PKG_OK : PKG_TOO_BIG;
}

static struct trust trust_a(void)
{
	struct trust t = {.fpr = fpr_a, .pem = pem_a.ptr};

	return t;
}

/* Signs payload with dir for unit; returns the package (free it). */
static char *sign(const char *dir, const char *unit, const void *payload, size_t n, size_t *len)
{
	struct buf out;

	buf_init(&out, PKG_MAX_SIZE);
	assert_int_equal(pkg_sign(dir, unit, payload, n, &out), PKG_OK);
	return buf_detach(&out, len);
}

static enum pkg_err verify(const char *pkg, size_t len, struct trust *t, struct pkg_info *info,
                           char *why, size_t whylen)
{
	return pkg_verify(pkg, len, trust_cb, t, info, why, whylen);
}

/* Where the value of "name" starts in the package and how long it is. */
static void field_span(const char *pkg, const char *name, size_t *start, size_t *n)
{
	char key[64];
	const char *p, *q;

	snprintf(key, sizeof(key), "\"%s\":\"", name);
	p = strstr(pkg, key);
	assert_non_null(p);
	p += strlen(key);
	q = strchr(p, '"');
	assert_non_null(q);
	*start = (size_t)(p - pkg);
	*n = (size_t)(q - p);
}

static void expect_refused(const char *pkg, size_t len, enum pkg_err want, const char *needle)
{
	struct trust t = trust_a();
	struct pkg_info info;
	char why[512];
	enum pkg_err rc = verify(pkg, len, &t, &info, why, sizeof(why));

	if (rc != want)
		fprintf(stderr, "got %d (%s) for %.*s\n", rc, why, (int)(len > 200 ? 200 : len),
		        pkg);
	assert_int_equal(rc, want);
	assert_null(info.payload);
	assert_true(why[0] != '\0');
	if (needle && !strstr(why, needle)) {
		fprintf(stderr, "message \"%s\" lacks \"%s\"\n", why, needle);
		fail();
	}
}

/* Replaces the first occurrence of from by to in s (a malloc'd string), returning a new one. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	struct buf b;

	assert_non_null(p);
	buf_init(&b, (size_t)64 << 20);
	buf_append(&b, s, (size_t)(p - s));
	buf_puts(&b, to);
	buf_puts(&b, p + strlen(from));
	return buf_detach(&b, NULL);
}

/* ---- keys ---- */

static void test_key_files(void **state)
{
	char p[400], fpr[PKG_FPR_LEN + 1], *key1, *key2, *pub1, *pub2;
	size_t k1, k2, p1, p2;
	struct buf pem;

	(void)state;
	assert_int_equal(mode_of(dir_a, "sign.key"), 0600);
	assert_int_equal(mode_of(dir_a, "sign.pub"), 0644);
	path_in(p, sizeof(p), dir_a, "sign.key");
	key1 = slurp(p, &k1);
	assert_non_null(strstr(key1, "-----BEGIN PRIVATE KEY-----")); /* PKCS#8 */
	path_in(p, sizeof(p), dir_a, "sign.pub");
	pub1 = slurp(p, &p1);
	assert_non_null(strstr(pub1, "-----BEGIN PUBLIC KEY-----"));

	/* idempotent: the same key and public file after a second call */
	assert_int_equal(pkg_key_ensure(dir_a), PKG_OK);
	path_in(p, sizeof(p), dir_a, "sign.key");
	key2 = slurp(p, &k2);
	path_in(p, sizeof(p), dir_a, "sign.pub");
	pub2 = slurp(p, &p2);
	assert_int_equal(k1, k2);
	assert_memory_equal(key1, key2, k1);
	assert_int_equal(p1, p2);
	assert_memory_equal(pub1, pub2, p1);

	/* the public key comes from sign.key: sign.pub is the same text */
	buf_init(&pem, PKG_PEM_MAX);
	assert_int_equal(pkg_key_public(dir_a, &pem, fpr), PKG_OK);
	assert_string_equal(pem.ptr, pub1);
	assert_string_equal(fpr, fpr_a);
	assert_int_equal(strlen(fpr), 64);
	assert_int_equal(strspn(fpr, "0123456789abcdef"), 64);
	assert_int_equal(pkg_key_public(dir_a, NULL, fpr), PKG_OK);
	assert_string_equal(fpr, fpr_a);
	assert_string_not_equal(fpr_a, fpr_b);

	/* a lost or altered sign.pub is written again from sign.key */
	path_in(p, sizeof(p), dir_a, "sign.pub");
	assert_int_equal(unlink(p), 0);
	assert_int_equal(pkg_key_ensure(dir_a), PKG_OK);
	free(pub2);
	pub2 = slurp(p, &p2);
	assert_string_equal(pub1, pub2);
	assert_int_equal(mode_of(dir_a, "sign.pub"), 0644);
	spit(p, pem_b.ptr, pem_b.len);
	assert_int_equal(pkg_key_ensure(dir_a), PKG_OK);
	free(pub2);
	pub2 = slurp(p, &p2);
	assert_string_equal(pub1, pub2);

	/* no temporary files left behind */
	{
		char cmd[400];

		snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A %s | grep -v '^sign\\.')\"", dir_a);
		assert_int_equal(system(cmd), 0);
	}
	buf_release(&pem);
	free(key1);
	free(key2);
	free(pub1);
	free(pub2);
}

/* The fingerprint is SM3 of the DER SubjectPublicKeyInfo, computed here independently. */
static void test_fingerprint(void **state)
{
	BIO *bio;
	EVP_PKEY *k;
	unsigned char *der = NULL, md[SM3_DIGEST_LEN];
	char hexd[65], fpr[PKG_FPR_LEN + 1];
	int n;

	(void)state;
	bio = BIO_new_mem_buf(pem_a.ptr, (int)pem_a.len);
	k = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	assert_non_null(k);
	n = i2d_PUBKEY(k, &der);
	assert_true(n > 0);
	sm3_digest(der, (size_t)n, md);
	for (int i = 0; i < SM3_DIGEST_LEN; i++)
		snprintf(hexd + 2 * i, 3, "%02x", md[i]);
	assert_string_equal(hexd, fpr_a);
	OPENSSL_free(der);
	EVP_PKEY_free(k);
	BIO_free(bio);

	assert_int_equal(pkg_pub_fingerprint(pem_a.ptr, pem_a.len, fpr), PKG_OK);
	assert_string_equal(fpr, fpr_a);
	assert_int_equal(pkg_pub_fingerprint(pem_b.ptr, pem_b.len, fpr), PKG_OK);
	assert_string_equal(fpr, fpr_b);
}

static void test_bad_keys(void **state)
{
	char d[400], p[400], fpr[PKG_FPR_LEN + 1], *text, *junk, *orig;
	size_t n;
	EVP_PKEY *ec;
	BIO *bio;
	char *data;
	long len;
	struct buf out;

	(void)state;
	/* a P-256 key is not SM2, neither as our key file nor as a trusted key */
	ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	assert_non_null(ec);
	snprintf(d, sizeof(d), "%s/p256", base);
	assert_int_equal(mkdir(d, 0700), 0);
	path_in(p, sizeof(p), d, "sign.key");
	bio = BIO_new(BIO_s_mem());
	assert_true(PEM_write_bio_PrivateKey(bio, ec, NULL, NULL, 0, NULL, NULL));
	len = BIO_get_mem_data(bio, &data);
	spit(p, data, (size_t)len);
	orig = strndup(data, (size_t)len);
	BIO_free(bio);
	assert_int_equal(pkg_key_ensure(d), PKG_BAD_KEY);
	assert_int_equal(pkg_key_public(d, NULL, fpr), PKG_BAD_KEY);
	buf_init(&out, PKG_MAX_SIZE);
	assert_int_equal(pkg_sign(d, "UNIT", (const unsigned char *)"x", 1, &out), PKG_BAD_KEY);
	assert_int_equal(out.len, 0);
	text = slurp(p, &n); /* left alone */
	assert_string_equal(text, orig);
	free(text);
	free(orig);
	bio = BIO_new(BIO_s_mem());
	assert_true(PEM_write_bio_PUBKEY(bio, ec));
	len = BIO_get_mem_data(bio, &data);
	assert_int_equal(pkg_pub_fingerprint(data, (size_t)len, fpr), PKG_BAD_KEY);
	BIO_free(bio);
	EVP_PKEY_free(ec);

	/* garbage key file */
	snprintf(d, sizeof(d), "%s/garbage", base);
	assert_int_equal(mkdir(d, 0700), 0);
	path_in(p, sizeof(p), d, "sign.key");
	spit(p, "not a key\n", 10);
	assert_int_equal(pkg_key_ensure(d), PKG_BAD_KEY);
	text = slurp(p, &n);
	assert_string_equal(text, "not a key\n");
	free(text);

	/* no such directory; no key yet */
	assert_int_equal(pkg_key_ensure("/nonexistent/baomi"), PKG_IO);
	snprintf(d, sizeof(d), "%s/empty", base);
	assert_int_equal(mkdir(d, 0700), 0);
	assert_int_equal(pkg_key_public(d, NULL, fpr), PKG_IO);
	assert_int_equal(pkg_sign(d, "UNIT", (const unsigned char *)"x", 1, &out), PKG_IO);

	/* public PEM text: garbage, a private key, trailing or leading junk, two keys */
	assert_int_equal(pkg_pub_fingerprint("", 0, fpr), PKG_BAD_KEY);
	assert_int_equal(pkg_pub_fingerprint("hello", 5, fpr), PKG_BAD_KEY);
	path_in(p, sizeof(p), dir_a, "sign.key");
	text = slurp(p, &n);
	assert_int_equal(pkg_pub_fingerprint(text, n, fpr), PKG_BAD_KEY);
	OPENSSL_cleanse(text, n);
	free(text);
	junk = replace(pem_a.ptr, "-----END PUBLIC KEY-----\n", "-----END PUBLIC KEY-----\nx\n");
	assert_int_equal(pkg_pub_fingerprint(junk, strlen(junk), fpr), PKG_BAD_KEY);
	free(junk);
	junk = replace(pem_a.ptr, "-----BEGIN", "x\n-----BEGIN");
	assert_int_equal(pkg_pub_fingerprint(junk, strlen(junk), fpr), PKG_BAD_KEY);
	free(junk);
	{
		struct buf two;

		buf_init(&two, PKG_PEM_MAX);
		buf_puts(&two, pem_a.ptr);
		buf_puts(&two, pem_b.ptr);
		assert_int_equal(pkg_pub_fingerprint(two.ptr, two.len, fpr), PKG_BAD_KEY);
		buf_release(&two);
	}
	/* surrounding whitespace is fine */
	junk = replace(pem_a.ptr, "-----BEGIN", "\r\n  -----BEGIN");
	assert_int_equal(pkg_pub_fingerprint(junk, strlen(junk), fpr), PKG_OK);
	assert_string_equal(fpr, fpr_a);
	free(junk);
	buf_release(&out);
}

/* Several processes creating the key at once end up with one key. */
static void test_concurrent_ensure(void **state)
{
	char d[400], fpr[PKG_FPR_LEN + 1], got[PKG_FPR_LEN + 1];
	int fds[2];
	pid_t pids[4];

	(void)state;
	snprintf(d, sizeof(d), "%s/race", base);
	assert_int_equal(mkdir(d, 0700), 0);
	assert_int_equal(pipe(fds), 0);
	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			char f[PKG_FPR_LEN + 1];

			if (pkg_key_ensure(d) || pkg_key_public(d, NULL, f))
				_exit(1);
			_exit(write(fds[1], f, PKG_FPR_LEN) == PKG_FPR_LEN ? 0 : 1);
		}
	}
	close(fds[1]);
	for (int i = 0; i < 4; i++) {
		int st;

		assert_int_equal(waitpid(pids[i], &st, 0), pids[i]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	assert_int_equal(pkg_key_public(d, NULL, fpr), PKG_OK);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(read(fds[0], got, PKG_FPR_LEN), PKG_FPR_LEN);
		got[PKG_FPR_LEN] = '\0';
		assert_string_equal(got, fpr);
	}
	close(fds[0]);
	assert_int_equal(mode_of(d, "sign.key"), 0600);
	assert_int_equal(mode_of(d, "sign.pub"), 0644);
}

/* ---- round trips ---- */

static void round_trip(const char *unit, const void *payload, size_t n)
{
	struct trust t = trust_a();
	struct pkg_info info;
	char why[512];
	size_t len;
	char *pkg = sign(dir_a, unit, payload, n, &len);
	int64_t ms, now = bjtime_now_ms();

	assert_int_equal(verify(pkg, len, &t, &info, why, sizeof(why)), PKG_OK);
	assert_string_equal(why, "");
	assert_int_equal(info.payload_len, n);
	assert_non_null(info.payload);
	if (n)
		assert_memory_equal(info.payload, payload, n);
	assert_int_equal(info.payload[n], 0);
	assert_string_equal(info.signer, fpr_a);
	assert_string_equal(info.unit_code, unit);
	assert_string_equal(t.asked_unit, unit);
	assert_int_equal(strlen(info.created_at), 25);
	assert_string_equal(info.created_at + 19, "+08:00");
	assert_int_equal(bjtime_parse_iso(info.created_at, &ms), 0);
	assert_true(ms <= now + 1000 && ms > now - 60000);
	/* one line, no spaces, the documented order */
	assert_int_equal(pkg[len - 1], '\n');
	assert_ptr_equal(strchr(pkg, '\n'), pkg + len - 1);
	assert_true(strncmp(pkg, "{\"format\":\"baomi-package/1\",\"signer\":\"", 38) == 0);
	pkg_info_release(&info);
	pkg_info_release(&info);
	assert_null(info.payload);
	free(pkg);
}

static void test_round_trip(void **state)
{
	unsigned char all[256];
	const char *json = "{\"title\":\"涉密U盘丢失\",\"level\":\"II\"}";

	(void)state;
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	round_trip("SWJW", json, strlen(json));
	round_trip("SWJW", "", 0);
	round_trip("SWJW", "a", 1);  /* base64 with == */
	round_trip("SWJW", "ab", 2); /* base64 with = */
	round_trip("SWJW", "abc", 3);
	round_trip("SWJW", all, sizeof(all)); /* any bytes, NUL included */
	round_trip("某市卫健委", json, strlen(json));
	round_trip("A\"B\\C/D", json, strlen(json)); /* escaped in JSON, signed raw */
	round_trip("12345678901234567890123456789012", "x", 1);
}

static void test_large_payload(void **state)
{
	size_t n = (size_t)5 << 20, len;
	unsigned char *big = malloc(n);
	char *pkg;
	struct trust t = trust_a();
	struct pkg_info info;
	char why[512];

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (unsigned char)(i * 2654435761u >> 13);
	pkg = sign(dir_a, "SWJW", big, n, &len);
	assert_true(len <= PKG_MAX_SIZE);
	assert_int_equal(verify(pkg, len, &t, &info, why, sizeof(why)), PKG_OK);
	assert_int_equal(info.payload_len, n);
	assert_memory_equal(info.payload, big, n);
	pkg_info_release(&info);
	free(pkg);
	free(big);
}

static void test_bad_unit_code(void **state)
{
	struct buf out;
	static const char *const bad[] = {
	    "",        "123456789012345678901234567890123", "A\nB", "A\tB", "A\x7f", "\xff\xfe",
	    "\xe6\xb6"};

	(void)state;
	buf_init(&out, PKG_MAX_SIZE);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(pkg_sign(dir_a, bad[i], (const unsigned char *)"x", 1, &out),
		                 PKG_BAD_FORMAT);
	assert_int_equal(pkg_sign(dir_a, NULL, (const unsigned char *)"x", 1, &out),
	                 PKG_BAD_FORMAT);
	assert_int_equal(out.len, 0);
	buf_release(&out);
}

/* ---- tampering ---- */

/*
 * Every byte of the package changed in several ways: always refused.  In the
 * payload and signature values the refusal is PKG_BAD_FORMAT or
 * PKG_BAD_SIGNATURE, and base64-valid changes reach the signature check.
 */
static void test_every_byte_flip(void **state)
{
	const char *json = "{\"incident\":{\"title\":\"涉密文件外泄\",\"grade\":\"III\","
	                   "\"units\":[\"SWJW\"]},\"version\":2}";
	static const unsigned char flips[] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};
	size_t len, ps, pn, ss, sn, fs, fn;
	char *pkg = sign(dir_a, "SWJW", json, strlen(json), &len);
	char *copy = malloc(len);
	struct trust t = trust_a();
	struct pkg_info info;
	char why[512];
	int bad_sig_payload = 0, bad_sig_signature = 0, unknown = 0;

	(void)state;
	field_span(pkg, "payload", &ps, &pn);
	field_span(pkg, "signature", &ss, &sn);
	field_span(pkg, "signer", &fs, &fn);
	assert_non_null(copy);
	for (size_t i = 0; i < len; i++) {
		for (size_t f = 0; f < sizeof(flips); f++) {
			enum pkg_err rc;
			int in_payload = i >= ps && i < ps + pn, in_sig = i >= ss && i < ss + sn;

			memcpy(copy, pkg, len);
			copy[i] = (char)(copy[i] ^ flips[f]);
			rc = verify(copy, len, &t, &info, why, sizeof(why));
			if (rc == PKG_OK)
				fprintf(stderr, "byte %zu ^ 0x%02x accepted\n", i, flips[f]);
			assert_int_not_equal(rc, PKG_OK);
			assert_null(info.payload);
			assert_true(why[0] != '\0');
			if (in_payload || in_sig) {
				assert_true(rc == PKG_BAD_FORMAT || rc == PKG_BAD_SIGNATURE);
				bad_sig_payload += in_payload && rc == PKG_BAD_SIGNATURE;
				bad_sig_signature += in_sig && rc == PKG_BAD_SIGNATURE;
			} else if (i >= fs && i < fs + fn) {
				/* another fingerprint: not trusted */
				assert_true(rc == PKG_BAD_FORMAT || rc == PKG_UNKNOWN_SIGNER);
				unknown += rc == PKG_UNKNOWN_SIGNER;
			} else {
				assert_true(rc == PKG_BAD_FORMAT || rc == PKG_BAD_SIGNATURE);
			}
		}
	}
	assert_true(bad_sig_payload > (int)pn);
	assert_true(bad_sig_signature > (int)sn);
	assert_true(unknown > 0);
	free(copy);
	free(pkg);
}

static void test_other_signer(void **state)
{
	const char *json = "{\"title\":\"网络攻击\"}";
	size_t len;
	char *pkg = sign(dir_b, "XJDW", json, strlen(json), &len);
	char *forged, *both;
	struct trust t = trust_a();
	struct pkg_info info;
	char why[512];

	(void)state;
	/* signed by B, only A trusted */
	assert_int_equal(verify(pkg, len, &t, &info, why, sizeof(why)), PKG_UNKNOWN_SIGNER);
	assert_non_null(strstr(why, "XJDW"));
	assert_non_null(strstr(why, fpr_b));
	assert_string_equal(t.asked_unit, "XJDW");
	assert_int_equal(pkg_verify(pkg, len, NULL, NULL, &info, why, sizeof(why)),
	                 PKG_UNKNOWN_SIGNER);
	/* B's package claiming to come from A */
	forged = replace(pkg, fpr_b, fpr_a);
	expect_refused(forged, strlen(forged), PKG_BAD_SIGNATURE, "signature");
	/* ... and claiming A's unit as well */
	both = replace(forged, "XJDW", "SWJW");
	expect_refused(both, strlen(both), PKG_BAD_SIGNATURE, "signature");
	free(both);

	/* trust store answering with the wrong key, a broken key, or failing */
	t.fpr = fpr_b;
	t.pem = pem_a.ptr;
	assert_int_equal(verify(pkg, len, &t, &info, why, sizeof(why)), PKG_BAD_KEY);
	assert_non_null(strstr(why, "fingerprint"));
	t.pem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
	assert_int_equal(verify(pkg, len, &t, &info, why, sizeof(why)), PKG_BAD_KEY);
	t.force = PKG_IO;
	assert_int_equal(verify(pkg, len, &t, &info, why, sizeof(why)), PKG_IO);
	assert_true(why[0] != '\0');
	/* trusting B: fine */
	t.force = PKG_OK;
	t.pem = pem_b.ptr;
	assert_int_equal(verify(pkg, len, &t, &info, NULL, 0), PKG_OK);
	assert_string_equal(info.signer, fpr_b);
	assert_string_equal(info.unit_code, "XJDW");
	pkg_info_release(&info);
	free(forged);
	free(pkg);
}

static void test_bad_format(void **state)
{
	const char *json = "{\"a\":1}";
	size_t len;
	char *pkg = sign(dir_a, "SWJW", json, strlen(json), &len);
	char *s, *t2;
	char why[512];
	struct trust t = trust_a();
	struct pkg_info info;
	size_t ps, pn;

	(void)state;
	/* every truncation */
	for (size_t n = 0; n < len; n++)
		expect_refused(pkg, n, PKG_BAD_FORMAT, NULL);
	expect_refused(NULL, 0, PKG_BAD_FORMAT, NULL);
	/* garbage and other JSON */
	expect_refused("\x00\x01\x02garbage", 10, PKG_BAD_FORMAT, "JSON");
	expect_refused("\xff\xfe{}", 4, PKG_BAD_FORMAT, "JSON");
	expect_refused("[]", 2, PKG_BAD_FORMAT, "object");
	expect_refused("{}", 2, PKG_BAD_FORMAT, "missing");
	expect_refused("null", 4, PKG_BAD_FORMAT, NULL);
	/* trailing data */
	s = replace(pkg, "}\n", "}\n{}");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "JSON");
	free(s);
	/* duplicate keys */
	s = replace(pkg, "{\"format\"", "{\"format\":\"baomi-package/1\",\"format\"");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "JSON");
	free(s);
	field_span(pkg, "payload", &ps, &pn);
	s = replace(pkg, "}\n", ",\"payload\":\"\"}\n");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "duplicate");
	free(s);
	/* extra and missing fields */
	s = replace(pkg, "}\n", ",\"comment\":\"ok\"}\n");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "unknown field \"comment\"");
	free(s);
	s = replace(pkg, "{\"format\":\"baomi-package/1\",", "{");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "format is missing");
	free(s);
	/* wrong types and values */
	s = replace(pkg, "\"format\":\"baomi-package/1\"", "\"format\":1");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "format: not a string");
	free(s);
	s = replace(pkg, "baomi-package/1", "baomi-package/2");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "format: not");
	free(s);
	s = replace(pkg, fpr_a, "ABCDEF");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signer:");
	free(s);
	{
		char upper[PKG_FPR_LEN + 1];

		for (int i = 0; i <= PKG_FPR_LEN; i++)
			upper[i] = (char)(fpr_a[i] >= 'a' ? fpr_a[i] - 32 : fpr_a[i]);
		s = replace(pkg, fpr_a, upper);
		if (strcmp(upper, fpr_a) != 0)
			expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signer:");
		free(s);
	}
	s = replace(pkg, "\"signer_unit\":\"SWJW\"", "\"signer_unit\":\"\"");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signer_unit:");
	free(s);
	s = replace(pkg, "\"signer_unit\":\"SWJW\"", "\"signer_unit\":\"SW\\nJW\"");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signer_unit:");
	free(s);
	s = replace(pkg, "+08:00", "Z");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "created_at:");
	free(s);
	s = replace(pkg, "\"created_at\":\"20", "\"created_at\":\"19");
	expect_refused(s, strlen(s), PKG_BAD_SIGNATURE, "signature");
	free(s);
	s = replace(pkg, "T", "T9"); /* hour 9x */
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "created_at:");
	free(s);
	s = replace(pkg, "\"payload\":\"", "\"payload\":\" ");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "payload:");
	free(s);
	{
		/* a broken DER signature of the right length */
		size_t ss, sn;

		s = strdup(pkg);
		field_span(s, "signature", &ss, &sn);
		memcpy(s + ss, "AAAA", 4);
		expect_refused(s, strlen(s), PKG_BAD_SIGNATURE, "signature");
		free(s);
	}
	s = replace(pkg, "\"signature\":\"", "\"signature\":\"====");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signature:");
	free(s);
	t2 = replace(pkg, "\"signature\":\"", "\"signature\":\"");
	{
		/* a short signature value */
		size_t ss, sn;

		field_span(t2, "signature", &ss, &sn);
		memmove(t2 + ss + 4, t2 + ss + sn, strlen(t2 + ss + sn) + 1);
		expect_refused(t2, strlen(t2), PKG_BAD_FORMAT, "signature:");
	}
	free(t2);
	{
		struct buf b;

		/* "YQ==" is "a"; "YR==" and "YWI=" → "YWJ=" decode the same with loose decoders */
		static const char *const loose[] = {
		    "YR==", "YWJ=", "YQ", "YQ=", "Y Q==", "YQ==\\n", "YQ==="};

		for (size_t i = 0; i < sizeof(loose) / sizeof(loose[0]); i++) {
			buf_init(&b, PKG_MAX_SIZE);
			buf_append(&b, pkg, ps);
			buf_puts(&b, loose[i]);
			buf_puts(&b, pkg + ps + pn);
			expect_refused(b.ptr, b.len, PKG_BAD_FORMAT, "payload:");
			buf_release(&b);
		}
	}
	/* the same document in another spelling: whitespace, escapes, order, line ends */
	s = replace(pkg, "\",\"signer\"", "\", \"signer\"");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "byte 28");
	free(s);
	s = replace(pkg, "SWJW", "\\u0053WJW");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signed form");
	free(s);
	s = replace(pkg, "baomi-package/1", "baomi-package\\/1");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signed form");
	free(s);
	s = replace(pkg, "}\n", "}\r\n");
	expect_refused(s, strlen(s), PKG_BAD_FORMAT, "signed form");
	free(s);
	expect_refused(pkg, len - 1, PKG_BAD_FORMAT, "signed form");
	{
		/* payload moved to the end */
		size_t ss, sn;
		struct buf b;

		field_span(pkg, "signature", &ss, &sn);
		buf_init(&b, PKG_MAX_SIZE);
		buf_append(&b, pkg, ps - strlen("\"payload\":\""));
		buf_append(&b, pkg + ss - strlen("\"signature\":\""),
		           sn + strlen("\"signature\":\""));
		buf_puts(&b, "\",\"payload\":\"");
		buf_append(&b, pkg + ps, pn);
		buf_puts(&b, "\"}\n");
		expect_refused(b.ptr, b.len, PKG_BAD_FORMAT, "field order");
		buf_release(&b);
	}
	/*
	 * a why buffer too small for the message holds its longest prefix of
	 * whole UTF-8 characters (Chinese: 3 bytes each), always terminated
	 */
	{
		char full[512];

		assert_int_equal(verify("{}", 2, &t, &info, full, sizeof(full)), PKG_BAD_FORMAT);
		for (size_t n = 1; n < strlen(full) + 2; n++) {
			size_t got;

			memset(why, 'x', sizeof(why));
			assert_int_equal(verify("{}", 2, &t, &info, why, n), PKG_BAD_FORMAT);
			got = strlen(why);
			assert_true(got < n && got + 3 >= n);
			assert_memory_equal(why, full, got);
			assert_true(((unsigned char)full[got] & 0xc0) != 0x80);
		}
		assert_int_equal(verify("{}", 2, &t, &info, NULL, 0), PKG_BAD_FORMAT);
	}
	free(pkg);
}

static void test_oversize(void **state)
{
	size_t n = PKG_MAX_SIZE + 1;
	char *big = malloc(n);
	struct buf out;

	(void)state;
	assert_non_null(big);
	memset(big, ' ', n);
	expect_refused(big, n, PKG_TOO_BIG, NULL);
	/* a payload whose package would pass the cap */
	buf_init(&out, (size_t)64 << 20);
	assert_int_equal(pkg_sign(dir_a, "SWJW", (unsigned char *)big, PKG_MAX_SIZE / 4 * 3, &out),
	                 PKG_TOO_BIG);
	assert_int_equal(pkg_sign(dir_a, "SWJW", (unsigned char *)big, n, &out), PKG_TOO_BIG);
	assert_int_equal(out.len, 0);
	buf_release(&out);
	/* the caller's cap: nothing appended */
	buf_init(&out, 300);
	assert_int_equal(buf_puts(&out, "keep"), BUF_OK);
	assert_int_equal(pkg_sign(dir_a, "SWJW", (unsigned char *)big, 1000, &out), PKG_TOO_BIG);
	assert_string_equal(out.ptr, "keep");
	buf_release(&out);
	free(big);
}

/* ---- openssl command line ---- */

static int have_openssl(void)
{
	return system("openssl version >/dev/null 2>&1") == 0;
}

static unsigned char *b64(const char *s, size_t n, size_t *outlen)
{
	unsigned char *d = malloc(n / 4 * 3 + 1);
	int r;

	assert_non_null(d);
	r = EVP_DecodeBlock(d, (const unsigned char *)s, (int)n);
	assert_true(r >= 0);
	*outlen = (size_t)r - (n && s[n - 1] == '=') - (n > 1 && s[n - 2] == '=');
	return d;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	r = system(cmd);
	return WIFEXITED(r) ? WEXITSTATUS(r) : -1;
}

static void test_openssl_cli(void **state)
{
	const char *json = "{\"title\":\"涉密载体丢失\",\"id\":7}";
	size_t len, ss, sn, siglen, plen;
	char *pkg, *s;
	unsigned char *sig;
	char msg[400], sigf[400], msg2[400], sig2[400];
	struct pkg_info info;
	struct trust t = trust_a();
	char why[512];
	struct buf m, doc;

	(void)state;
	if (!have_openssl()) {
		fprintf(stderr, "openssl command line not found: interoperability test skipped\n");
		skip();
	}
	pkg = sign(dir_a, "SWJW", json, strlen(json), &len);
	assert_int_equal(verify(pkg, len, &t, &info, why, sizeof(why)), PKG_OK);

	/* the message as package.h documents it, and the DER signature */
	buf_init(&m, PKG_MAX_SIZE);
	buf_printf(&m, "baomi-package/1\n%s\n%s\n%s\n", info.signer, info.unit_code,
	           info.created_at);
	buf_append(&m, info.payload, info.payload_len);
	snprintf(msg, sizeof(msg), "%s/msg", base);
	spit(msg, m.ptr, m.len);
	field_span(pkg, "signature", &ss, &sn);
	sig = b64(pkg + ss, sn, &siglen);
	snprintf(sigf, sizeof(sigf), "%s/sig.der", base);
	spit(sigf, sig, siglen);
	free(sig);
	assert_int_equal(run("openssl pkeyutl -verify -pubin -inkey %s/sign.pub -rawin -digest sm3 "
	                     "-pkeyopt distid:1234567812345678 -in %s -sigfile %s >/dev/null",
	                     dir_a, msg, sigf),
	                 0);
	/* the CLI refuses a changed message or another ID */
	snprintf(msg2, sizeof(msg2), "%s/msg2", base);
	m.ptr[m.len - 1] ^= 1;
	spit(msg2, m.ptr, m.len);
	m.ptr[m.len - 1] ^= 1;
	assert_int_not_equal(run("openssl pkeyutl -verify -pubin -inkey %s/sign.pub -rawin -digest "
	                         "sm3 -pkeyopt distid:1234567812345678 -in %s -sigfile %s "
	                         ">/dev/null 2>&1",
	                         dir_a, msg2, sigf),
	                     0);
	assert_int_not_equal(run("openssl pkeyutl -verify -pubin -inkey %s/sign.pub -rawin -digest "
	                         "sm3 -pkeyopt distid:1234567812345679 -in %s -sigfile %s "
	                         ">/dev/null 2>&1",
	                         dir_a, msg, sigf),
	                     0);

	/* the other way: a signature made by the CLI with sign.key verifies here */
	snprintf(sig2, sizeof(sig2), "%s/sig2.der", base);
	assert_int_equal(run("openssl pkeyutl -sign -inkey %s/sign.key -rawin -digest sm3 "
	                     "-pkeyopt distid:1234567812345678 -in %s -out %s",
	                     dir_a, msg, sig2),
	                 0);
	s = slurp(sig2, &siglen);
	assert_non_null(s);
	buf_init(&doc, PKG_MAX_SIZE);
	buf_append(&doc, pkg, ss);
	{
		unsigned char enc[200];
		int n = EVP_EncodeBlock(enc, (unsigned char *)s, (int)siglen);

		buf_append(&doc, enc, (size_t)n);
	}
	buf_puts(&doc, "\"}\n");
	pkg_info_release(&info);
	assert_int_equal(verify(doc.ptr, doc.len, &t, &info, why, sizeof(why)), PKG_OK);
	plen = info.payload_len;
	assert_int_equal(plen, strlen(json));
	assert_memory_equal(info.payload, json, plen);
	pkg_info_release(&info);
	buf_release(&doc);
	buf_release(&m);
	free(s);
	free(pkg);
}

/* ---- fixtures ---- */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(base))
		return -1;
	snprintf(dir_a, sizeof(dir_a), "%s/a", base);
	snprintf(dir_b, sizeof(dir_b), "%s/b", base);
	if (mkdir(dir_a, 0700) || mkdir(dir_b, 0700))
		return -1;
	umask(077); /* the modes must not depend on the umask */
	if (pkg_key_ensure(dir_a) || pkg_key_ensure(dir_b))
		return -1;
	buf_init(&pem_a, PKG_PEM_MAX);
	buf_init(&pem_b, PKG_PEM_MAX);
	if (pkg_key_public(dir_a, &pem_a, fpr_a) || pkg_key_public(dir_b, &pem_b, fpr_b))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[400];

	(void)state;
	buf_release(&pem_a);
	buf_release(&pem_b);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", base);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_key_files),     cmocka_unit_test(test_fingerprint),
	    cmocka_unit_test(test_bad_keys),      cmocka_unit_test(test_concurrent_ensure),
	    cmocka_unit_test(test_round_trip),    cmocka_unit_test(test_large_payload),
	    cmocka_unit_test(test_bad_unit_code), cmocka_unit_test(test_every_byte_flip),
	    cmocka_unit_test(test_other_signer),  cmocka_unit_test(test_bad_format),
	    cmocka_unit_test(test_oversize),      cmocka_unit_test(test_openssl_cli),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
