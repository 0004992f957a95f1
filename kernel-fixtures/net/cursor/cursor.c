// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "cursor": sequential writes through a derived pointer.
 * CURSOR_COUNTERS checks len against the total first, then writes three values
 * through "char __user *p = optval;" with "p += sizeof(x);" after each
 * copy_to_user(p, ...): constant, increasing offsets, one copy_to_iter() each.
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_CURSOR		294
#define CURSOR_COUNTERS		1

struct cursor_sock {
	struct sock	sk;
	u64		rx_packets;
	u64		tx_packets;
	u32		drops;
};

#define cursor_sk(__sk)		((struct cursor_sock *)(__sk))

static int cursor_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct cursor_sock *cs = cursor_sk(sk);
	char __user *p = optval;
	u64 rx, tx;
	u32 drops;
	int len;

	if (level != SOL_CURSOR)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case CURSOR_COUNTERS:
		if (len < sizeof(rx) + sizeof(tx) + sizeof(drops))
			return -EINVAL;
		lock_sock(sk);
		rx = cs->rx_packets;
		tx = cs->tx_packets;
		drops = cs->drops;
		release_sock(sk);
		if (copy_to_user(p, &rx, sizeof(rx)))
			return -EFAULT;
		p += sizeof(rx);
		if (copy_to_user(p, &tx, sizeof(tx)))
			return -EFAULT;
		p += sizeof(tx);
		if (copy_to_user(p, &drops, sizeof(drops)))
			return -EFAULT;
		len = sizeof(rx) + sizeof(tx) + sizeof(drops);
		break;
	default:
		return -ENOPROTOOPT;
	}

	if (put_user(len, optlen))
		return -EFAULT;
	return 0;
}

static const struct proto_ops cursor_ops = {
	.family		= PF_TIPC,
	.getsockopt	= cursor_getsockopt,
};

int cursor_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &cursor_ops;
	return 0;
}
