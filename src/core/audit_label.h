/*
 * audit_label — the Chinese and English names of the audit log's codes: the
 * events the server writes (carrier.read → 查阅载体) and the types of the
 * objects they are about (carrier → 载体), so that no reader of the log has
 * to decode a code.  Every event code written anywhere in src/ has an entry
 * (the unit test walks the carrier and incident action tables, and
 * tests/integration/t0113-audit-labels.sh scans the sources for literals).
 */
#ifndef BAOMI_AUDIT_LABEL_H
#define BAOMI_AUDIT_LABEL_H

#include <stddef.h>

struct audit_label {
	const char *code, *zh, *en;
};

/* The event table, in a stable order, and its size. */
const struct audit_label *audit_event_at(size_t i);
size_t audit_event_count(void);
/* The label of an event code, or NULL when it has none. */
const struct audit_label *audit_event_label(const char *code);

/* The same for object types (carrier, incident, account, ...). */
const struct audit_label *audit_object_at(size_t i);
size_t audit_object_count(void);
const struct audit_label *audit_object_label(const char *code);

#endif
