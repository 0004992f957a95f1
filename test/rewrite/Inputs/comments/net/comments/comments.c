// SPDX-License-Identifier: GPL-2.0
/*
 * Comments inside the calls a conversion replaces outlive them: after the
 * statement or condition that replaces the call, once (a comment the new
 * code carries already, such as one inside the buffer argument, is not
 * repeated), a // comment as a block one.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

static int comments_getsockopt(struct socket *sock, int level, int optname,
			 char __user *optval, int __user *optlen)
{
	int len, val;

	if (get_user(len, /* user length */ optlen))
		return -EFAULT;
	val = sock->sk->sk_priority; // host order
	if (level == SOL_SOCKET)
		return put_user(val, // the value
				(int __user *)optval);
	len = min_t(int, len, sizeof(val));
	if (copy_to_user(optval, (char *) /* whole */ &val /* keep: host order */, len))
		return -EFAULT;
	if (put_user(len, optlen)) /* tell the caller */
		return -EFAULT;
	return 0;
}

static const struct proto_ops comments_ops = {
	.family		= PF_INET,
	.getsockopt	= comments_getsockopt,
};

const struct proto_ops *comments_ops_get(void)
{
	return &comments_ops;
}
