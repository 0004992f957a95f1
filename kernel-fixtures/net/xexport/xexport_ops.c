// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xexport", part 2: hands optval/optlen on to
 * xexport_common_getsockopt() unchanged.
 * Expected: converted with xexport_common_getsockopt(), in one patch.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>
#include <net/xexport.h>

static int xexport_ops_getsockopt(struct socket *sock, int level, int optname,
				  char __user *optval, int __user *optlen)
{
	return xexport_common_getsockopt(sock, level, optname, optval, optlen);
}

static const struct proto_ops xexport_ops = {
	.family		= PF_INET,
	.getsockopt	= xexport_ops_getsockopt,
};

int xexport_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &xexport_ops;
	return 0;
}
