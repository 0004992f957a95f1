// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xfile", part 1: the callback hands optval/optlen, unchanged, to
 * xfile_common_getsockopt() in net/xfile/xfile_common.c (ATM's
 * pvc_getsockopt() -> vcc_getsockopt() shape).
 * Expected: convertible with the common code and net/xfile/xfile_svc.c, the
 * other caller, in one patch; the behaviour changes are the common code's.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>
#include <net/xfile.h>

static int xfile_pvc_getsockopt(struct socket *sock, int level, int optname,
				char __user *optval, int __user *optlen)
{
	return xfile_common_getsockopt(sock, level, optname, optval, optlen);
}

static const struct proto_ops xfile_pvc_ops = {
	.family		= PF_INET,
	.getsockopt	= xfile_pvc_getsockopt,
};

int xfile_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &xfile_pvc_ops;
	return 0;
}
