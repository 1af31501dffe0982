/* The web UI files embedded at build time (see embed.c). */
#ifndef BAOMI_UI_ASSETS_H
#define BAOMI_UI_ASSETS_H

#include <stddef.h>

struct ui_asset {
	const char *path; /* relative to src/ui/web, e.g. "app.js" */
	const char *mime;
	const unsigned char *data;
	size_t len;
};

/* Terminated by an entry with path == NULL. */
extern const struct ui_asset ui_assets[];

#endif
