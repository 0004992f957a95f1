// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "indirect": optval/optlen go to a handler found at run time in a
 * table of registered operations (nf_getsockopt() and struct nf_sockopt_ops
 * in net/netfilter/nf_sockopt.c).
 * Expected: manual, indirect-call.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>

struct indirect_sockopt_ops {
	int get_optmin;
	int get_optmax;
	int (*get)(struct sock *sk, int optval, void __user *user, int *len);
};

static struct indirect_sockopt_ops *indirect_registered;

static int indirect_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct indirect_sockopt_ops *ops = indirect_registered;
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (!ops || optname < ops->get_optmin || optname >= ops->get_optmax)
		return -ENOPROTOOPT;
	return ops->get(sock->sk, optname, optval, &len);
}

static const struct proto_ops indirect_ops = {
	.family		= PF_INET,
	.getsockopt	= indirect_getsockopt,
};

int indirect_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &indirect_ops;
	return 0;
}
