/*
 * store_pubrev.h — storage of 信息发布保密审查: the unit's keyword list,
 * submissions (each upload a version with its bytes, SHA-256 and hits),
 * decisions and the publication register.  Every change runs inside the
 * caller's write transaction; the rules are pubrev.h's.
 */
#ifndef BAOMI_STORE_PUBREV_H
#define BAOMI_STORE_PUBREV_H

#include "../core/carrier.h"
#include "../core/pubrev.h"
#include "store.h"

#define PUBREV_TITLE_MAX 200
/* Ledger carriers whose titles and numbers one scan looks for (newest first). */
#define PUBREV_CARRIERS_MAX 4000
#define PUBREV_KEYWORDS_MAX 2000

enum pubrev_hit_kind { PUBREV_HIT_KEYWORD = 0, PUBREV_HIT_CARRIER = 1, PUBREV_HIT_UNREADABLE = 2 };

/* ---- keywords ---- */
enum store_err pubkw_list(struct db *db, json_t **items, int64_t *total);
enum store_err pubkw_insert(struct db *db, const char *word, int level, const char *note,
                            int64_t by, int64_t *id);
/* Only the non-NULL fields change; level < 0 stays. STORE_NOTFOUND, STORE_CONFLICT. */
enum store_err pubkw_update(struct db *db, int64_t id, const char *word, int level,
                            const char *note);
enum store_err pubkw_delete(struct db *db, int64_t id, char *word, size_t wn);

/* ---- what a draft is matched against ---- */
struct pubrev_word {
	enum pubrev_hit_kind kind;
	int64_t id;     /* keyword or carrier */
	char word[260]; /* the keyword, the carrier's title or its number */
	int level;
};
/*
 * The keywords, and the titles and numbers of the classified carriers (秘密
 * and above, not declassified) the viewer may see; *out is malloc'd.
 */
enum store_err pubrev_words(struct db *db, const struct carrier_viewer *v, struct pubrev_word **out,
                            size_t *n);

/* ---- submissions ---- */
struct pubrev_row {
	int64_t id;
	char title[PUBREV_TITLE_MAX + 1];
	char channel[16];
	struct pubrev_sub sub;
	int version;
	char frozen[PUBREV_SHA_HEX + 1];
	char sha256[PUBREV_SHA_HEX + 1]; /* the current version's */
	int64_t created_at, updated_at;
};

enum store_err pubrev_insert(struct db *db, const char *title, const char *channel,
                             const struct pubrev_chain *chain, int64_t by, int64_t dept,
                             int64_t *id);
/* Loads a submission with its current version's hash and its uncleared hits. */
enum store_err pubrev_get(struct db *db, int64_t id, struct pubrev_row *r);
/* The ids of the submissions (only those under review), newest first (need-to-know filters). */
enum store_err pubrev_ids(struct db *db, bool reviewing_only, int64_t **ids, size_t *n);
/*
 * Starts version r->version + 1 (the first when r is NULL-versioned, 0):
 * back to step 0 under review, the frozen hash cleared.
 */
enum store_err pubrev_add_version(struct db *db, int64_t review_id, int version, const char *name,
                                  const char *format, const void *data, size_t len, const char *sha,
                                  const char *scan_error, int64_t by);
enum store_err pubrev_add_hit(struct db *db, int64_t review_id, int version,
                              enum pubrev_hit_kind kind, const char *word, int level,
                              int64_t ref_id, const char *part, int64_t count, const char *context);
/*
 * Compare-and-set of a decision: moves the submission from (step, version,
 * under review) to next; STORE_CONFLICT when another decision came first.
 */
enum store_err pubrev_decide(struct db *db, const struct pubrev_row *r, int step,
                             const struct pubrev_sub *next, const char *role, const char *decision,
                             const char *reason, int64_t by);
/* A hit: its submission, version and whether it is cleared. */
enum store_err pubrev_hit_get(struct db *db, int64_t hit_id, int64_t *review_id, int *version,
                              bool *cleared);
/* Compare-and-set: STORE_CONFLICT when it was cleared meanwhile. */
enum store_err pubrev_hit_clear(struct db *db, int64_t hit_id, const char *reason, int64_t by);
enum store_err pubrev_publish(struct db *db, int64_t review_id, const char *sha,
                              const char *channel, const char *place, int32_t day, const char *note,
                              int64_t by, int64_t *id);
/* The current version's file. */
enum store_err pubrev_file(struct db *db, int64_t review_id, char *name, size_t nn, void **data,
                           size_t *len);

/* ---- JSON ---- */
json_t *pubrev_summary_json(struct db *db, const struct pubrev_row *r);
/*
 * The detail: versions, the current version's hits (a carrier's title and
 * number only when may_see_carrier says so, else masked), decisions and
 * publications.
 */
json_t *pubrev_detail_json(struct db *db, const struct pubrev_row *r,
                           bool (*may_see_carrier)(void *ctx, int64_t carrier_id), void *ctx);
/* The register, of the submissions visible(ctx, review id) says. */
enum store_err pubrev_register(struct db *db, bool (*visible)(void *ctx, int64_t review_id),
                               void *ctx, json_t **items, int64_t *total);

#endif
