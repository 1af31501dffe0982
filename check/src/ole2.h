/*
 * ole2 — a reader for OLE2 compound files (legacy .doc/.xls/.ppt/.wps).
 *
 * A compound file is a small FAT file system: its streams are chains of
 * 512- or 4096-byte sectors in any order, small streams live in a "mini
 * stream" of 64-byte sectors.  Text is found by reassembling each stream;
 * Word, Excel, PowerPoint and WPS keep Chinese text as UTF-16LE (or GBK in
 * old files), which the scan matches directly.  Chains come from the file:
 * every sector number is bounds-checked and a chain longer than the file has
 * sectors is a loop and an error.  A file whose last sector is short is read
 * as far as it goes.
 */
#ifndef BAOMI_CHECK_OLE2_H
#define BAOMI_CHECK_OLE2_H

#include <stddef.h>
#include <stdint.h>

#include "cbuf.h"

enum ole2_err {
	OLE2_OK = 0,
	OLE2_NOT_OLE2, /* signature missing */
	OLE2_CORRUPT,  /* a header field, chain or directory entry is wrong */
	OLE2_TOO_BIG,  /* a stream passes the cap */
	OLE2_NOMEM,
};

enum ole2_type {
	OLE2_EMPTY = 0,
	OLE2_STORAGE = 1,
	OLE2_STREAM = 2,
	OLE2_ROOT = 5,
};

struct ole2_entry {
	char name[128]; /* UTF-8 */
	enum ole2_type type;
	uint32_t left, right, child; /* the directory tree: siblings, first child */
	uint32_t start;
	uint64_t size;
};

struct ole2 {
	const unsigned char *data;
	size_t len;
	unsigned shift;    /* sector size = 1 << shift */
	uint32_t nsectors; /* sectors the file holds */
	uint32_t *fat;     /* next-sector table */
	uint32_t nfat;     /* entries in fat */
	uint32_t *minifat;
	uint32_t nminifat;
	uint32_t cutoff; /* streams smaller than this are in the mini stream */
	struct cbuf dir;
	struct cbuf mini; /* the mini stream */
	size_t nentries;
};

void ole2_init(struct ole2 *o, size_t max_stream);
void ole2_release(struct ole2 *o);
/* Parses the header, FAT, directory, mini FAT and mini stream. */
enum ole2_err ole2_open(struct ole2 *o, const unsigned char *data, size_t len);
/* Directory entry i (0 .. nentries-1). */
enum ole2_err ole2_entry_get(const struct ole2 *o, size_t i, struct ole2_entry *e);
/* Reassembles the stream of entry e into out (reset first; out caps the size). */
enum ole2_err ole2_read(const struct ole2 *o, const struct ole2_entry *e, struct cbuf *out);
const char *ole2_strerror(enum ole2_err err);

#endif
