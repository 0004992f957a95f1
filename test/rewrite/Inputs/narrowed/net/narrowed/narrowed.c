// SPDX-License-Identifier: GPL-2.0
/*
 * A write wider than the one length the code checks optlen to be writes
 * past the caller's buffer on every call (net/atm/common.c SO_SETCLP). A
 * put_user() of an integer at the start of optval, reached only on paths
 * that check that length, is narrowed to it. Near misses, left manual: the
 * same put_user() also reached by a path that checks a wide enough length,
 * and a copy_to_user() of a struct.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

struct narrowed_pair {
	int a;
	int b;
};

static int narrowed_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len != sizeof(int))
		return -EINVAL;
	return put_user(sock->sk->sk_priority, (unsigned long __user *)optval);
}

static int narrowed_mixed_getsockopt(struct socket *sock, int level, int optname,
				     char __user *optval, int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (level == SOL_SOCKET) {
		if (len != sizeof(int))
			return -EINVAL;
	} else if (len < sizeof(long)) {
		return -EINVAL;
	}
	return put_user(sock->sk->sk_priority, (unsigned long __user *)optval);
}

static int narrowed_struct_getsockopt(struct socket *sock, int level, int optname,
				      char __user *optval, int __user *optlen)
{
	struct narrowed_pair pair = { 1, 2 };
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len != sizeof(int))
		return -EINVAL;
	return copy_to_user(optval, &pair, sizeof(pair)) ? -EFAULT : 0;
}

static const struct proto_ops narrowed_ops = {
	.family		= PF_INET,
	.getsockopt	= narrowed_getsockopt,
};

static const struct proto_ops narrowed_mixed_ops = {
	.family		= PF_INET6,
	.getsockopt	= narrowed_mixed_getsockopt,
};

static const struct proto_ops narrowed_struct_ops = {
	.family		= PF_PACKET,
	.getsockopt	= narrowed_struct_getsockopt,
};

const struct proto_ops *narrowed_ops_get(int which)
{
	return which == 2 ? &narrowed_struct_ops : which ? &narrowed_mixed_ops : &narrowed_ops;
}
