// SPDX-License-Identifier: GPL-2.0
/*
 * test/pch: its own pr_fmt replaces the header's default: parsed with the shared header.
 * It calls pch_hidden(), which only a header body split by a macro declares.
 */
#define pr_fmt(fmt) "prfmt: " fmt
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

static int prfmt_getsockopt(struct socket *sock, int level, int optname,
			 char __user *optval, int __user *optlen)
{
	int len, val = pch_hidden() + 1;

	if (get_user(len, optlen))
		return -EFAULT;
	len = min_t(unsigned int, len, sizeof(int));
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops prfmt_ops = {
	.getsockopt	= prfmt_getsockopt,
};

const struct proto_ops *prfmt_get_ops(void)
{
	return &prfmt_ops;
}
