// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "unlocked": the list is copied under the socket lock and handed to
 * the caller after release_sock() (net/can/raw.c, raw_getsockopt(),
 * CAN_RAW_FILTER, as of 6.12.118). Three paths meet before the copy-out:
 *   - no list: `len = 0`, nothing is copied; a zero length fits any buffer;
 *   - a buffer too small: -ERANGE with the needed size in optlen;
 *   - otherwise len is clamped to the list's size and `list` holds a copy,
 *     and only then is it copied out (`else if (list)`).
 * The length copied is never more than optlen on any path: no behaviour
 * change. After the rewrite, `check` must stay silent: the path that reaches
 * the optlen store without a copy-out is the one where len is 0, or where
 * kmemdup() failed and err is -ENOMEM.
 * unlocked_count_getsockopt() is the near miss: it sets `len = 8` on a path
 * that never checked optlen, then copies len bytes: a short-buffer change.
 * Expected verdicts: both convertible; a short-buffer-efault prediction only
 * for UNLOCKED_COUNT.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_UNLOCKED		305
#define UNLOCKED_LIST		1
#define UNLOCKED_COUNT		2

struct unlocked_sock {
	struct sock	sk;
	int		count;
	u32		*list;
	u64		total;
};

#define unlocked_sk(__sk)	((struct unlocked_sock *)(__sk))

static int unlocked_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct unlocked_sock *us = unlocked_sk(sk);
	u32 *list = NULL;
	int size = 0;
	int err = 0;
	int len;

	if (level != SOL_UNLOCKED || optname != UNLOCKED_LIST)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	lock_sock(sk);
	if (us->count > 0) {
		size = us->count * sizeof(u32);
		if (len < size) {
			err = -ERANGE;
		} else {
			if (len > size)
				len = size;
			/* copy to user space after release_sock() */
			list = kmemdup(us->list, len, GFP_KERNEL);
			if (!list)
				err = -ENOMEM;
		}
	} else {
		len = 0;
	}
	release_sock(sk);

	if (err == -ERANGE) {
		if (put_user(size, optlen))
			err = -EFAULT;
	} else if (list) {
		if (copy_to_user(optval, list, len))
			err = -EFAULT;
		kfree(list);
	}

	if (!err)
		err = put_user(len, optlen);
	return err;
}

static int unlocked_count_getsockopt(struct socket *sock, int level, int optname,
				     char __user *optval, int __user *optlen)
{
	struct unlocked_sock *us = unlocked_sk(sock->sk);
	int len;

	if (level != SOL_UNLOCKED || optname != UNLOCKED_COUNT)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (us->count)
		len = sizeof(us->total);
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &us->total, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops unlocked_ops = {
	.family		= PF_INET,
	.getsockopt	= unlocked_getsockopt,
};

static const struct proto_ops unlocked_count_ops = {
	.family		= PF_INET,
	.getsockopt	= unlocked_count_getsockopt,
};

const struct proto_ops *unlocked_ops_get(int count)
{
	return count ? &unlocked_count_ops : &unlocked_ops;
}
