// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "converted": already on the new API (l2cap_sock.c shape).
 * converted_getsockopt() takes sockopt_t *opt, reads opt->optlen, writes with
 * copy_to_iter(..., &opt->iter_out) and is registered as .getsockopt_iter;
 * there is no legacy .getsockopt here, nothing to classify or rewrite.
 * Expected verdict: already converted; never flagged, never rewritten.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <net/sock.h>

#define SOL_CONVERTED		299
#define CONVERTED_SECURITY	4
#define CONVERTED_FLUSHABLE	8

struct converted_security {
	u8	level;
	u8	key_size;
};

struct converted_sock {
	struct sock	sk;
	u8		sec_level;
	u32		flushable;
};

#define converted_sk(__sk)	((struct converted_sock *)(__sk))

static int converted_getsockopt(struct socket *sock, int level, int optname,
				sockopt_t *opt)
{
	struct sock *sk = sock->sk;
	struct converted_security sec;
	int len, err = 0;
	u32 val;

	if (level != SOL_CONVERTED)
		return -ENOPROTOOPT;

	len = opt->optlen;

	lock_sock(sk);
	switch (optname) {
	case CONVERTED_SECURITY:
		memset(&sec, 0, sizeof(sec));
		sec.level = converted_sk(sk)->sec_level;
		len = min_t(unsigned int, len, sizeof(sec));
		if (copy_to_iter(&sec, len, &opt->iter_out) != len)
			err = -EFAULT;
		opt->optlen = len;
		break;
	case CONVERTED_FLUSHABLE:
		val = converted_sk(sk)->flushable;
		if (copy_to_iter(&val, sizeof(val), &opt->iter_out) !=
		    sizeof(val))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

static const struct proto_ops converted_ops = {
	.family			= PF_BLUETOOTH,
	.getsockopt_iter	= converted_getsockopt,
};

int converted_create(struct net *net, struct socket *sock, int protocol,
		     int kern)
{
	sock->ops = &converted_ops;
	return 0;
}
