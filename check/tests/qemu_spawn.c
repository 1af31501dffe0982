/*
 * Cross-built tests run under qemu-user, where a process cannot start the
 * running executable again (/proc/self/exe is an arm64 file that the host
 * kernel does not run without binfmt_misc).  Linked with
 * -Wl,--wrap=posix_spawn into the tests that start wproc workers, this
 * starts them through the emulator (CK_EMULATOR) instead, argv[0] kept.
 */
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int __real_posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                       const posix_spawnattr_t *attr, char *const argv[], char *const envp[]);
int __wrap_posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                       const posix_spawnattr_t *attr, char *const argv[], char *const envp[]);

int __wrap_posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                       const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	char self[PATH_MAX], **args;
	size_t n = 0, i;
	ssize_t len;
	int rc;

	if (strcmp(path, "/proc/self/exe") != 0)
		return __real_posix_spawn(pid, path, fa, attr, argv, envp);
	/* qemu-user answers with the emulated executable's name. */
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	while (argv[n])
		n++;
	args = calloc(n + 4, sizeof(*args));
	if (len <= 0 || n == 0 || !args) {
		free(args);
		return ENOEXEC;
	}
	self[len] = '\0';
	args[0] = (char *)CK_EMULATOR;
	args[1] = (char *)"-0";
	args[2] = argv[0];
	args[3] = self;
	for (i = 1; i < n; i++)
		args[3 + i] = argv[i];
	rc = posix_spawnp(pid, CK_EMULATOR, fa, attr, args, envp);
	free(args);
	return rc;
}
