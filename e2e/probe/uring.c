// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal io_uring: raw io_uring_setup()/io_uring_enter(), a single
 * submission in flight, no liburing.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/io_uring.h>

#include "uring.h"

/* include/uapi/linux/io_uring.h of 6.12: enum io_uring_socket_op */
#define SOCKET_URING_OP_GETSOCKOPT	2

static struct {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
} ring;

static void *map_ring(size_t size, off_t offset)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_POPULATE, ring.fd, offset);

	return p == MAP_FAILED ? NULL : p;
}

int uring_init(void)
{
	struct io_uring_params p;
	size_t sq_size, cq_size;
	char *sq, *cq;

	memset(&p, 0, sizeof(p));
	ring.fd = syscall(__NR_io_uring_setup, 1, &p);
	if (ring.fd < 0)
		return -errno;

	sq_size = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_size = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (p.features & IORING_FEAT_SINGLE_MMAP) {
		if (cq_size > sq_size)
			sq_size = cq_size;
		sq = cq = map_ring(sq_size, IORING_OFF_SQ_RING);
	} else {
		sq = map_ring(sq_size, IORING_OFF_SQ_RING);
		cq = map_ring(cq_size, IORING_OFF_CQ_RING);
	}
	ring.sqes = map_ring(p.sq_entries * sizeof(struct io_uring_sqe),
			     IORING_OFF_SQES);
	if (!sq || !cq || !ring.sqes)
		return -errno;

	ring.sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	ring.sq_mask = (unsigned int *)(sq + p.sq_off.ring_mask);
	ring.sq_array = (unsigned int *)(sq + p.sq_off.array);
	ring.cq_head = (unsigned int *)(cq + p.cq_off.head);
	ring.cq_tail = (unsigned int *)(cq + p.cq_off.tail);
	ring.cq_mask = (unsigned int *)(cq + p.cq_off.ring_mask);
	ring.cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	return 0;
}

/*
 * The getsockopt arguments (include/uapi/linux/io_uring.h of 6.12): level
 * and optname share the addr union, optlen the splice_fd_in one, optval the
 * addr3 one. The system's 6.1 header predates these names.
 */
static void prep_getsockopt(struct io_uring_sqe *sqe, int fd, int level,
			    int optname, void *optval, int optlen)
{
	const uint32_t addr[2] = { level, optname };

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_URING_CMD;
	sqe->fd = fd;
	sqe->cmd_op = SOCKET_URING_OP_GETSOCKOPT;
	memcpy(&sqe->addr, addr, sizeof(addr));
	sqe->splice_fd_in = optlen;
	sqe->addr3 = (uintptr_t)optval;
}

int uring_getsockopt(int fd, int level, int optname, void *optval, int optlen)
{
	unsigned int tail = *ring.sq_tail, head;
	int res;

	prep_getsockopt(&ring.sqes[0], fd, level, optname, optval, optlen);
	ring.sq_array[tail & *ring.sq_mask] = 0;
	__atomic_store_n(ring.sq_tail, tail + 1, __ATOMIC_RELEASE);

	if (syscall(__NR_io_uring_enter, ring.fd, 1, 1,
		    IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		return -errno;

	head = *ring.cq_head;
	if (head == __atomic_load_n(ring.cq_tail, __ATOMIC_ACQUIRE))
		return -EAGAIN;	/* not reached: io_uring_enter() waited for it */
	res = ring.cqes[head & *ring.cq_mask].res;
	__atomic_store_n(ring.cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}
