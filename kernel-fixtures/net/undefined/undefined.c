// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "undefined": the registered getsockopt is declared here but
 * defined in a file the compilation database does not list, so no scanned
 * translation unit holds its body.
 * Expected verdict: manual, definition-not-scanned.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>

int undefined_getsockopt(struct socket *sock, int level, int optname,
			 char __user *optval, int __user *optlen);

static const struct proto_ops undefined_ops = {
	.family		= PF_MCTP,
	.getsockopt	= undefined_getsockopt,
};

int undefined_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &undefined_ops;
	return 0;
}
