// SPDX-License-Identifier: GPL-2.0
/*
 * test/pch: never includes <net/sock.h>: parsed again with all its headers.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>


static int nosock_getsockopt(struct socket *sock, int level, int optname,
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

static const struct proto_ops nosock_ops = {
	.getsockopt	= nosock_getsockopt,
};

const struct proto_ops *nosock_get_ops(void)
{
	return &nosock_ops;
}
