// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "chain", part 2: the option core behind chain_getsockopt() (the
 * tcp_ao_copy_mkts_to_user() shape for CHAIN_KEYS): the length read from
 * optlen is the size of one element, the array is written at a stride of
 * that size, then the count is written back into the first element at an
 * offset held in the same variable (out_offset = offsetof(...)).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sockptr.h>
#include <net/chain.h>
#include <net/sock.h>

struct chain_key {
	u32 id;
	u32 nkeys;
};

static int chain_copy_keys(struct sock *sk, sockptr_t optval, sockptr_t optlen)
{
	struct chain_key key = { 0, 0 };
	int user_len, out_offset = 0, i;
	u32 matched = 0;

	if (copy_from_sockptr(&user_len, optlen, sizeof(int)))
		return -EFAULT;
	if (user_len < (int)sizeof(key))
		return -EINVAL;
	for (i = 0; i < 3; i++) {
		key.id = i;
		if (copy_to_sockptr_offset(optval, out_offset, &key, sizeof(key)))
			return -EFAULT;
		out_offset += user_len;
		matched++;
	}
	out_offset = offsetof(struct chain_key, nkeys);
	if (copy_to_sockptr_offset(optval, out_offset, &matched, sizeof(u32)))
		return -EFAULT;
	return 0;
}

int chain_get(struct sock *sk, int optname, sockptr_t optval, sockptr_t optlen)
{
	int val = 1, len;

	switch (optname) {
	case CHAIN_PLAIN:
		if (copy_from_sockptr(&len, optlen, sizeof(int)))
			return -EFAULT;
		len = min_t(unsigned int, len, sizeof(int));
		if (copy_to_sockptr(optlen, &len, sizeof(int)))
			return -EFAULT;
		if (copy_to_sockptr(optval, &val, len))
			return -EFAULT;
		return 0;
	case CHAIN_KEYS:
		return chain_copy_keys(sk, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
}
