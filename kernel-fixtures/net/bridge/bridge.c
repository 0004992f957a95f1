// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "bridge": optval/optlen bridged into sockptr_t (tcp_getsockopt
 * shape). bridge_getsockopt() ends with "return do_bridge_getsockopt(sk,
 * level, optname, USER_SOCKPTR(optval), USER_SOCKPTR(optlen));" and the
 * static do_bridge_getsockopt() works on sockptr_t with copy_from_sockptr()
 * and copy_to_sockptr(). Converting needs a sockptr <-> sockopt_t decision.
 * Expected verdict: manual, reason sockptr-bridge.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/sockptr.h>
#include <net/sock.h>

#define BRIDGE_NODELAY		1
#define BRIDGE_MAXSEG		2

struct bridge_sock {
	struct sock	sk;
	int		nodelay;
	int		mss_cache;
};

#define bridge_sk(__sk)		((struct bridge_sock *)(__sk))

static int do_bridge_getsockopt(struct sock *sk, int level, int optname,
				sockptr_t optval, sockptr_t optlen)
{
	int val, len;

	if (copy_from_sockptr(&len, optlen, sizeof(int)))
		return -EFAULT;
	len = min_t(unsigned int, len, sizeof(int));
	if (len < 0)
		return -EINVAL;

	lock_sock(sk);
	switch (optname) {
	case BRIDGE_NODELAY:
		val = bridge_sk(sk)->nodelay;
		break;
	case BRIDGE_MAXSEG:
		val = bridge_sk(sk)->mss_cache;
		break;
	default:
		release_sock(sk);
		return -ENOPROTOOPT;
	}
	release_sock(sk);

	if (copy_to_sockptr(optlen, &len, sizeof(int)))
		return -EFAULT;
	if (copy_to_sockptr(optval, &val, len))
		return -EFAULT;
	return 0;
}

static int bridge_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;

	if (level != SOL_TCP)
		return -ENOPROTOOPT;
	return do_bridge_getsockopt(sk, level, optname, USER_SOCKPTR(optval),
				    USER_SOCKPTR(optlen));
}

static const struct proto_ops bridge_ops = {
	.family		= PF_INET,
	.getsockopt	= bridge_getsockopt,
};

int bridge_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &bridge_ops;
	return 0;
}
