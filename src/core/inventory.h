/*
 * inventory — carrier inventories (清查盘点) as pure rules: what a label
 * scanner typed, which carriers a campaign covers, and the reconciliation of
 * the scans against the ledger (found, missing, away, wrong place,
 * unexpected).  No I/O: the store gathers the facts, the API shows them.
 */
#ifndef BAOMI_INVENTORY_H
#define BAOMI_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "carrier.h"

/* A carrier number as scanned: at most this many bytes (the ledger's column holds 63). */
#define INV_NUMBER_MAX 63
/* What a scanner may type for one label, prefixes and suffixes included. */
#define INV_SCAN_MAX 256

enum inv_scan_err {
	INV_SCAN_OK = 0,
	INV_SCAN_EMPTY,    /* nothing but blanks, control characters or a prefix */
	INV_SCAN_TOO_LONG, /* over INV_SCAN_MAX bytes, or a number over INV_NUMBER_MAX */
	INV_SCAN_BAD,      /* a character no carrier number holds */
};

/*
 * The carrier number in what a USB scanner (a keyboard wedge) or a person
 * typed: control characters (the scanner's CR, LF, TAB, a GS) and blanks
 * (also U+3000) are dropped at either end and split words; full-width ASCII
 * (an input method left on) becomes ASCII; an AIM symbology prefix ("]Q1",
 * "]C0") and a label's "编号:" / "NO." style lead-in are dropped (the number is
 * the last word after ':' '：' '='); letters become capitals.  The number
 * holds only A-Z, 0-9, '-', '_' and '.', and at least one letter or digit.
 * out holds INV_NUMBER_MAX + 1 bytes and is "" unless INV_SCAN_OK.
 */
enum inv_scan_err inv_scan_parse(const char *in, size_t n, char *out);
const char *inv_scan_err_zh(enum inv_scan_err e);
const char *inv_scan_err_en(enum inv_scan_err e);

enum inv_kind {
	INV_ANNUAL,    /* 年度清查 */
	INV_EMERGENCY, /* 应急清点: also a packing checklist */
	INV_KIND_COUNT
};
const char *inv_kind_code(enum inv_kind k); /* annual, emergency */
const char *inv_kind_zh(enum inv_kind k);
int inv_kind_parse(const char *s, enum inv_kind *out);

/* What a campaign covers; 0 / "" / 0 mean any. */
struct inv_scope {
	int64_t department_id; /* the carrier's department (carrier_department) */
	const char *location;  /* the registered location starts with this */
	uint32_t types;        /* bit (1 << carrier_type) */
};

/*
 * Whether the ledger expects a carrier in the campaign: in the scope and
 * still held by the unit (not returned, destroyed, declassified, archived,
 * nor already recorded lost).
 */
bool inv_expected(const struct inv_scope *s, int64_t dept, const char *location,
                  enum carrier_type t, enum carrier_state st);
/* Whether a carrier in the scope is out on record (borrowed, circulating, taken out, in repair). */
bool inv_away_state(enum carrier_state st);

enum inv_status {
	INV_FOUND,       /* expected and scanned where registered (or no place given) */
	INV_WRONG_PLACE, /* expected, scanned somewhere else than registered */
	INV_MISSING,     /* expected, in custody on record, not scanned */
	INV_AWAY,        /* expected, out on record (borrowed...), not scanned */
	INV_ELSEWHERE,   /* scanned, registered outside the scope */
	INV_DISPOSED,    /* scanned, returned/destroyed/declassified/archived/lost on record */
	INV_UNKNOWN,     /* scanned, not on the ledger */
	INV_STATUS_COUNT
};
const char *inv_status_code(enum inv_status s);
const char *inv_status_zh(enum inv_status s);
const char *inv_status_en(enum inv_status s);
/* A difference the closing report lists: everything but FOUND and AWAY. */
bool inv_status_is_difference(enum inv_status s);

/* A carrier the campaign expects. */
struct inv_carrier {
	int64_t id;
	const char *location; /* registered */
	enum carrier_state state;
};

/* One scan with the ledger's facts on its number. */
struct inv_scan {
	const char *number;
	int64_t carrier_id; /* 0: not on the ledger */
	bool expected;      /* the carrier is one of the campaign's expected */
	bool disposed;      /* on the ledger, no longer held (inv_expected's states) */
	const char *where;  /* where it was found; "" or NULL: not said */
};

/* One line of the result: an expected carrier, or a distinct unexpected number. */
struct inv_line {
	int64_t carrier_id; /* 0 for INV_UNKNOWN */
	const char *number; /* of the scan (NULL for an unscanned expected carrier) */
	enum inv_status status;
	size_t scan; /* the last scan of it (index into scans); SIZE_MAX: none */
	int nscans;
};

struct inv_tally {
	int64_t n[INV_STATUS_COUNT];
	int64_t expected, scans;
};

/*
 * Reconciles: one line per expected carrier (in their order), then one per
 * distinct unexpected carrier or number (in order of first scan).  The last
 * scan of a carrier decides its place; the registered and found places
 * compare with blanks at the ends ignored.  out holds ne + ns lines;
 * returns how many were written and fills t.
 */
size_t inv_reconcile(const struct inv_carrier *expected, size_t ne, const struct inv_scan *scans,
                     size_t ns, struct inv_line *out, struct inv_tally *t);

#endif
