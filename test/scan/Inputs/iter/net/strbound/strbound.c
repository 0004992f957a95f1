// SPDX-License-Identifier: GPL-2.0
/*
 * A name copied out with its length, strlen(name) + 1, as net/core/sock.c
 * sock_getbindtodevice() does for SO_BINDTODEVICE: the string ends inside
 * its array, so the copy is at most the array's size, and a path that
 * checked optlen against that size stays within the caller's buffer
 * (STRBOUND_NAME, no prediction). STRBOUND_SHORT checks against less than
 * the array, and STRBOUND_UNCHECKED (net/ax25/af_ax25.c's shape) not at
 * all: both keep their short-buffer prediction.
 *
 * STRBOUND_HEADER has the shape of net/mptcp/sockopt.c MPTCP_TCPINFO: a
 * helper reads optlen and fails below a header's size, and after `if (left
 * < 0) return left;` another copies back at most that header
 * (min_t(u32, hdr->size, sizeof(*hdr))): no prediction. Without that test
 * of the result (STRBOUND_HEADER_UNTESTED) the prediction stays.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define STRBOUND_NAMESIZ	16

#define STRBOUND_NAME		1
#define STRBOUND_SHORT		2
#define STRBOUND_UNCHECKED	3
#define STRBOUND_HEADER		4
#define STRBOUND_HEADER_UNTESTED 5

struct strbound_header {
	__u32	size;
	__u32	flags;
	__u32	count;
	__u32	pad;
};

/* The caller's header; optlen must hold one. Returns the bytes after it. */
static int strbound_get_header(struct strbound_header *hdr, char __user *optval,
			       int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(*hdr))
		return -EINVAL;
	if (copy_from_user(hdr, optval, sizeof(*hdr)))
		return -EFAULT;
	return len - sizeof(*hdr);
}

static int strbound_put_header(struct strbound_header *hdr, char __user *optval,
			       int __user *optlen)
{
	u32 copylen = min_t(u32, hdr->size, sizeof(*hdr));

	if (put_user(copylen, optlen))
		return -EFAULT;
	if (copy_to_user(optval, hdr, copylen))
		return -EFAULT;
	return 0;
}

static int strbound_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct strbound_header hdr;
	char name[STRBOUND_NAMESIZ];
	int len, left;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	strscpy(name, "strbound0", sizeof(name));

	switch (optname) {
	case STRBOUND_NAME:
		if (len < STRBOUND_NAMESIZ)
			return -EINVAL;
		len = strlen(name) + 1;
		if (copy_to_user(optval, name, len))
			return -EFAULT;
		break;
	case STRBOUND_SHORT:
		if (len < 8)
			return -EINVAL;
		len = strlen(name) + 1;
		if (copy_to_user(optval, name, len))
			return -EFAULT;
		break;
	case STRBOUND_UNCHECKED:
		len = strlen(name) + 1;
		if (copy_to_user(optval, name, len))
			return -EFAULT;
		break;
	case STRBOUND_HEADER:
		left = strbound_get_header(&hdr, optval, optlen);
		if (left < 0)
			return left;
		return strbound_put_header(&hdr, optval, optlen);
	case STRBOUND_HEADER_UNTESTED:
		strbound_get_header(&hdr, optval, optlen);
		return strbound_put_header(&hdr, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
	return put_user(len, optlen);
}

static const struct proto_ops strbound_ops = {
	.family		= PF_INET,
	.getsockopt	= strbound_getsockopt,
};

const struct proto_ops *strbound_ops_get(void)
{
	return &strbound_ops;
}
