// SPDX-License-Identifier: GPL-2.0
/*
 * The last #include <linux/...> line is inside an #ifdef: <linux/uio.h>
 * goes after the last one outside it, so that every configuration has it.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#ifdef CONFIG_IFDEFINC_DEBUG
#include <linux/kernel.h>
#endif

static int ifdefinc_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	int len, val = sock->sk->sk_priority;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(val))
		return -EINVAL;
	if (copy_to_user(optval, &val, sizeof(val)))
		return -EFAULT;
	return put_user(sizeof(val), optlen);
}

static const struct proto_ops ifdefinc_ops = {
	.family		= PF_INET,
	.getsockopt	= ifdefinc_getsockopt,
};

const struct proto_ops *ifdefinc_ops_get(void)
{
	return &ifdefinc_ops;
}
