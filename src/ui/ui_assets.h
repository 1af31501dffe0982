/* Files embedded at build time (see embed.c): the web UI and the shipped data. */
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
/* The shipped data files under data/ ("calendar/cn.txt", "plans/leak.json" ...). */
extern const struct ui_asset data_assets[];
/* The embedded data file at `path`, or NULL. */
const struct ui_asset *data_asset(const char *path);

#endif
