#include "audit.h"

#include <string.h>

#include <sodium.h>

static const char *const result_codes[] = {"success", "denied", "failed"};

const char *audit_result_code(enum audit_result r)
{
	return (unsigned)r < 3 ? result_codes[r] : "";
}

int audit_result_parse(const char *s, enum audit_result *out)
{
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, result_codes[i]) == 0) {
			*out = (enum audit_result)i;
			return 0;
		}
	return -1;
}

static void put_u64(struct sm3_ctx *c, uint64_t v)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	sm3_update(c, b, 8);
}

static void put_str(struct sm3_ctx *c, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u64(c, n);
	if (n)
		sm3_update(c, s, n);
}

void audit_mac(const struct hmac_sm3 *key, const struct audit_rec *r,
               const uint8_t prev[AUDIT_MAC_LEN], uint8_t out[AUDIT_MAC_LEN])
{
	struct sm3_ctx c = key->inner;
	uint8_t ih[SM3_DIGEST_LEN];

	put_u64(&c, (uint64_t)r->id);
	put_u64(&c, (uint64_t)r->ts_ms);
	put_u64(&c, (uint64_t)r->account_id);
	put_u64(&c, (uint64_t)r->result);
	put_str(&c, r->username);
	put_str(&c, r->role);
	put_str(&c, r->event);
	put_str(&c, r->object_type);
	put_str(&c, r->object_id);
	put_str(&c, r->source);
	put_str(&c, r->detail);
	sm3_update(&c, prev, AUDIT_MAC_LEN);
	sm3_final(&c, ih);
	c = key->outer;
	sm3_update(&c, ih, sizeof(ih));
	sm3_final(&c, out);
}

void audit_head_mac(const struct hmac_sm3 *key, int64_t last_id,
                    const uint8_t last_mac[AUDIT_MAC_LEN], uint8_t out[AUDIT_MAC_LEN])
{
	uint8_t msg[5 + 8];

	memcpy(msg, "head:", 5);
	for (int i = 0; i < 8; i++)
		msg[5 + i] = (uint8_t)((uint64_t)last_id >> (8 * i));
	hmac_sm3_2(key, msg, sizeof(msg), last_mac, AUDIT_MAC_LEN, out);
}

void audit_verifier_init(struct audit_verifier *v, const struct hmac_sm3 *key, int64_t first_id,
                         const uint8_t prev[AUDIT_MAC_LEN])
{
	v->key = key;
	v->expect_id = first_id;
	memcpy(v->prev, prev, AUDIT_MAC_LEN);
	v->checked = 0;
	v->bad_id = 0;
	v->reason = NULL;
}

bool audit_verifier_step(struct audit_verifier *v, const struct audit_rec *r,
                         const void *stored_mac, int stored_len)
{
	uint8_t mac[AUDIT_MAC_LEN];

	if (v->bad_id)
		return false;
	if (r->id != v->expect_id) {
		v->bad_id = r->id < v->expect_id ? r->id : v->expect_id;
		v->reason =
		    r->id > v->expect_id ? "record missing (gap in ids)" : "record out of order";
		return false;
	}
	if (stored_len != AUDIT_MAC_LEN) {
		v->bad_id = r->id;
		v->reason = "MAC missing or malformed";
		return false;
	}
	audit_mac(v->key, r, v->prev, mac);
	if (sodium_memcmp(mac, stored_mac, AUDIT_MAC_LEN) != 0) {
		v->bad_id = r->id;
		v->reason = "MAC mismatch: record altered, or chain broken before it";
		return false;
	}
	memcpy(v->prev, mac, AUDIT_MAC_LEN);
	v->expect_id++;
	v->checked++;
	return true;
}
