/*
 * mime — mail messages (RFC 5322 / MIME, .eml) and mbox files ("From "
 * lines between messages, as Thunderbird and Foxmail export them).
 *
 * A message is walked part by part: its header fields are unfolded and
 * their RFC 2047 encoded-words (B and Q, any charset iconv knows; gbk,
 * gb2312 and cp936 read as GB18030) decoded to UTF-8; multipart bodies are
 * split at their boundaries (nested up to MIME_DEPTH); base64 and
 * quoted-printable bodies are decoded; text parts (plain and html) are
 * converted to UTF-8 from their charset (an html part without one: the
 * GBK-family charset its meta tag declares, html.h); an html part's text is
 * then what a browser shows (html_extract: tags dropped, character
 * references decoded), its title and meta descriptions given as header
 * text; message/rfc822 parts are walked as messages.  Every other part, and any part with a file
 * name, is an attachment, named by its filename or name parameter (RFC 2231 and RFC 2047 forms
 * decoded) or "part<N>".  Decoded data goes into the caller's capped buffers, never elsewhere.
 */
#ifndef BAOMI_CHECK_MIME_H
#define BAOMI_CHECK_MIME_H

#include <stddef.h>

#include "cbuf.h"

#define MIME_DEPTH 16 /* multipart and message/rfc822 inside one another */

enum mime_err {
	MIME_OK = 0,
	MIME_TOO_DEEP, /* parts nested deeper than MIME_DEPTH were not read */
	MIME_TOO_BIG,  /* a part's decoded data passed the buffer's cap */
	MIME_NOMEM,
	MIME_STOPPED, /* the sink said stop */
};

enum mime_kind {
	MIME_NONE = 0,
	MIME_EML,
	MIME_MBOX,
};

/* Whether the first bytes are a message's header block, or an mbox's "From " line and headers. */
enum mime_kind mime_sniff(const unsigned char *b, size_t n);

struct mime_sink {
	/* Decoded text: the header fields and an html part's title and meta descriptions
	 * (header 1), or a text part's body. Non-zero stops. */
	int (*text)(void *ctx, const unsigned char *b, size_t n, int header);
	/* An attachment's decoded bytes and its name (UTF-8). Non-zero stops. */
	int (*attachment)(void *ctx, const char *name, const unsigned char *b, size_t n);
	void *ctx;
};

/*
 * Walks one message.  raw and text are scratch (their max is the cap on a
 * part's decoded size); the first error met is returned, the rest of the
 * message is still walked.
 */
enum mime_err mime_message(const unsigned char *msg, size_t len, struct cbuf *raw,
                           struct cbuf *text, const struct mime_sink *sink);
/*
 * The next message of an mbox from *pos: its bytes after the "From " line.
 * 0 at the end.
 */
int mime_mbox_next(const unsigned char *b, size_t n, size_t *pos, const unsigned char **msg,
                   size_t *mlen);
const char *mime_strerror(enum mime_err err);

#endif
