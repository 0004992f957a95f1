// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "collide_b": the second static raw_getsockopt() (see collide_a;
 * net/ipv4/raw.c ICMP_FILTER shape): min_t() clamp, put_user(len, optlen),
 * copy_to_user(optval, data, len). Same function and ops names as collide_a,
 * different file: both must be found and reported under their own file.
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define ICMP_FILTER		1
#define IP_HDRINCL		3

struct icmp_filter {
	u32	data;
};

struct raw_sock {
	struct sock		sk;
	struct icmp_filter	filter;
	int			hdrincl;
};

#define raw_sk(__sk)		((struct raw_sock *)(__sk))

static int raw_getsockopt(struct socket *sock, int level, int optname,
			  char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct icmp_filter filter;
	int len, val;
	void *data;

	if (level != SOL_RAW)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	lock_sock(sk);
	switch (optname) {
	case ICMP_FILTER:
		filter = raw_sk(sk)->filter;
		len = min_t(unsigned int, len, sizeof(filter));
		data = &filter;
		break;
	case IP_HDRINCL:
		val = raw_sk(sk)->hdrincl;
		len = min_t(unsigned int, len, sizeof(val));
		data = &val;
		break;
	default:
		release_sock(sk);
		return -ENOPROTOOPT;
	}
	release_sock(sk);

	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, data, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops raw_ops = {
	.family		= PF_INET,
	.getsockopt	= raw_getsockopt,
};

int inet_raw_create(struct net *net, struct socket *sock, int protocol,
		    int kern)
{
	sock->ops = &raw_ops;
	return 0;
}
