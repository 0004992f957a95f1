// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "collide_a": one of two files that each define a static
 * raw_getsockopt() (net/can/raw.c vs net/ipv4/raw.c). This one is the CAN_RAW
 * shape: a switch that points val at an int and clamps len, then put_user(len,
 * optlen) and copy_to_user(optval, val, len). Findings must be told apart by
 * file, not by function name.
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_CAN_RAW		101	/* SOL_CAN_BASE + CAN_RAW */
#define CAN_RAW_LOOPBACK	3
#define CAN_RAW_RECV_OWN_MSGS	4

struct raw_sock {
	struct sock	sk;
	int		loopback;
	int		recv_own_msgs;
};

#define raw_sk(__sk)		((struct raw_sock *)(__sk))

static int raw_getsockopt(struct socket *sock, int level, int optname,
			  char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct raw_sock *ro = raw_sk(sk);
	int len;
	void *val;

	if (level != SOL_CAN_RAW)
		return -EINVAL;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case CAN_RAW_LOOPBACK:
		if (len > sizeof(int))
			len = sizeof(int);
		val = &ro->loopback;
		break;
	case CAN_RAW_RECV_OWN_MSGS:
		if (len > sizeof(int))
			len = sizeof(int);
		val = &ro->recv_own_msgs;
		break;
	default:
		return -ENOPROTOOPT;
	}

	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, val, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops raw_ops = {
	.family		= PF_CAN,
	.getsockopt	= raw_getsockopt,
};

int can_raw_create(struct net *net, struct socket *sock, int protocol,
		   int kern)
{
	sock->ops = &raw_ops;
	return 0;
}
