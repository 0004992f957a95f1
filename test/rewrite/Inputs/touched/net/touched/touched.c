// SPDX-License-Identifier: GPL-2.0
/*
 * Lines the rewrite touches leave the patch checkpatch --strict clean where
 * only spacing or parentheses stand in the way, and keep every word:
 * tipc's `if ((lvl == IPPROTO_TCP) && (sock->type == SOCK_STREAM))`, which
 * gets braces, loses the parentheses around its comparisons; rfcomm's
 * `(char *) &cinfo` loses the space after the cast. Near misses: parentheses
 * around a bitwise and, and a cast with a comment after it, stay.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define TOUCHED_INFO	1

struct touched_info {
	int a;
	int b;
};

static int touched_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	struct touched_info info = { 0 };
	int len;

	if ((level == SOL_TCP) && (sock->type == SOCK_STREAM) && (sock->flags & 1))
		return put_user(0, optlen);
	if (get_user(len, optlen))
		return -EFAULT;
	if (optname != TOUCHED_INFO)
		return -ENOPROTOOPT;
	len = min_t(unsigned int, len, sizeof(info));
	if (level == SOL_SOCKET) {
		if (copy_to_user(optval, (char *) &info, len))
			return -EFAULT;
	} else {
		if (copy_to_user(optval, (char *) /* whole */ &info, len))
			return -EFAULT;
	}
	return put_user(len, optlen);
}

static const struct proto_ops touched_ops = {
	.family		= PF_INET,
	.getsockopt	= touched_getsockopt,
};

const struct proto_ops *touched_ops_get(void)
{
	return &touched_ops;
}
