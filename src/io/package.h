/*
 * package — SM2-signed packages for reporting upward between installations.
 *
 * A unit's baomi holds one SM2 key pair in its data directory; a package is
 * a small JSON document that carries any payload bytes (the incident report,
 * as JSON, is the caller's business: this layer knows nothing of incidents)
 * with the signer's key fingerprint, unit code, time and an SM2 signature.
 * The superior unit's baomi keeps the public keys of its subordinate units
 * and hands the one asked for to pkg_verify through a callback.
 *
 * The package, exactly as pkg_sign writes it (one line, no spaces, these
 * fields in this order, then one "\n"):
 *
 *   {"format":"baomi-package/1","signer":FPR,"signer_unit":UNIT,
 *    "created_at":"YYYY-MM-DDTHH:MM:SS+08:00","payload":BASE64,"signature":BASE64}
 *
 *   FPR        64 lowercase hex digits: SM3 of the signer's DER SubjectPublicKeyInfo
 *   UNIT       the signer's unit code, 1..PKG_UNIT_MAX bytes of UTF-8, no control characters
 *   payload    the payload bytes, standard base64 with padding (may be empty)
 *   signature  DER SM2 signature (SM3, default ID "1234567812345678") over the message
 *
 *     "baomi-package/1\n" FPR "\n" UNIT "\n" CREATED_AT "\n" PAYLOAD-BYTES
 *
 * so every field is signed, and the message can be rebuilt and checked with
 * the openssl command line:
 *
 *   openssl pkeyutl -verify -pubin -inkey sign.pub -rawin -digest sm3 \
 *           -pkeyopt distid:1234567812345678 -in message -sigfile signature.der
 *
 * pkg_verify accepts only that exact byte form: any changed byte, added
 * whitespace, reordered field, other escaping or base64 spelling is refused
 * (PKG_BAD_FORMAT naming the field or offset, or PKG_BAD_SIGNATURE), so a
 * package that verifies is byte for byte what the signer wrote.
 *
 * Key files in the data directory DIR:
 *   DIR/sign.key  PKCS#8 PEM SM2 private key, mode 0600 (the installation's identity)
 *   DIR/sign.pub  SubjectPublicKeyInfo PEM of it, mode 0644, to hand to the superior unit
 */
#ifndef BAOMI_IO_PACKAGE_H
#define BAOMI_IO_PACKAGE_H

#include <stddef.h>

#include "../util/buf.h"

#define PKG_FORMAT "baomi-package/1"
#define PKG_SM2_ID "1234567812345678"
#define PKG_MAX_SIZE ((size_t)8 << 20) /* bytes of a package, in and out */
#define PKG_UNIT_MAX 32                /* bytes of a unit code */
#define PKG_FPR_LEN 64                 /* hex digits of a fingerprint */
#define PKG_PEM_MAX ((size_t)16 << 10) /* bytes of a key file or trusted PEM */

enum pkg_err {
	PKG_OK = 0,
	PKG_NOMEM,
	PKG_IO,             /* a key file could not be read or written (errno tells) */
	PKG_BAD_FORMAT,     /* not a package: syntax, field, encoding, canonical form */
	PKG_BAD_KEY,        /* a key file or trusted PEM is not an SM2 key */
	PKG_BAD_SIGNATURE,  /* well formed, signer trusted, signature does not verify */
	PKG_UNKNOWN_SIGNER, /* the trust callback does not know the signer */
	PKG_TOO_BIG,        /* past PKG_MAX_SIZE or the caller's buffer cap */
	PKG_CRYPTO,         /* OpenSSL failed for another reason */
};

/* Short messages for users; never NULL. */
const char *pkg_err_zh(enum pkg_err e);
const char *pkg_err_en(enum pkg_err e);

/*
 * Makes sure DIR holds the key pair.  sign.key is created when absent (a new
 * SM2 key, written to a temporary file of mode 0600 and linked into place,
 * so a concurrent caller never replaces a key another one created);
 * sign.pub is (re)written from sign.key whenever it is absent or differs,
 * atomically by rename, mode 0644.  An existing sign.key that is not an SM2
 * private key gives PKG_BAD_KEY and is left alone.  Calling it again changes
 * nothing.
 */
enum pkg_err pkg_key_ensure(const char *dir);

/*
 * The public key of this installation, derived from DIR/sign.key: its SPKI
 * PEM appended to pem_out and its fingerprint (64 hex digits + NUL) in fpr.
 * pem_out may be NULL when only the fingerprint is wanted.
 */
enum pkg_err pkg_key_public(const char *dir, struct buf *pem_out, char fpr[PKG_FPR_LEN + 1]);

/*
 * Fingerprint of a public key given as SPKI PEM text of len bytes (for
 * registering a subordinate unit's sign.pub).  PKG_BAD_KEY if the text is not
 * exactly one SM2 public key.
 */
enum pkg_err pkg_pub_fingerprint(const char *pem, size_t len, char fpr[PKG_FPR_LEN + 1]);

/*
 * Signs payload (len bytes, any content) with DIR/sign.key for unit_code and
 * appends the package (see above) to out, stamped with the current Beijing
 * time.  PKG_BAD_FORMAT if unit_code is not a valid unit code (see UNIT),
 * PKG_TOO_BIG if the package would pass PKG_MAX_SIZE or out's cap; on
 * failure out is left as it was.
 */
enum pkg_err pkg_sign(const char *dir, const char *unit_code, const unsigned char *payload,
                      size_t len, struct buf *out);

/*
 * Trust lookup for pkg_verify: asked for the key with fingerprint fpr, which
 * the package says belongs to unit_code, it appends the PEM of that trusted
 * public key to pem (capped at PKG_PEM_MAX) and returns PKG_OK; returns
 * PKG_UNKNOWN_SIGNER if it trusts no such key (or not for that unit), or
 * another code (PKG_IO, PKG_NOMEM) that pkg_verify passes through.  The key
 * given must have fingerprint fpr (else PKG_BAD_KEY).
 */
typedef enum pkg_err (*pkg_trust_fn)(void *arg, const char *fpr, const char *unit_code,
                                     struct buf *pem);

struct pkg_info {
	char signer[PKG_FPR_LEN + 1];
	char unit_code[PKG_UNIT_MAX + 1];
	char created_at[32];    /* "YYYY-MM-DDTHH:MM:SS+08:00" */
	unsigned char *payload; /* malloc'd, payload_len bytes plus a NUL not counted */
	size_t payload_len;
};

/*
 * Checks a package of len bytes: size (PKG_TOO_BIG past PKG_MAX_SIZE),
 * strict JSON (duplicate and unknown fields refused), every field, the exact
 * byte form, then asks trust for the signer's key (trust NULL: every signer
 * is unknown) and verifies the signature.  On PKG_OK info holds the result
 * (pkg_info_release it); on failure info is empty and why (if whylen > 0)
 * holds a message in Chinese then English naming the field or byte offset at
 * fault, cut to whole UTF-8 characters if whylen is short (512 is enough).
 */
enum pkg_err pkg_verify(const char *pkg, size_t len, pkg_trust_fn trust, void *arg,
                        struct pkg_info *info, char *why, size_t whylen);

/* Frees the payload; the struct may be released twice. */
void pkg_info_release(struct pkg_info *info);

#endif
