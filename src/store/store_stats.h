/*
 * store_stats — the year's statistics (年度统计) of a unit, read from the
 * ledger, the people, the self-inspections and the incidents.
 *
 * The figures are one table (figures[] in store_stats.c): each row names
 * its section, its Chinese and English label, the query that lists the
 * records it counts, what a record opens (carrier, incident, person,
 * campaign) and how a record is sorted into the figure's parts.  A figure's
 * count and its drill-down are the same query, so a count is always the
 * length of its list.
 *
 * Need-to-know: carrier and incident figures count only the records the
 * reader may see (the ledger's and the incidents' own visibility rules in
 * SQL); publication reviews only those the reader may open
 * (pubrev_may_see: their own, or one that reached a step they hold);
 * people, self-inspection, training, drill, key place and inventory
 * figures are read by the officer and the leader only (the API allows no
 * one else), who see all of the unit's.  So no count ever includes a record
 * its reader could not open.
 */
#ifndef BAOMI_STORE_STATS_H
#define BAOMI_STORE_STATS_H

#include <jansson.h>

#include "../core/carrier.h"
#include "../core/incident.h"
#include "../core/pubrev.h"
#include "../core/stats.h"
#include "store.h"

struct stats_viewer {
	struct carrier_viewer carrier;
	struct inc_viewer inc;
	struct pubrev_who pub;
};

/*
 * Every figure of the unit's year, in table order: a JSON array of
 * {key, section, section_zh, section_en, zh, en, target, total,
 *  parts: [{code, zh, en, n}]}; the reporting figure adds on_time_permille
 * (per mille of the decided duties, null when none), the training figures
 * hours (of the sessions; of the attendances, person-hours).
 */
enum store_err stats_figures(struct db *db, const struct stats_viewer *v, int64_t unit_id,
                             const struct stats_year *y, int64_t now_ms, json_t **out);
/*
 * The records one figure counts (only those of part `part` when it is not
 * NULL or ""): {target, id, label, detail, part, part_zh}, at most limit of
 * them, *total all.  STORE_NOTFOUND for an unknown figure or part.
 */
enum store_err stats_records(struct db *db, const struct stats_viewer *v, int64_t unit_id,
                             const struct stats_year *y, int64_t now_ms, const char *key,
                             const char *part, int limit, json_t **items, int64_t *total);
/* True when key names a figure. */
bool stats_figure_known(const char *key);

/* ---- figures received from subordinate units (signed packages) ---- */
struct stats_recv {
	int64_t id;
	char signer[65];
	char unit_code[33];
	char unit_name[129];
	int year;
	char signed_at[40];
	int64_t received_by;
	int64_t received_at;
	char digest[65];
};
/* Stores a received package (figures: the signed figures as JSON text); STORE_CONFLICT when
   the same package was received before.  Sets r->id. */
enum store_err stats_recv_insert(struct db *db, struct stats_recv *r, const char *figures,
                                 const char *package);
/*
 * The newest package of each subordinate unit for the year, by unit code:
 * [{id, unit_code, unit_name, signed_at, received_at, figures}].
 */
enum store_err stats_recv_latest(struct db *db, int year, json_t **out);

#endif
