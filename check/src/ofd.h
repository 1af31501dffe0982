/*
 * ofd — the text of an OFD document (GB/T 33190, the national format of
 * electronic documents): a zip with OFD.xml at its root, a document per
 * Doc_N/Document.xml and a page per Doc_N/Pages/Page_N/Content.xml.
 *
 * A page's text is what its text objects show: the contents of their
 * ofd:TextCode elements.  The X, Y and DeltaX attributes place each glyph
 * and are read only to see where a line ends: codes on the same line join
 * without a separator (a generator may put each character in a text object
 * of its own), a code on another line starts a new one.  A text object with
 * glyph ids (ofd:CGTransform/ofd:Glyphs) but no text codes cannot be read:
 * it is counted, so that the scan can say so.  Annotations are read as
 * text; OFD.xml's DocInfo (title, author, keywords, abstract), custom tags
 * and the attachment list are metadata; attachments are files of their
 * own; fonts, images and other resources, signatures and the document's
 * structure (Document.xml, *Res.xml) hold no text.
 */
#ifndef BAOMI_CHECK_OFD_H
#define BAOMI_CHECK_OFD_H

#include <stddef.h>

#include "cbuf.h"

/* What an entry of an OFD package holds. */
enum ofd_entry {
	OFD_SKIP,       /* resources, structure, signatures */
	OFD_PAGE,       /* a page or a template page: ofd_page_text */
	OFD_ANNOT,      /* annotations: their text */
	OFD_META,       /* OFD.xml (DocInfo), custom tags, the attachment list */
	OFD_ATTACH,     /* an attached file */
	OFD_ENCRYPTION, /* Encryptions.xml: the document is encrypted */
};

/* Whether a zip entry name is the root of an OFD package (OFD.xml). */
int ofd_is_root(const char *name, size_t n);
enum ofd_entry ofd_entry_kind(const char *name, size_t n);
/*
 * Appends the text of a page's Content.xml to out, a line per line of the
 * page; *unreadable counts its text objects with glyph ids but no text.
 * CBUF_TOO_BIG at out's cap.
 */
enum cbuf_err ofd_page_text(const char *xml, size_t len, struct cbuf *out, unsigned *unreadable);

/*
 * Page numbers as a reader shows them: OFD.xml names each document's
 * Document.xml (DocBody/DocRoot), whose Pages list the pages in reading
 * order (Page BaseLoc, relative to the Document.xml or, with a leading '/',
 * to the package).  The order of the zip entries means nothing.  Each
 * document's pages are numbered from 1; a page's annotation file takes the
 * number of its page.
 */
#define OFD_PAGES_MAX 100000 /* pages listed, all documents together */
#define OFD_PATH_MAX 1024    /* bytes of an entry name */

struct ofd_page {
	char *name; /* the zip entry name of the page's Content.xml */
	unsigned number;
};

struct ofd_page_id {
	unsigned long id; /* a page's ID in Document.xml */
	unsigned number;
};

struct ofd_pages {
	struct ofd_page *v; /* sorted by name */
	size_t n, cap;
	struct ofd_page_id *ids; /* the last document's pages, sorted by ID */
	size_t nids, capids;
};

void ofd_pages_init(struct ofd_pages *p);
void ofd_pages_release(struct ofd_pages *p);
/*
 * The next DocRoot of OFD.xml from *pos: the entry name of a Document.xml
 * into name; 0 when there is none more.
 */
int ofd_doc_root(const char *xml, size_t len, size_t *pos, char name[OFD_PATH_MAX]);
/*
 * Adds the pages that the Document.xml at entry name doc lists, numbered
 * from 1 in its order, and writes the entry name of its annotation list
 * (Annotations) to annots ("" when it has none).  CBUF_NOMEM, or
 * CBUF_TOO_BIG past OFD_PAGES_MAX.
 */
enum cbuf_err ofd_pages_doc(struct ofd_pages *p, const char *xml, size_t len, const char *doc,
                            char annots[OFD_PATH_MAX]);
/*
 * Adds the annotation files that the Annotations.xml at entry name annots
 * lists (Page PageID, FileLoc relative to it), numbered as the page of the
 * document last given to ofd_pages_doc that they belong to.
 */
enum cbuf_err ofd_pages_annots(struct ofd_pages *p, const char *xml, size_t len,
                               const char *annots);
/* The reader's page number of a page or annotation entry, 0 when no document lists it
 * (template pages). */
unsigned ofd_page_number(const struct ofd_pages *p, const char *name, size_t n);

#endif
