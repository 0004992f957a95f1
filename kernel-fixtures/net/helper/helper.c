// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "helper": a same-file helper for another level (sco.c shape).
 * helper_getsockopt() handles SOL_HELPER itself and hands optval/optlen for
 * SOL_HELPER_OLD to the static helper_getsockopt_old(sock, optname, optval,
 * optlen), called from nowhere else. Both use plain clamped idioms.
 * Expected verdict: convertible (caller and helper), no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_HELPER		295
#define SOL_HELPER_OLD		296
#define HELPER_OPTIONS		1	/* SOL_HELPER_OLD */
#define HELPER_VOICE		11	/* SOL_HELPER */

struct helper_options {
	u16	mtu;
};

struct helper_sock {
	struct sock		sk;
	struct helper_options	opts;
	u16			setting;
};

#define helper_sk(__sk)		((struct helper_sock *)(__sk))

static int helper_getsockopt_old(struct socket *sock, int optname,
				 char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct helper_options opts;
	int err = 0;
	size_t len;

	if (get_user(len, optlen))
		return -EFAULT;

	lock_sock(sk);
	switch (optname) {
	case HELPER_OPTIONS:
		opts = helper_sk(sk)->opts;
		len = min(len, sizeof(opts));
		if (copy_to_user(optval, (char *)&opts, len))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

static int helper_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len;
	u16 voice;

	if (level == SOL_HELPER_OLD)
		return helper_getsockopt_old(sock, optname, optval, optlen);
	if (level != SOL_HELPER)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case HELPER_VOICE:
		voice = READ_ONCE(helper_sk(sk)->setting);
		len = min_t(unsigned int, len, sizeof(voice));
		return copy_to_user(optval, (char *)&voice, len) ? -EFAULT : 0;
	default:
		return -ENOPROTOOPT;
	}
}

static const struct proto_ops helper_ops = {
	.family		= PF_BLUETOOTH,
	.getsockopt	= helper_getsockopt,
};

int helper_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &helper_ops;
	return 0;
}
