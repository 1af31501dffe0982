/*
 * audit — the tamper-evident audit record and its chain (pure: no I/O).
 *
 * Each record's MAC is HMAC-SM3(key, encode(record) || previous MAC), where
 * encode() is an unambiguous length-prefixed byte form that includes the
 * record id.  A changed, deleted, inserted or reordered row breaks the
 * chain at that row; a removed tail is caught by the keyed head (last id
 * and MAC) that the store keeps beside the records.
 */
#ifndef BAOMI_AUDIT_H
#define BAOMI_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "sm3.h"

#define AUDIT_MAC_LEN SM3_DIGEST_LEN
#define AUDIT_KEY_LEN 32
#define AUDIT_DETAIL_MAX 4096

enum audit_result {
	AUDIT_SUCCESS = 0,
	AUDIT_DENIED = 1,
	AUDIT_FAILED = 2,
};

struct audit_rec {
	int64_t id;
	int64_t ts_ms;
	int64_t account_id; /* 0 when nobody is logged in */
	const char *username;
	const char *role;
	const char *event; /* e.g. "login.failure", "person.update" */
	const char *object_type;
	const char *object_id;
	enum audit_result result;
	const char *source; /* client address, or "cli" */
	const char *detail; /* JSON text, at most AUDIT_DETAIL_MAX bytes */
};

const char *audit_result_code(enum audit_result r);
int audit_result_parse(const char *s, enum audit_result *out);

void audit_mac(const struct hmac_sm3 *key, const struct audit_rec *r,
               const uint8_t prev[AUDIT_MAC_LEN], uint8_t out[AUDIT_MAC_LEN]);
/* MAC over the head (last id and last MAC), so the tail cannot be cut. */
void audit_head_mac(const struct hmac_sm3 *key, int64_t last_id,
                    const uint8_t last_mac[AUDIT_MAC_LEN], uint8_t out[AUDIT_MAC_LEN]);

/* Walks a run of records in id order and stops at the first bad one. */
struct audit_verifier {
	const struct hmac_sm3 *key;
	int64_t expect_id;
	uint8_t prev[AUDIT_MAC_LEN];
	int64_t checked;
	int64_t bad_id;     /* 0 while intact */
	const char *reason; /* English reason of the first failure */
};

void audit_verifier_init(struct audit_verifier *v, const struct hmac_sm3 *key, int64_t first_id,
                         const uint8_t prev[AUDIT_MAC_LEN]);
/* Returns true while the chain holds; stored_mac may be any length (checked). */
bool audit_verifier_step(struct audit_verifier *v, const struct audit_rec *r,
                         const void *stored_mac, int stored_len);

#endif
