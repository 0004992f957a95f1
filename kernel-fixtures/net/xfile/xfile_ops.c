// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xfile", part 1: two legacy callbacks hand optval/optlen to
 * xfile_common_getsockopt() in net/xfile/xfile_common.c (ATM's
 * pvc_getsockopt()/svc_getsockopt() -> vcc_getsockopt() shape).
 * Expected: manual, cross-file-helper, and what the common code does:
 * XFILE_CLP stores an unsigned long into a buffer checked to be exactly an
 * int (SO_SETCLP): a short-buffer-efault change with the chain.
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
