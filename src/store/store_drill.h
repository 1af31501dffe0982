/*
 * store_drill.h — storage of emergency drills (应急演练): the drill, its
 * participants, its timeline, and the yearly view of each plan in force
 * (drills per half year, the last held, when the next is due).  A drill's
 * findings are rows of findings (drill_id set) with their rectification
 * tasks in rect_tasks (store_inspect.c).
 */
#ifndef BAOMI_STORE_DRILL_H
#define BAOMI_STORE_DRILL_H

#include "../core/drill.h"
#include "store.h"
#include "store_incident.h"

#define DRILL_MAX_PARTICIPANTS 100
#define DRILL_TEXT_MAX 8192 /* bytes of a scenario, summary or 通报 */

struct drill_rec {
	int64_t id, unit_id, plan_id;
	char title[257];
	char *scenario;    /* owned, never NULL after drill_get */
	json_t *playbooks; /* owned array of the plan's playbook names exercised */
	enum drill_kind kind;
	int32_t planned_on; /* day */
	enum drill_state state;
	int64_t incident_id; /* the drill incident, once started */
	int64_t started_at, ended_at;
	char *summary; /* owned */
	int64_t summarised_at;
	char *notice; /* owned: the 通报 */
	int64_t notified_at;
	char reason[1025]; /* why it was cancelled */
	int64_t created_by, created_at, updated_at;
	int64_t participants[DRILL_MAX_PARTICIPANTS]; /* people */
	int nparticipants;
};
void drill_rec_release(struct drill_rec *d);

/* Inserts the drill and its participants (people ids the caller checked). */
enum store_err drill_insert(struct db *db, struct drill_rec *d);
enum store_err drill_get(struct db *db, int64_t id, struct drill_rec *d);
/* Writes what an action changes: state, incident, times, summary, 通报, reason. */
enum store_err drill_save_state(struct db *db, const struct drill_rec *d);
/* A timeline entry (detail: free text, may be ""). */
enum store_err drill_event(struct db *db, int64_t drill_id, int64_t account_id, const char *action,
                           const char *detail);
/* Is this person one of the drill's participants? */
bool drill_has_participant(const struct drill_rec *d, int64_t person_id);
/* Is the account responsible for the rectification of one of the drill's findings? */
bool drill_task_holder(struct db *db, int64_t drill_id, int64_t account_id);
/* The drill of a drill incident, 0 when the incident is not one. */
int64_t drill_of_incident(struct db *db, int64_t incident_id);

/*
 * The end of a drill closes its drill incident (if still open: 演练结束，
 * 演练事件随之结案) and cancels its open tasks, so that nothing of it waits
 * on anyone's to-do list.
 */
enum store_err drill_close_incident(struct db *db, int64_t incident_id, int64_t by, int64_t now);
/* A draft version of the plan's name in its unit being written, 0 if none. */
enum store_err drill_plan_draft(struct db *db, const struct plan_rec *p, int64_t *draft);

/*
 * The drill with its plan's name, participants by name, findings with their
 * rectification tasks, the drill incident's title and state, and its
 * timeline.
 */
enum store_err drill_detail_json(struct db *db, const struct drill_rec *d, int32_t today,
                                 json_t **out);
/* The people on post (在岗), by name with their department, for picking participants. */
enum store_err drill_people(struct db *db, json_t **items);
/* The drills planned in a year (all years: 0), by planned day; late marked as of today. */
enum store_err drill_list(struct db *db, int year, int32_t today, json_t **items);
/*
 * Each plan in force with its drills of the year per half, the day of the
 * last drill held of any version of the plan, the day the next is due
 * and whether it is overdue (drill_plan_overdue).
 */
enum store_err drill_plans(struct db *db, int year, int32_t today, json_t **items);

#endif
