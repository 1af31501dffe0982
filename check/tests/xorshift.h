/* xorshift — the agree tests' random numbers: no library, so that they also run under qemu-user. */
#ifndef BAOMI_CHECK_XORSHIFT_H
#define BAOMI_CHECK_XORSHIFT_H

/* The next number of Marsaglia's xorshift64 from *seed (never 0). */
static inline unsigned xorshift_next(unsigned long long *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 7;
	*seed ^= *seed << 17;
	return (unsigned)(*seed >> 32);
}

#endif
