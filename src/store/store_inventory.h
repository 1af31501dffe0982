/*
 * store_inventory — inventories (清查盘点) in SQLite: campaigns, the carriers
 * each expected when it opened, the scans, the frozen result of a closed
 * one, the missing carriers' incidents, the emergency packing list, and the
 * label prints.  The rules are core/inventory's; this only reads and writes.
 */
#ifndef BAOMI_STORE_INVENTORY_H
#define BAOMI_STORE_INVENTORY_H

#include "../core/inventory.h"
#include "store.h"

/* Scans of one campaign, and expected carriers, at most. */
#define INV_SCANS_MAX 20000
#define INV_EXPECTED_MAX 20000

struct inv_rec {
	int64_t id;
	int64_t unit_id;
	char name[129];
	enum inv_kind kind;
	int64_t department_id; /* 0 any */
	char location[129];    /* "" any */
	uint32_t types;        /* 0 any */
	bool closed;
	int64_t opened_by, opened_at, closed_by, closed_at;
};

/* Inserts r (r->id set) and the carriers the ledger expects in its scope now; *n how many. */
enum store_err inv_insert(struct db *db, struct inv_rec *r, int64_t *n);
enum store_err inv_get(struct db *db, int64_t id, struct inv_rec *r);
/*
 * Campaigns newest first, each {id, name, kind, kind_zh, department, location, types, state,
 * opened_at, opened_by, closed_at, expected, scans}.
 */
enum store_err inv_list(struct db *db, int limit, int offset, json_t **items, int64_t *total);

/* The ledger's carrier of a number (case ignored): *id 0 when none. */
enum store_err inv_carrier_by_number(struct db *db, const char *number, int64_t *id);
/* Whether the campaign expected the carrier when it opened. */
enum store_err inv_is_expected(struct db *db, int64_t id, int64_t carrier_id, bool *yes);
/* Records one scan; *id the scan's. */
enum store_err inv_scan_insert(struct db *db, int64_t inventory_id, const char *number,
                               int64_t carrier_id, const char *place, int64_t account_id,
                               int64_t at, int64_t *id);

/*
 * What the reconciliation needs, read in one go (call inside the write
 * transaction when closing): the expected carriers with their registered
 * place and state now, and every scan with the facts on its carrier.  The
 * strings point into f->hold.
 */
struct inv_facts {
	struct inv_carrier *expected;
	size_t ne;
	struct inv_scan *scans;
	int64_t *scan_by, *scan_at; /* account and time of each scan */
	size_t ns;
	json_t *hold;
};
enum store_err inv_facts_load(struct db *db, const struct inv_rec *r, struct inv_facts *f);
void inv_facts_release(struct inv_facts *f);

/*
 * Closes the campaign if it is still open (compare-and-set: STORE_CONFLICT
 * when it was closed meanwhile) and freezes the lines.
 */
enum store_err inv_close(struct db *db, int64_t id, int64_t account_id, int64_t at,
                         const struct inv_facts *f, const struct inv_line *lines, size_t n);
/* A closed campaign's frozen lines: {carrier_id, number, status, location, place, scans}. */
enum store_err inv_results(struct db *db, int64_t id, json_t **items);

/* The incident opened for a missing carrier of a campaign: *incident_id 0 when none. */
enum store_err inv_incident_get(struct db *db, int64_t id, int64_t carrier_id,
                                int64_t *incident_id);
enum store_err inv_incident_link(struct db *db, int64_t id, int64_t carrier_id,
                                 int64_t incident_id);

/* Emergency packing: one row per carrier, written again as it changes. */
struct inv_pack {
	int64_t carrier_id;
	int64_t packed_by, taken_by; /* people, 0 none */
	char box[65];
};
enum store_err inv_pack_put(struct db *db, int64_t id, const struct inv_pack *p, int64_t account_id,
                            int64_t at);
/* {carrier_id, packed_by, packed_by_name, box, taken_by, taken_by_name, at, recorded_by}. */
enum store_err inv_pack_list(struct db *db, int64_t id, json_t **items);

/* Label prints: how many times each carrier was printed before, then records this print. */
enum store_err label_print_count(struct db *db, int64_t carrier_id, int64_t *n);
enum store_err label_print_insert(struct db *db, int64_t carrier_id, const char *layout,
                                  int64_t account_id, int64_t at);

#endif
