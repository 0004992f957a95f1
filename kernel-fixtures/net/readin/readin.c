// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "readin": reading a request from optval before answering in it
 * (af_packet PACKET_HDRLEN shape). After checking len, READIN_QUERY does
 * copy_from_user(&q, optval, sizeof(q)) and READIN_HDRLEN get_user(val,
 * (int __user *)optval); the answer then goes to offset 0 with copy_to_user().
 * Reads use iter_in, writes iter_out (independent cursors), so this is fine.
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_READIN		292
#define READIN_QUERY		1
#define READIN_HDRLEN		2

struct readin_query {
	u32	id;		/* in: counter to read */
	u32	value;		/* out: its value */
};

struct readin_sock {
	struct sock	sk;
	u32		counters[4];
};

#define readin_sk(__sk)		((struct readin_sock *)(__sk))

static int readin_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct readin_query q;
	int len, val, lv = sizeof(val);
	void *data = &val;

	if (level != SOL_READIN)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case READIN_QUERY:
		if (len < sizeof(q))
			return -EINVAL;
		if (copy_from_user(&q, optval, sizeof(q)))
			return -EFAULT;
		if (q.id >= ARRAY_SIZE(readin_sk(sk)->counters))
			return -EINVAL;
		lock_sock(sk);
		q.value = readin_sk(sk)->counters[q.id];
		release_sock(sk);
		data = &q;
		lv = sizeof(q);
		break;
	case READIN_HDRLEN:
		if (len < sizeof(int))
			return -EINVAL;
		if (get_user(val, (int __user *)optval))
			return -EFAULT;
		val = val ? sizeof(struct readin_query) : sizeof(u32);
		break;
	default:
		return -ENOPROTOOPT;
	}

	if (len > lv)
		len = lv;
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, data, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops readin_ops = {
	.family		= PF_PACKET,
	.getsockopt	= readin_getsockopt,
};

int readin_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &readin_ops;
	return 0;
}
