// SPDX-License-Identifier: GPL-2.0
/*
 * Lists copied out against the space the caller declared, as
 * net/sctp/socket.c sctp_getsockopt_local_addrs() does: a budget
 * (space_left) shrinks by what a counter (bytes_copied) grows, after a check
 * that it holds that much, in the function's own loop or in one it hands
 * both to. The copy of bytes_copied bytes then stays within optlen, and the
 * conversion changes nothing for it. The near misses below each break one
 * step of that proof, and keep their short-buffer prediction.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>

struct budget_list {
	__u32	id;
	__u32	num;
	__u8	items[];
};

#define BUDGET_LOOP		1
#define BUDGET_CALLED		2
#define BUDGET_UNGUARDED	3
#define BUDGET_PAST		4
#define BUDGET_CALLED_TWICE	5
#define BUDGET_NO_EXIT		6
#define BUDGET_SPLIT		7

/* Fills `to` with items while space_left holds one; sctp_copy_laddrs(). */
static int budget_fill(struct sock *sk, void *to, size_t space_left, int *bytes_copied)
{
	int itemlen = 4 + (sk->sk_priority & 4);
	int cnt = 0;

	while (cnt < sk->sk_priority) {
		if (space_left < itemlen)
			break;
		memset(to, cnt, itemlen);
		to += itemlen;
		cnt++;
		space_left -= itemlen;
		*bytes_copied += itemlen;
	}
	return cnt;
}

static int budget_list(struct sock *sk, int optname, int len, char __user *optval,
		       int __user *optlen)
{
	int itemlen = 4 + (sk->sk_priority & 4);
	int bytes_copied = 0;
	void __user *to;
	size_t space_left;
	int cnt = 0;
	void *buf;
	int err = 0;

	if (len < sizeof(struct budget_list))
		return -EINVAL;
	to = optval + offsetof(struct budget_list, items);
	space_left = len - offsetof(struct budget_list, items);
	buf = kmalloc(space_left, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	if (optname == BUDGET_CALLED) {
		cnt = budget_fill(sk, buf, space_left, &bytes_copied);
		goto copy;
	}
	while (cnt < sk->sk_priority) {
		if (space_left < itemlen) {
			err = -ENOMEM;
			goto out;
		}
		memset(buf + bytes_copied, cnt, itemlen);
		bytes_copied += itemlen;
		cnt++;
		space_left -= itemlen;
	}
copy:
	if (copy_to_user(to, buf, bytes_copied)) {
		err = -EFAULT;
		goto out;
	}
	if (put_user(bytes_copied, optlen))
		err = -EFAULT;
out:
	kfree(buf);
	return err;
}

/* The counter grows without the check that the budget holds it. */
static int budget_unguarded(struct sock *sk, int len, char __user *optval,
			    int __user *optlen)
{
	int itemlen = 4 + (sk->sk_priority & 4);
	int bytes_copied = 0;
	size_t space_left;
	char buf[64];
	int cnt;

	if (len < sizeof(struct budget_list))
		return -EINVAL;
	space_left = len - offsetof(struct budget_list, items);
	for (cnt = 0; cnt < sk->sk_priority && bytes_copied + itemlen <= sizeof(buf); cnt++) {
		memset(buf + bytes_copied, cnt, itemlen);
		bytes_copied += itemlen;
		space_left -= itemlen;
	}
	if (copy_to_user(optval + offsetof(struct budget_list, items), buf, bytes_copied))
		return -EFAULT;
	return put_user(bytes_copied, optlen);
}

/* The budget is all of len, but the copy starts 8 bytes into optval. */
static int budget_past(struct sock *sk, int len, char __user *optval, int __user *optlen)
{
	int itemlen = 4 + (sk->sk_priority & 4);
	int bytes_copied = 0;
	size_t space_left;
	char buf[64];
	int cnt;

	if (len < sizeof(struct budget_list))
		return -EINVAL;
	space_left = len;
	for (cnt = 0; cnt < sk->sk_priority && cnt < 8; cnt++) {
		if (space_left < itemlen)
			break;
		memset(buf + bytes_copied, cnt, itemlen);
		bytes_copied += itemlen;
		space_left -= itemlen;
	}
	if (copy_to_user(optval + offsetof(struct budget_list, items), buf, bytes_copied))
		return -EFAULT;
	return put_user(bytes_copied, optlen);
}

/* Two calls each fill up to the whole budget: together, twice it. */
static int budget_called_twice(struct sock *sk, int len, char __user *optval,
			       int __user *optlen)
{
	int bytes_copied = 0;
	size_t space_left;
	char buf[128];

	if (len < sizeof(struct budget_list))
		return -EINVAL;
	space_left = len - offsetof(struct budget_list, items);
	if (space_left > 64)
		return -EINVAL;
	budget_fill(sk, buf, space_left, &bytes_copied);
	budget_fill(sk, buf + bytes_copied, space_left, &bytes_copied);
	if (copy_to_user(optval + offsetof(struct budget_list, items), buf, bytes_copied))
		return -EFAULT;
	return put_user(bytes_copied, optlen);
}

/* The check that the budget holds the item does not leave the loop. */
static int budget_no_exit(struct sock *sk, int len, char __user *optval, int __user *optlen)
{
	int itemlen = 4 + (sk->sk_priority & 4);
	int bytes_copied = 0;
	size_t space_left;
	char buf[64];
	int cnt, err = 0;

	if (len < sizeof(struct budget_list))
		return -EINVAL;
	space_left = len - offsetof(struct budget_list, items);
	for (cnt = 0; cnt < sk->sk_priority && cnt < 8; cnt++) {
		if (space_left < itemlen)
			err = -ENOMEM;
		memset(buf + bytes_copied, cnt, itemlen);
		bytes_copied += itemlen;
		space_left -= itemlen;
	}
	if (copy_to_user(optval + offsetof(struct budget_list, items), buf, bytes_copied))
		return -EFAULT;
	if (err)
		return err;
	return put_user(bytes_copied, optlen);
}

/* A way out between the counter growing and the budget shrinking. */
static int budget_split(struct sock *sk, int len, char __user *optval, int __user *optlen)
{
	int itemlen = 4 + (sk->sk_priority & 4);
	int bytes_copied = 0;
	size_t space_left;
	char buf[64];
	int cnt;

	if (len < sizeof(struct budget_list))
		return -EINVAL;
	space_left = len - offsetof(struct budget_list, items);
	for (cnt = 0; cnt < sk->sk_priority && cnt < 8; cnt++) {
		if (space_left < itemlen)
			break;
		memset(buf + bytes_copied, cnt, itemlen);
		bytes_copied += itemlen;
		if (cnt == 4)
			continue;
		space_left -= itemlen;
	}
	if (copy_to_user(optval + offsetof(struct budget_list, items), buf, bytes_copied))
		return -EFAULT;
	return put_user(bytes_copied, optlen);
}

static int budget_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case BUDGET_LOOP:
	case BUDGET_CALLED:
		return budget_list(sk, optname, len, optval, optlen);
	case BUDGET_UNGUARDED:
		return budget_unguarded(sk, len, optval, optlen);
	case BUDGET_PAST:
		return budget_past(sk, len, optval, optlen);
	case BUDGET_CALLED_TWICE:
		return budget_called_twice(sk, len, optval, optlen);
	case BUDGET_NO_EXIT:
		return budget_no_exit(sk, len, optval, optlen);
	case BUDGET_SPLIT:
		return budget_split(sk, len, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
}

static const struct proto_ops budget_ops = {
	.family		= PF_INET,
	.getsockopt	= budget_getsockopt,
};

const struct proto_ops *budget_ops_get(void)
{
	return &budget_ops;
}
