/*
 * blip — the pictures of legacy Office files, for --ocr.
 *
 * Word (.doc), PowerPoint (.ppt) and Excel keep pictures as OfficeArt BLIP
 * records ([MS-ODRAW] 2.2.23 ff.): an 8-byte record header, one or two
 * 16-byte ids and a tag byte, then the picture's file as it is (PNG, JPEG,
 * TIFF) or a DIB (a BMP without its 14-byte file header).  A .ppt's
 * Pictures stream is a row of them; a .doc has them inside the PICF
 * structures of its Data stream (inline pictures) and in its WordDocument
 * stream (floating ones, where the FBSE records of the table stream point);
 * an .xls has them in the drawing group of its Workbook stream, split
 * across BIFF records (blip_xls_group joins them).
 * blip_next finds them by their headers wherever they are: a record whose
 * version, instance and type are those of a picture, which lies whole in
 * the stream and whose data start as that picture's format does.  Metafile
 * BLIPs (EMF, WMF, PICT) are drawings, not scans, and are passed over.
 */
#ifndef BAOMI_CHECK_BLIP_H
#define BAOMI_CHECK_BLIP_H

#include <stddef.h>

#include "cbuf.h"

struct blip {
	const char *format;        /* "png", "jpeg", "tiff" or "dib" */
	const unsigned char *data; /* the picture's bytes, in the stream */
	size_t len;
};

/*
 * Finds the next picture record at or after *pos in s[0..n): 1 with *out
 * set and *pos past the record, or 0 when there is none (*pos is n).
 */
int blip_next(const unsigned char *s, size_t n, size_t *pos, struct blip *out);
/*
 * Appends the drawing group of an Excel Workbook stream to out: the
 * payloads of its MsoDrawingGroup records (0x00EB) and of the Continue
 * records (0x003C) that carry on after them (a BIFF record holds 8224
 * bytes at most), joined.  Returns the error of out (CBUF_OK).
 */
enum cbuf_err blip_xls_group(const unsigned char *wb, size_t n, struct cbuf *out);
/*
 * Appends a BMP file of a DIB (a file header in front, its pixels' offset
 * worked out from the info header and palette) to out: CBUF_OK, the error
 * of out, or CBUF_TOO_BIG when the DIB is not one a BMP file can hold.
 */
enum cbuf_err blip_dib_bmp(const unsigned char *dib, size_t n, struct cbuf *out);

#endif
