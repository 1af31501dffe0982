/*
 * u8text — is this window UTF-8 text, and which patterns can occur in UTF-8 text?
 *
 * Most files are UTF-8.  In a window that is valid UTF-8 without NUL bytes
 * most GBK and UTF-16LE byte forms of the keywords cannot occur at all: a GBK
 * form such as C3 D8 (秘) or a UTF-16LE form with a NUL breaks the UTF-8
 * rules.  So the scan matches such a window with a smaller pattern set, the
 * UTF-8 forms plus the few other forms that could still occur in it
 * (u8t_possible), and gets exactly the hits it would get with every form,
 * at half the matcher's cost.
 *
 * A "UTF-8 window" is any piece of UTF-8 text: up to three continuation bytes
 * at its start (the tail of a character cut by the window edge), then
 * well-formed UTF-8 (Unicode table 3-7, no NUL), where the last character may
 * be cut short.  Every substring of such a window is accepted by
 * u8t_possible, which is what makes the smaller set exact.
 */
#ifndef BAOMI_CHECK_U8TEXT_H
#define BAOMI_CHECK_U8TEXT_H

#include <stddef.h>

/* Whether s[0..n) is a UTF-8 window; SIMD where the CPU has it. */
int u8t_window(const unsigned char *s, size_t n);
/* The same, a byte at a time: the reference the SIMD path is tested against. */
int u8t_window_scalar(const unsigned char *s, size_t n);
/* Whether u8t_window runs on SIMD here (else the scan does not classify windows). */
int u8t_simd(void);
/*
 * Whether p[0..n) can be a substring of some UTF-8 window.  Permissive (it
 * accepts a superset): a pattern it refuses never occurs in a UTF-8 window.
 */
int u8t_possible(const unsigned char *p, size_t n);

/* Writes code point cp as UTF-8 into u, U+FFFD for 0, a surrogate or a value past
 * U+10FFFF; returns the bytes written (1-4). */
size_t u8t_encode(unsigned long cp, char u[4]);

#endif
