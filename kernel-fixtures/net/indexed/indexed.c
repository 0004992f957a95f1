// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "indexed": a loop writing one u32 per group at optval + pos, pos
 * growing by the width of each write (net/netlink/af_netlink.c,
 * NETLINK_LIST_MEMBERSHIPS). pos starts at 0 and moves by sizeof(u32) after
 * each sizeof(u32) write, so every write starts where the previous one
 * ended. The loop stops before a write that would not fit in len, and
 * optlen is set to the full size whatever len was: the caller learns how
 * much it would need, as before.
 * INDEXED_GAPPED writes 4 bytes every 8: the iterator cannot skip, and
 * indexed_gapped_getsockopt() stays manual: the rewrite finds a write that
 * does not start where the previous one ended.
 * Expected verdicts: indexed_getsockopt convertible, no behaviour change;
 * indexed_gapped_getsockopt manual, not-sequential.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_INDEXED		298
#define INDEXED_GROUPS		1
#define INDEXED_GAPPED		2

struct indexed_sock {
	struct sock	sk;
	u32		ngroups;
	unsigned long	*groups;
};

#define indexed_sk(__sk)	((struct indexed_sock *)(__sk))

static int indexed_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	struct indexed_sock *is = indexed_sk(sock->sk);
	int len, val;

	if (level != SOL_INDEXED)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case INDEXED_GROUPS: {
		int pos, idx, shift, err = 0;

		for (pos = 0; pos * 8 < is->ngroups; pos += sizeof(u32)) {
			if (len - pos < sizeof(u32))
				break;

			idx = pos / sizeof(unsigned long);
			shift = (pos % sizeof(unsigned long)) * 8;
			if (put_user((u32)(is->groups[idx] >> shift),
				     (u32 __user *)(optval + pos))) {
				err = -EFAULT;
				break;
			}
		}
		if (put_user((is->ngroups + 31) / 32 * sizeof(u32), optlen))
			err = -EFAULT;
		return err;
	}
	default:
		val = 0;
		break;
	}
	if (len < sizeof(int))
		return -EINVAL;
	len = sizeof(int);
	if (put_user(len, optlen) ||
	    copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static int indexed_gapped_getsockopt(struct socket *sock, int level, int optname,
				     char __user *optval, int __user *optlen)
{
	struct indexed_sock *is = indexed_sk(sock->sk);
	int len, pos;

	if (get_user(len, optlen))
		return -EFAULT;
	for (pos = 0; pos * 8 < is->ngroups; pos += 2 * sizeof(u32)) {
		if (len - pos < sizeof(u32))
			break;
		if (put_user((u32)is->groups[pos / 8], (u32 __user *)(optval + pos)))
			return -EFAULT;
	}
	return 0;
}

static const struct proto_ops indexed_ops = {
	.family =	PF_NETLINK,
	.getsockopt =	indexed_getsockopt,
};

static const struct proto_ops indexed_gapped_ops = {
	.family =	PF_NETLINK,
	.getsockopt =	indexed_gapped_getsockopt,
};

int indexed_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = protocol ? &indexed_gapped_ops : &indexed_ops;
	return 0;
}
