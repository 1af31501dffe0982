#ifndef BAOMI_SCHEMA_H
#define BAOMI_SCHEMA_H

/* Number of migrations; the schema version after all of them. */
int schema_count(void);
/* SQL of migration `version` (1-based), NULL if there is none. */
const char *schema_migration(int version);

#endif
