/*
 * api_duty.h — the duty roster's handlers (api_duty.c) and what other
 * parts of the API ask of it: the incident opened from a duty log entry,
 * the holidays still without a duty table for the to-do list.
 */
#ifndef BAOMI_API_DUTY_H
#define BAOMI_API_DUTY_H

#include "api.h"

void api_duty_shifts_list(struct api_ctx *c);
void api_duty_shifts_create(struct api_ctx *c);
void api_duty_shifts_update(struct api_ctx *c);
void api_duty_generate(struct api_ctx *c);
void api_duty_now(struct api_ctx *c);
void api_duty_handovers_list(struct api_ctx *c);
void api_duty_handovers_create(struct api_ctx *c);
void api_duty_log_list(struct api_ctx *c);
void api_duty_log_create(struct api_ctx *c);
void api_duty_holidays_list(struct api_ctx *c);
void api_duty_settings_get(struct api_ctx *c);
void api_duty_settings_put(struct api_ctx *c);

/*
 * Links duty log entry `log_id` (of the unit) to the incident just opened
 * from it, with a timeline entry, inside the caller's transaction.  -1
 * after answering (400 no such entry or not on duty, 409 already linked).
 */
int api_duty_link_incident(struct api_ctx *c, int64_t log_id, int64_t incident_id, int64_t unit_id);
/* Days before a public holiday the officer is reminded of a missing duty table (setting). */
int api_duty_notice_days(struct api_ctx *c);
/* The holiday periods starting in [from, to]: {name, from, to, covered}. */
enum store_err api_duty_holidays(struct api_ctx *c, int32_t from, int32_t to, json_t **items);

#endif
