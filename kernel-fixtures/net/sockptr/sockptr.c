// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "sockptr": a getsockopt that already takes sockptr_t (the
 * do_tcp_getsockopt()/sk_getsockopt() shape), reached from a legacy
 * proto_ops callback through USER_SOCKPTR() and from a BPF-like caller
 * through KERNEL_SOCKPTR(). One option per sockptr_t idiom:
 *   SP_PLAIN   copy_from_sockptr(&len, optlen), copy_to_sockptr(optlen),
 *              copy_to_sockptr(optval): convertible
 *   SP_OFFSET  copy_to_sockptr_offset() at constant, increasing offsets:
 *              convertible (sequential)
 *   SP_ZEROCOPY copy_from_sockptr(&zc, optval) then copy_to_sockptr(optval,
 *              &zc): read then write of one struct, iter_in then iter_out
 *   SP_STRUCT  copy_struct_from_sockptr(): struct-read-tail-check
 *   SP_STRIDE  copy_to_sockptr_offset() at a run-time offset:
 *              computed-offset-write
 *   SP_NULL    sockptr_is_null(optval): sockptr-null-test
 *   SP_RAW     optval.user: sockptr-raw-member
 * Expected: do_sp_getsockopt kind sockptr, manual, callers user + kernel,
 * per-option verdicts; sp_getsockopt manual: sockptr-bridge plus the same
 * reasons with the chain [sp_getsockopt, do_sp_getsockopt].
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/sockptr.h>
#include <net/sock.h>

#define SP_PLAIN	1
#define SP_OFFSET	2
#define SP_ZEROCOPY	3
#define SP_STRUCT	4
#define SP_STRIDE	5
#define SP_NULL		6
#define SP_RAW		7

struct sp_pair {
	u32 first;
	u32 second;
};

struct sp_zc {
	u64 address;
	u32 length;
	u32 flags;
};

int do_sp_getsockopt(struct sock *sk, int level, int optname,
		     sockptr_t optval, sockptr_t optlen)
{
	struct sp_pair pair = { 1, 2 };
	struct sp_zc zc;
	int val = 0, len, i;

	if (copy_from_sockptr(&len, optlen, sizeof(int)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case SP_PLAIN:
		len = min_t(unsigned int, len, sizeof(int));
		if (copy_to_sockptr(optlen, &len, sizeof(int)))
			return -EFAULT;
		if (copy_to_sockptr(optval, &val, len))
			return -EFAULT;
		return 0;
	case SP_OFFSET:
		if (len < sizeof(pair))
			return -EINVAL;
		if (copy_to_sockptr_offset(optval, 0, &pair.first, sizeof(u32)) ||
		    copy_to_sockptr_offset(optval, sizeof(u32), &pair.second, sizeof(u32)))
			return -EFAULT;
		return 0;
	case SP_ZEROCOPY:
		if (len < sizeof(zc))
			return -EINVAL;
		if (copy_from_sockptr(&zc, optval, sizeof(zc)))
			return -EFAULT;
		zc.flags = 0;
		if (copy_to_sockptr(optval, &zc, sizeof(zc)))
			return -EFAULT;
		return 0;
	case SP_STRUCT:
		if (copy_struct_from_sockptr(&zc, sizeof(zc), optval, len))
			return -EINVAL;
		return 0;
	case SP_STRIDE:
		if (len < sizeof(u32))
			return -EINVAL;
		for (i = 0; i < 4; i++)
			if (copy_to_sockptr_offset(optval, i * sizeof(u32), &val, sizeof(u32)))
				return -EFAULT;
		return 0;
	case SP_NULL:
		if (sockptr_is_null(optval))
			return -EINVAL;
		return 0;
	case SP_RAW:
		if (!optval.user)
			return -EINVAL;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static int sp_getsockopt(struct socket *sock, int level, int optname,
			 char __user *optval, int __user *optlen)
{
	return do_sp_getsockopt(sock->sk, level, optname, USER_SOCKPTR(optval),
				USER_SOCKPTR(optlen));
}

/* A kernel caller, as BPF's sol_tcp_sockopt() in net/core/filter.c. */
int sp_kernel_getsockopt(struct sock *sk, int optname, char *optval, int *optlen)
{
	return do_sp_getsockopt(sk, SOL_SOCKET, optname, KERNEL_SOCKPTR(optval),
				KERNEL_SOCKPTR(optlen));
}

static const struct proto_ops sp_ops = {
	.family		= PF_INET,
	.getsockopt	= sp_getsockopt,
};

int sp_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &sp_ops;
	return 0;
}
