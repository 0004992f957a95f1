// SPDX-License-Identifier: GPL-2.0
/*
 * getsockopt_iter code whose success paths report more in opt->optlen than
 * they wrote through iter_out (and correct ones next to them): the input of
 * `check`'s optlen-exceeds-written rule.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <net/sock.h>

#define OLX_CLAMPED	1	/* writes len, reports len: fine */
#define OLX_FIXED	2	/* checks, writes and reports 4: fine */
#define OLX_SHORT	3	/* writes 2, reports 4 */
#define OLX_NOTHING	4	/* writes nothing, reports len */
#define OLX_ERANGE	5	/* reports the size it needs with -ERANGE: fine */
#define OLX_VIA_ERR	6	/* writes 4, reports 8, returns err == 0 */
#define OLX_LOOP	7	/* writes in a loop: not a count, no finding */
#define OLX_DECIDED	8	/* `if (!err)` after -ERANGE is not taken: fine */
#define OLX_COPY	9	/* copies out only what kmemdup() gave (can raw): fine */
#define OLX_NO_COPY	10	/* the same, but a short buffer keeps its len */

static int olx_getsockopt(struct socket *sock, int level, int optname,
			  sockopt_t *opt)
{
	int val = sock->sk->sk_priority;
	u16 small = val;
	int len = min_t(int, opt->optlen, sizeof(val));
	int err = 0;
	int i;

	switch (optname) {
	case OLX_CLAMPED:
		if (copy_to_iter(&val, len, &opt->iter_out) != len)
			return -EFAULT;
		opt->optlen = len;
		return 0;
	case OLX_FIXED:
		if (opt->optlen < sizeof(int))
			return -EINVAL;
		if (copy_to_iter(&val, sizeof(int), &opt->iter_out) != sizeof(int))
			return -EFAULT;
		opt->optlen = sizeof(int);
		return 0;
	case OLX_SHORT:
		if (copy_to_iter(&small, sizeof(small), &opt->iter_out) != sizeof(small))
			return -EFAULT;
		opt->optlen = sizeof(int);
		return 0;
	case OLX_NOTHING:
		opt->optlen = len;
		return 0;
	case OLX_ERANGE:
		if (opt->optlen < 64) {
			opt->optlen = 64;
			return -ERANGE;
		}
		break;
	case OLX_VIA_ERR:
		if (copy_to_iter(&val, sizeof(val), &opt->iter_out) != sizeof(val)) {
			err = -EFAULT;
			goto out;
		}
		opt->optlen = 8;
		goto out;
	case OLX_LOOP:
		for (i = 0; i < 2; i++)
			if (copy_to_iter(&val, sizeof(val), &opt->iter_out) != sizeof(val))
				return -EFAULT;
		opt->optlen = 8;
		return 0;
	case OLX_DECIDED:
		if (len < 4) {
			err = -ERANGE;
			opt->optlen = 4;
		} else if (copy_to_iter(&val, len, &opt->iter_out) != len) {
			err = -EFAULT;
		}
		if (!err) {
			opt->optlen = len;
			err = 0;
		}
		return err;
	case OLX_COPY:
	case OLX_NO_COPY: {
		void *copy = NULL;

		if (len >= sizeof(val)) {
			len = sizeof(val);
			copy = kmemdup(&val, len, GFP_KERNEL);
			if (!copy)
				err = -ENOMEM;
		} else if (optname == OLX_COPY) {
			len = 0;
		}
		if (copy) {
			if (copy_to_iter(copy, len, &opt->iter_out) != len)
				err = -EFAULT;
			kfree(copy);
		}
		if (!err)
			opt->optlen = len;
		return err;
	}
	default:
		return -ENOPROTOOPT;
	}
	if (copy_to_iter(&val, len, &opt->iter_out) != len)
		return -EFAULT;
	opt->optlen = len;
out:
	return err;
}

static const struct proto_ops olx_ops = {
	.family		= PF_INET,
	.getsockopt_iter = olx_getsockopt,
};

const struct proto_ops *olx_ops_get(void)
{
	return &olx_ops;
}
