#ifndef BAOMI_SCHEMA_H
#define BAOMI_SCHEMA_H

/* Number of migrations; the schema version after all of them. */
int schema_count(void);
/* SQL of migration `version` (1-based), NULL if there is none. */
const char *schema_migration(int version);
/* The migration that rebuilds schema_id_tables with AUTOINCREMENT (store.c does it). */
#define SCHEMA_AUTOINCREMENT 8
/*
 * The tables whose ids users see (NULL-terminated): AUTOINCREMENT from
 * migration 8 on, each declared as "id INTEGER PRIMARY KEY" before it.
 */
extern const char *const schema_id_tables[];

#endif
