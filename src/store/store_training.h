/*
 * store_training.h — storage of 保密教育培训: sessions, attendance with
 * test scores, and the yearly targets per staff class (settings key
 * "training.targets").  Years are Beijing calendar years; days are days
 * since the epoch as in bjtime.h.
 */
#ifndef BAOMI_STORE_TRAINING_H
#define BAOMI_STORE_TRAINING_H

#include "../core/training.h"
#include "store.h"

enum store_err training_insert(struct db *db, struct training_session *s);
/* Writes the columns a session's edit may change (kind, date, hours, title, trainer, material). */
enum store_err training_update(struct db *db, const struct training_session *s);
enum store_err training_get(struct db *db, int64_t id, struct training_session *s);
/* {id, kind, kind_zh, held_on, hours, title, trainer, material, attendees, created_at} */
json_t *training_json(const struct training_session *s, int64_t attendees);
/*
 * Sessions held in `year` (0: any), of `kind` (-1: any), newest first.
 * attendees counts those of department `dept` only when dept is not 0.
 */
enum store_err training_list(struct db *db, int year, int kind, int64_t dept, int limit, int offset,
                             json_t **items, int64_t *total);

/*
 * Signs a person in to a session.  With set_score the score is written
 * (TRAINING_NO_SCORE clears it); without, a score recorded before stays.
 * *added: the person was not signed in before.
 */
enum store_err training_attend(struct db *db, int64_t session_id, int64_t person_id, bool set_score,
                               int score, int64_t by, bool *added);
/* Takes a person off a session's list; STORE_NOTFOUND when they were not on it. */
enum store_err training_unattend(struct db *db, int64_t session_id, int64_t person_id);
/*
 * Who attended ({person_id, name, department_id, department, staff_class,
 * score}), by department and name; of department `dept` only when not 0.
 */
enum store_err training_attendees(struct db *db, int64_t session_id, int64_t dept, json_t **items);
/* The ids of the people in post (在岗) of a department, for signing in a whole department. */
enum store_err training_dept_people(struct db *db, int64_t dept, json_t **ids);
/*
 * A person's sessions in `year` (0: all years), newest first ({id, kind,
 * kind_zh, held_on, hours, title, trainer, score}); *tenths sums the hours
 * of those in `year`.
 */
enum store_err training_record(struct db *db, int64_t person_id, int year, json_t **sessions,
                               int64_t *tenths);
/*
 * The people in post (在岗) with their hours in `year`, of department `dept`
 * when not 0: {person_id, name, department_id, department, staff_class,
 * tenths, sessions}, by department and name.
 */
enum store_err training_year_people(struct db *db, int year, int64_t dept, json_t **rows);
/* Has the person attended a 岗前 session held on or before `today`? */
enum store_err training_pre_post_done(struct db *db, int64_t person_id, int32_t today, bool *done);
/* Is a 节前教育 session recorded held between the two days (inclusive)? */
enum store_err training_holiday_held(struct db *db, int32_t from, int32_t to, bool *held);

/* The targets in force: the security administrator's, else training_targets_default(). */
enum store_err training_targets_load(struct db *db, struct training_targets *t);
enum store_err training_targets_save(struct db *db, const struct training_targets *t);

#endif
