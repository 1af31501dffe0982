/*
 * store_inspect.h — storage of self-inspection: checklists and their items,
 * campaigns (phases, departments, inspectors), results per item and
 * department, evidence files with their digest, imported baomi-check
 * reports, findings, rectification tasks and superior spot checks.
 */
#ifndef BAOMI_STORE_INSPECT_H
#define BAOMI_STORE_INSPECT_H

#include "../core/inspect.h"
#include "store.h"

#define CAMPAIGN_MAX_DEPTS 128
#define CAMPAIGN_MAX_INSPECTORS 64

/* ---- checklists ---- */
/* Creates a checklist from a template document {"name", "items": [...]} (validated here). */
enum store_err checklist_create(struct db *db, int64_t unit_id, const char *template_code,
                                json_t *doc, int64_t by, int64_t *id, char *why, size_t n);
enum store_err checklist_list(struct db *db, json_t **items);
/* The checklist with its items. */
enum store_err checklist_get(struct db *db, int64_t id, json_t **out);

struct item_rec {
	int64_t id, checklist_id;
	char code[65];
	char category[129];
	char title[257];
	int weight;
	char check_ids[513]; /* comma-separated baomi-check ids */
	bool keyword_hits;
};
enum store_err item_get(struct db *db, int64_t id, struct item_rec *it);
/* The item of the checklist fed by that baomi-check id (or by keyword hits: id NULL). */
enum store_err item_for_check(struct db *db, int64_t checklist_id, const char *check_id,
                              struct item_rec *it);

/* ---- campaigns ---- */
struct campaign_rec {
	int64_t id, unit_id;
	char name[257];
	int64_t checklist_id;
	struct insp_phase_dates phases;
	bool closed;
	int64_t created_by, created_at, updated_at;
	int64_t depts[CAMPAIGN_MAX_DEPTS];
	int ndepts;
	int64_t inspectors[CAMPAIGN_MAX_INSPECTORS];
	int ninspectors;
};
enum store_err campaign_insert(struct db *db, struct campaign_rec *c);
enum store_err campaign_get(struct db *db, int64_t id, struct campaign_rec *c);
/* Saves the row and replaces its departments and inspectors. */
enum store_err campaign_save(struct db *db, const struct campaign_rec *c);
json_t *campaign_json(const struct campaign_rec *c);
/* {"ID": "display name"} of the campaign's inspectors, for the page to name them. */
enum store_err campaign_inspector_names(struct db *db, const struct campaign_rec *c, json_t **out);
/* Who reads campaigns: the account, its roles and its department (0: none). */
struct campaign_viewer {
	int64_t account_id;
	uint32_t roles;
	int64_t department_id;
};
/*
 * The one rule for reading a campaign, for its detail, its sub-resources and
 * the list: the officer, the leader and the campaign's inspectors read all of
 * it (*dept = 0); the head of a department in its scope reads that
 * department's part (*dept = the department).  dept may be NULL.
 */
bool campaign_may_read(const struct campaign_rec *c, const struct campaign_viewer *v,
                       int64_t *dept);
/* The campaigns the viewer may read, newest first (at most 200); *total counts them. */
enum store_err campaign_list(struct db *db, const struct campaign_viewer *v, json_t **items,
                             int64_t *total);
bool campaign_has_inspector(const struct campaign_rec *c, int64_t account_id);
/* Is the account an inspector of a campaign that is not closed? */
enum store_err campaign_inspects_open(struct db *db, int64_t account_id, bool *out);
bool campaign_has_dept(const struct campaign_rec *c, int64_t dept_id);

/* ---- results and scores ---- */
enum store_err result_put(struct db *db, int64_t campaign_id, int64_t item_id, int64_t dept_id,
                          enum insp_result r, const char *note, int phase, int64_t by);
/* dept_id 0: all departments. */
enum store_err result_list(struct db *db, int64_t campaign_id, int64_t dept_id, json_t **items);
/* Scores per department and for the unit (insp_tally over the results). */
/* dept_id: only that department, and no unit total. */
enum store_err campaign_scores(struct db *db, const struct campaign_rec *c, int64_t dept_id,
                               json_t **out);

/* ---- evidence files ---- */
enum store_err evidence_insert(struct db *db, int64_t campaign_id, int64_t item_id, int64_t dept_id,
                               const char *name, const void *data, size_t len,
                               const char *sha256_hex, int64_t by, int64_t *id);
/* dept_id 0: all departments (likewise for the lists below). */
enum store_err evidence_list(struct db *db, int64_t campaign_id, int64_t dept_id, json_t **items);
/* The file's campaign, department, name and bytes (malloc'ed). */
enum store_err evidence_get(struct db *db, int64_t id, int64_t *campaign_id, int64_t *dept_id,
                            char *name, size_t n, void **data, size_t *len);

/* ---- imported baomi-check reports ---- */
struct check_report_rec {
	int64_t id, campaign_id;
	char digest[129];
	char hostname[256], machine_id[64], role[16], operator_name[256];
	int64_t report_time;
	int64_t carrier_id, department_id; /* 0: unknown host */
	int nfailed, nhits;
	int64_t imported_by, imported_at;
};
/* The report of that digest in the campaign, if imported before. */
enum store_err check_report_find(struct db *db, int64_t campaign_id, const char *digest,
                                 int64_t *id);
enum store_err check_report_insert(struct db *db, struct check_report_rec *r, const char *body);
enum store_err check_report_list(struct db *db, int64_t campaign_id, int64_t dept_id,
                                 json_t **items);
/*
 * A registered classified computer whose serial or asset tag is the host's
 * machine id, or whose serial is one of its disks' serials; its
 * custodian's department.  STORE_NOTFOUND for an unknown host.
 */
enum store_err match_computer(struct db *db, const char *machine_id, const char *const *disks,
                              size_t ndisks, int64_t *carrier_id, int64_t *dept_id);

/* ---- findings ---- */
struct finding_rec {
	int64_t id, campaign_id, item_id, department_id;
	enum insp_severity severity;
	char source[16]; /* inspection | check */
	char source_key[256];
	int64_t report_id;
	char title[257];
	char evidence[4097];
	bool restricted; /* keyword-hit contexts: officer and inspectors only */
	int64_t created_by, created_at;
	int64_t drill_id; /* a drill's finding (campaign_id and item_id 0) */
};
/* Inserts unless the same (campaign, source, key) exists: then *created is false. */
enum store_err finding_insert(struct db *db, struct finding_rec *f, bool *created);
enum store_err finding_get(struct db *db, int64_t id, struct finding_rec *f);
/*
 * Findings of a campaign with their rectification state; dept_id 0 all;
 * restricted evidence replaced by a notice unless full is set.
 */
enum store_err finding_list(struct db *db, int64_t campaign_id, int64_t dept_id, bool full,
                            int32_t today, json_t **items);

/* ---- rectification ---- */
struct rtask_rec {
	int64_t id, finding_id, department_id, responsible_id;
	char plan[1025];
	int32_t deadline;
	enum rect_state state;
	char measures[2049], reason[1025];
	int64_t done_by, done_at, verified_by, verified_at, escalated_at;
	int64_t created_by, created_at;
};
enum store_err rtask_insert(struct db *db, struct rtask_rec *t);
enum store_err rtask_get(struct db *db, int64_t id, struct rtask_rec *t);
enum store_err rtask_save(struct db *db, const struct rtask_rec *t);
/*
 * Tasks, newest deadline last; responsible 0 any; overdue_only as of today.
 * Those of a drill's findings carry drill_id and the drill's title instead
 * of a campaign.
 */
enum store_err rtask_list(struct db *db, int64_t campaign_id, int64_t responsible,
                          bool overdue_only, int32_t today, json_t **items);
/*
 * Overdue tasks not yet escalated: each is marked and the heads of its
 * department (accounts with the dept_head role whose person is in it)
 * are told in their inbox.  *n counts the tasks.
 */
enum store_err rtask_sweep(struct db *db, int32_t today, int *n);

/* ---- spot checks ---- */
enum store_err spot_insert(struct db *db, int64_t campaign_id, int64_t task_id,
                           const char *superior_unit, const char *inspector, bool passed,
                           const char *note, int64_t by, int64_t *id);
/* dept_id: only spot checks of that department's rectification tasks. */
enum store_err spot_list(struct db *db, int64_t campaign_id, int64_t dept_id, json_t **items);

/* ---- the media list for baomi-check --media ---- */
/* "SERIAL LEVEL\n" per registered removable medium with a serial, not destroyed. */
enum store_err media_list_text(struct db *db, char **text, size_t *len);

#endif
