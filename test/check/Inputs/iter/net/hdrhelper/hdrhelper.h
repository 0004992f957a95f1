/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A header's static inline helper over sockopt_t, included by two units:
 * its misuse is a finding once, at the header's line.
 */
#ifndef _HDRHELPER_H
#define _HDRHELPER_H

#include <linux/net.h>
#include <linux/uio.h>

static inline int hdrhelper_put_int(sockopt_t *opt, int val)
{
	int len = min_t(int, opt->optlen, sizeof(val));

	copy_to_iter(&val, len, &opt->iter_out);
	opt->optlen = len;
	return 0;
}

#endif /* _HDRHELPER_H */
