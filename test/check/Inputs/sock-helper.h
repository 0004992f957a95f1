/* A helper of the shared precompiled header, reading through iter_out. */
#include <linux/errno.h>
#include <linux/uio.h>

static inline int sock_helper_put_int(sockopt_t *opt, int val)
{
	if (copy_from_iter(&val, sizeof(val), &opt->iter_out) != sizeof(val))
		return -EFAULT;
	opt->optlen = sizeof(val);
	return 0;
}
