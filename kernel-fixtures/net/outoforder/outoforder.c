// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "outoforder": a write behind the cursor (sctp_getsockopt_peer_addrs
 * shape). "to = optval + offsetof(struct outoforder_getaddrs, addrs)" is
 * written in a loop with "to += addrlen"; afterwards the count goes to a lower
 * offset with put_user(cnt, &((struct outoforder_getaddrs __user *)optval)
 * ->addr_num), where iter_out has already passed.
 * Expected verdict: manual, reason out-of-order-write.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_OUTOFORDER		301
#define OUTOFORDER_PEER_ADDRS	108

struct outoforder_getaddrs {
	s32	assoc_id;
	u32	addr_num;
	u8	addrs[];
};

struct outoforder_sock {
	struct sock		sk;
	s32			assoc_id;
	int			npeers;
	struct sockaddr_storage	peers[4];
};

#define outoforder_sk(__sk)	((struct outoforder_sock *)(__sk))

static int outoforder_getsockopt(struct socket *sock, int level, int optname,
				 char __user *optval, int __user *optlen)
{
	struct outoforder_sock *os = outoforder_sk(sock->sk);
	struct outoforder_getaddrs getaddrs;
	int len, i, addrlen, cnt = 0, bytes_copied;
	size_t space_left;
	void __user *to;

	if (level != SOL_OUTOFORDER)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case OUTOFORDER_PEER_ADDRS:
		if (len < sizeof(struct outoforder_getaddrs))
			return -EINVAL;
		if (copy_from_user(&getaddrs, optval, sizeof(getaddrs)))
			return -EFAULT;
		if (getaddrs.assoc_id && getaddrs.assoc_id != os->assoc_id)
			return -EINVAL;
		to = optval + offsetof(struct outoforder_getaddrs, addrs);
		space_left = len - offsetof(struct outoforder_getaddrs, addrs);
		bytes_copied = offsetof(struct outoforder_getaddrs, addrs);
		for (i = 0; i < os->npeers; i++) {
			addrlen = os->peers[i].ss_family == AF_INET6 ? 28 : 16;
			if (space_left < addrlen)
				return -ENOMEM;
			if (copy_to_user(to, &os->peers[i], addrlen))
				return -EFAULT;
			to += addrlen;
			cnt++;
			space_left -= addrlen;
			bytes_copied += addrlen;
		}
		break;
	default:
		return -ENOPROTOOPT;
	}

	if (put_user(cnt,
		     &((struct outoforder_getaddrs __user *)optval)->addr_num))
		return -EFAULT;
	if (put_user(bytes_copied, optlen))
		return -EFAULT;
	return 0;
}

static const struct proto_ops outoforder_ops = {
	.family		= PF_INET6,
	.getsockopt	= outoforder_getsockopt,
};

int outoforder_create(struct net *net, struct socket *sock, int protocol,
		      int kern)
{
	sock->ops = &outoforder_ops;
	return 0;
}
