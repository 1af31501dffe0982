/*
 * api_contact.h — the contact list (通讯录) and the register of rewards
 * and penalties (奖惩), and what other handlers ask of them.
 */
#ifndef BAOMI_API_CONTACT_H
#define BAOMI_API_CONTACT_H

#include "api.h"

/*
 * Sets "contact" on each duty (incident deadline) object: whom to call
 * with the number when the caller may read the contact list, else null.
 */
void api_contact_duties(struct api_ctx *c, json_t *duties);
/*
 * Whom the incident's duties go to, one line each recipient: "同级保密行政
 *管理部门：市国家保密局（王科长）135 7100 1100", for the report forms; ""
 * when the caller may not read the contact list or no duty has a contact.
 */
void api_contact_callees(struct api_ctx *c, int64_t incident_id, char *out, size_t n);

void api_contacts_list(struct api_ctx *c);
void api_contacts_create(struct api_ctx *c);
void api_contacts_get(struct api_ctx *c);
void api_contacts_update(struct api_ctx *c);
void api_contacts_delete(struct api_ctx *c);
void api_contacts_import_plan(struct api_ctx *c);
void api_contacts_roster(struct api_ctx *c);

/*
 * The rewards and penalties caused by an incident or a campaign (one of
 * the ids 0) that the caller may read, for the reports that list them.
 */
enum store_err api_rewards_of(struct api_ctx *c, int64_t incident_id, int64_t campaign_id,
                              json_t **items);
void api_rewards_list(struct api_ctx *c);
void api_rewards_create(struct api_ctx *c);
void api_rewards_get(struct api_ctx *c);

#endif
