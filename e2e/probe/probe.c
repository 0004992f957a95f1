// SPDX-License-Identifier: GPL-2.0
/*
 * probe: the /init of the booted-kernel test. It calls getsockopt on every
 * socket of families.c, at every level and optname listed there, with a
 * range of optlen values and bad pointers, by syscall and by io_uring, and
 * writes what each call returned and wrote. The kernel is built before and
 * after sockopt-migrate's rewrite; e2e/compare.py compares the transcripts.
 *
 * The transcript goes to /dev/ttyS1 (the kernel log stays on ttyS0), or to
 * stdout when the probe is not pid 1 or ttyS1 cannot be opened. One record a
 * line, fields separated by a space, in the order of families.c:
 *
 *   PROBE-BEGIN 1
 *   SOCKET <entry> <family> <type> <protocol> <impl> ok|errno=<E>|setup-errno=<E>
 *   LEVEL <entry> <level> <LEVEL_NAME> <first> <last>
 *   OPTNAME <entry> <level> <optname> <NAME>
 *   CALL <entry> <level> <optname> <variant> ret=<R> errno=<E> olen=<N> bytes=<HEX>
 *   URING-SETUP errno=<E>
 *   URING <entry> <level> <optname> <optlen> res=<RES> bytes=<HEX>
 *   PROBE-END calls=<N>
 *
 * PROBE-ERROR <what> errno=<E> replaces everything after PROBE-BEGIN when
 * the probe cannot set itself up.
 *
 * SOCKET: socket() (and the entry's setup, e.g. bind) on a first socket;
 * <impl> is the kernel's struct proto_ops getsockopt for it, "-" if none.
 * When it fails, the entry has no other records. LEVEL and OPTNAME name the
 * numbers for the reader.
 *
 * CALL: getsockopt(2) on a fresh socket. <variant> is the optlen passed,
 * with optval a buffer of max(optlen, 0) + 128 bytes that ends at a
 * PROT_NONE page, filled with the byte pattern 0xA5 ^ (i * 7); or one of
 * null-optval (optval NULL, optlen 4), unmapped-4 and unmapped-256 (optval
 * an unmapped page), null-optlen (optlen NULL, optval a 128-byte buffer).
 * <E> is an errno name (a number when unnamed), 0 on success. <N> is the
 * optlen read back after the call, "-" for null-optlen. <HEX> is the buffer
 * from its first byte up to the last byte that no longer holds the pattern,
 * "-" when none changed or there is no buffer. When the fresh socket cannot
 * be made the fields are socket-errno=<E> or setup-errno=<E> instead.
 *
 * URING: IORING_OP_URING_CMD SOCKET_URING_OP_GETSOCKOPT on a fresh socket,
 * for each optlen of the CALL records with the same kind of buffer. <RES> is
 * the completion's result: optlen on success, -<E> on failure. URING-SETUP
 * replaces all URING records when io_uring_setup() fails.
 *
 * <N> in PROBE-END counts getsockopt calls, by syscall and by io_uring.
 *
 * Built by the booted-kernel test (test/e2e/booted-6.12.test) from every
 * .c file of e2e/probe, with clang-19 -static -O2 -Wall -Wextra -o init,
 * and runnable as an ordinary program too (it then writes to stdout and
 * does not power off).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

#include "errnames.h"
#include "families.h"
#include "uring.h"

static const int optlens[] = { -1, 0, 1, 2, 3, 4, 5, 7, 8, 12, 16, 32, 64, 256, 4096 };
#define NR_OPTLENS	(sizeof(optlens) / sizeof(optlens[0]))
#define SLACK		128	/* bytes after optlen: writes past it show */
#define MAX_BUF		(4096 + SLACK)

static FILE *out;
static unsigned long calls;
static int uring_err;

/* The end of the buffer area, an unmapped page after it; and a hole. */
static unsigned char *buf_end;
static void *unmapped;

static unsigned char pattern(size_t i)
{
	return 0xA5 ^ (unsigned char)(i * 7);
}

/* A buffer of size bytes holding the pattern, ending at the guard page. */
static unsigned char *fill(size_t size)
{
	unsigned char *buf = buf_end - size;

	for (size_t i = 0; i < size; i++)
		buf[i] = pattern(i);
	return buf;
}

static void print_bytes(const unsigned char *buf, size_t size)
{
	size_t n = size;

	while (n && buf[n - 1] == pattern(n - 1))
		n--;
	fputs(" bytes=", out);
	if (!n)
		fputc('-', out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", buf[i]);
}

static const char *err(int e)
{
	static char num[12];

	return errname(e, num);
}

/* Puts a socket of the entry in the state its calls need; -errno on failure. */
static int setup(const struct entry *e, int fd)
{
	struct sockaddr_storage sa;

	switch (e->setup) {
	case SETUP_BT_BIND:
		/* rfcomm_sock_bind(): struct sockaddr_rc, zeros after the family */
		memset(&sa, 0, sizeof(sa));
		sa.ss_family = AF_BLUETOOTH;
		return bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ? -errno : 0;
	case SETUP_NONE:
		break;
	}
	return 0;
}

/* A fresh socket, or -1 after printing why there is none. */
static int fresh_socket(const struct entry *e)
{
	int fd = socket(e->family, e->type, e->protocol), ret;

	if (fd < 0) {
		fprintf(out, " socket-errno=%s\n", err(errno));
		return -1;
	}
	ret = setup(e, fd);
	if (ret) {
		fprintf(out, " setup-errno=%s\n", err(-ret));
		close(fd);
		return -1;
	}
	return fd;
}

enum variant { NORMAL, NULL_OPTVAL, UNMAPPED, NULL_OPTLEN };

static void call(const struct entry *e, int level, int optname,
		 enum variant v, int optlen)
{
	unsigned char *buf = NULL;
	size_t size = 0;
	void *optval;
	int olen = optlen, fd, ret, saved;

	switch (v) {
	case NORMAL:
		fprintf(out, "CALL %s %d %d %d", e->name, level, optname, optlen);
		break;
	case NULL_OPTVAL:
		fprintf(out, "CALL %s %d %d null-optval", e->name, level, optname);
		break;
	case UNMAPPED:
		fprintf(out, "CALL %s %d %d unmapped-%d", e->name, level, optname, optlen);
		break;
	case NULL_OPTLEN:
		fprintf(out, "CALL %s %d %d null-optlen", e->name, level, optname);
		break;
	}
	fd = fresh_socket(e);
	if (fd < 0)
		return;

	if (v == NORMAL || v == NULL_OPTLEN) {
		size = (optlen > 0 ? optlen : 0) + SLACK;
		buf = fill(size);
	}
	optval = v == UNMAPPED ? unmapped : buf;
	ret = syscall(SYS_getsockopt, fd, level, optname, optval,
		      v == NULL_OPTLEN ? NULL : &olen);
	saved = ret ? errno : 0;
	calls++;
	close(fd);

	fprintf(out, " ret=%d errno=%s", ret, err(saved));
	if (v == NULL_OPTLEN)
		fputs(" olen=-", out);
	else
		fprintf(out, " olen=%d", olen);
	if (buf)
		print_bytes(buf, size);
	else
		fputs(" bytes=-", out);
	fputc('\n', out);
}

static void uring_call(const struct entry *e, int level, int optname, int optlen)
{
	size_t size = (optlen > 0 ? optlen : 0) + SLACK;
	unsigned char *buf;
	int fd, res;

	fprintf(out, "URING %s %d %d %d", e->name, level, optname, optlen);
	fd = fresh_socket(e);
	if (fd < 0)
		return;

	buf = fill(size);
	res = uring_getsockopt(fd, level, optname, buf, optlen);
	calls++;
	close(fd);

	if (res < 0)
		fprintf(out, " res=-%s", err(-res));
	else
		fprintf(out, " res=%d", res);
	print_bytes(buf, size);
	fputc('\n', out);
}

static void probe_optname(const struct entry *e, int level, int optname)
{
	for (size_t i = 0; i < NR_OPTLENS; i++)
		call(e, level, optname, NORMAL, optlens[i]);
	call(e, level, optname, NULL_OPTVAL, 4);
	call(e, level, optname, UNMAPPED, 4);
	call(e, level, optname, UNMAPPED, 256);
	call(e, level, optname, NULL_OPTLEN, 0);
	if (uring_err)
		return;
	for (size_t i = 0; i < NR_OPTLENS; i++)
		uring_call(e, level, optname, optlens[i]);
}

static void probe_entry(const struct entry *e)
{
	const struct level *l;
	const struct optname *o;
	int fd, ret;

	fprintf(out, "SOCKET %s %d %d %d %s", e->name, e->family, e->type,
		e->protocol, e->impl ? e->impl : "-");
	fd = socket(e->family, e->type, e->protocol);
	if (fd < 0) {
		fprintf(out, " errno=%s\n", err(errno));
		return;
	}
	ret = setup(e, fd);
	close(fd);
	if (ret) {
		fprintf(out, " setup-errno=%s\n", err(-ret));
		return;
	}
	fputs(" ok\n", out);

	for (l = e->levels; l->name; l++) {
		fprintf(out, "LEVEL %s %d %s %d %d\n", e->name, l->level,
			l->name, l->first, l->last);
		for (o = l->names; o && o->name; o++)
			if (o->num >= l->first && o->num <= l->last)
				fprintf(out, "OPTNAME %s %d %d %s\n", e->name,
					l->level, o->num, o->name);
	}
	for (l = e->levels; l->name; l++)
		for (int optname = l->first; optname <= l->last; optname++)
			probe_optname(e, l->level, optname);
}

/*
 * The second serial port as a raw tty (no \r added to each \n), at the
 * fastest common rate in case the emulated UART paces its output.
 */
static FILE *open_ttyS1(void)
{
	struct termios t;
	int fd;

	mkdir("/dev", 0755);
	mknod("/dev/ttyS1", S_IFCHR | 0600, makedev(4, 65));
	fd = open("/dev/ttyS1", O_WRONLY | O_NOCTTY);
	if (fd < 0)
		return NULL;
	if (!tcgetattr(fd, &t)) {
		cfmakeraw(&t);
		cfsetspeed(&t, B115200);
		tcsetattr(fd, TCSANOW, &t);
	}
	return fdopen(fd, "w");
}

/*
 * The buffer area ends at a PROT_NONE page, so that a write past the
 * buffer faults rather than going unseen.
 */
static int map_buffers(void)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t area = (MAX_BUF + page - 1) / page * page;
	unsigned char *p = mmap(NULL, area + page, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + area, page, PROT_NONE))
		return -1;
	buf_end = p + area;
	return 0;
}

/*
 * A page unmapped after every other mapping was made (the static libc
 * allocates with brk), so that nothing maps it again.
 */
static int make_hole(void)
{
	long page = sysconf(_SC_PAGESIZE);

	unmapped = mmap(NULL, page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (unmapped == MAP_FAILED || munmap(unmapped, page))
		return -1;
	return 0;
}

static void probe_all(void)
{
	uring_err = uring_init();
	if (make_hole()) {
		fprintf(out, "PROBE-ERROR munmap errno=%s\n", err(errno));
		return;
	}
	if (uring_err)
		fprintf(out, "URING-SETUP errno=%s\n", err(-uring_err));
	for (size_t i = 0; i < nr_entries; i++)
		probe_entry(&entries[i]);
	fprintf(out, "PROBE-END calls=%lu\n", calls);
}

int main(void)
{
	const int init = getpid() == 1;

	out = init ? open_ttyS1() : NULL;
	if (!out)
		out = stdout;
	setvbuf(out, NULL, _IOFBF, 1 << 16);

	fputs("PROBE-BEGIN 1\n", out);
	if (map_buffers())
		fprintf(out, "PROBE-ERROR mmap errno=%s\n", err(errno));
	else
		probe_all();
	fflush(out);
	if (!init)
		return 0;

	/* /init must not return: the kernel would panic. */
	tcdrain(fileno(out));
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
