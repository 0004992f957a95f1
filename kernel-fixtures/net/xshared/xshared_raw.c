// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xshared", part 3: the helper's other caller, which clears the
 * buffer with clear_user() for one option (no rule converts that) and
 * hands everything else to xshared_common_getsockopt().
 * Expected: manual, unrecognized-use and cross-file-helper.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/xshared.h>

#define XSHARED_RAW_CLEAR	9

static int xshared_raw_getsockopt(struct socket *sock, int level, int optname,
				  char __user *optval, int __user *optlen)
{
	if (optname == XSHARED_RAW_CLEAR)
		return clear_user(optval, sizeof(int)) ? -EFAULT : 0;
	return xshared_common_getsockopt(sock, level, optname, optval, optlen);
}

static const struct proto_ops xshared_raw_ops = {
	.family		= PF_INET,
	.getsockopt	= xshared_raw_getsockopt,
};

int xshared_raw_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &xshared_raw_ops;
	return 0;
}
