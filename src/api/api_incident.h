/*
 * api_incident.h — what the incident, plan, warning and upward-reporting
 * handlers share (not part of the api's public surface).
 */
#ifndef BAOMI_API_INCIDENT_H
#define BAOMI_API_INCIDENT_H

#include "../io/package.h"
#include "../store/store_incident.h"
#include "api.h"

/* The caller as incident need-to-know sees them. */
void api_inc_viewer(struct api_ctx *c, struct inc_viewer *v);
/*
 * Loads an incident the caller may see; anything else answers 404 through
 * api_hidden (recorded as access.denied) and returns false.  A handler that
 * changes the incident calls it inside its write transaction.
 */
bool api_inc_load(struct api_ctx *c, int64_t id, const struct inc_viewer *v, struct inc_rec *r);
/*
 * Checks a JSON object of free-text fields: only the names in texts
 * (strings up to 8000 bytes, newlines allowed) and bools.  Returns -1
 * after answering 400 naming "name.field".
 */
int api_text_object(struct api_ctx *c, const char *name, json_t *obj, const char *const *texts,
                    const char *const *bools);

/*
 * pkg_verify's trust callback over the trusted keys of subordinate units
 * (arg: a struct api_trust_arg; unit_name is set to the trusted unit's name).
 */
struct api_trust_arg {
	struct db *db;
	char unit_name[129];
};
enum pkg_err api_trust_lookup(void *arg, const char *fpr, const char *unit_code, struct buf *pem);

/*
 * The reporting duties of a new incident: the statutory ones and, when
 * plan_body is not NULL, those of the plan in force; their due times set.
 * Inside the caller's write transaction.
 */
enum store_err api_inc_duties(struct api_ctx *c, const struct inc_rec *r, json_t *plan_body);

#endif
