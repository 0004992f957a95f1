// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "reread": optval is read back after being written. REREAD_STATS
 * copies the counters out with copy_to_user(optval, &st, len) and then reads
 * the first word back with get_user(seen, (u32 __user *)optval) to learn what
 * the caller was given. After conversion iter_in would still see the
 * caller's original bytes, not the ones just written.
 * Expected verdict: manual, reason optval-reread.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_REREAD		303
#define REREAD_STATS		1

struct reread_stats {
	u32	events;
	u32	drops;
};

struct reread_sock {
	struct sock		sk;
	struct reread_stats	stats;
	u32			acked;
};

#define reread_sk(__sk)		((struct reread_sock *)(__sk))

static int reread_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct reread_sock *rs = reread_sk(sk);
	struct reread_stats st;
	int len;
	u32 seen;

	if (level != SOL_REREAD)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(u32))
		return -EINVAL;

	switch (optname) {
	case REREAD_STATS:
		lock_sock(sk);
		st = rs->stats;
		release_sock(sk);
		len = min_t(unsigned int, len, sizeof(st));
		if (copy_to_user(optval, &st, len))
			return -EFAULT;
		if (get_user(seen, (u32 __user *)optval))
			return -EFAULT;
		lock_sock(sk);
		rs->acked = seen;
		release_sock(sk);
		break;
	default:
		return -ENOPROTOOPT;
	}

	return put_user(len, optlen) ? -EFAULT : 0;
}

static const struct proto_ops reread_ops = {
	.family		= PF_NFC,
	.getsockopt	= reread_getsockopt,
};

int reread_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &reread_ops;
	return 0;
}
