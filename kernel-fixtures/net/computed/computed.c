// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "computed": a write at a runtime-computed offset. The caller's
 * buffer mirrors the socket's counter table; COMPUTED_LAST_ERROR refreshes
 * only the slot of the most recent error with
 * copy_to_user(optval + idx * sizeof(u32), &val, sizeof(u32)), where idx is
 * socket state, not a sequential cursor, so no fixed iter_out position fits.
 * COMPUTED_SLOT_FIRST ... COMPUTED_SLOT_LAST, a GNU case range, writes the
 * slot its option names: one option of the report for the whole range.
 * Expected verdict: manual, reason computed-offset-write.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_COMPUTED		302
#define COMPUTED_LAST_ERROR	1
#define COMPUTED_SLOT_FIRST	2
#define COMPUTED_SLOT_LAST	17
#define COMPUTED_NR_COUNTERS	16

struct computed_sock {
	struct sock	sk;
	unsigned int	last_err_idx;
	u32		counters[COMPUTED_NR_COUNTERS];
};

#define computed_sk(__sk)	((struct computed_sock *)(__sk))

static int computed_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct computed_sock *cs = computed_sk(sk);
	unsigned int idx;
	int len, err = 0;
	u32 val;

	if (level != SOL_COMPUTED)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(cs->counters))
		return -EINVAL;

	lock_sock(sk);
	switch (optname) {
	case COMPUTED_LAST_ERROR:
		idx = cs->last_err_idx;
		val = cs->counters[idx];
		if (copy_to_user(optval + idx * sizeof(u32), &val, sizeof(u32)))
			err = -EFAULT;
		break;
	case COMPUTED_SLOT_FIRST ... COMPUTED_SLOT_LAST:
		idx = optname - COMPUTED_SLOT_FIRST;
		if (copy_to_user(optval + idx * sizeof(u32), &cs->counters[idx], sizeof(u32)))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

static const struct proto_ops computed_ops = {
	.family		= PF_ALG,
	.getsockopt	= computed_getsockopt,
};

int computed_create(struct net *net, struct socket *sock, int protocol,
		    int kern)
{
	sock->ops = &computed_ops;
	return 0;
}
