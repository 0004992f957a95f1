// SPDX-License-Identifier: GPL-2.0
/*
 * Stores to optlen that are the whole, unbraced body of an if: their
 * replacement is two statements, so braces go around them (can raw's
 * `if (!err) err = put_user(len, optlen);`, tipc's `return put_user(0, ol);`).
 * Under an else they are left to a person.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define BRACES_PRIO	1

static int braces_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	int len, val, err = 0;

	if (level != SOL_SOCKET)
		return put_user(0, optlen);
	if (get_user(len, optlen))
		return -EFAULT;
	if (optname != BRACES_PRIO)
		return -ENOPROTOOPT;
	val = sock->sk->sk_priority;
	len = min_t(int, len, sizeof(val));
	if (copy_to_user(optval, &val, len))
		err = -EFAULT;
	if (!err)
		err = put_user(len, optlen);
	return err;
}

static int braces_else_getsockopt(struct socket *sock, int level, int optname,
				  char __user *optval, int __user *optlen)
{
	int len, err;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		err = -EINVAL;
	else
		err = put_user(0, optlen);
	return err;
}

static const struct proto_ops braces_ops = {
	.family		= PF_INET,
	.getsockopt	= braces_getsockopt,
};

static const struct proto_ops braces_else_ops = {
	.family		= PF_INET6,
	.getsockopt	= braces_else_getsockopt,
};

const struct proto_ops *braces_ops_get(int which)
{
	return which ? &braces_else_ops : &braces_ops;
}
