#define _GNU_SOURCE /* memfd_create, malloc_trim */
#include "wproc.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cbuf.h"

#define WPROC_STDERR_MAX (64u << 10) /* of a worker's stderr, read for the cause of its end */

extern char **environ;

static int end(struct wproc *w);

void wproc_pool_init(struct wproc_pool *p, const struct wproc_kind *kind)
{
	p->kind = kind;
	pthread_mutex_init(&p->mu, NULL);
	p->idle = NULL;
}

void wproc_pool_release(struct wproc_pool *p)
{
	struct wproc *w;

	pthread_mutex_lock(&p->mu);
	w = p->idle;
	p->idle = NULL;
	pthread_mutex_unlock(&p->mu);
	while (w) {
		struct wproc *next = w->next;

		end(w);
		w = next;
	}
}

/* ---- The scanning process's side ---- */

/* fd moved above the standard descriptors and WPROC_FD, close-on-exec. */
static int high_fd(int fd)
{
	int h;

	if (fd < 0 || fd > WPROC_FD + 6)
		return fd;
	h = fcntl(fd, F_DUPFD_CLOEXEC, WPROC_FD + 7);
	close(fd);
	return h;
}

/* Whether s sets the variable that the NAME= prefix of set names. */
static int same_var(const char *s, const char *set)
{
	const char *eq = strchr(set, '=');
	size_t n = eq ? (size_t)(eq - set) + 1 : strlen(set);

	return strncmp(s, set, n) == 0;
}

static struct wproc *spawn(const struct wproc_kind *kind, char *why, size_t whylen)
{
	struct wproc *w = calloc(1, sizeof(*w));
	posix_spawn_file_actions_t fa;
	char **env = NULL, *argv[] = {(char *)kind->name, NULL}, *marker = NULL;
	int sv[2] = {-1, -1}, fa_on = 0, rc;
	size_t n = 0, k = 0;

	if (!w)
		goto fail;
	w->errfd = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		goto fail;
	sv[0] = high_fd(sv[0]);
	sv[1] = high_fd(sv[1]);
	w->errfd = high_fd(memfd_create(kind->errname, MFD_CLOEXEC));
	if (sv[0] < 0 || sv[1] < 0 || w->errfd < 0)
		goto fail;
	marker = malloc(strlen(kind->env) + 3);
	if (!marker)
		goto fail;
	sprintf(marker, "%s=1", kind->env);
	while (environ && environ[n])
		n++;
	env = calloc(n + 3, sizeof(*env));
	if (!env)
		goto fail;
	env[k++] = marker;
	if (kind->extra)
		env[k++] = (char *)kind->extra;
	for (n = 0; environ && environ[n]; n++)
		if (!same_var(environ[n], marker) &&
		    !(kind->extra && same_var(environ[n], kind->extra)))
			env[k++] = environ[n];
	if (posix_spawn_file_actions_init(&fa) != 0)
		goto fail;
	fa_on = 1;
	if (posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0) ||
	    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0) ||
	    posix_spawn_file_actions_adddup2(&fa, w->errfd, 2) ||
	    posix_spawn_file_actions_adddup2(&fa, sv[1], WPROC_FD))
		goto fail;
	rc = posix_spawn(&w->pid, "/proc/self/exe", &fa, NULL, argv, env);
	if (rc != 0) {
		errno = rc;
		goto fail;
	}
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	free(marker);
	close(sv[1]);
	w->sock = sv[0];
	return w;
fail:
	snprintf(why, whylen, "%s", strerror(errno));
	if (fa_on)
		posix_spawn_file_actions_destroy(&fa);
	free(env);
	free(marker);
	if (sv[0] >= 0)
		close(sv[0]);
	if (sv[1] >= 0)
		close(sv[1]);
	if (w && w->errfd >= 0)
		close(w->errfd);
	free(w);
	return NULL;
}

/* Ends a worker (killed unless it has ended); returns its wait status. */
static int end(struct wproc *w)
{
	int st = 0;

	kill(w->pid, SIGKILL);
	while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
		;
	close(w->sock);
	close(w->errfd);
	free(w);
	return st;
}

static struct wproc *take(struct wproc_pool *p, char *why, size_t whylen)
{
	struct wproc *w;

	pthread_mutex_lock(&p->mu);
	w = p->idle;
	if (w)
		p->idle = w->next;
	pthread_mutex_unlock(&p->mu);
	return w ? w : spawn(p->kind, why, whylen);
}

static void give(struct wproc_pool *p, struct wproc *w)
{
	pthread_mutex_lock(&p->mu);
	w->next = p->idle;
	p->idle = w;
	pthread_mutex_unlock(&p->mu);
}

double wproc_deadline(struct timespec *dl, double seconds)
{
	double secs = seconds > 0 ? seconds : 0.001;

	clock_gettime(CLOCK_MONOTONIC, dl);
	dl->tv_sec += (time_t)secs;
	dl->tv_nsec += (long)((secs - (double)(time_t)secs) * 1e9);
	if (dl->tv_nsec >= 1000000000L) {
		dl->tv_sec++;
		dl->tv_nsec -= 1000000000L;
	}
	return secs;
}

/* Milliseconds left until dl (0 once passed). */
static int ms_left(const struct timespec *dl)
{
	struct timespec now;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(dl->tv_sec - now.tv_sec) * 1e3 + (double)(dl->tv_nsec - now.tv_nsec) / 1e6;
	if (ms <= 0)
		return 0;
	return ms > 1e9 ? 1000000000 : (int)ms + 1;
}

enum wproc_err wproc_xfer(int fd, void *buf, size_t n, int out, const struct timespec *dl)
{
	char *p = buf;

	while (n) {
		struct pollfd pf = {fd, (short)(out ? POLLOUT : POLLIN), 0};
		int ms = ms_left(dl), r;
		ssize_t k;

		if (ms == 0)
			return WPROC_TIMEOUT;
		r = poll(&pf, 1, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return WPROC_CRASH;
		if (r == 0)
			return WPROC_TIMEOUT;
		k = out ? send(fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT)
		        : recv(fd, p, n, MSG_DONTWAIT);
		if (k < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (k <= 0)
			return WPROC_CRASH;
		p += k;
		n -= (size_t)k;
	}
	return WPROC_OK;
}

/* Sends hdr and then data to a worker from p; on WPROC_OK *wp is the worker. */
static enum wproc_err send_req(struct wproc_pool *p, const void *hdr, size_t hlen, const void *data,
                               size_t len, const struct timespec *dl, struct wproc **wp, char *why,
                               size_t whylen)
{
	struct wproc *w = NULL;
	enum wproc_err r = WPROC_CRASH;
	int tries;

	*wp = NULL;
	/* A worker from the pool may have died since (a second try gets a new one). */
	for (tries = 0; tries < 2; tries++) {
		w = take(p, why, whylen);
		if (!w)
			return WPROC_SPAWN;
		ftruncate(w->errfd, 0);
		lseek(w->errfd, 0, SEEK_SET);
		r = wproc_xfer(w->sock, (void *)hdr, hlen, 1, dl);
		if (!r && len)
			r = wproc_xfer(w->sock, (void *)data, len, 1, dl);
		if (r != WPROC_CRASH)
			break;
		end(w);
		w = NULL;
	}
	if (r == WPROC_TIMEOUT) {
		end(w);
		return WPROC_TIMEOUT;
	}
	if (r)
		return WPROC_SPAWN;
	*wp = w;
	return WPROC_OK;
}

/* Ends a worker that has failed and tells why it died (why gets a crash's detail). */
static enum wproc_err death(struct wproc_pool *p, struct wproc *w, char *why, size_t whylen)
{
	char buf[WPROC_STDERR_MAX];
	struct stat sb;
	size_t got = 0, i;
	off_t from = 0;
	int errfd = dup(w->errfd), st;

	st = end(w);
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU) {
		if (errfd >= 0)
			close(errfd);
		return WPROC_TIMEOUT;
	}
	if (errfd >= 0) {
		ssize_t r;

		if (fstat(errfd, &sb) == 0 && sb.st_size > (off_t)sizeof(buf))
			from = sb.st_size - (off_t)sizeof(buf);
		r = pread(errfd, buf, sizeof(buf), from);
		got = r > 0 ? (size_t)r : 0;
		close(errfd);
	}
	for (i = 0; p->kind->oom[i]; i++)
		if (cbuf_find(buf, got, p->kind->oom[i], strlen(p->kind->oom[i])))
			return WPROC_MEMORY;
	if (WIFSIGNALED(st))
		snprintf(why, whylen, "信号 signal %d", WTERMSIG(st));
	else
		snprintf(why, whylen, "退出码 exit %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return WPROC_CRASH;
}

int wproc_request(struct wproc_pool *p, const void *hdr, size_t hlen, const void *data, size_t len,
                  const struct timespec *dl, wproc_read_fn fn, void *ctx, const int causes[5],
                  char *why, size_t whylen)
{
	struct wproc *w = NULL;
	enum wproc_err r;
	int err, alive = 0;

	if (whylen)
		why[0] = '\0';
	r = send_req(p, hdr, hlen, data, len, dl, &w, why, whylen);
	if (r)
		return causes[r];
	err = fn(w, dl, ctx, why, whylen, &alive);
	if (alive) {
		give(p, w);
		return err;
	}
	if (err == causes[WPROC_CRASH])
		return causes[death(p, w, why, whylen)];
	end(w);
	return err;
}

/* ---- The worker's side ---- */

void wproc_serve(const char *env, void (*fn)(int fd))
{
	struct rlimit none = {0, 0};

	if (!getenv(env))
		return;
	unsetenv(env);
	setrlimit(RLIMIT_CORE, &none);
	fn(WPROC_FD);
	_exit(0);
}

/* Sends (out) or receives n bytes whole; 0, or -1 when the peer is gone. */
static int move_all(int fd, void *buf, size_t n, int out)
{
	char *p = buf;

	while (n) {
		ssize_t r = out ? send(fd, p, n, MSG_NOSIGNAL) : recv(fd, p, n, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int send_all(int fd, const void *buf, size_t n)
{
	return move_all(fd, (void *)buf, n, 1);
}

int wproc_send_rec(int fd, char type, const void *a, size_t alen, const void *b, size_t blen)
{
	unsigned char h[5];
	uint32_t n = (uint32_t)(alen + blen);

	h[0] = (unsigned char)type;
	memcpy(h + 1, &n, 4);
	if (send_all(fd, h, 5) || (alen && send_all(fd, a, alen)) ||
	    (blen && send_all(fd, b, blen)))
		return -1;
	return 0;
}

int wproc_recv_all(int fd, void *buf, size_t n)
{
	return move_all(fd, buf, n, 0);
}

uint64_t wproc_vm_size(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;

	if (f) {
		if (fscanf(f, "%lu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
}

void wproc_set_soft_limit(int res, uint64_t v)
{
	struct rlimit rl;

	if (getrlimit(res, &rl) != 0)
		return;
	if (rl.rlim_max != RLIM_INFINITY && v > rl.rlim_max)
		v = rl.rlim_max;
	rl.rlim_cur = (rlim_t)v;
	setrlimit(res, &rl);
}

int wproc_recv_data(int fd, uint64_t base, uint64_t memory, uint64_t seconds, uint64_t len,
                    unsigned char **data)
{
	struct rusage ru;
	unsigned char *d;

	*data = NULL;
	/* The request's budget from now on: address space past what is mapped at
	 * rest, and processor time past what has been used. */
	wproc_set_soft_limit(RLIMIT_AS, base + memory + len);
	getrusage(RUSAGE_SELF, &ru);
	wproc_set_soft_limit(RLIMIT_CPU, (uint64_t)ru.ru_utime.tv_sec +
	                                     (uint64_t)ru.ru_stime.tv_sec + seconds + 1);
	d = malloc(len ? len : 1);
	if (!d) {
		/* Drain the request so the stream stays in step. */
		unsigned char sink[4096];

		while (len) {
			size_t k = len > sizeof(sink) ? sizeof(sink) : (size_t)len;

			if (wproc_recv_all(fd, sink, k))
				return -1;
			len -= k;
		}
		return 0;
	}
	if (wproc_recv_all(fd, d, len)) {
		free(d);
		return -1;
	}
	*data = d;
	return 0;
}

int wproc_done(int fd, char type, int err, uint64_t base, uint64_t retire, const char *why)
{
	unsigned char done[2];

	wproc_set_soft_limit(RLIMIT_AS, RLIM_INFINITY);
	done[0] = (unsigned char)err;
	/* A worker that has grown much gives memory back, or is not reused. */
	done[1] =
	    wproc_vm_size() > base + retire && (malloc_trim(0), wproc_vm_size() > base + retire);
	return wproc_send_rec(fd, type, done, 2, why, strlen(why));
}
