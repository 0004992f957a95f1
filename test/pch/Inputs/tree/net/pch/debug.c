// SPDX-License-Identifier: GPL-2.0
/*
 * test/pch: defines PCH_EXTRA_DEBUG, which the header tests: parsed with all its
 * headers.
 */
#define PCH_EXTRA_DEBUG
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

static int debug_getsockopt(struct socket *sock, int level, int optname,
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

static const struct proto_ops debug_ops = {
	.getsockopt	= debug_getsockopt,
};

const struct proto_ops *debug_get_ops(void)
{
	return &debug_ops;
}
