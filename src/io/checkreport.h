/*
 * checkreport — the importer's reader of a baomi-check report.
 *
 * `baomi-check all -o report.json` writes, byte for byte (check/src/report.c):
 *
 *   {"format":"baomi-check-report","version":1,"digest_alg":ALG,"report":R,"digest":"HEX"}
 *
 * and one "\n", where ALG is "sha256" or "hmac-sm3" (with --hmac-key) and
 * HEX the 64 lowercase hex digits of the SHA-256 or HMAC-SM3 of exactly the
 * bytes of R.  crep_parse locates R by the fixed head and tail, checks the
 * digest over those bytes, and only then parses R (jansson, duplicate keys
 * refused): the host identity, the time and operator, every system check
 * every keyword hit (with the part of the document it is in) and every
 * encrypted file.  Nothing in R is looked at before its digest matches.
 *
 * Key policy: a hmac-sm3 report needs the key (CREP_NEED_KEY without one);
 * when a key is given, a plain sha256 report is refused (CREP_UNKEYED), for
 * anyone can write a SHA-256 and a unit that keys its reports wants to know
 * the report came from its own baomi-check.  The key is the bytes of the
 * key file baomi-check read with --hmac-key, trailing CR/LF removed
 * (crep_key_trim).
 *
 * Limits: CREP_MAX_BYTES of input, CREP_MAX_CHECKS checks, CREP_MAX_HITS
 * hits, CREP_MAX_ERRORS unreadable files, CREP_MAX_ENCRYPTED encrypted
 * files, CREP_MAX_DISKS disks, and a bound
 * on JSON values and nesting before jansson builds its tree, so that a
 * report (whose SHA-256 anyone can compute) cannot make the server allocate
 * without bound.  Unknown members of R are ignored (later baomi-check
 * versions may add some); the known ones must have their type, range and
 * size.
 */
#ifndef BAOMI_IO_CHECKREPORT_H
#define BAOMI_IO_CHECKREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CREP_MAX_BYTES ((size_t)64 << 20)
#define CREP_MAX_CHECKS 1000
#define CREP_MAX_HITS 100000
#define CREP_MAX_ERRORS 100000
#define CREP_MAX_ENCRYPTED 100000
#define CREP_MAX_DISKS 256
#define CREP_DIGEST_HEX 64 /* SHA-256 and SM3: 32 bytes */

enum crep_err {
	CREP_OK = 0,
	CREP_NOMEM,
	CREP_TOO_BIG,    /* over a limit above; why names which */
	CREP_BAD_FORMAT, /* not a report: head, tail, JSON, a field; why names it */
	CREP_BAD_DIGEST, /* the digest does not match R: the report was changed */
	CREP_NEED_KEY,   /* a hmac-sm3 report and no key given */
	CREP_UNKEYED,    /* a key given and the report only carries a sha256 */
};

enum crep_status {
	CREP_PASS = 0,   /* "pass" */
	CREP_FAIL = 1,   /* "fail" */
	CREP_NA = 2,     /* "not_applicable" */
	CREP_UNKNOWN = 3 /* "could_not_check" */
};

/*
 * All strings are NUL-terminated UTF-8 owned by the struct crep, never NULL
 * but for items ("" where the report has null); crep_release frees them.
 */
struct crep_check {
	const char *id; /* "net.default_route": [a-z0-9_.], 1..47 bytes */
	enum crep_status status;
	const char *title;    /* as written: "默认路由 default route" */
	const char *title_zh; /* "默认路由" */
	const char *title_en; /* "default route" ("" when the title has no English part) */
	const char *detail;   /* why this status, Chinese then English */
	const char *evidence; /* what was read, where */
	const char *items;    /* its records (devices, histories): JSON array, or NULL */
};

struct crep_hit {
	const char *path;     /* the file (a container's hits under its own path) */
	const char *keyword;  /* the keyword as listed (UTF-8) */
	const char *encoding; /* utf-8, gbk, utf-16le, big5, euc-kr, shift-jis, euc-jp (printable
	                         ASCII, ≤ 15 bytes) */
	const char *format;   /* text, docx, pdf … (printable ASCII, ≤ 31 bytes) */
	const char *part;     /* body, metadata, macro ("body" when the report has none) */
	const char *context;  /* text around the first match */
	int64_t count;        /* ≥ 1 */
	bool ocr;             /* read by OCR from a picture (baomi-check --ocr) */
	int64_t page; /* its page (≥ 1): the one OCR read it on, or an OFD page; 0: none */
};

struct crep_file_error {
	const char *path, *format, *reason;
};

/* A password-protected file: its content could not be checked. */
struct crep_encrypted {
	const char *path;
	const char *format; /* doc, xls, docx, pdf, zip, 7z … (printable ASCII, ≤ 31 bytes) */
};

struct crep_arena;

struct crep {
	char digest_alg[16];                /* sha256 | hmac-sm3 */
	char digest[CREP_DIGEST_HEX + 1];   /* lowercase hex */
	char tool_version[32];              /* of baomi-check */
	char hostname[256], machine_id[64]; /* machine id "" when the host has none */
	char os[256], kernel[128], arch[64];
	const char **disks; /* disk ids from /dev/disk/by-id (model_serial) */
	size_t ndisks;
	char role[16]; /* classified | unclassified, as declared with --role */
	bool classified;
	char time[40];                           /* as written: "2026-11-21T10:33:15+0800" */
	int64_t time_ms;                         /* the same instant, ms since the epoch */
	char operator_name[256], sudo_user[256]; /* sudo_user "" when not run by sudo */
	int64_t operator_uid;
	struct crep_check *checks;
	size_t nchecks;
	size_t nfailed; /* checks with CREP_FAIL */
	struct crep_hit *hits;
	size_t nhits;
	struct crep_file_error *errors; /* files the scanner could not read */
	size_t nerrors;
	struct crep_encrypted *encrypted; /* none when the report has no list (before 2026-12) */
	size_t nencrypted;
	int64_t files_scanned, bytes_scanned, files_with_hits, hits_total;
	struct crep_arena *arena; /* private */
};

/*
 * Checks the digest (SHA-256; HMAC-SM3 with key), then parses R into out.
 * key may be NULL (keylen 0).  On failure out is empty and why (if given)
 * says, in Chinese then English, what is wrong, naming the field
 * ("report.system.checks[3].status") or byte offset.  Release out with
 * crep_release in either case.
 */
enum crep_err crep_parse(const char *bytes, size_t len, const unsigned char *key, size_t keylen,
                         struct crep *out, char *why, size_t whylen);
void crep_release(struct crep *r);
/* The length of key without trailing CR and LF, as baomi-check reads --hmac-key files. */
size_t crep_key_trim(const unsigned char *key, size_t keylen);
const char *crep_err_zh(enum crep_err e);
const char *crep_err_en(enum crep_err e);
const char *crep_status_code(enum crep_status s); /* pass, fail, not_applicable, could_not_check */
const char *crep_status_zh(enum crep_status s);   /* 通过, 不通过, 不适用, 无法检查 */

#endif
