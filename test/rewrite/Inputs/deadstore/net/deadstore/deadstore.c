// SPDX-License-Identifier: GPL-2.0
/*
 * The error an access's branch returned, stored just before it
 * (net/x25/af_x25.c, x25_getsockopt()):
 *	rc = -EFAULT;
 *	if (get_user(len, optlen))
 *		goto out;
 * The access cannot fail after the conversion, so the branch goes, and the
 * store goes with it when the code after assigns rc before reading it.
 * deadstore_kept_getsockopt() is the near miss: `goto out` after the access
 * returns rc as it stands, so the store before the put_user() stays.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_DEADSTORE		306

static int deadstore_getsockopt(struct socket *sock, int level, int optname,
				char __user *optval, int __user *optlen)
{
	int val, len, rc = -ENOPROTOOPT;

	if (level != SOL_DEADSTORE)
		goto out;

	rc = -EFAULT;
	if (get_user(len, optlen))
		goto out;

	rc = -EINVAL;
	if (len < 0)
		goto out;

	len = min_t(unsigned int, len, sizeof(int));

	rc = -EFAULT;
	if (put_user(len, optlen))
		goto out;

	val = sock->sk->sk_priority;
	rc = copy_to_user(optval, &val, len) ? -EFAULT : 0;
out:
	return rc;
}

static int deadstore_kept_getsockopt(struct socket *sock, int level, int optname,
				     char __user *optval, int __user *optlen)
{
	int val, len, rc;

	if (get_user(len, optlen))
		return -EFAULT;
	len = min_t(unsigned int, len, sizeof(int));

	rc = -EFAULT;
	if (put_user(len, optlen))
		goto out;
	if (len < 0)
		goto out;

	val = sock->sk->sk_priority;
	rc = copy_to_user(optval, &val, len) ? -EFAULT : 0;
out:
	return rc;
}

static const struct proto_ops deadstore_ops = {
	.family		= PF_INET,
	.getsockopt	= deadstore_getsockopt,
};

static const struct proto_ops deadstore_kept_ops = {
	.family		= PF_INET,
	.getsockopt	= deadstore_kept_getsockopt,
};

const struct proto_ops *deadstore_ops_get(int kept)
{
	return kept ? &deadstore_kept_ops : &deadstore_ops;
}
