// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "forward": options for other levels go to an inner socket's legacy
 * callback (smc_getsockopt/clcsock shape): forward_getsockopt() hands
 * optval/optlen on with inner->ops->getsockopt(inner, level, optname, optval,
 * optlen). A converted forward_getsockopt would hold a sockopt_t, not user
 * pointers, and the inner protocol may not have getsockopt_iter yet.
 * Expected verdict: manual, reason forwarded-to-legacy-getsockopt.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define FORWARD_LIMIT_HS	1

struct forward_sock {
	struct sock	sk;
	struct socket	*clcsock;
	int		limit_hs;
};

#define forward_sk(__sk)	((struct forward_sock *)(__sk))

static int forward_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct socket *inner;
	int len, val, rc;

	if (level == SOL_SMC) {
		if (get_user(len, optlen))
			return -EFAULT;
		switch (optname) {
		case FORWARD_LIMIT_HS:
			val = forward_sk(sk)->limit_hs;
			break;
		default:
			return -ENOPROTOOPT;
		}
		len = min_t(unsigned int, len, sizeof(int));
		if (put_user(len, optlen))
			return -EFAULT;
		return copy_to_user(optval, &val, len) ? -EFAULT : 0;
	}

	lock_sock(sk);
	inner = forward_sk(sk)->clcsock;
	if (!inner)
		rc = -EBADF;
	else if (unlikely(!inner->ops->getsockopt))
		rc = -EOPNOTSUPP;
	else
		/* socket options apply to the inner socket */
		rc = inner->ops->getsockopt(inner, level, optname, optval,
					    optlen);
	release_sock(sk);
	return rc;
}

static const struct proto_ops forward_ops = {
	.family		= PF_SMC,
	.getsockopt	= forward_getsockopt,
};

int forward_create(struct net *net, struct socket *sock, int protocol,
		   int kern)
{
	sock->ops = &forward_ops;
	return 0;
}
