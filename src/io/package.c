/*
 * package — SM2 key files, signing and strict verification of packages.
 * The format and the signed message are described in package.h.
 */
#include "package.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "../util/bjtime.h"
#include "../util/utf8.h"

#define KEY_FILE "sign.key"
#define PUB_FILE "sign.pub"
#define SIG_MAX 72 /* DER SM2 signature: SEQUENCE of two INTEGERs of at most 33 bytes */
#define SIG_MIN 8

static const char *const fields[] = {"format",     "signer",  "signer_unit",
                                     "created_at", "payload", "signature"};
enum { F_FORMAT, F_SIGNER, F_UNIT, F_CREATED, F_PAYLOAD, F_SIGNATURE, F_COUNT };

const char *pkg_err_zh(enum pkg_err e)
{
	switch (e) {
	case PKG_OK:
		return "成功";
	case PKG_NOMEM:
		return "内存不足";
	case PKG_IO:
		return "签名密钥文件读写失败";
	case PKG_BAD_FORMAT:
		return "报送包格式不正确";
	case PKG_BAD_KEY:
		return "密钥不是有效的 SM2 密钥";
	case PKG_BAD_SIGNATURE:
		return "报送包签名验证失败，内容可能已被篡改";
	case PKG_UNKNOWN_SIGNER:
		return "报送包的签名者不在受信任的下级单位公钥中";
	case PKG_TOO_BIG:
		return "报送包过大";
	case PKG_CRYPTO:
		return "密码运算失败";
	}
	return "未知错误";
}

const char *pkg_err_en(enum pkg_err e)
{
	switch (e) {
	case PKG_OK:
		return "success";
	case PKG_NOMEM:
		return "out of memory";
	case PKG_IO:
		return "cannot read or write the signing key files";
	case PKG_BAD_FORMAT:
		return "not a valid baomi package";
	case PKG_BAD_KEY:
		return "not a valid SM2 key";
	case PKG_BAD_SIGNATURE:
		return "the package signature does not verify; it may have been tampered with";
	case PKG_UNKNOWN_SIGNER:
		return "the package is signed by a key that is not trusted";
	case PKG_TOO_BIG:
		return "the package is too big";
	case PKG_CRYPTO:
		return "cryptographic operation failed";
	}
	return "unknown error";
}

/* ---- small helpers ---- */

static enum pkg_err from_buf(enum buf_err e)
{
	return e == BUF_OK ? PKG_OK : e == BUF_TOO_BIG ? PKG_TOO_BIG : PKG_NOMEM;
}

static void hex(const unsigned char *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* A unit code: 1..PKG_UNIT_MAX bytes, no control characters (UTF-8 checked by the caller). */
static int unit_code_ok(const char *s, size_t n)
{
	if (n == 0 || n > PKG_UNIT_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decodes canonical base64 (RFC 4648 alphabet, padded, no whitespace, zero
 * unused bits): the only spelling EVP_EncodeBlock produces.  Returns
 * PKG_BAD_FORMAT for anything else.  *out is malloc'd with a NUL after the bytes.
 */
static enum pkg_err b64_decode(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	size_t pad = 0, i;
	unsigned char *d;
	int r;

	*out = NULL;
	*outlen = 0;
	if (n % 4 != 0 || n > INT_MAX)
		return PKG_BAD_FORMAT;
	if (n > 0 && s[n - 1] == '=')
		pad = (n > 1 && s[n - 2] == '=') ? 2 : 1;
	for (i = 0; i < n - pad; i++)
		if (b64_value((unsigned char)s[i]) < 0)
			return PKG_BAD_FORMAT;
	if (pad == 1 && (b64_value((unsigned char)s[n - 2]) & 0x03))
		return PKG_BAD_FORMAT;
	if (pad == 2 && (b64_value((unsigned char)s[n - 3]) & 0x0f))
		return PKG_BAD_FORMAT;
	d = malloc(n / 4 * 3 + 1);
	if (!d)
		return PKG_NOMEM;
	r = n ? EVP_DecodeBlock(d, (const unsigned char *)s, (int)n) : 0;
	if (r < 0 || (size_t)r != n / 4 * 3) {
		free(d);
		return PKG_BAD_FORMAT;
	}
	*outlen = (size_t)r - pad;
	d[*outlen] = '\0';
	*out = d;
	return PKG_OK;
}

/* Appends base64 of d (n bytes) to b. */
static enum pkg_err b64_append(struct buf *b, const unsigned char *d, size_t n)
{
	unsigned char *t;
	size_t enc;
	enum pkg_err e;

	if (n > PKG_MAX_SIZE)
		return PKG_TOO_BIG;
	enc = (n + 2) / 3 * 4;
	if (enc > b->max || b->len > b->max - enc)
		return PKG_TOO_BIG;
	t = malloc(enc + 1);
	if (!t)
		return PKG_NOMEM;
	if (n)
		EVP_EncodeBlock(t, d, (int)n);
	e = from_buf(buf_append(b, t, enc));
	free(t);
	return e;
}

/* Appends s as a JSON string: '"' and '\' escaped, everything else (no control characters) raw. */
static enum pkg_err json_str_append(struct buf *b, const char *s)
{
	enum buf_err e = buf_append(b, "\"", 1);

	for (; !e && *s; s++) {
		if (*s == '"' || *s == '\\')
			e = buf_append(b, "\\", 1);
		if (!e)
			e = buf_append(b, s, 1);
	}
	if (!e)
		e = buf_append(b, "\"", 1);
	return from_buf(e);
}

/*
 * The package bytes for the given fields: the one form pkg_sign writes and
 * pkg_verify accepts.
 */
static enum pkg_err doc_build(struct buf *b, const char *fpr, const char *unit, const char *created,
                              const unsigned char *payload, size_t len, const unsigned char *sig,
                              size_t siglen)
{
	enum pkg_err e;

	e = from_buf(buf_printf(
	    b, "{\"format\":\"%s\",\"signer\":\"%s\",\"signer_unit\":", PKG_FORMAT, fpr));
	if (!e)
		e = json_str_append(b, unit);
	if (!e)
		e = from_buf(buf_printf(b, ",\"created_at\":\"%s\",\"payload\":\"", created));
	if (!e)
		e = b64_append(b, payload, len);
	if (!e)
		e = from_buf(buf_puts(b, "\",\"signature\":\""));
	if (!e)
		e = b64_append(b, sig, siglen);
	if (!e)
		e = from_buf(buf_puts(b, "\"}\n"));
	return e;
}

/* ---- keys ---- */

static enum pkg_err key_path(char *out, size_t n, const char *dir, const char *name)
{
	int r = snprintf(out, n, "%s/%s", dir, name);

	if (r < 0 || (size_t)r >= n) {
		errno = ENAMETOOLONG;
		return PKG_IO;
	}
	return PKG_OK;
}

/*
 * Reads a whole regular file of at most max bytes into a malloc'd buffer
 * (NUL after the bytes).  PKG_IO with errno set when it cannot, PKG_BAD_KEY
 * when it is not a regular file or too big to be a key.
 */
static enum pkg_err file_read(const char *path, size_t max, char **out, size_t *outlen)
{
	struct stat st;
	char *p = NULL;
	size_t got = 0;
	int fd, saved;

	*out = NULL;
	*outlen = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return PKG_IO;
	if (fstat(fd, &st) != 0)
		goto io;
	if (!S_ISREG(st.st_mode) || st.st_size < 0 || (unsigned long long)st.st_size > max) {
		close(fd);
		return PKG_BAD_KEY;
	}
	p = malloc((size_t)st.st_size + 1);
	if (!p) {
		close(fd);
		return PKG_NOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, p + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto io;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	p[got] = '\0';
	*out = p;
	*outlen = got;
	return PKG_OK;
io:
	saved = errno;
	if (p) {
		OPENSSL_cleanse(p, (size_t)st.st_size);
		free(p);
	}
	close(fd);
	errno = saved;
	return PKG_IO;
}

static int no_password(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1; /* an encrypted key is refused, never prompted for */
}

/* Loads DIR/sign.key.  PKG_IO with errno (ENOENT when absent), PKG_BAD_KEY if not SM2. */
static enum pkg_err key_load(const char *dir, EVP_PKEY **out)
{
	char path[PATH_MAX];
	char *text = NULL;
	size_t len = 0;
	BIO *bio = NULL;
	EVP_PKEY *k = NULL;
	enum pkg_err e;

	*out = NULL;
	e = key_path(path, sizeof(path), dir, KEY_FILE);
	if (!e)
		e = file_read(path, PKG_PEM_MAX, &text, &len);
	if (e)
		return e;
	bio = BIO_new_mem_buf(text, (int)len);
	if (!bio) {
		e = PKG_NOMEM;
		goto out;
	}
	k = PEM_read_bio_PrivateKey(bio, NULL, no_password, NULL);
	if (!k || !EVP_PKEY_is_a(k, "SM2")) {
		EVP_PKEY_free(k);
		e = PKG_BAD_KEY;
		goto out;
	}
	*out = k;
out:
	BIO_free(bio);
	OPENSSL_cleanse(text, len);
	free(text);
	ERR_clear_error();
	return e;
}

/* Fingerprint: hex SM3 of the DER SubjectPublicKeyInfo. */
static enum pkg_err key_fingerprint(EVP_PKEY *k, char fpr[PKG_FPR_LEN + 1])
{
	unsigned char *der = NULL, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	int n = i2d_PUBKEY(k, &der);
	enum pkg_err e = PKG_OK;

	if (n <= 0)
		return PKG_CRYPTO;
	if (!EVP_Digest(der, (size_t)n, md, &mdlen, EVP_sm3(), NULL) || mdlen != 32)
		e = PKG_CRYPTO;
	else
		hex(md, mdlen, fpr);
	OPENSSL_free(der);
	return e;
}

/* Appends the SPKI PEM of k to out. */
static enum pkg_err key_pub_pem(EVP_PKEY *k, struct buf *out)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long n;
	enum pkg_err e;

	if (!bio)
		return PKG_NOMEM;
	if (!PEM_write_bio_PUBKEY(bio, k)) {
		BIO_free(bio);
		return PKG_CRYPTO;
	}
	n = BIO_get_mem_data(bio, &data);
	e = n > 0 ? from_buf(buf_append(out, data, (size_t)n)) : PKG_CRYPTO;
	BIO_free(bio);
	return e;
}

/* Parses exactly one SM2 SPKI PEM (surrounding whitespace allowed). */
static enum pkg_err pub_parse(const char *pem, size_t len, EVP_PKEY **out)
{
	static const char begin[] = "-----BEGIN PUBLIC KEY-----";
	BIO *bio;
	EVP_PKEY *k;
	char *rest;
	long left;
	size_t i = 0;

	*out = NULL;
	if (len > PKG_PEM_MAX)
		return PKG_BAD_KEY;
	while (i < len && (pem[i] == ' ' || pem[i] == '\t' || pem[i] == '\r' || pem[i] == '\n'))
		i++;
	if (len - i < sizeof(begin) - 1 || memcmp(pem + i, begin, sizeof(begin) - 1) != 0)
		return PKG_BAD_KEY;
	bio = BIO_new_mem_buf(pem + i, (int)(len - i));
	if (!bio)
		return PKG_NOMEM;
	k = PEM_read_bio_PUBKEY(bio, NULL, no_password, NULL);
	left = BIO_get_mem_data(bio, &rest);
	for (long j = 0; k && j < left; j++)
		if (rest[j] != ' ' && rest[j] != '\t' && rest[j] != '\r' && rest[j] != '\n') {
			EVP_PKEY_free(k);
			k = NULL;
		}
	BIO_free(bio);
	ERR_clear_error();
	if (!k || !EVP_PKEY_is_a(k, "SM2")) {
		EVP_PKEY_free(k);
		return PKG_BAD_KEY;
	}
	*out = k;
	return PKG_OK;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

/*
 * Writes DIR/NAME atomically with the given mode: a temporary file created
 * 0600 by mkstemp, chmod'ed, written and synced, then renamed over NAME, or
 * with exclusive set linked to NAME (EEXIST if NAME already exists: nothing
 * replaced).  The temporary file never outlives the call.
 */
static enum pkg_err file_write(const char *dir, const char *name, const char *data, size_t len,
                               mode_t mode, int exclusive)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	size_t done = 0;
	int fd, r, saved;

	if (key_path(path, sizeof(path), dir, name))
		return PKG_IO;
	r = snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name);
	if (r < 0 || (size_t)r >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return PKG_IO;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return PKG_IO;
	if (fchmod(fd, mode) != 0)
		goto fail;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		done += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (exclusive) {
		r = link(tmp, path);
		saved = errno;
		unlink(tmp);
		if (r != 0) {
			errno = saved;
			return PKG_IO;
		}
	} else if (rename(tmp, path) != 0) {
		goto fail;
	}
	if (fsync_dir(dir) != 0)
		return PKG_IO;
	return PKG_OK;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return PKG_IO;
}

/* Creates a new key and links it into place as DIR/sign.key (EEXIST: someone was first). */
static enum pkg_err key_create(const char *dir)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
	BIO *bio = NULL;
	char *data;
	long n;
	enum pkg_err e;

	if (!k) {
		ERR_clear_error();
		return PKG_CRYPTO;
	}
	bio = BIO_new(BIO_s_secmem()); /* wiped when freed */
	if (!bio) {
		e = PKG_NOMEM;
		goto out;
	}
	if (!PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL, NULL)) {
		e = PKG_CRYPTO;
		goto out;
	}
	n = BIO_get_mem_data(bio, &data);
	e = n > 0 ? file_write(dir, KEY_FILE, data, (size_t)n, 0600, 1) : PKG_CRYPTO;
out:
	BIO_free(bio);
	EVP_PKEY_free(k);
	ERR_clear_error();
	return e;
}

enum pkg_err pkg_key_ensure(const char *dir)
{
	EVP_PKEY *k = NULL;
	struct buf pem;
	char path[PATH_MAX], *old = NULL;
	size_t oldlen = 0;
	enum pkg_err e;

	buf_init(&pem, PKG_PEM_MAX);
	e = key_load(dir, &k);
	if (e == PKG_IO && errno == ENOENT) {
		e = key_create(dir);
		if (e == PKG_IO && errno == EEXIST)
			e = PKG_OK; /* created concurrently by another process: use that one */
		if (!e)
			e = key_load(dir, &k);
	}
	if (e)
		goto out;
	e = key_pub_pem(k, &pem);
	if (e)
		goto out;
	e = key_path(path, sizeof(path), dir, PUB_FILE);
	if (e)
		goto out;
	/* any other content, or none, or not a readable file: write it afresh */
	e = file_read(path, PKG_PEM_MAX, &old, &oldlen);
	if (e == PKG_OK && oldlen == pem.len && memcmp(old, pem.ptr, pem.len) == 0)
		goto out;
	if (e == PKG_NOMEM)
		goto out;
	e = file_write(dir, PUB_FILE, pem.ptr, pem.len, 0644, 0);
out:
	free(old);
	buf_release(&pem);
	EVP_PKEY_free(k);
	return e;
}

enum pkg_err pkg_key_public(const char *dir, struct buf *pem_out, char fpr[PKG_FPR_LEN + 1])
{
	EVP_PKEY *k = NULL;
	enum pkg_err e = key_load(dir, &k);

	if (!e)
		e = key_fingerprint(k, fpr);
	if (!e && pem_out)
		e = key_pub_pem(k, pem_out);
	EVP_PKEY_free(k);
	return e;
}

enum pkg_err pkg_pub_fingerprint(const char *pem, size_t len, char fpr[PKG_FPR_LEN + 1])
{
	EVP_PKEY *k = NULL;
	enum pkg_err e = pub_parse(pem, len, &k);

	if (!e)
		e = key_fingerprint(k, fpr);
	EVP_PKEY_free(k);
	return e;
}

/* ---- signatures ---- */

/* An SM3 digest context for SM2 with the default ID, on k; the caller frees both. */
static enum pkg_err sm2_ctx(EVP_PKEY *k, int sign, EVP_MD_CTX **mctx, EVP_PKEY_CTX **pctx)
{
	*mctx = EVP_MD_CTX_new();
	*pctx = EVP_PKEY_CTX_new(k, NULL);
	if (!*mctx || !*pctx)
		return PKG_NOMEM;
	if (EVP_PKEY_CTX_set1_id(*pctx, PKG_SM2_ID, sizeof(PKG_SM2_ID) - 1) <= 0)
		return PKG_CRYPTO;
	EVP_MD_CTX_set_pkey_ctx(*mctx, *pctx);
	if ((sign ? EVP_DigestSignInit(*mctx, NULL, EVP_sm3(), NULL, k)
	          : EVP_DigestVerifyInit(*mctx, NULL, EVP_sm3(), NULL, k)) != 1)
		return PKG_CRYPTO;
	return PKG_OK;
}

static void sm2_ctx_free(EVP_MD_CTX *mctx, EVP_PKEY_CTX *pctx)
{
	EVP_MD_CTX_free(mctx); /* does not free a pctx set with EVP_MD_CTX_set_pkey_ctx */
	EVP_PKEY_CTX_free(pctx);
}

/* Feeds the signed message (see package.h) into a sign or verify context. */
static int message_update(EVP_MD_CTX *m, int sign, const char *fpr, const char *unit,
                          const char *created, const unsigned char *payload, size_t len)
{
	const char *parts[] = {PKG_FORMAT, "\n", fpr, "\n", unit, "\n", created, "\n"};
	int (*update)(EVP_MD_CTX *, const void *, size_t) =
	    sign ? EVP_DigestSignUpdate : EVP_DigestVerifyUpdate;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (update(m, parts[i], strlen(parts[i])) != 1)
			return -1;
	if (len && update(m, payload, len) != 1)
		return -1;
	return 0;
}

enum pkg_err pkg_sign(const char *dir, const char *unit_code, const unsigned char *payload,
                      size_t len, struct buf *out)
{
	EVP_PKEY *k = NULL;
	EVP_MD_CTX *m = NULL;
	EVP_PKEY_CTX *p = NULL;
	unsigned char sig[SIG_MAX];
	size_t siglen = sizeof(sig), oldlen = out->len;
	char fpr[PKG_FPR_LEN + 1], created[BJTIME_ISO_LEN];
	enum pkg_err e;

	if (!unit_code || !unit_code_ok(unit_code, strlen(unit_code)) ||
	    utf8_check((const unsigned char *)unit_code, strlen(unit_code)) != strlen(unit_code))
		return PKG_BAD_FORMAT;
	if (len > PKG_MAX_SIZE / 4 * 3)
		return PKG_TOO_BIG;
	e = key_load(dir, &k);
	if (!e)
		e = key_fingerprint(k, fpr);
	if (e)
		goto out;
	bjtime_format_iso(bjtime_now_ms(), created);
	e = sm2_ctx(k, 1, &m, &p);
	if (e)
		goto out;
	if (message_update(m, 1, fpr, unit_code, created, payload, len) ||
	    EVP_DigestSignFinal(m, sig, &siglen) != 1) {
		e = PKG_CRYPTO;
		goto out;
	}
	e = doc_build(out, fpr, unit_code, created, payload, len, sig, siglen);
	if (!e && out->len - oldlen > PKG_MAX_SIZE)
		e = PKG_TOO_BIG;
out:
	if (e && out->ptr) {
		out->len = oldlen;
		out->ptr[oldlen] = '\0';
	}
	sm2_ctx_free(m, p);
	EVP_PKEY_free(k);
	ERR_clear_error();
	return e;
}

/* ---- verification ---- */

struct parsed {
	const char *str[F_COUNT];
	size_t len[F_COUNT];
	unsigned char *payload, *sig;
	size_t payload_len, sig_len;
};

/* Field checks after JSON parsing; fills p.  Messages name the field. */
static enum pkg_err fields_check(json_t *root, struct parsed *p, char *why, size_t whylen)
{
	const char *key;
	json_t *v;
	char name[41];
	int64_t ms;
	char created[BJTIME_ISO_LEN];
	enum pkg_err e;

	if (!json_is_object(root)) {
		utf8_snprintf(why, whylen, "报送包不是 JSON 对象 / package: not a JSON object");
		return PKG_BAD_FORMAT;
	}
	json_object_foreach(root, key, v)
	{
		int known = 0;

		for (int i = 0; i < F_COUNT; i++)
			known |= strcmp(key, fields[i]) == 0;
		if (!known) {
			ascii_printable(name, sizeof(name), key);
			utf8_snprintf(why, whylen,
			              "报送包含有未知字段 \"%s\" / package: unknown field \"%s\"",
			              name, name);
			return PKG_BAD_FORMAT;
		}
	}
	for (int i = 0; i < F_COUNT; i++) {
		v = json_object_get(root, fields[i]);
		if (!v) {
			utf8_snprintf(why, whylen,
			              "报送包缺少字段 %s / package: field %s is missing", fields[i],
			              fields[i]);
			return PKG_BAD_FORMAT;
		}
		if (!json_is_string(v)) {
			utf8_snprintf(why, whylen, "字段 %s 应为字符串 / %s: not a string",
			              fields[i], fields[i]);
			return PKG_BAD_FORMAT;
		}
		p->str[i] = json_string_value(v);
		p->len[i] = json_string_length(v);
	}
	if (strcmp(p->str[F_FORMAT], PKG_FORMAT) != 0 || p->len[F_FORMAT] != strlen(PKG_FORMAT)) {
		utf8_snprintf(why, whylen,
		              "字段 format 不是所支持的 " PKG_FORMAT " / format: not " PKG_FORMAT);
		return PKG_BAD_FORMAT;
	}
	if (p->len[F_SIGNER] != PKG_FPR_LEN ||
	    strspn(p->str[F_SIGNER], "0123456789abcdef") != PKG_FPR_LEN) {
		utf8_snprintf(
		    why, whylen,
		    "字段 signer 应为 64 位小写十六进制公钥指纹 / signer: not 64 lowercase hex "
		    "digits");
		return PKG_BAD_FORMAT;
	}
	if (!unit_code_ok(p->str[F_UNIT], p->len[F_UNIT]) ||
	    strlen(p->str[F_UNIT]) != p->len[F_UNIT]) {
		utf8_snprintf(
		    why, whylen,
		    "字段 signer_unit 应为 1 至 %d 字节且不含控制字符 / signer_unit: not 1 to %d "
		    "bytes without control characters",
		    PKG_UNIT_MAX, PKG_UNIT_MAX);
		return PKG_BAD_FORMAT;
	}
	created[0] = '\0';
	if (p->len[F_CREATED] < sizeof(created) && bjtime_parse_iso(p->str[F_CREATED], &ms) == 0)
		bjtime_format_iso(ms, created);
	if (strcmp(created, p->str[F_CREATED]) != 0) {
		utf8_snprintf(
		    why, whylen,
		    "字段 created_at 应为北京时间 YYYY-MM-DDTHH:MM:SS+08:00 / created_at: not "
		    "YYYY-MM-DDTHH:MM:SS+08:00");
		return PKG_BAD_FORMAT;
	}
	e = b64_decode(p->str[F_PAYLOAD], p->len[F_PAYLOAD], &p->payload, &p->payload_len);
	if (e == PKG_BAD_FORMAT)
		utf8_snprintf(
		    why, whylen,
		    "字段 payload 不是规范的 Base64 编码 / payload: not canonical padded base64");
	if (e)
		return e;
	e = b64_decode(p->str[F_SIGNATURE], p->len[F_SIGNATURE], &p->sig, &p->sig_len);
	if (e == PKG_BAD_FORMAT)
		utf8_snprintf(
		    why, whylen,
		    "字段 signature 不是规范的 Base64 编码 / signature: not canonical padded "
		    "base64");
	if (e)
		return e;
	if (p->sig_len < SIG_MIN || p->sig_len > SIG_MAX) {
		utf8_snprintf(
		    why, whylen,
		    "字段 signature 的长度不是 SM2 签名 / signature: wrong length for an SM2 "
		    "signature");
		return PKG_BAD_FORMAT;
	}
	return PKG_OK;
}

/* The input must be exactly the bytes pkg_sign would write for these fields. */
static enum pkg_err canonical_check(const char *pkg, size_t len, const struct parsed *p, char *why,
                                    size_t whylen)
{
	struct buf b;
	enum pkg_err e;
	size_t i;

	buf_init(&b, PKG_MAX_SIZE + 64);
	e = doc_build(&b, p->str[F_SIGNER], p->str[F_UNIT], p->str[F_CREATED], p->payload,
	              p->payload_len, p->sig, p->sig_len);
	if (e == PKG_TOO_BIG)
		e = PKG_BAD_FORMAT;
	if (!e && (b.len != len || memcmp(b.ptr, pkg, len) != 0)) {
		for (i = 0; i < len && i < b.len && b.ptr[i] == pkg[i]; i++)
			;
		utf8_snprintf(
		    why, whylen,
		    "报送包在第 %zu 字节处与签名时的格式不一致（空白、字段顺序或转义被改动）/ "
		    "package: not in its signed form at byte %zu (whitespace, field order or "
		    "escaping changed)",
		    i, i);
		e = PKG_BAD_FORMAT;
	}
	buf_release(&b);
	return e;
}

enum pkg_err pkg_verify(const char *pkg, size_t len, pkg_trust_fn trust, void *arg,
                        struct pkg_info *info, char *why, size_t whylen)
{
	struct parsed p;
	json_t *root = NULL;
	json_error_t jerr;
	struct buf pem;
	EVP_PKEY *k = NULL;
	EVP_MD_CTX *m = NULL;
	EVP_PKEY_CTX *pc = NULL;
	char fpr[PKG_FPR_LEN + 1], text[81];
	enum pkg_err e;
	int r;

	memset(info, 0, sizeof(*info));
	memset(&p, 0, sizeof(p));
	buf_init(&pem, PKG_PEM_MAX);
	utf8_snprintf(why, whylen, "%s", "");
	if (len > PKG_MAX_SIZE) {
		utf8_snprintf(why, whylen, "报送包超过 %zu 字节 / package: larger than %zu bytes",
		              PKG_MAX_SIZE, PKG_MAX_SIZE);
		return PKG_TOO_BIG;
	}
	root = json_loadb(pkg ? pkg : "", pkg ? len : 0, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		ascii_printable(text, sizeof(text), jerr.text);
		utf8_snprintf(
		    why, whylen,
		    "报送包不是有效的 JSON（第 %d 行第 %d 列）/ package: invalid JSON at line %d "
		    "column %d: %s",
		    jerr.line, jerr.column, jerr.line, jerr.column, text);
		return PKG_BAD_FORMAT;
	}
	e = fields_check(root, &p, why, whylen);
	if (!e)
		e = canonical_check(pkg, len, &p, why, whylen);
	if (e)
		goto out;

	e = trust ? trust(arg, p.str[F_SIGNER], p.str[F_UNIT], &pem) : PKG_UNKNOWN_SIGNER;
	if (e == PKG_UNKNOWN_SIGNER)
		utf8_snprintf(
		    why, whylen,
		    "签名公钥 %s 不在受信任的下级单位公钥中（单位 %s）/ signer: key %s of "
		    "unit %s is not trusted",
		    p.str[F_SIGNER], p.str[F_UNIT], p.str[F_SIGNER], p.str[F_UNIT]);
	if (e == PKG_TOO_BIG)
		e = PKG_BAD_KEY;
	if (e)
		goto out;
	e = pub_parse(pem.ptr ? pem.ptr : "", pem.len, &k);
	if (!e)
		e = key_fingerprint(k, fpr);
	if (!e && strcmp(fpr, p.str[F_SIGNER]) != 0)
		e = PKG_BAD_KEY;
	if (e == PKG_BAD_KEY)
		utf8_snprintf(
		    why, whylen,
		    "受信任公钥无效或与 signer 指纹不符 / trusted key: not an SM2 key with the "
		    "signer's fingerprint");
	if (e)
		goto out;

	e = sm2_ctx(k, 0, &m, &pc);
	if (e)
		goto out;
	if (message_update(m, 0, p.str[F_SIGNER], p.str[F_UNIT], p.str[F_CREATED], p.payload,
	                   p.payload_len)) {
		e = PKG_CRYPTO;
		goto out;
	}
	r = EVP_DigestVerifyFinal(m, p.sig, p.sig_len);
	if (r != 1) {
		utf8_snprintf(
		    why, whylen,
		    "签名与内容不符，报送包可能已被篡改 / signature: does not match the content; "
		    "the package may have been tampered with");
		e = PKG_BAD_SIGNATURE;
		goto out;
	}

	memcpy(info->signer, p.str[F_SIGNER], PKG_FPR_LEN + 1);
	memcpy(info->unit_code, p.str[F_UNIT], p.len[F_UNIT] + 1);
	memcpy(info->created_at, p.str[F_CREATED], p.len[F_CREATED] + 1);
	info->payload = p.payload;
	info->payload_len = p.payload_len;
	p.payload = NULL;
out:
	if (e && e != PKG_BAD_FORMAT && e != PKG_BAD_SIGNATURE && e != PKG_UNKNOWN_SIGNER &&
	    e != PKG_BAD_KEY && why && whylen && !why[0])
		utf8_snprintf(why, whylen, "%s / %s", pkg_err_zh(e), pkg_err_en(e));
	sm2_ctx_free(m, pc);
	EVP_PKEY_free(k);
	buf_release(&pem);
	free(p.payload);
	free(p.sig);
	json_decref(root);
	ERR_clear_error();
	return e;
}

void pkg_info_release(struct pkg_info *info)
{
	free(info->payload);
	info->payload = NULL;
	info->payload_len = 0;
}
