/*
 * store_places.h — storage of 保密要害部门部位: the register with its A/B
 * responsible people, visit requests and the visit log, the places a
 * campaign or an incident names, and the standing self-inspection campaign
 * that unapproved entries are recorded in as findings.
 */
#ifndef BAOMI_STORE_PLACES_H
#define BAOMI_STORE_PLACES_H

#include "../core/place.h"
#include "store.h"

#define PLACE_LINKS_MAX 32

struct place_rec {
	int64_t id, unit_id;
	char name[129];
	enum place_kind kind;
	enum level level;
	char location[257];
	int64_t department_id; /* 0: none */
	char measures[2049];   /* JSON array: measure codes and free text */
	char chain[PLACE_CHAIN_TEXT];
	int32_t review_due, reviewed_on; /* days, 0: none */
	char notes[2049];
	int64_t person_a, person_b; /* responsible people (A角, B角); 0: none */
	int64_t created_by, created_at, updated_at;
};

/* Who reads places: an account's business roles and its person (0: none). */
struct place_viewer {
	uint32_t roles;
	int64_t person_id;
};
/* The officer, leaders and the duty desk see every place; a responsible person theirs. */
bool place_may_see(const struct place_rec *p, const struct place_viewer *v);

enum store_err place_insert(struct db *db, struct place_rec *p);
enum store_err place_get(struct db *db, int64_t id, struct place_rec *p);
/* Writes the register's columns and the responsible people (read and changed in the tx). */
enum store_err place_save(struct db *db, const struct place_rec *p);
/* The place as the register shows it, with its people ({role, person_id, name, phone, ...}). */
enum store_err place_json(struct db *db, const struct place_rec *p, int32_t today, json_t **out);
/* The places the viewer may see, by name. */
enum store_err place_list(struct db *db, const struct place_viewer *v, int32_t today,
                          json_t **items, int64_t *total);
/*
 * The carriers kept at the place (their location begins with the place's),
 * not destroyed, returned or declassified, that the carrier viewer may see.
 */
enum store_err place_carriers(struct db *db, const struct place_rec *p,
                              const struct carrier_viewer *v, json_t **items);
/* The campaigns naming the place ({id, name, closed}). */
enum store_err place_campaigns(struct db *db, int64_t place_id, json_t **items);
/* Overdue reviews ({id, name, review_due}), for the officer's to-do list. */
enum store_err place_reviews_overdue(struct db *db, int32_t today, json_t **items);

/* ---- visits ---- */
struct visit_rec {
	int64_t id, place_id;
	enum visit_kind kind;
	char visitor[129], organisation[257], id_no[33], purpose[1025];
	int64_t expected_at; /* ms, 0: not said */
	int64_t escort_id;   /* person, 0: none */
	char chain[PLACE_CHAIN_TEXT];
	int step;
	enum visit_state state;
	char decisions[4096]; /* JSON array */
	bool unapproved;
	int64_t requested_by, requested_at, entered_at, left_at, recorded_by, finding_id;
	char note[1025];
};
enum store_err visit_insert(struct db *db, struct visit_rec *v);
enum store_err visit_get(struct db *db, int64_t id, struct visit_rec *v);
/* Writes a decision if the visit is still pending at `at_step`: STORE_CONFLICT otherwise. */
enum store_err visit_save_decision(struct db *db, const struct visit_rec *v, int at_step);
/* Writes the log of an action if the visit is still in state `from`: STORE_CONFLICT otherwise. */
enum store_err visit_save_log(struct db *db, const struct visit_rec *v, enum visit_state from);
/* The visit as the API shows it (the ID number masked), with names. */
enum store_err visit_json(struct db *db, const struct visit_rec *v, json_t **out);
/* The visits of a place, newest first (at most 200). */
enum store_err visit_list(struct db *db, int64_t place_id, json_t **items);
/* Pending visits of the places the viewer may see, oldest first (at most 200), with the place. */
enum store_err visit_pending(struct db *db, const struct place_viewer *v, json_t **items);

/*
 * Records an unapproved entry as a finding of the standing campaign
 * 要害部门部位日常检查 (made, with its checklist, the first time, and again
 * once closed), which then names the place.  Sets v->finding_id and saves it.
 */
enum store_err place_entry_finding(struct db *db, const struct place_rec *p, struct visit_rec *v,
                                   int64_t by, int64_t *campaign_id);

/* ---- links ---- */
/* Replaces the places a campaign or an incident names. */
enum store_err campaign_places_set(struct db *db, int64_t campaign_id, const int64_t *ids,
                                   size_t n);
enum store_err incident_places_set(struct db *db, int64_t incident_id, const int64_t *ids,
                                   size_t n);
/* The places an incident names, with their responsible people and phones. */
enum store_err incident_places_list(struct db *db, int64_t incident_id, json_t **items);

#endif
