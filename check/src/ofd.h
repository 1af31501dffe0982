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

#endif
