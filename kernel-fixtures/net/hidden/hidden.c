// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "hidden": an access the preprocessor hides in this configuration.
 * HIDDEN_MTU/HIDDEN_PRIORITY use plain convertible idioms, but the
 * HIDDEN_DEBUG_STATS case and its copy_to_user(optval, ...) sit inside
 * "#ifdef CONFIG_FIXTURE_DEBUG ... #endif", which kconfig.h leaves unset.
 * Expected verdict: manual, reason preprocessor-hidden.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_HIDDEN		308
#define HIDDEN_MTU		1
#define HIDDEN_PRIORITY		2
#define HIDDEN_DEBUG_STATS	99

struct hidden_sock {
	struct sock	sk;
	int		mtu;
#ifdef CONFIG_FIXTURE_DEBUG
	u64		dbg_counters[4];
#endif
};

#define hidden_sk(__sk)		((struct hidden_sock *)(__sk))

static int hidden_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len, val;

	if (level != SOL_HIDDEN)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	lock_sock(sk);
	switch (optname) {
	case HIDDEN_MTU:
		val = hidden_sk(sk)->mtu;
		break;
	case HIDDEN_PRIORITY:
		val = sk->sk_priority;
		break;
#ifdef CONFIG_FIXTURE_DEBUG
	case HIDDEN_DEBUG_STATS:
		len = min_t(unsigned int, len,
			    sizeof(hidden_sk(sk)->dbg_counters));
		val = copy_to_user(optval, hidden_sk(sk)->dbg_counters, len);
		release_sock(sk);
		if (val)
			return -EFAULT;
		return put_user(len, optlen) ? -EFAULT : 0;
#endif
	default:
		release_sock(sk);
		return -ENOPROTOOPT;
	}
	release_sock(sk);

	len = min_t(unsigned int, len, sizeof(int));
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops hidden_ops = {
	.family		= PF_CAIF,
	.getsockopt	= hidden_getsockopt,
};

int hidden_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &hidden_ops;
	return 0;
}
