// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xshared", part 2: hands optval/optlen on to
 * xshared_common_getsockopt() unchanged.
 * Expected: manual, cross-file-helper: the helper's other caller,
 * net/xshared/xshared_raw.c, does not convert.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>
#include <net/xshared.h>

static int xshared_ops_getsockopt(struct socket *sock, int level, int optname,
				  char __user *optval, int __user *optlen)
{
	return xshared_common_getsockopt(sock, level, optname, optval, optlen);
}

static const struct proto_ops xshared_ops = {
	.family		= PF_INET,
	.getsockopt	= xshared_ops_getsockopt,
};

int xshared_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &xshared_ops;
	return 0;
}
