// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "elemsize": optlen is not the buffer size (tcp_ao_get_mkts shape).
 * For ELEMSIZE_GET_KEYS, len from optlen is the size of ONE struct
 * elemsize_key; the element count comes from the buffer itself (nkeys of the
 * first element, copy_from_user) and the answer is written with
 * copy_to_user(optval, keys, count * len), a size optlen does not bound.
 * Expected verdict: manual, reason optlen-not-buffer-size.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_ELEMSIZE		300
#define ELEMSIZE_GET_KEYS	1
#define ELEMSIZE_MAXKEYS	8

struct elemsize_key {
	u32	nkeys;		/* in: array size (first element); out: keys */
	u8	id;
	u8	keylen;
	u8	key[32];
};

struct elemsize_sock {
	struct sock		sk;
	unsigned int		nkeys;
	struct elemsize_key	keys[ELEMSIZE_MAXKEYS];
};

#define elemsize_sk(__sk)	((struct elemsize_sock *)(__sk))

static int elemsize_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct elemsize_sock *es = elemsize_sk(sock->sk);
	struct elemsize_key hdr, *keys;
	unsigned int i, count;
	int len, err;

	if (level != SOL_ELEMSIZE)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))	/* size of one element */
		return -EFAULT;

	switch (optname) {
	case ELEMSIZE_GET_KEYS:
		if (len != sizeof(struct elemsize_key))
			return -EINVAL;
		if (copy_from_user(&hdr, optval, sizeof(hdr)))
			return -EFAULT;
		count = min_t(unsigned int, hdr.nkeys, ELEMSIZE_MAXKEYS);
		if (!count)
			return -EINVAL;
		keys = kcalloc(count, len, GFP_KERNEL);
		if (!keys)
			return -ENOMEM;
		lock_sock(&es->sk);
		for (i = 0; i < count && i < es->nkeys; i++)
			memcpy(&keys[i], &es->keys[i], sizeof(keys[i]));
		release_sock(&es->sk);
		keys[0].nkeys = i;
		err = copy_to_user(optval, keys, count * len) ? -EFAULT : 0;
		kfree(keys);
		return err;
	default:
		return -ENOPROTOOPT;
	}
}

static const struct proto_ops elemsize_ops = {
	.family		= PF_INET,
	.getsockopt	= elemsize_getsockopt,
};

int elemsize_create(struct net *net, struct socket *sock, int protocol,
		    int kern)
{
	sock->ops = &elemsize_ops;
	return 0;
}
