/*
 * http_bench — latency and throughput of baomi's API from a client with
 * keep-alive connections (libcurl), for bench/run.sh.
 *
 *   http_bench get  URL TOKEN REQUESTS PATH [PATH...]   → p50/p99/max ms of GETs
 *   http_bench post URL TOKEN REQUESTS THREADS PATH JSON → requests per second
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static size_t sink(char *p, size_t s, size_t n, void *a)
{
	(void)p, (void)a;
	return s * n;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct post_job {
	const char *url, *auth, *body;
	int n, failed;
};

static void *post_run(void *arg)
{
	struct post_job *j = arg;
	struct curl_slist *h = NULL;
	CURL *c = curl_easy_init();

	h = curl_slist_append(h, j->auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, j->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, j->body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	for (int i = 0; i < j->n; i++) {
		long code = 0;

		if (curl_easy_perform(c) != CURLE_OK)
			j->failed++;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (code != 201)
			j->failed++;
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return NULL;
}

int main(int argc, char **argv)
{
	char auth[256], url[4096];

	if (argc < 6)
		return fprintf(stderr, "usage: see the comment in http_bench.c\n"), 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", argv[3]);
	if (!strcmp(argv[1], "get")) {
		int n = atoi(argv[4]), npaths = argc - 5, bad = 0;
		double *lat = calloc((size_t)n, sizeof(double));
		struct curl_slist *h = curl_slist_append(NULL, auth);
		CURL *c = curl_easy_init();

		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
		for (int i = 0; i < n; i++) {
			long code = 0;
			double t0;

			snprintf(url, sizeof(url), "%s%s", argv[2], argv[5 + i % npaths]);
			curl_easy_setopt(c, CURLOPT_URL, url);
			t0 = now_ms();
			if (curl_easy_perform(c) != CURLE_OK)
				bad++;
			lat[i] = now_ms() - t0;
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
			if (code != 200)
				bad++;
		}
		qsort(lat, (size_t)n, sizeof(double), cmp);
		printf("%d requests: p50 %.2f ms, p99 %.2f ms, max %.2f ms, failed %d\n", n,
		       lat[n / 2], lat[(int)(n * 0.99)], lat[n - 1], bad);
		curl_slist_free_all(h);
		curl_easy_cleanup(c);
		free(lat);
		return bad ? 1 : 0;
	}
	if (!strcmp(argv[1], "post") && argc == 8) {
		int n = atoi(argv[4]), t = atoi(argv[5]), failed = 0;
		struct post_job jobs[16];
		pthread_t tid[16];
		double t0;

		if (t < 1 || t > 16)
			return 2;
		snprintf(url, sizeof(url), "%s%s", argv[2], argv[6]);
		t0 = now_ms();
		for (int i = 0; i < t; i++) {
			jobs[i] = (struct post_job){url, auth, argv[7], n / t, 0};
			pthread_create(&tid[i], NULL, post_run, &jobs[i]);
		}
		for (int i = 0; i < t; i++) {
			pthread_join(tid[i], NULL);
			failed += jobs[i].failed;
		}
		printf("%d requests in %.2f s: %.0f per second, failed %d\n", n / t * t,
		       (now_ms() - t0) / 1e3, (n / t * t) / ((now_ms() - t0) / 1e3), failed);
		return failed ? 1 : 0;
	}
	return 2;
}
