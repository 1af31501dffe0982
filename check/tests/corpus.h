/*
 * corpus — writers of test and benchmark files: zip (OOXML/ODF), OLE2,
 * PDF, gzip, GBK and UTF-16LE text.  Shared by the planted-corpus tests and
 * by bench/check's corpus generator (the `mkcorpus` tool).
 */
#ifndef BAOMI_CHECK_CORPUS_H
#define BAOMI_CHECK_CORPUS_H

#include <stddef.h>

#include "cbuf.h"
#include "kw.h"
#include "scan.h"

struct zip_item {
	const char *name;
	const void *data;
	size_t len;
	int deflate;
	unsigned flags; /* general-purpose flags (bit 0: encrypted) */
};

/* A stream or storage of an OLE2 file made by corpus_ole2_streams. */
struct ole2_item {
	const char *name; /* ASCII; "\005SummaryInformation" and the like */
	const void *data; /* NULL for a storage */
	size_t len;
	int parent; /* index of the storage item it is in, -1 for the root */
};

/* Builds a zip with the items into out (appended). Returns 0 or -1. */
int corpus_zip(struct cbuf *out, const struct zip_item *items, size_t n);
/* A docx whose body is the given document.xml fragment (inside <w:body>). */
int corpus_docx(struct cbuf *out, const char *body_xml);
/* An OLE2 .doc whose WordDocument stream holds utf16 text at offset 506 (across a sector
 * edge, sectors stored in reverse) and whose mini stream holds small_utf16. */
int corpus_ole2(struct cbuf *out, const char *text_utf8, const char *small_utf8);
/* An OLE2 file holding the items, every stream in 512-byte sectors (no mini stream). */
int corpus_ole2_streams(struct cbuf *out, const struct ole2_item *items, size_t n);
/* A one-page PDF showing ascii text (Helvetica) and cjk text (Type0 font with ToUnicode). */
int corpus_pdf(struct cbuf *out, const char *ascii, const char *cjk_utf8);
/* One object of corpus_pdf_objs: a whole body, or with stream the inner keys of its dict. */
struct pdf_obj {
	const char *body;
	const void *stream; /* NULL: body is the object; else /Length is added */
	size_t slen;
};
/* A PDF of the objects (numbered from 1; 1 is the catalog) after prefix, with its xref. */
int corpus_pdf_objs(struct cbuf *out, const char *prefix, const struct pdf_obj *objs, size_t n);
/* zlib (FlateDecode) of data, appended. */
int corpus_zlib(struct cbuf *out, const void *data, size_t len);
/* gzip of data. */
int corpus_gzip(struct cbuf *out, const void *data, size_t len);
/* Converts UTF-8 to "GBK" or "UTF-16LE" and appends. */
int corpus_conv(struct cbuf *out, const char *to, const char *utf8);
int corpus_write(const char *path, const void *data, size_t len);
/*
 * An archive written by libarchive (corpus_arch.c): format and filter by
 * libarchive's names ("7zip", "zip", "ustar"; "gzip", "bzip2", "xz" or
 * NULL), options such as "zip:encryption=traditional" with a passphrase.
 */
int corpus_archive(struct cbuf *out, const char *format, const char *filter, const char *options,
                   const char *passphrase, const struct zip_item *items, size_t n);
/* A RAR5 archive of stored files; encrypted 1: only an archive encryption header
 * (headers encrypted), 2: each file with an encryption record. */
int corpus_rar5(struct cbuf *out, const struct zip_item *items, size_t n, int encrypted);
/* Writes the planted corpus under dir (which must exist). */
int corpus_planted(const char *dir);
/* Writes the planted OFD, WPS Office, RTF and HTML files under dir (corpus_formats.c). */
int corpus_formats(const char *dir);

/*
 * The tests' scan harness.  corpus_scan loads keywords (one a line) into ks
 * and scans path with o (its paths and npaths set here, jobs 2 when 0; the
 * rest as given) into r, printing each entry and hit as a "# " line.  Returns
 * SCAN_OK, a scan_status, or -1 when the keywords do not load; ks and r are
 * to be released.
 */
int corpus_scan(const char *path, const char *keywords, struct scan_opts *o, struct kw_set *ks,
                struct scan_result *r);
/* corpus_scan of dir/sub with Aho-Corasick and the per-file budget (0: the default). */
int corpus_scan_sub(const char *dir, const char *sub, const char *keywords, double seconds,
                    size_t memory, struct kw_set *ks, struct scan_result *r);
/* The entry of r whose path is dir/sub/name (a member: "a.zip!in/b.docx"), or NULL. */
const struct scan_file *corpus_entry(const struct scan_result *r, const char *dir, const char *sub,
                                     const char *name);
/* The first entry of r with an error, or NULL. */
const struct scan_file *corpus_first_error(const struct scan_result *r);
/* The first hit of word in f, in part ("body", "metadata", "macro"; NULL: any), or NULL. */
const struct scan_hit *corpus_hit(const struct scan_file *f, const struct kw_set *ks,
                                  const char *word, const char *part);
/* The name of an entry below the scanned directory: a file, or a member "a.zip!dir/b.docx". */
const char *corpus_entry_name(const char *path);
/* Hit k of f as "name|format|encoding|keyword|count|part", name by corpus_entry_name. */
void corpus_hit_line(char *out, size_t cap, const struct scan_file *f, size_t k,
                     const struct kw_set *ks);
/* Removes path and everything below it. */
void corpus_remove(const char *path);

#endif
