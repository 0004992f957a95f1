// SPDX-License-Identifier: GPL-2.0
/*
 * Test input for parse-error.test: a translation unit that compiles, next to
 * three that do not. Its implementation must still be in the report.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

static int good_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	int len, val = 1;

	if (get_user(len, optlen))
		return -EFAULT;
	len = min_t(unsigned int, len, sizeof(int));
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops good_ops = {
	.getsockopt	= good_getsockopt,
};

const struct proto_ops *good_get_ops(void)
{
	return &good_ops;
}
