/*
 * store_contact — the contact list (通讯录) and the register of rewards
 * and penalties (奖惩).  Who may see what is decided by core/contact.h;
 * these functions read and write what they are asked to.
 */
#ifndef BAOMI_STORE_CONTACT_H
#define BAOMI_STORE_CONTACT_H

#include "../core/contact.h"
#include "store.h"

#define CONTACTS_MAX 2000 /* a list is read whole: a unit's contacts are a few hundred */

struct contact_rec {
	int64_t id;
	enum contact_kind kind;
	enum contact_trust trust;
	char name[257];
	char grp[257];
	char title[129];
	char ab[2];
	bool liaison; /* 联络员 */
	char contact_person[129];
	char office_phone[65];
	char mobile[65];
	char address[513];
	char notes[2001];
	int ord;
	int64_t person_id, account_id; /* linked by name, 0 if none */
	int64_t created_at, updated_at;
};

enum store_err contact_insert(struct db *db, struct contact_rec *r);
enum store_err contact_get(struct db *db, int64_t id, struct contact_rec *r);
/* Sets one column (a name of contact_columns) to text or an integer (0 id: NULL). */
enum store_err contact_set_text(struct db *db, int64_t id, const char *column, const char *v);
enum store_err contact_set_int(struct db *db, int64_t id, const char *column, int64_t v);
enum store_err contact_touch(struct db *db, int64_t id, int64_t now_ms);
enum store_err contact_delete(struct db *db, int64_t id);
json_t *contact_json(const struct contact_rec *r);
/* Contacts of a kind (-1: all), whose text holds q (NULL: all), in the list's order. */
enum store_err contact_list(struct db *db, int kind, const char *q, json_t **items);
/*
 * The person of this exact name and their account, for linking an internal
 * contact: 0, 0 when nobody or more than one person has the name.
 */
enum store_err contact_link_by_name(struct db *db, const char *name, int64_t *person_id,
                                    int64_t *account_id);
/* An internal member with this name, group and title already listed? */
bool contact_internal_exists(struct db *db, const char *name, const char *grp, const char *title);
/*
 * Adds to each duty object of `duties` (incident deadlines as duty_list
 * gives them) "contact": whom to call (contact_pick) with the numbers, or
 * null.
 */
enum store_err contact_annotate_duties(struct db *db, json_t *duties);

/* ---- rewards and penalties ---- */

struct reward_rec {
	int64_t id;
	enum reward_kind kind;
	int64_t person_id, department_id; /* exactly one */
	int64_t incident_id, campaign_id; /* at most one */
	char basis[2001];
	char decided_by[257];
	int32_t decided_on;
	int64_t created_by, created_at;
};

enum store_err reward_insert(struct db *db, struct reward_rec *r);
/*
 * The person (person true) or department of this exact name: STORE_NOTFOUND
 * when none, STORE_CONFLICT when more than one has it.
 */
enum store_err reward_subject_by_name(struct db *db, bool person, const char *name, int64_t *id);
struct reward_filter {
	int64_t id;          /* one record, 0: any */
	int64_t incident_id; /* 0: any */
	int64_t campaign_id; /* 0: any */
	bool penalties;      /* include penalties */
};
/*
 * Records as JSON (names of the person or department, the incident's or
 * campaign's title), newest decision first.
 */
enum store_err reward_list(struct db *db, const struct reward_filter *f, json_t **items);

#endif
