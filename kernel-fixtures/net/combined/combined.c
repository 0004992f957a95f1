// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "combined": length store and data copy in one condition: each
 * option picks a source and the function ends with "if (put_user(len, optlen)
 * || copy_to_user(optval, p, len)) err = -EFAULT;". The rewrite splits it
 * into "opt->optlen = len;" then the copy_to_iter() check, in that order.
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_COMBINED		293
#define COMBINED_NAME		1
#define COMBINED_STATS		2

struct combined_stats {
	u64	rx_packets;
	u64	tx_packets;
};

struct combined_sock {
	struct sock		sk;
	char			name[16];
	struct combined_stats	stats;
};

#define combined_sk(__sk)	((struct combined_sock *)(__sk))

static int combined_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct combined_sock *cs = combined_sk(sk);
	const void *p;
	int len, err = 0;

	if (level != SOL_COMBINED)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	lock_sock(sk);
	switch (optname) {
	case COMBINED_NAME:
		p = cs->name;
		len = min_t(unsigned int, len, strlen(cs->name) + 1);
		break;
	case COMBINED_STATS:
		p = &cs->stats;
		len = min_t(unsigned int, len, sizeof(cs->stats));
		break;
	default:
		release_sock(sk);
		return -ENOPROTOOPT;
	}

	if (put_user(len, optlen) || copy_to_user(optval, p, len))
		err = -EFAULT;
	release_sock(sk);
	return err;
}

static const struct proto_ops combined_ops = {
	.family		= PF_RDS,
	.getsockopt	= combined_getsockopt,
};

int combined_create(struct net *net, struct socket *sock, int protocol,
		    int kern)
{
	sock->ops = &combined_ops;
	return 0;
}
