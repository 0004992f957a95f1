// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xbody", part 2: hands optval/optlen on to
 * xbody_common_getsockopt() unchanged.
 * Expected: manual, cross-file-helper, with the helper's
 * computed-offset-write.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>
#include <net/xbody.h>

static int xbody_ops_getsockopt(struct socket *sock, int level, int optname,
				char __user *optval, int __user *optlen)
{
	return xbody_common_getsockopt(sock, level, optname, optval, optlen);
}

static const struct proto_ops xbody_ops = {
	.family		= PF_INET,
	.getsockopt	= xbody_ops_getsockopt,
};

int xbody_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &xbody_ops;
	return 0;
}
