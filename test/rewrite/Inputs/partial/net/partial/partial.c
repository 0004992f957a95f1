// SPDX-License-Identifier: GPL-2.0
/*
 * All or nothing: the optlen accesses and the copy_to_user() convert, but
 * get_user() of a u8 into an int converts the byte on the way, which a byte
 * copy from the iterator would not do. The whole implementation stays as it
 * is, and the rewrite says why.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/uaccess.h>
#include <net/sock.h>

static int partial_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	int len, mode;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(int))
		return -EINVAL;
	if (get_user(mode, (u8 __user *)optval))
		return -EFAULT;
	mode *= 2;
	if (copy_to_user(optval, &mode, sizeof(mode)))
		return -EFAULT;
	return 0;
}

static const struct proto_ops partial_ops = {
	.getsockopt	= partial_getsockopt,
};

const struct proto_ops *partial_ops_get(void)
{
	return &partial_ops;
}
