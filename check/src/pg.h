/*
 * pg — poppler-glib, loaded when needed.
 *
 * poppler-glib brings some fifty libraries (glib, cairo, NSS, X11 ...): it
 * is loaded with dlopen by its soname at the first PDF, not at start, and a
 * computer without it can still run baomi-check, its PDF files being
 * reported as unreadable.  One table holds the functions that the PDF text
 * worker (pdftext.c) and the OCR worker (ocr.c) call, glib's, gobject's and
 * cairo's among them, found through the same handle.
 */
#ifndef BAOMI_CHECK_PG_H
#define BAOMI_CHECK_PG_H

#ifdef BAOMI_CHECK_HAVE_POPPLER
#include <poppler.h>

struct pg_fns {
	void (*g_free)(gpointer);
	void (*g_error_free)(GError *);
	void (*g_object_unref)(gpointer);
	GBytes *(*g_bytes_new_static)(gconstpointer, gsize);
	void (*g_bytes_unref)(GBytes *);
	guint (*g_log_set_handler)(const gchar *, GLogLevelFlags, GLogFunc, gpointer);
	GQuark (*poppler_error_quark)(void);
	PopplerDocument *(*poppler_document_new_from_bytes)(GBytes *, const char *, GError **);
	int (*poppler_document_get_n_pages)(PopplerDocument *);
	PopplerPage *(*poppler_document_get_page)(PopplerDocument *, int);
	void (*poppler_page_get_size)(PopplerPage *, double *, double *);
	char *(*poppler_page_get_text)(PopplerPage *);
	char *(*poppler_page_get_text_for_area)(PopplerPage *, PopplerRectangle *);
	gboolean (*poppler_page_get_text_layout_for_area)(PopplerPage *, PopplerRectangle *,
	                                                  PopplerRectangle **, guint *);
	GList *(*poppler_page_get_image_mapping)(PopplerPage *);
	void (*poppler_page_free_image_mapping)(GList *);
	GList *(*poppler_page_get_annot_mapping)(PopplerPage *);
	void (*poppler_page_free_annot_mapping)(GList *);
	gchar *(*poppler_annot_get_contents)(PopplerAnnot *);
	PopplerAnnotType (*poppler_annot_get_annot_type)(PopplerAnnot *);
	GList *(*poppler_page_get_form_field_mapping)(PopplerPage *);
	void (*poppler_page_free_form_field_mapping)(GList *);
	PopplerFormFieldType (*poppler_form_field_get_field_type)(PopplerFormField *);
	gchar *(*poppler_form_field_text_get_text)(PopplerFormField *);
	gchar *(*poppler_form_field_choice_get_text)(PopplerFormField *);
	gint (*poppler_form_field_choice_get_n_items)(PopplerFormField *);
	gboolean (*poppler_form_field_choice_is_item_selected)(PopplerFormField *, gint);
	gchar *(*poppler_form_field_choice_get_item)(PopplerFormField *, gint);
	void (*poppler_page_render)(PopplerPage *, cairo_t *);
	cairo_surface_t *(*cairo_image_surface_create)(cairo_format_t, int, int);
	cairo_status_t (*cairo_surface_status)(cairo_surface_t *);
	void (*cairo_surface_flush)(cairo_surface_t *);
	void (*cairo_surface_destroy)(cairo_surface_t *);
	unsigned char *(*cairo_image_surface_get_data)(cairo_surface_t *);
	int (*cairo_image_surface_get_stride)(cairo_surface_t *);
	cairo_t *(*cairo_create)(cairo_surface_t *);
	void (*cairo_scale)(cairo_t *, double, double);
	void (*cairo_set_source_rgb)(cairo_t *, double, double, double);
	void (*cairo_paint)(cairo_t *);
	void (*cairo_destroy)(cairo_t *);
};

/* The functions, set once pg_load has answered 1. */
extern struct pg_fns pg;

/* Loads poppler-glib, once per process (thread-safe): 1 when loaded, else 0. */
int pg_load(void);
/* Why it could not be loaded. */
const char *pg_why(void);
#endif

#endif
