/*
 * api_ui.c — serves the embedded web UI: "/" is index.html, "/ui/NAME" a file.
 */
#include "api.h"

#include <string.h>

#include "../ui/ui_assets.h"

void api_ui_asset(struct api_ctx *c)
{
	const char *name = strcmp(c->req->path, "/") == 0 ? "index.html" : c->req->path + 4;

	for (const struct ui_asset *a = ui_assets; a->path; a++) {
		if (strcmp(a->path, name) != 0)
			continue;
		c->resp->status = 200;
		c->resp->content_type = a->mime;
		buf_reset(&c->resp->body);
		buf_append(&c->resp->body, a->data, a->len);
		http_response_header(c->resp, "Cache-Control", "no-cache");
		return;
	}
	api_error(c, 404, "not_found", "没有这个页面", "no such page", NULL);
}
