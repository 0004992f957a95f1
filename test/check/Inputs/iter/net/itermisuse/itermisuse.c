// SPDX-License-Identifier: GPL-2.0
/*
 * getsockopt_iter code with one misuse of sockopt_t per option, and one
 * correct option: the input of `check`'s iterator rules.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>
#include <net/sock.h>

#define ITERMISUSE_GOOD		1
#define ITERMISUSE_IGNORED	2
#define ITERMISUSE_DIRECTION	3
#define ITERMISUSE_RAW		4

static int itermisuse_getsockopt(struct socket *sock, int level, int optname,
				 sockopt_t *opt)
{
	int val = sock->sk->sk_priority;
	int len = min_t(int, opt->optlen, sizeof(val));

	switch (optname) {
	case ITERMISUSE_GOOD:
		if (copy_to_iter(&val, len, &opt->iter_out) != len)
			return -EFAULT;
		break;
	case ITERMISUSE_IGNORED:
		copy_to_iter(&val, len, &opt->iter_out);
		break;
	case ITERMISUSE_DIRECTION:
		if (copy_from_iter(&val, len, &opt->iter_out) != len)
			return -EFAULT;
		if (copy_to_iter(&val, len, &opt->iter_out) != len)
			return -EFAULT;
		break;
	case ITERMISUSE_RAW:
		if (!opt->iter_out.ubuf)
			return -EINVAL;
		if (copy_to_iter(&val, len, &opt->iter_out) != len)
			return -EFAULT;
		break;
	default:
		return -ENOPROTOOPT;
	}
	opt->optlen = len;
	return 0;
}

static const struct proto_ops itermisuse_ops = {
	.family		= PF_INET,
	.getsockopt_iter = itermisuse_getsockopt,
};

const struct proto_ops *itermisuse_ops_get(void)
{
	return &itermisuse_ops;
}
