/*
 * encr — is this document encrypted?  Read from the raw bytes of each
 * format, without opening it: a password-protected file cannot be read, and
 * on a classified computer that is itself what an inspector wants to know.
 *
 *   PDF   an /Encrypt entry in a trailer or a cross-reference stream's dictionary
 *   .doc  fEncrypted in the FIB at the start of the WordDocument stream
 *   .xls  a FILEPASS record in the workbook globals (RC4 or XOR)
 *   .ppt  the encrypted header token of the Current User stream, or a
 *         CryptSession10Container record in the PowerPoint Document stream
 *   ODF   encryption-data in META-INF/manifest.xml
 *   7z    the AES coder in the header (an encrypted header or encrypted files
 *         with a plain header)
 * (OOXML in an OLE2 container and zip's general-purpose bit 0 are seen by
 * the readers: scan.c.)  Each function looks at its bytes only and never
 * reads past n.
 */
#ifndef BAOMI_CHECK_ENCR_H
#define BAOMI_CHECK_ENCR_H

#include <stddef.h>
#include <stdint.h>

int encr_pdf(const unsigned char *d, size_t n);
int encr_doc(const unsigned char *worddocument, size_t n);
int encr_xls(const unsigned char *workbook, size_t n);
int encr_ppt_user(const unsigned char *current_user, size_t n);
int encr_ppt_doc(const unsigned char *ppt_document, size_t n);
int encr_odf_manifest(const unsigned char *xml, size_t n);
/* Whether d starts with the 7z signature. */
int encr_is_7z(const unsigned char *d, size_t n);
/* Where the end header of a 7z lies (from d's first 32 bytes); 0 if not a 7z. */
int encr_7z_next(const unsigned char *d, size_t n, uint64_t *off, uint64_t *size);
/* Whether a 7z end header h[0..n) names the AES coder. */
int encr_7z_header(const unsigned char *h, size_t n);
/* Both, on a whole 7z in memory. */
int encr_7z(const unsigned char *d, size_t n);

#endif
