// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "codec": a cursor that moves by a length computed per element
 * (net/bluetooth/sco.c, BT_CODEC). CODEC_LIST checks the total against len,
 * then writes a u8 count and, per entry, a fixed header and a variable
 * number of capability bytes: each "ptr += n" moves the cursor by exactly
 * what the write before it wrote, so every write starts where the previous
 * one ended and the iterator is the cursor. The length is stored with
 * "if (!err && put_user(total, optlen))".
 * CODEC_SKEWED moves its cursor by a length other than the one it wrote,
 * and CODEC_STALE changes the length between the write and the move: both
 * keep the implementation codec_skewed_getsockopt() manual (not-sequential).
 * Expected verdicts: codec_getsockopt convertible, no behaviour change;
 * codec_skewed_getsockopt manual, not-sequential.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_CODEC		295
#define CODEC_LIST		1
#define CODEC_SKEWED		2
#define CODEC_STALE		3
#define CODEC_MAX		4

struct codec_entry {
	u8	id;
	u8	num_caps;
	u8	caps[8];
};

struct codec_sock {
	struct sock		sk;
	u8			count;
	struct codec_entry	entries[CODEC_MAX];
};

#define codec_sk(__sk)		((struct codec_sock *)(__sk))

static int codec_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	struct codec_sock *cs = codec_sk(sock->sk);
	int len, total, err = 0;
	u8 num, i, __user *ptr;
	struct codec_entry *e;

	if (level != SOL_CODEC)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case CODEC_LIST:
		num = cs->count;
		total = sizeof(num);
		for (i = 0; i < num; i++)
			total += 2 + cs->entries[i].num_caps;
		if (total > len)
			return -ENOBUFS;
		ptr = (u8 __user *)optval;

		if (put_user(num, ptr))
			return -EFAULT;
		ptr += sizeof(num);

		for (i = 0; i < num; i++) {
			e = &cs->entries[i];
			if (copy_to_user(ptr, e, 2)) {
				err = -EFAULT;
				break;
			}
			ptr += 2;

			len = e->num_caps;
			if (len && copy_to_user(ptr, e->caps, len)) {
				err = -EFAULT;
				break;
			}
			ptr += len;
		}

		if (!err && put_user(total, optlen))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	return err;
}

static int codec_skewed_getsockopt(struct socket *sock, int level, int optname,
				   char __user *optval, int __user *optlen)
{
	struct codec_sock *cs = codec_sk(sock->sk);
	struct codec_entry *e = &cs->entries[0];
	int len, n;
	u8 __user *ptr;

	if (level != SOL_CODEC)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(*e) * 2)
		return -ENOBUFS;
	ptr = (u8 __user *)optval;

	switch (optname) {
	case CODEC_SKEWED:
		n = e->num_caps;
		if (copy_to_user(ptr, e->caps, n))
			return -EFAULT;
		ptr += n + 1;
		if (copy_to_user(ptr, e->caps, n))
			return -EFAULT;
		break;
	case CODEC_STALE:
		n = e->num_caps;
		if (copy_to_user(ptr, e->caps, n))
			return -EFAULT;
		n = e->id;
		ptr += n;
		if (copy_to_user(ptr, e->caps, n))
			return -EFAULT;
		break;
	default:
		return -ENOPROTOOPT;
	}
	return 0;
}

static const struct proto_ops codec_ops = {
	.family		= PF_BLUETOOTH,
	.getsockopt	= codec_getsockopt,
};

static const struct proto_ops codec_skewed_ops = {
	.family		= PF_BLUETOOTH,
	.getsockopt	= codec_skewed_getsockopt,
};

int codec_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = protocol ? &codec_skewed_ops : &codec_ops;
	return 0;
}
