/*
 * checkreport: the reader of baomi-check reports.
 *
 * tests/data/checkreport holds two real reports written by the baomi-check
 * of this tree on the build machine, over a small planted directory:
 *
 *   cd DIR   # corpus/: plan.txt (UTF-8), gbk.txt (GBK), minutes.txt.gz,
 *            # clean.txt, broken.docx (not a zip)
 *   baomi-check all --role classified --keywords keywords.txt -o real.json corpus
 *   baomi-check all --role unclassified --keywords keywords.txt \
 *       --hmac-key hmac.key -o real-hmac.json corpus
 *
 * They parse with their host identity, checks and hits; any one-byte edit
 * of R is refused by the digest; the key rules hold; malformed, truncated
 * and duplicate-key reports (re-signed here with OpenSSL, apart from the
 * code under test) are refused naming the field.
 *
 * Run with a file argument (test_checkreport REPORT [KEYFILE]) it checks a
 * report freshly written by baomi-check instead (checkreport_fresh.sh).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "../../src/core/inspect.h"
#include "../../src/io/checkreport.h"
#include "../../src/io/checkreport_int.h"

#ifndef BAOMI_SRC
#error "BAOMI_SRC (the source directory) must be defined"
#endif
#define DATA BAOMI_SRC "/tests/data/checkreport/"

static const char *const check_ids[] = {
    "net.default_route",
    "net.interfaces",
    "net.wireless",
    "net.bluetooth",
    "net.dns",
    "net.proxy",
    "internet.browser_history",
    "usb.storage",
    "usb.cross_use",
    "devices.camera",
    "devices.microphone",
    "devices.wireless_input",
    "media.automount",
    "screen.lock",
    "auth.password_policy",
    "auth.empty_passwords",
    "antivirus",
};
#define NCHECK_IDS (sizeof(check_ids) / sizeof(check_ids[0]))
/* The checks added in 2026-12, in the reports written since (not the committed ones). */
static const char *const new_check_ids[] = {
    "net.wifi_history", "net.vpn",     "net.listening", "net.shares",    "software.remote_im_vm",
    "print.cups",       "docs.recent", "usb.devices",   "boot.other_os", "media.burning",
};
#define NNEW_CHECK_IDS (sizeof(new_check_ids) / sizeof(new_check_ids[0]))

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)n + 1);
		if (p && fread(p, 1, (size_t)n, f) == (size_t)n) {
			p[n] = '\0';
			*len = (size_t)n;
		} else {
			free(p);
			p = NULL;
		}
	}
	fclose(f);
	if (!p)
		fail_msg("cannot read %s", path);
	return p;
}

/* Where R starts and ends in a report file, found without the code under test. */
static void body_of(const char *file, size_t len, size_t *off, size_t *blen)
{
	const char *r = strstr(file, "\"report\":"), *d = NULL, *p;

	assert_non_null(r);
	for (p = file; (p = strstr(p, ",\"digest\":\"")) != NULL; p++)
		d = p;
	assert_non_null(d);
	*off = (size_t)(r + 9 - file);
	*blen = (size_t)(d - file) - *off;
	assert_true(*off + *blen < len);
}

/* A report file around body, signed by OpenSSL: SHA-256, or HMAC-SM3 with key. */
static char *wrap(const char *body, size_t blen, const char *key, size_t *len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char hex[2 * EVP_MAX_MD_SIZE + 1], *out;
	int n;

	if (key)
		assert_non_null(HMAC(EVP_sm3(), key, (int)strlen(key), (const unsigned char *)body,
		                     blen, md, &mdlen));
	else
		assert_int_equal(EVP_Digest(body, blen, md, &mdlen, EVP_sha256(), NULL), 1);
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	out = malloc(blen + 256);
	assert_non_null(out);
	n = snprintf(out, 256,
	             "{\"format\":\"baomi-check-report\",\"version\":1,\"digest_alg\":\"%s\","
	             "\"report\":",
	             key ? "hmac-sm3" : "sha256");
	memcpy(out + n, body, blen);
	*len = (size_t)n + blen;
	*len += (size_t)snprintf(out + *len, 100, ",\"digest\":\"%s\"}\n", hex);
	return out;
}

/* Parses body wrapped with a SHA-256; why gets the message. */
static enum crep_err parse_signed(const char *body, size_t blen, struct crep *r, char *why,
                                  size_t whylen)
{
	size_t len;
	char *file = wrap(body, blen, NULL, &len);
	enum crep_err e = crep_parse(file, len, NULL, 0, r, why, whylen);

	free(file);
	return e;
}

static const struct crep_check *find_check(const struct crep *r, const char *id)
{
	for (size_t i = 0; i < r->nchecks; i++)
		if (strcmp(r->checks[i].id, id) == 0)
			return &r->checks[i];
	return NULL;
}

/* What every parsed report promises, whatever the host. */
static void assert_sane(const struct crep *r)
{
	size_t nfailed = 0;

	assert_true(strcmp(r->role, "classified") == 0 || strcmp(r->role, "unclassified") == 0);
	assert_int_equal(r->classified, strcmp(r->role, "classified") == 0);
	assert_true(strlen(r->tool_version) > 0);
	assert_true(r->time_ms > 0);
	assert_true(r->nchecks == NCHECK_IDS || r->nchecks == NCHECK_IDS + NNEW_CHECK_IDS);
	for (size_t i = 0; i < NCHECK_IDS; i++) {
		const struct crep_check *k = find_check(r, check_ids[i]);

		if (!k)
			fail_msg("check %s missing", check_ids[i]);
	}
	for (size_t i = 0; r->nchecks > NCHECK_IDS && i < NNEW_CHECK_IDS; i++)
		if (!find_check(r, new_check_ids[i]))
			fail_msg("check %s missing", new_check_ids[i]);
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct crep_check *k = &r->checks[i];

		assert_true(insp_check_known(k->id));
		assert_in_range(k->status, CREP_PASS, CREP_UNKNOWN);
		nfailed += k->status == CREP_FAIL;
		assert_non_null(k->detail);
		assert_non_null(k->evidence);
		assert_true(strlen(k->title_zh) > 0);
		assert_true(strlen(k->title_en) > 0);
		/* the title is the Chinese and the English name joined by a space */
		assert_int_equal(strlen(k->title), strlen(k->title_zh) + 1 + strlen(k->title_en));
		assert_memory_equal(k->title, k->title_zh, strlen(k->title_zh));
		assert_string_equal(k->title + strlen(k->title_zh) + 1, k->title_en);
		for (const char *p = k->title_en; *p; p++)
			assert_true((unsigned char)*p < 0x80);
	}
	assert_int_equal(nfailed, r->nfailed);
	for (size_t i = 0; i < r->nhits; i++) {
		assert_true(strlen(r->hits[i].path) > 0);
		assert_true(strlen(r->hits[i].keyword) > 0);
		assert_true(r->hits[i].count >= 1);
		assert_non_null(r->hits[i].context);
		assert_true(strcmp(r->hits[i].part, "body") == 0 ||
		            strcmp(r->hits[i].part, "metadata") == 0 ||
		            strcmp(r->hits[i].part, "macro") == 0);
	}
	for (size_t i = 0; i < r->nencrypted; i++) {
		assert_true(strlen(r->encrypted[i].path) > 0);
		assert_true(strlen(r->encrypted[i].format) > 0);
	}
	assert_true(r->files_with_hits <= r->files_scanned);
}

/* ---- the real reports ---- */

static void test_real(void **state)
{
	size_t len, off, blen;
	char *file = read_all(DATA "real.json", &len), why[256];
	struct crep r;
	const struct crep_check *k;

	(void)state;
	assert_int_equal(crep_parse(file, len, NULL, 0, &r, why, sizeof(why)), CREP_OK);
	assert_string_equal(why, "");
	assert_sane(&r);
	assert_string_equal(r.digest_alg, "sha256");
	assert_memory_equal(r.digest, file + len - 67, 64);
	assert_string_equal(r.tool_version, "0.1.0");
	/* host identity */
	assert_string_equal(r.hostname, "vm");
	assert_string_equal(r.machine_id, "3d1219c7c4c5404aaa1f6d2a48adfda4");
	assert_string_equal(r.os, "Debian GNU/Linux 12 (bookworm)");
	assert_string_equal(r.kernel, "6.18.44-fc-v669");
	assert_string_equal(r.arch, "x86_64");
	assert_int_equal(r.ndisks, 0);
	assert_non_null(r.disks);
	assert_string_equal(r.role, "classified");
	assert_true(r.classified);
	assert_string_equal(r.operator_name, "root");
	assert_int_equal(r.operator_uid, 0);
	assert_string_equal(r.sudo_user, "");
	/* 2026-11-21T10:39:40+0000 */
	assert_string_equal(r.time, "2026-11-21T10:39:40+0000");
	assert_int_equal(r.time_ms, (int64_t)1795257580 * 1000);
	/* the system checks */
	assert_int_equal(r.nfailed, 4);
	k = find_check(&r, "net.default_route");
	assert_int_equal(k->status, CREP_FAIL);
	assert_string_equal(k->title_zh, "默认路由");
	assert_string_equal(k->title_en, "default route");
	assert_non_null(strstr(k->evidence, "/proc/net/route"));
	assert_non_null(strstr(k->detail, "涉密计算机存在默认路由"));
	k = find_check(&r, "usb.storage");
	assert_int_equal(k->status, CREP_PASS);
	assert_string_equal(k->title_zh, "USB 存储设备（当前与历史）");
	assert_string_equal(k->title_en, "USB storage (now and past)");
	k = find_check(&r, "net.dns");
	assert_string_equal(k->title_zh, "DNS 设置");
	assert_string_equal(k->title_en, "DNS settings");
	assert_int_equal(find_check(&r, "usb.cross_use")->status, CREP_NA);
	assert_int_equal(find_check(&r, "screen.lock")->status, CREP_UNKNOWN);
	assert_int_equal(find_check(&r, "antivirus")->status, CREP_FAIL);
	assert_int_equal(find_check(&r, "media.automount")->status, CREP_FAIL);
	assert_int_equal(find_check(&r, "auth.password_policy")->status, CREP_FAIL);
	assert_string_equal(find_check(&r, "net.proxy")->evidence, "");
	/* the keyword hits */
	assert_int_equal(r.files_scanned, 5);
	assert_int_equal(r.bytes_scanned, 237);
	assert_int_equal(r.files_with_hits, 3);
	assert_int_equal(r.hits_total, 7);
	assert_int_equal(r.nhits, 5);
	assert_string_equal(r.hits[0].path, "corpus/gbk.txt");
	assert_string_equal(r.hits[0].encoding, "gbk");
	assert_string_equal(r.hits[0].format, "text");
	assert_string_equal(r.hits[0].keyword, "绝密");
	assert_int_equal(r.hits[0].count, 2);
	assert_string_equal(r.hits[2].path, "corpus/minutes.txt.gz");
	assert_string_equal(r.hits[2].format, "gzip");
	assert_string_equal(r.hits[2].keyword, "内部资料");
	assert_string_equal(r.hits[2].context, "会议纪要（内部资料） ");
	assert_string_equal(r.hits[3].path, "corpus/plan.txt");
	assert_string_equal(r.hits[3].encoding, "utf-8");
	assert_int_equal(r.nerrors, 1);
	assert_string_equal(r.errors[0].path, "corpus/broken.docx");
	assert_string_equal(r.errors[0].format, "zip");
	assert_non_null(strstr(r.errors[0].reason, "not a zip file"));
	crep_release(&r);
	assert_null(r.checks);
	crep_release(&r); /* twice is harmless */

	/* the body parser alone gives the same, without digest fields */
	body_of(file, len, &off, &blen);
	assert_int_equal(crep_parse_body(file + off, blen, &r, why, sizeof(why)), CREP_OK);
	assert_string_equal(r.digest_alg, "");
	assert_string_equal(r.hostname, "vm");
	assert_int_equal(r.nhits, 5);
	crep_release(&r);
	free(file);
}

static void test_real_hmac(void **state)
{
	size_t len, klen, plen;
	char *file = read_all(DATA "real-hmac.json", &len), why[256];
	char *key = read_all(DATA "hmac.key", &klen);
	char *plain = read_all(DATA "real.json", &plen);
	const unsigned char *k = (const unsigned char *)key;
	struct crep r;

	(void)state;
	/* the key file ends in a newline that baomi-check drops */
	assert_int_equal(crep_key_trim(k, klen), klen - 1);
	assert_int_equal(crep_key_trim(NULL, 5), 0);
	assert_int_equal(crep_key_trim((const unsigned char *)"ab\r\n\n", 5), 2);
	assert_int_equal(crep_parse(file, len, k, crep_key_trim(k, klen), &r, why, sizeof(why)),
	                 CREP_OK);
	assert_sane(&r);
	assert_string_equal(r.digest_alg, "hmac-sm3");
	assert_string_equal(r.role, "unclassified");
	assert_false(r.classified);
	assert_int_equal(r.nhits, 5);
	assert_int_equal(find_check(&r, "net.default_route")->status, CREP_PASS);
	assert_int_equal(find_check(&r, "antivirus")->status, CREP_FAIL);
	crep_release(&r);

	/* no key: refused before anything is read */
	assert_int_equal(crep_parse(file, len, NULL, 0, &r, why, sizeof(why)), CREP_NEED_KEY);
	assert_non_null(strstr(why, "HMAC-SM3"));
	assert_null(r.checks);
	assert_string_equal(r.hostname, "");
	assert_int_equal(crep_parse(file, len, k, 0, &r, why, sizeof(why)), CREP_NEED_KEY);
	/* wrong keys, the untrimmed key among them */
	assert_int_equal(crep_parse(file, len, k, klen, &r, why, sizeof(why)), CREP_BAD_DIGEST);
	assert_int_equal(crep_parse(file, len, (const unsigned char *)"hmac-key-for-test", 17, &r,
	                            why, sizeof(why)),
	                 CREP_BAD_DIGEST);
	assert_non_null(strstr(why, "key"));
	assert_null(r.checks);
	/* keys longer than an SM3 block are hashed first: agrees with OpenSSL's HMAC */
	{
		const char long_key[] = "0123456789abcdef0123456789abcdef0123456789abcdef"
		                        "0123456789abcdef0123456789abcdef0123456789abcdef";
		size_t off, blen, wlen;
		char *w;

		body_of(file, len, &off, &blen);
		w = wrap(file + off, blen, long_key, &wlen);
		assert_int_equal(crep_parse(w, wlen, (const unsigned char *)long_key,
		                            sizeof(long_key) - 1, &r, why, sizeof(why)),
		                 CREP_OK);
		assert_string_equal(r.digest_alg, "hmac-sm3");
		crep_release(&r);
		free(w);
	}
	/* a key given, and a plain SHA-256 report */
	assert_int_equal(crep_parse(plain, plen, k, klen - 1, &r, why, sizeof(why)), CREP_UNKEYED);
	assert_null(r.checks);
	free(file);
	free(key);
	free(plain);
}

/* Every one-byte change anywhere in the file is refused; inside R by the digest. */
static void test_one_byte_edits(void **state)
{
	static const char *const files[] = {"real.json", "real-hmac.json"};

	(void)state;
	for (size_t f = 0; f < 2; f++) {
		char path[512], why[256];
		size_t len, off, blen;
		char *file;
		const unsigned char *key = f ? (const unsigned char *)"hmac-key-for-tests" : NULL;
		size_t klen = f ? 18 : 0;

		snprintf(path, sizeof(path), DATA "%s", files[f]);
		file = read_all(path, &len);
		body_of(file, len, &off, &blen);
		/*
		 * Every byte of the SHA-256 report three ways; every fifth of the
		 * HMAC-SM3 one (the plain SM3 is slow under the sanitizers).
		 */
		for (size_t i = 0; i < len; i += f ? 5 : 1) {
			static const unsigned char flips[] = {0x01, 0x20, 0x80};
			char saved = file[i];

			for (size_t j = 0; j < (f ? 1 : sizeof(flips)); j++) {
				struct crep r;
				enum crep_err e;

				file[i] = (char)(saved ^ flips[j]);
				e = crep_parse(file, len, key, klen, &r, why, sizeof(why));
				if (i >= off && i < off + blen && e != CREP_BAD_DIGEST)
					fail_msg("%s: byte %zu ^ %02x in R: %d (%s)", files[f], i,
					         flips[j], e, why);
				if (e == CREP_OK)
					fail_msg("%s: byte %zu ^ %02x accepted", files[f], i,
					         flips[j]);
				assert_null(r.checks);
			}
			file[i] = saved;
		}
		free(file);
	}
}

/* The wrapper around R: head, tail, digest spelling, truncation, size. */
static void test_wrapper(void **state)
{
	size_t len, n;
	char *file = read_all(DATA "real.json", &len), *buf, why[300];
	struct crep r;

	(void)state;
	buf = malloc(len + 16);
	assert_non_null(buf);
	/* without the final newline, and with CRLF */
	assert_int_equal(crep_parse(file, len - 1, NULL, 0, &r, why, sizeof(why)), CREP_OK);
	crep_release(&r);
	memcpy(buf, file, len - 1);
	memcpy(buf + len - 1, "\r\n", 2);
	assert_int_equal(crep_parse(buf, len + 1, NULL, 0, &r, why, sizeof(why)), CREP_OK);
	crep_release(&r);
	/* anything after it */
	memcpy(buf, file, len);
	memcpy(buf + len, "\n", 1);
	assert_int_equal(crep_parse(buf, len + 1, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	memcpy(buf + len, " ", 1);
	assert_int_equal(crep_parse(buf, len + 1, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "digest"));
	/* every truncation */
	for (n = 0; n < len - 1; n++) {
		assert_int_not_equal(crep_parse(file, n, NULL, 0, &r, why, sizeof(why)), CREP_OK);
		assert_null(r.checks);
		assert_true(strlen(why) > 0);
	}
	assert_int_equal(crep_parse(NULL, 0, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_int_equal(crep_parse("", 0, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "not a baomi-check report"));
	/* the head */
	memcpy(buf, file, len);
	memcpy(strstr(buf, "\"version\":1") + 10, "2", 1);
	assert_int_equal(crep_parse(buf, len, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "version"));
	memcpy(buf, file, len);
	memcpy(strstr(buf, "sha256"), "sha512", 6);
	assert_int_equal(crep_parse(buf, len, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "digest_alg"));
	/* the digest: uppercase hex, too short */
	memcpy(buf, file, len);
	for (char *p = buf + len - 67; p < buf + len - 3; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	assert_int_equal(crep_parse(buf, len, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "lowercase hex"));
	memcpy(buf, file, len - 4);
	memcpy(buf + len - 4, "\"}\n", 3);
	assert_int_equal(crep_parse(buf, len - 1, NULL, 0, &r, why, sizeof(why)), CREP_BAD_FORMAT);
	/* a message buffer of any size holds a whole, terminated message */
	for (n = 1; n < 40; n++) {
		memset(why, 'x', sizeof(why));
		crep_parse(buf, len - 1, NULL, 0, &r, why, n);
		assert_true(strlen(why) < n);
	}
	crep_parse(buf, len - 1, NULL, 0, &r, NULL, 0);
	free(buf);

	/* over the size limit, whatever it holds */
	buf = malloc(CREP_MAX_BYTES + 1);
	assert_non_null(buf);
	memset(buf, ' ', CREP_MAX_BYTES + 1);
	memcpy(buf, file, len);
	assert_int_equal(crep_parse(buf, CREP_MAX_BYTES + 1, NULL, 0, &r, why, sizeof(why)),
	                 CREP_TOO_BIG);
	assert_int_equal(crep_parse_body(buf, CREP_MAX_BYTES + 1, &r, why, sizeof(why)),
	                 CREP_TOO_BIG);
	free(buf);
	free(file);
}

/* ---- malformed bodies, signed so that they pass the digest ---- */

static json_t *real_body(void)
{
	size_t len, off, blen;
	char *file = read_all(DATA "real.json", &len);
	json_error_t err;
	json_t *root;

	body_of(file, len, &off, &blen);
	root = json_loadb(file + off, blen, 0, &err);
	free(file);
	assert_non_null(root);
	return root;
}

/* Dumps root, signs it and parses it; returns the result and leaves the message in why. */
static enum crep_err parse_tree(json_t *root, char *why, size_t whylen)
{
	char *body = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct crep r;
	enum crep_err e;

	assert_non_null(body);
	e = parse_signed(body, strlen(body), &r, why, whylen);
	if (e == CREP_OK)
		assert_sane(&r);
	else
		assert_null(r.checks);
	crep_release(&r);
	free(body);
	return e;
}

static json_t *path_get(json_t *root, const char *a, const char *b)
{
	json_t *v = json_object_get(root, a);

	return b ? json_object_get(v, b) : v;
}

static json_t *check_obj(json_t *root, size_t i)
{
	return json_array_get(path_get(root, "system", "checks"), i);
}

/* One field changed in a copy of the real report: the expected result and message part. */
struct mod {
	const char *a, *b, *key; /* object path a.b, member key (b may be NULL) */
	json_t *value;           /* new value (stolen), NULL to delete the member */
	enum crep_err want;
	const char *why_part;
};

static void test_fields(void **state)
{
	struct mod mods[] = {
	    {NULL, NULL, "tool", json_string("other-check"), CREP_BAD_FORMAT, "report.tool"},
	    {NULL, NULL, "tool", NULL, CREP_BAD_FORMAT, "report.tool is missing"},
	    {NULL, NULL, "tool_version", json_string(""), CREP_BAD_FORMAT, "tool_version"},
	    {NULL, NULL, "role", json_string("secret"), CREP_BAD_FORMAT, "report.role"},
	    {NULL, NULL, "host", json_string("vm"), CREP_BAD_FORMAT,
	     "report.host is not an object"},
	    {NULL, NULL, "host", NULL, CREP_BAD_FORMAT, "report.host is missing"},
	    {"host", NULL, "hostname", json_integer(1), CREP_BAD_FORMAT,
	     "report.host.hostname is not a string"},
	    {"host", NULL, "hostname", json_string("vm\nevil"), CREP_BAD_FORMAT,
	     "report.host.hostname contains control characters"},
	    {"host", NULL, "machine_id",
	     json_string("0123456789012345678901234567890123456789"
	                 "012345678901234567890123"),
	     CREP_BAD_FORMAT, "report.host.machine_id is longer than 63 bytes"},
	    {"host", NULL, "disks", json_string("sda"), CREP_BAD_FORMAT,
	     "report.host.disks is not an array"},
	    {"host", NULL, "disks", json_pack("[s,i]", "ata-X_1", 5), CREP_BAD_FORMAT,
	     "report.host.disks[1]"},
	    {"host", NULL, "disks", json_pack("[s]", ""), CREP_BAD_FORMAT, "report.host.disks[0]"},
	    {NULL, NULL, "time", json_string("2026-11-21 10:39:40"), CREP_BAD_FORMAT,
	     "report.time"},
	    {NULL, NULL, "time", json_string("2026-02-30T10:39:40+0800"), CREP_BAD_FORMAT,
	     "report.time"},
	    {NULL, NULL, "time", json_string("2026-11-21T24:00:00Z"), CREP_BAD_FORMAT,
	     "report.time"},
	    {NULL, NULL, "time", json_string("2026-11-21T10:39:40+08"), CREP_BAD_FORMAT,
	     "report.time"},
	    {"operator", NULL, "uid", json_integer(-1), CREP_BAD_FORMAT, "report.operator.uid"},
	    {"operator", NULL, "uid", json_real(0.5), CREP_BAD_FORMAT, "report.operator.uid"},
	    {"operator", NULL, "user", json_null(), CREP_BAD_FORMAT, "report.operator.user"},
	    {"operator", NULL, "sudo_user", json_integer(0), CREP_BAD_FORMAT,
	     "report.operator.sudo_user"},
	    {"system", NULL, "role", json_string("unclassified"), CREP_BAD_FORMAT,
	     "report.system.role differs"},
	    {"system", NULL, "failed", json_integer(3), CREP_BAD_FORMAT, "but 4 checks failed"},
	    {"system", NULL, "checks", json_object(), CREP_BAD_FORMAT,
	     "report.system.checks is not an array"},
	    {"scan", NULL, "version", json_integer(2), CREP_BAD_FORMAT, "report.scan.version"},
	    {"scan", NULL, "files_scanned", json_integer(-5), CREP_BAD_FORMAT,
	     "report.scan.files_scanned"},
	    {"scan", NULL, "hits", NULL, CREP_BAD_FORMAT, "report.scan.hits is missing"},
	    {"scan", NULL, "errors", json_null(), CREP_BAD_FORMAT, "report.scan.errors"},
	    /* what the reader does not know it leaves alone */
	    {NULL, NULL, "summary", NULL, CREP_OK, NULL},
	    {NULL, NULL, "signed_by", json_string("someone"), CREP_OK, NULL},
	    {"host", NULL, "disks", json_pack("[s,s]", "ata-QEMU_HARDDISK_QM00001", "nvme-X_S1"),
	     CREP_OK, NULL},
	    {"operator", NULL, "sudo_user", json_string("zhangw"), CREP_OK, NULL},
	    {NULL, NULL, "time", json_string("2026-11-21T18:39:40+08:00"), CREP_OK, NULL},
	    {NULL, NULL, "time", json_string("2026-11-21T10:39:40Z"), CREP_OK, NULL},
	};
	char why[512];

	(void)state;
	for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		json_t *root = real_body(),
		       *obj = mods[i].a ? path_get(root, mods[i].a, mods[i].b) : root;
		enum crep_err e;

		assert_non_null(obj);
		if (mods[i].value)
			assert_int_equal(json_object_set_new(obj, mods[i].key, mods[i].value), 0);
		else
			assert_int_equal(json_object_del(obj, mods[i].key), 0);
		e = parse_tree(root, why, sizeof(why));
		if (e != mods[i].want || (mods[i].why_part && !strstr(why, mods[i].why_part)))
			fail_msg("mod %zu (%s): %d \"%s\", want %d \"%s\"", i, mods[i].key, e, why,
			         mods[i].want, mods[i].why_part ? mods[i].why_part : "");
		json_decref(root);
	}
}

static void test_checks_and_hits(void **state)
{
	json_t *root, *k, *hits;
	char why[512];
	struct crep r;
	char *body;

	(void)state;
	/* an unknown status, a bad id, a repeated id */
	root = real_body();
	json_object_set_new(check_obj(root, 2), "status", json_string("warn"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.system.checks[2].status"));
	json_decref(root);
	root = real_body();
	json_object_set_new(check_obj(root, 0), "id", json_string("Net Route"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.system.checks[0].id"));
	json_decref(root);
	root = real_body();
	json_object_set_new(check_obj(root, 5), "id", json_string("net.dns"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "repeats check net.dns"));
	json_decref(root);
	root = real_body();
	json_object_set_new(check_obj(root, 5), "items", json_string("x"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.system.checks[5].items"));
	json_decref(root);
	root = real_body();
	assert_int_equal(json_array_append_new(path_get(root, "system", "checks"), json_integer(1)),
	                 0);
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.system.checks[17] is not an object"));
	json_decref(root);

	/* null detail and evidence read as "", items are kept as JSON */
	root = real_body();
	k = check_obj(root, 7);
	json_object_set_new(k, "detail", json_null());
	json_object_set_new(k, "evidence", json_null());
	json_object_set_new(k, "items",
	                    json_pack("[{s:s,s:s,s:b}]", "vendor_id", "0781", "serial", "4C53000",
	                              "attached_now", 1));
	body = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_int_equal(parse_signed(body, strlen(body), &r, why, sizeof(why)), CREP_OK);
	assert_string_equal(r.checks[7].id, "usb.storage");
	assert_string_equal(r.checks[7].detail, "");
	assert_string_equal(r.checks[7].evidence, "");
	assert_string_equal(
	    r.checks[7].items,
	    "[{\"vendor_id\":\"0781\",\"serial\":\"4C53000\",\"attached_now\":true}]");
	assert_null(r.checks[6].items);
	crep_release(&r);
	free(body);
	json_decref(root);

	/* hits: count ≥ 1, labels printable, path present */
	root = real_body();
	hits = path_get(root, "scan", "hits");
	json_object_set_new(json_array_get(hits, 1), "count", json_integer(0));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[1].count"));
	json_decref(root);
	root = real_body();
	hits = path_get(root, "scan", "hits");
	json_object_set_new(json_array_get(hits, 4), "encoding", json_string("utf 8"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[4].encoding is not printable ASCII"));
	json_decref(root);
	root = real_body();
	hits = path_get(root, "scan", "hits");
	json_object_del(json_array_get(hits, 0), "path");
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[0].path is missing"));
	json_decref(root);
	root = real_body();
	json_object_set_new(json_array_get(path_get(root, "scan", "errors"), 0), "reason",
	                    json_true());
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.errors[0].reason"));
	json_decref(root);
}

/*
 * Encrypted files and the part of each hit: a report written before they
 * were listed reads as none and "body"; listed, they are read with their
 * format; a malformed entry is refused naming it.
 */
static void test_encrypted_and_parts(void **state)
{
	json_t *root, *scan, *enc;
	char why[512];
	struct crep r;
	char *body;

	(void)state;
	/* the committed reports predate both */
	root = real_body();
	body = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_int_equal(parse_signed(body, strlen(body), &r, why, sizeof(why)), CREP_OK);
	assert_int_equal(r.nencrypted, 0);
	assert_true(r.nhits > 0);
	for (size_t i = 0; i < r.nhits; i++)
		assert_string_equal(r.hits[i].part, "body");
	crep_release(&r);
	free(body);
	json_decref(root);

	root = real_body();
	scan = json_object_get(root, "scan");
	json_object_set_new(json_array_get(json_object_get(scan, "hits"), 1), "part",
	                    json_string("macro"));
	json_object_set_new(scan, "files_encrypted", json_integer(2));
	json_object_set_new(scan, "encrypted",
	                    json_pack("[{s:s,s:s},{s:s,s:s}]", "path", "/home/a/工资.xls", "format",
	                              "xls", "path", "/home/a/b.tar!in/b.7z", "format", "7z"));
	body = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_int_equal(parse_signed(body, strlen(body), &r, why, sizeof(why)), CREP_OK);
	assert_int_equal(r.nencrypted, 2);
	assert_string_equal(r.encrypted[0].path, "/home/a/工资.xls");
	assert_string_equal(r.encrypted[0].format, "xls");
	assert_string_equal(r.encrypted[1].format, "7z");
	/* a member of an archive: its path names the archive and the member */
	assert_string_equal(r.encrypted[1].path, "/home/a/b.tar!in/b.7z");
	assert_string_equal(r.hits[1].part, "macro");
	assert_string_equal(r.hits[0].part, "body");
	assert_sane(&r);
	crep_release(&r);
	free(body);

	/* malformed entries are refused by name */
	enc = json_object_get(scan, "encrypted");
	json_object_set_new(json_array_get(enc, 1), "format", json_string("seven z"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.encrypted[1].format is not printable ASCII"));
	json_object_del(json_array_get(enc, 1), "path");
	json_object_set_new(json_array_get(enc, 1), "format", json_string("7z"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.encrypted[1].path is missing"));
	json_object_set_new(scan, "encrypted", json_string("none"));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.encrypted is not an array"));
	json_object_set_new(scan, "encrypted", json_array());
	json_object_set_new(json_array_get(json_object_get(scan, "hits"), 1), "part",
	                    json_integer(3));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[1].part"));
	json_decref(root);
}

/*
 * Hits read by OCR (baomi-check --ocr): "ocr": true with the page; reports
 * without them read as not OCR; a page without the flag is an OFD page's;
 * a false flag, a page out of range, and a flag without a page are refused
 * by name.
 */
static void test_ocr_hits(void **state)
{
	json_t *root, *hit;
	char why[512];
	struct crep r;
	char *body;

	(void)state;
	root = real_body();
	hit = json_array_get(json_object_get(json_object_get(root, "scan"), "hits"), 1);
	json_object_set_new(hit, "ocr", json_true());
	json_object_set_new(hit, "page", json_integer(3));
	body = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_int_equal(parse_signed(body, strlen(body), &r, why, sizeof(why)), CREP_OK);
	assert_true(r.hits[1].ocr);
	assert_int_equal(r.hits[1].page, 3);
	assert_false(r.hits[0].ocr);
	assert_int_equal(r.hits[0].page, 0);
	assert_sane(&r);
	crep_release(&r);
	free(body);

	json_object_set_new(hit, "page", json_integer(0));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[1].page is not an integer"));
	json_object_del(hit, "page");
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[1].page is missing"));
	json_object_set_new(hit, "ocr", json_false());
	json_object_set_new(hit, "page", json_integer(2));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[1].ocr can only be true"));
	json_object_del(hit, "ocr");
	body = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_int_equal(parse_signed(body, strlen(body), &r, why, sizeof(why)), CREP_OK);
	assert_false(r.hits[1].ocr);
	assert_int_equal(r.hits[1].page, 2);
	crep_release(&r);
	free(body);
	json_object_set_new(hit, "page", json_integer(0));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_BAD_FORMAT);
	assert_non_null(strstr(why, "report.scan.hits[1].page is not an integer"));
	json_decref(root);
}

/* Raw bodies that jansson or the bounds refuse. */
static void test_malformed(void **state)
{
	static const struct {
		const char *body;
		const char *why_part;
	} bad[] = {
	    {"", "invalid JSON"},
	    {"[]", "not a JSON object"},
	    {"{\"tool\":\"baomi-check\"", "invalid JSON"},
	    {"{\"tool\":\"baomi-check\"} {}", "invalid JSON"},
	    {"{\"tool\":\"baomi-check\",\"tool\":\"baomi-check\"}", "duplicate"},
	    {"{\"tool\":\"baomi-\\u0000check\"}", "invalid JSON"},
	    {"{\"tool\":\"\xff\"}", "invalid JSON"},
	    {"{\"a\":[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]}", "nested more than 16"},
	    {"\"baomi-check\"", "invalid JSON"},
	};
	char why[512];
	struct crep r;
	size_t len, off, blen;
	char *file = read_all(DATA "real.json", &len), *body, *p;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum crep_err e =
		    parse_signed(bad[i].body, strlen(bad[i].body), &r, why, sizeof(why));

		if (e != CREP_BAD_FORMAT || !strstr(why, bad[i].why_part))
			fail_msg("body %zu: %d \"%s\"", i, e, why);
		assert_null(r.checks);
	}
	/* a duplicate key deep inside the real report */
	body_of(file, len, &off, &blen);
	body = malloc(blen + 64);
	assert_non_null(body);
	p = strstr(file + off, "\"kernel\":");
	assert_non_null(p);
	{
		size_t head = (size_t)(p - file - off);
		const char dup[] = "\"arch\":\"aarch64\",";

		memcpy(body, file + off, head);
		memcpy(body + head, dup, sizeof(dup) - 1);
		memcpy(body + head + sizeof(dup) - 1, p, blen - head);
		assert_int_equal(parse_signed(body, blen + sizeof(dup) - 1, &r, why, sizeof(why)),
		                 CREP_BAD_FORMAT);
		assert_non_null(strstr(why, "duplicate"));
	}
	/* every truncation of R, signed, is refused */
	for (size_t n = 0; n < blen; n += 7) {
		assert_int_equal(parse_signed(file + off, n, &r, why, sizeof(why)),
		                 CREP_BAD_FORMAT);
		assert_null(r.checks);
	}
	free(body);
	free(file);
}

/* The caps: checks, hits, containers. */
static void test_limits(void **state)
{
	json_t *root, *checks, *hits, *one;
	char why[512];

	(void)state;
	root = real_body();
	checks = path_get(root, "system", "checks");
	while (json_array_size(checks) <= CREP_MAX_CHECKS)
		json_array_append(checks, json_array_get(checks, 0));
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_TOO_BIG);
	assert_non_null(strstr(why, "report.system.checks has more than 1000 entries"));
	json_decref(root);

	root = real_body();
	hits = path_get(root, "scan", "hits");
	one = json_pack("{s:s,s:s,s:s,s:s,s:i,s:s}", "path", "a", "format", "text", "encoding",
	                "utf-8", "keyword", "k", "count", 1, "context", "");
	while (json_array_size(hits) < CREP_MAX_HITS)
		json_array_append(hits, one);
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_OK);
	json_array_append(hits, one);
	assert_int_equal(parse_tree(root, why, sizeof(why)), CREP_TOO_BIG);
	assert_non_null(strstr(why, "report.scan.hits has more than 100000 entries"));
	json_decref(one);
	json_decref(root);

	/* many small containers: refused before jansson builds them */
	{
		size_t n = 300001, len = 2 + 3 * n;
		char *body = malloc(len + 16), *p = body;
		struct crep r;

		assert_non_null(body);
		p += sprintf(p, "{\"a\":[");
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, i ? ",{}" : "{}");
		p += sprintf(p, "]}");
		assert_int_equal(parse_signed(body, (size_t)(p - body), &r, why, sizeof(why)),
		                 CREP_TOO_BIG);
		assert_non_null(strstr(why, "objects and arrays"));
		free(body);
	}
}

static void test_names(void **state)
{
	(void)state;
	for (int e = CREP_OK; e <= CREP_UNKEYED; e++) {
		assert_true(strlen(crep_err_zh((enum crep_err)e)) > 0);
		assert_true(strlen(crep_err_en((enum crep_err)e)) > 0);
	}
	assert_string_equal(crep_err_en((enum crep_err)42), "unknown error");
	assert_string_equal(crep_status_code(CREP_PASS), "pass");
	assert_string_equal(crep_status_code(CREP_FAIL), "fail");
	assert_string_equal(crep_status_code(CREP_NA), "not_applicable");
	assert_string_equal(crep_status_code(CREP_UNKNOWN), "could_not_check");
	assert_string_equal(crep_status_zh(CREP_FAIL), "不通过");
	assert_string_equal(crep_status_code((enum crep_status)4), "");
}

/* ---- a report fresh from baomi-check (checkreport_fresh.sh) ---- */

static const char *fresh_path, *fresh_key;

static void test_fresh(void **state)
{
	size_t len, klen = 0;
	char *file = read_all(fresh_path, &len), *key = NULL, why[512];
	struct crep r;
	bool planted = false;
	enum crep_err e;

	(void)state;
	if (fresh_key)
		key = read_all(fresh_key, &klen);
	e = crep_parse(file, len, (const unsigned char *)key,
	               crep_key_trim((const unsigned char *)key, klen), &r, why, sizeof(why));
	if (e)
		fail_msg("%s: %s", fresh_path, why);
	assert_sane(&r);
	assert_string_equal(r.digest_alg, key ? "hmac-sm3" : "sha256");
	/* the planted file, whatever the system checks could see on this machine */
	for (size_t i = 0; i < r.nhits; i++)
		if (strcmp(r.hits[i].path, "corpus/plan.txt") == 0 &&
		    strcmp(r.hits[i].keyword, "绝密") == 0 && r.hits[i].count == 2 &&
		    strcmp(r.hits[i].encoding, "utf-8") == 0)
			planted = true;
	assert_true(planted);
	/* the planted password-protected PDF */
	assert_int_equal(r.nencrypted, 1);
	assert_string_equal(r.encrypted[0].path, "corpus/locked.pdf");
	assert_string_equal(r.encrypted[0].format, "pdf");
	crep_release(&r);
	if (key) {
		assert_int_equal(crep_parse(file, len, NULL, 0, &r, why, sizeof(why)),
		                 CREP_NEED_KEY);
		assert_int_equal(
		    crep_parse(file, len, (const unsigned char *)"x", 1, &r, why, sizeof(why)),
		    CREP_BAD_DIGEST);
	}
	free(key);
	free(file);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),           cmocka_unit_test(test_real),
	    cmocka_unit_test(test_real_hmac),       cmocka_unit_test(test_one_byte_edits),
	    cmocka_unit_test(test_wrapper),         cmocka_unit_test(test_fields),
	    cmocka_unit_test(test_checks_and_hits), cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_limits),          cmocka_unit_test(test_encrypted_and_parts),
	    cmocka_unit_test(test_ocr_hits),
	};
	const struct CMUnitTest fresh[] = {cmocka_unit_test(test_fresh)};

	/* TEST_FILTER=test_limits runs the matching tests only */
	if (getenv("TEST_FILTER"))
		cmocka_set_test_filter(getenv("TEST_FILTER"));
	if (argc > 1) {
		fresh_path = argv[1];
		fresh_key = argc > 2 ? argv[2] : NULL;
		return cmocka_run_group_tests(fresh, NULL, NULL);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
