// SPDX-License-Identifier: GPL-2.0
/*
 * kcov-init: the /init of the coverage measurement (e2e/coverage/measure.sh).
 * It is the getsockopt probe of the booted-kernel test (the .c files of e2e/probe/,
 * compiled with -Dmain=probe_main) run with kcov enabled on its task, and
 * linked with
 *
 *   -Wl,--wrap=syscall -Wl,--wrap=reboot
 *
 * The probe makes its getsockopt calls, by syscall and by io_uring_enter,
 * through syscall(); __wrap_syscall() drains the kcov buffer after each one
 * into a set of unique PCs, so the buffer only has to hold what the kernel
 * ran since the previous syscall() (socket(), close(), the probe's writes
 * and the call itself).  When the probe powers the guest off,
 * __wrap_reboot() appends the set to the transcript on ttyS1, after the
 * probe's PROBE-END line:
 *
 *   KCOV-PC <hex pc>            one per unique PC, in no particular order
 *   KCOV-END pcs=<N> drains=<D> overflows=<O> max=<M> dropped=<X>
 *   KCOV-ERROR <what> errno=<E> (instead, when kcov could not be set up)
 *
 * <O> counts drains that found the buffer full (PCs were lost), <M> is the
 * largest number of PCs one drain found, <X> the PCs the set had no room for.
 * kcov is per task: work the kernel does in other tasks (io_uring workers,
 * softirqs) is not seen.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

/* include/uapi/linux/kcov.h */
#define KCOV_INIT_TRACE		_IOR('c', 1, unsigned long)
#define KCOV_ENABLE		_IO('c', 100)
#define KCOV_DISABLE		_IO('c', 101)
#define KCOV_TRACE_PC		0

#define COVER_SIZE	(1UL << 20)	/* entries of the kcov buffer */
#define SET_BITS	20
#define SET_SIZE	(1UL << SET_BITS)	/* slots of the PC set */
#define SET_MAX		(SET_SIZE / 10 * 7)

int probe_main(void);
long __real_syscall(long nr, ...);
int __real_reboot(int how);

static unsigned long *cover;	/* cover[0]: count, cover[1..]: PCs */
static unsigned long *set;	/* open addressing, 0 = empty */
static unsigned long nr_pcs, drains, overflows, max_batch, dropped;
static int kcov_fd = -1;
static const char *setup_error;
static int setup_errno;

static void add_pc(unsigned long pc)
{
	unsigned long h = (pc * 0x9E3779B97F4A7C15UL) >> (64 - SET_BITS);

	while (set[h]) {
		if (set[h] == pc)
			return;
		h = (h + 1) & (SET_SIZE - 1);
	}
	if (nr_pcs >= SET_MAX) {
		dropped++;
		return;
	}
	set[h] = pc;
	nr_pcs++;
}

/* Move the PCs of the buffer into the set and empty the buffer. */
static void drain(void)
{
	unsigned long n;

	if (!cover)
		return;
	n = __atomic_load_n(&cover[0], __ATOMIC_RELAXED);
	if (n >= COVER_SIZE - 1) {
		n = COVER_SIZE - 1;
		overflows++;
	}
	if (n > max_batch)
		max_batch = n;
	for (unsigned long i = 0; i < n; i++)
		add_pc(cover[i + 1]);
	__atomic_store_n(&cover[0], 0, __ATOMIC_RELAXED);
	drains++;
}

static int fail(const char *what)
{
	setup_error = what;
	setup_errno = errno;
	return -1;
}

static int kcov_setup(void)
{
	void *p;

	mkdir("/debugfs", 0755);
	if (mount("debugfs", "/debugfs", "debugfs", 0, NULL))
		return fail("mount-debugfs");
	kcov_fd = open("/debugfs/kcov", O_RDWR);
	if (kcov_fd < 0)
		return fail("open-kcov");
	if (ioctl(kcov_fd, KCOV_INIT_TRACE, COVER_SIZE))
		return fail("KCOV_INIT_TRACE");
	p = mmap(NULL, COVER_SIZE * sizeof(unsigned long), PROT_READ | PROT_WRITE,
		 MAP_SHARED, kcov_fd, 0);
	if (p == MAP_FAILED)
		return fail("mmap-kcov");
	set = mmap(NULL, SET_SIZE * sizeof(unsigned long), PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (set == MAP_FAILED) {
		set = NULL;
		return fail("mmap-set");
	}
	cover = p;
	if (ioctl(kcov_fd, KCOV_ENABLE, KCOV_TRACE_PC)) {
		cover = NULL;
		return fail("KCOV_ENABLE");
	}
	__atomic_store_n(&cover[0], 0, __ATOMIC_RELAXED);
	return 0;
}

long __wrap_syscall(long nr, ...)
{
	long a[6], ret;
	int saved;
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	ret = __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	saved = errno;
	drain();
	errno = saved;
	return ret;
}

/* The PC set, appended to the transcript on ttyS1. */
static void dump(void)
{
	FILE *f;
	int fd;

	if (cover) {
		drain();
		ioctl(kcov_fd, KCOV_DISABLE, 0);
	}
	mknod("/dev/ttyS1", S_IFCHR | 0600, makedev(4, 65));
	fd = open("/dev/ttyS1", O_WRONLY | O_NOCTTY);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f)
		f = stdout;
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	if (setup_error) {
		fprintf(f, "KCOV-ERROR %s errno=%d\n", setup_error, setup_errno);
	} else {
		for (unsigned long i = 0; i < SET_SIZE; i++)
			if (set[i])
				fprintf(f, "KCOV-PC %lx\n", set[i]);
		fprintf(f, "KCOV-END pcs=%lu drains=%lu overflows=%lu max=%lu dropped=%lu\n",
			nr_pcs, drains, overflows, max_batch, dropped);
	}
	fflush(f);
	tcdrain(fileno(f));
}

int __wrap_reboot(int how)
{
	dump();
	sync();
	return __real_reboot(how);
}

int main(void)
{
	kcov_setup();
	return probe_main();
}
