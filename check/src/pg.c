#include "pg.h"

#ifdef BAOMI_CHECK_HAVE_POPPLER
#include <pthread.h>

#include "dynlib.h"

struct pg_fns pg;
static int loaded;
static char why[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	const struct dynlib_sym syms[] = {
	    DYNLIB_SYM(pg, g_free),
	    DYNLIB_SYM(pg, g_error_free),
	    DYNLIB_SYM(pg, g_object_unref),
	    DYNLIB_SYM(pg, g_bytes_new_static),
	    DYNLIB_SYM(pg, g_bytes_unref),
	    DYNLIB_SYM(pg, g_log_set_handler),
	    DYNLIB_SYM(pg, poppler_error_quark),
	    DYNLIB_SYM(pg, poppler_document_new_from_bytes),
	    DYNLIB_SYM(pg, poppler_document_get_n_pages),
	    DYNLIB_SYM(pg, poppler_document_get_page),
	    DYNLIB_SYM(pg, poppler_page_get_size),
	    DYNLIB_SYM(pg, poppler_page_get_text),
	    DYNLIB_SYM(pg, poppler_page_get_text_for_area),
	    DYNLIB_SYM(pg, poppler_page_get_text_layout_for_area),
	    DYNLIB_SYM(pg, poppler_page_get_image_mapping),
	    DYNLIB_SYM(pg, poppler_page_free_image_mapping),
	    DYNLIB_SYM(pg, poppler_page_get_annot_mapping),
	    DYNLIB_SYM(pg, poppler_page_free_annot_mapping),
	    DYNLIB_SYM(pg, poppler_annot_get_contents),
	    DYNLIB_SYM(pg, poppler_annot_get_annot_type),
	    DYNLIB_SYM(pg, poppler_page_get_form_field_mapping),
	    DYNLIB_SYM(pg, poppler_page_free_form_field_mapping),
	    DYNLIB_SYM(pg, poppler_form_field_get_field_type),
	    DYNLIB_SYM(pg, poppler_form_field_text_get_text),
	    DYNLIB_SYM(pg, poppler_form_field_choice_get_text),
	    DYNLIB_SYM(pg, poppler_form_field_choice_get_n_items),
	    DYNLIB_SYM(pg, poppler_form_field_choice_is_item_selected),
	    DYNLIB_SYM(pg, poppler_form_field_choice_get_item),
	    DYNLIB_SYM(pg, poppler_page_render),
	    DYNLIB_SYM(pg, cairo_image_surface_create),
	    DYNLIB_SYM(pg, cairo_surface_status),
	    DYNLIB_SYM(pg, cairo_surface_flush),
	    DYNLIB_SYM(pg, cairo_surface_destroy),
	    DYNLIB_SYM(pg, cairo_image_surface_get_data),
	    DYNLIB_SYM(pg, cairo_image_surface_get_stride),
	    DYNLIB_SYM(pg, cairo_create),
	    DYNLIB_SYM(pg, cairo_scale),
	    DYNLIB_SYM(pg, cairo_set_source_rgb),
	    DYNLIB_SYM(pg, cairo_paint),
	    DYNLIB_SYM(pg, cairo_destroy),
	};
	void *h =
	    dynlib_open(BAOMI_CHECK_POPPLER_SONAME, BAOMI_CHECK_POPPLER_PATH, why, sizeof(why));

	/* glib, gobject and cairo come with poppler-glib, and dlsym looks in them too. */
	loaded = h && dynlib_syms(h, BAOMI_CHECK_POPPLER_SONAME, syms,
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
