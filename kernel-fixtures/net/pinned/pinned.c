// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "pinned": the user buffer is pinned instead of copied.
 * PINNED_RING_HDR requires optval to be the page-aligned header page of the
 * caller's ring and fills it in place after
 * pin_user_pages_fast((unsigned long)optval, 1, FOLL_WRITE, &page). A
 * kernel-buffer caller has no user pages to pin.
 * Expected verdict: manual, reason pinned-user-pages.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_PINNED		307
#define PINNED_RING_HDR		1

struct pinned_ring_hdr {
	u32	head;
	u32	tail;
};

struct pinned_sock {
	struct sock	sk;
	u32		head;
	u32		tail;
};

#define pinned_sk(__sk)		((struct pinned_sock *)(__sk))

static int pinned_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct pinned_ring_hdr *hdr;
	struct page *page;
	int len, ret;

	if (level != SOL_PINNED)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case PINNED_RING_HDR:
		if (len < PAGE_SIZE)
			return -EINVAL;
		ret = pin_user_pages_fast((unsigned long)optval, 1, FOLL_WRITE,
					  &page);
		if (ret != 1)
			return ret < 0 ? ret : -EFAULT;
		hdr = kmap_local_page(page);
		lock_sock(sk);
		hdr->head = pinned_sk(sk)->head;
		hdr->tail = pinned_sk(sk)->tail;
		release_sock(sk);
		kunmap_local(hdr);
		unpin_user_pages_dirty_lock(&page, 1, true);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static const struct proto_ops pinned_ops = {
	.family		= PF_XDP,
	.getsockopt	= pinned_getsockopt,
};

int pinned_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &pinned_ops;
	return 0;
}
