/*
 * wproc — the endpoint checker's worker processes.
 *
 * A reader that runs a large library on hostile input (poppler, tesseract)
 * does it in a worker: the running executable again (/proc/self/exe), started
 * with a marker variable in its environment, whose constructor sees the
 * marker and serves requests on fd WPROC_FD until the socket closes.  Its
 * stderr goes to a memfd, read for the cause of its end.  Each reader keeps
 * its own protocol over the socket; wproc starts, pools, ends and explains
 * the workers, and moves bytes with a deadline.
 */
#ifndef BAOMI_CHECK_WPROC_H
#define BAOMI_CHECK_WPROC_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#define WPROC_FD 3 /* the worker's end of its socket */

enum wproc_err {
	WPROC_OK = 0,
	WPROC_CRASH,   /* the worker is gone: died, or closed its socket */
	WPROC_MEMORY,  /* it died over its memory budget */
	WPROC_TIMEOUT, /* the deadline passed, or it died over its processor time */
	WPROC_SPAWN,   /* no worker could be started */
};

/* What tells one kind of worker from another. */
struct wproc_kind {
	const char *env;     /* the marker variable */
	const char *extra;   /* "NAME=value" set in the worker's environment too, or NULL */
	const char *name;    /* the worker's argv[0] */
	const char *errname; /* the name of the memfd that takes its stderr */
	const char *const
	    *oom; /* phrases on its stderr that mean it ran out of memory, NULL-ended */
};

struct wproc {
	pid_t pid;
	int sock;
	int errfd; /* the worker's stderr, to tell why it died */
	struct wproc *next;
};

/* The idle workers of one kind. */
struct wproc_pool {
	const struct wproc_kind *kind;
	pthread_mutex_t mu;
	struct wproc *idle;
};

#define WPROC_POOL_INIT(kind)                                                                      \
	{                                                                                          \
		(kind), PTHREAD_MUTEX_INITIALIZER, NULL                                            \
	}

void wproc_pool_init(struct wproc_pool *p, const struct wproc_kind *kind);
/* Ends the idle workers; the pool stays usable. */
void wproc_pool_release(struct wproc_pool *p);

/* ---- The scanning process's side ---- */

/* The deadline seconds from now (at least a millisecond): returns the seconds. */
double wproc_deadline(struct timespec *dl, double seconds);
/* Moves n bytes over fd by dl: WPROC_OK, WPROC_CRASH or WPROC_TIMEOUT. */
enum wproc_err wproc_xfer(int fd, void *buf, size_t n, int out, const struct timespec *dl);

/*
 * Reads a worker's replies to a request by dl: the caller's answer, and
 * *alive when the worker can be used again.
 */
typedef int (*wproc_read_fn)(struct wproc *w, const struct timespec *dl, void *ctx, char *why,
                             size_t whylen, int *alive);

/*
 * One request: hdr and then data sent to a worker from p (a new one when a
 * pooled one has died since), its replies read by fn.  causes gives the
 * caller's answer for each enum wproc_err; when fn answers causes[WPROC_CRASH]
 * and the worker cannot be used again, the cause of its death is the answer
 * (why, cleared first, gets a crash's detail).
 */
int wproc_request(struct wproc_pool *p, const void *hdr, size_t hlen, const void *data, size_t len,
                  const struct timespec *dl, wproc_read_fn fn, void *ctx, const int causes[5],
                  char *why, size_t whylen);

/* ---- The worker's side ---- */

/*
 * From a constructor: in a process started as a worker of this kind, serves
 * with fn on WPROC_FD and exits; elsewhere returns at once.
 */
void wproc_serve(const char *env, void (*fn)(int fd));
int wproc_send_rec(int fd, char type, const void *a, size_t alen, const void *b, size_t blen);
int wproc_recv_all(int fd, void *buf, size_t n);
/* The bytes mapped now. */
uint64_t wproc_vm_size(void);
void wproc_set_soft_limit(int res, uint64_t v);
/*
 * Sets a request's budget (address space past base plus memory and len,
 * processor time past what has been used plus seconds) and receives its len
 * bytes into *data (NULL when they do not fit, and are drained);
 * 0, or -1 when the caller is gone.
 */
int wproc_recv_data(int fd, uint64_t base, uint64_t memory, uint64_t seconds, uint64_t len,
                    unsigned char **data);
/*
 * The end of a request: the budget lifted, then a record of type with err,
 * whether the worker has grown by retire past base (and so is not reused),
 * and why; 0, or -1 when the caller is gone.
 */
int wproc_done(int fd, char type, int err, uint64_t base, uint64_t retire, const char *why);

#endif
