#include "pg.h"

#ifdef BAOMI_CHECK_HAVE_POPPLER
#include <pthread.h>

#include "wproc.h"

struct pg_fns pg;
static int loaded;
static char why[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	const struct wproc_sym syms[] = {
	    WPROC_SYM(pg, g_free),
	    WPROC_SYM(pg, g_error_free),
	    WPROC_SYM(pg, g_object_unref),
	    WPROC_SYM(pg, g_bytes_new_static),
	    WPROC_SYM(pg, g_bytes_unref),
	    WPROC_SYM(pg, g_log_set_handler),
	    WPROC_SYM(pg, poppler_error_quark),
	    WPROC_SYM(pg, poppler_document_new_from_bytes),
	    WPROC_SYM(pg, poppler_document_get_n_pages),
	    WPROC_SYM(pg, poppler_document_get_page),
	    WPROC_SYM(pg, poppler_page_get_size),
	    WPROC_SYM(pg, poppler_page_get_text),
	    WPROC_SYM(pg, poppler_page_get_text_for_area),
	    WPROC_SYM(pg, poppler_page_get_text_layout_for_area),
	    WPROC_SYM(pg, poppler_page_get_image_mapping),
	    WPROC_SYM(pg, poppler_page_free_image_mapping),
	    WPROC_SYM(pg, poppler_page_get_annot_mapping),
	    WPROC_SYM(pg, poppler_page_free_annot_mapping),
	    WPROC_SYM(pg, poppler_annot_get_contents),
	    WPROC_SYM(pg, poppler_annot_get_annot_type),
	    WPROC_SYM(pg, poppler_page_get_form_field_mapping),
	    WPROC_SYM(pg, poppler_page_free_form_field_mapping),
	    WPROC_SYM(pg, poppler_form_field_get_field_type),
	    WPROC_SYM(pg, poppler_form_field_text_get_text),
	    WPROC_SYM(pg, poppler_form_field_choice_get_text),
	    WPROC_SYM(pg, poppler_form_field_choice_get_n_items),
	    WPROC_SYM(pg, poppler_form_field_choice_is_item_selected),
	    WPROC_SYM(pg, poppler_form_field_choice_get_item),
	    WPROC_SYM(pg, poppler_page_render),
	    WPROC_SYM(pg, cairo_image_surface_create),
	    WPROC_SYM(pg, cairo_surface_status),
	    WPROC_SYM(pg, cairo_surface_flush),
	    WPROC_SYM(pg, cairo_surface_destroy),
	    WPROC_SYM(pg, cairo_image_surface_get_data),
	    WPROC_SYM(pg, cairo_image_surface_get_stride),
	    WPROC_SYM(pg, cairo_create),
	    WPROC_SYM(pg, cairo_scale),
	    WPROC_SYM(pg, cairo_set_source_rgb),
	    WPROC_SYM(pg, cairo_paint),
	    WPROC_SYM(pg, cairo_destroy),
	};
	void *h =
	    wproc_dlopen(BAOMI_CHECK_POPPLER_SONAME, BAOMI_CHECK_POPPLER_PATH, why, sizeof(why));

	/* glib, gobject and cairo come with poppler-glib, and dlsym looks in them too. */
	loaded = h && wproc_dlsyms(h, BAOMI_CHECK_POPPLER_SONAME, syms,
	                           sizeof(syms) / sizeof(syms[0]), why, sizeof(why)) == 0;
}

int pg_load(void)
{
	pthread_once(&once, load);
	return loaded;
}

const char *pg_why(void)
{
	return why;
}
#endif
