/* SPDX-License-Identifier: GPL-2.0 */
/* getsockopt through io_uring's SOCKET_URING_OP_GETSOCKOPT, one call at a time. */
#ifndef PROBE_URING_H
#define PROBE_URING_H

/* Sets up a one-entry ring: 0, or -errno of io_uring_setup() or mmap(). */
int uring_init(void);

/*
 * The completion's result: optlen on success, -errno otherwise
 * (io_uring_cmd_getsockopt(), io_uring/uring_cmd.c). -errno of
 * io_uring_enter() if the submission itself failed.
 */
int uring_getsockopt(int fd, int level, int optname, void *optval, int optlen);

#endif
