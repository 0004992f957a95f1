/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/uaccess.h and
 * arch/x86/include/asm/uaccess.h.
 *
 * The shapes match the real kernel, because that is what the classifier sees:
 *  - get_user()/put_user() are MACROS expanding to statement expressions
 *    ({ ... }) built on __typeof__(*(ptr)), calling an out-of-line helper;
 *  - copy_to_user()/copy_from_user() are static __always_inline FUNCTIONS
 *    calling the extern _copy_to_user()/_copy_from_user();
 *  - clear_user() is a static __always_inline function (x86-64 shape).
 */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/thread_info.h>
#include <linux/types.h>

/* Out-of-line workers standing in for the __get_user_N/__put_user_N stubs. */
extern int __get_user_fn(void *val, const void __user *ptr, unsigned long size);
extern int __put_user_fn(const void *val, void __user *ptr, unsigned long size);

#define do_get_user_call(fn, x, ptr)					\
({									\
	int __ret_gu;							\
	__typeof__(*(ptr)) __val_gu;					\
	__ret_gu = fn(&__val_gu, (ptr), sizeof(*(ptr)));		\
	(x) = (__force __typeof__(*(ptr))) __val_gu;			\
	__builtin_expect(__ret_gu, 0);					\
})

/**
 * get_user - Get a simple variable from user space.
 * @x:   Variable to store result.
 * @ptr: Source address, in user space.
 *
 * Context: User context only. This function may sleep if pagefaults are
 *          enabled.
 *
 * @ptr must have pointer-to-simple-variable type, and the result of
 * dereferencing @ptr must be assignable to @x without a cast.
 *
 * Return: zero on success, or -EFAULT on error.
 * On error, the variable @x is set to zero.
 */
#define get_user(x, ptr)						\
	({ might_fault(); do_get_user_call(__get_user_fn, x, ptr); })

#define do_put_user_call(fn, x, ptr)					\
({									\
	int __ret_pu;							\
	__typeof__(*(ptr)) __x = (x); /* eval x once */			\
	__typeof__(ptr) __ptr = (ptr); /* eval ptr once */		\
	__ret_pu = fn(&__x, __ptr, sizeof(*(ptr)));			\
	__builtin_expect(__ret_pu, 0);					\
})

/**
 * put_user - Write a simple value into user space.
 * @x:   Value to copy to user space.
 * @ptr: Destination address, in user space.
 *
 * Context: User context only. This function may sleep if pagefaults are
 *          enabled.
 *
 * @ptr must have pointer-to-simple-variable type, and @x must be assignable
 * to the result of dereferencing @ptr.
 *
 * Return: zero on success, or -EFAULT on error.
 */
#define put_user(x, ptr)						\
	({ might_fault(); do_put_user_call(__put_user_fn, x, ptr); })

extern __must_check unsigned long
_copy_from_user(void *, const void __user *, unsigned long);
extern __must_check unsigned long
_copy_to_user(void __user *, const void *, unsigned long);

static __always_inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!check_copy_size(to, n, false))
		return n;
	return _copy_from_user(to, from, n);
}

static __always_inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!check_copy_size(from, n, true))
		return n;
	return _copy_to_user(to, from, n);
}

extern __must_check unsigned long
__clear_user(void __user *mem, unsigned long len);

static __always_inline unsigned long __must_check
clear_user(void __user *to, unsigned long n)
{
	might_fault();
	return __clear_user(to, n);
}

#endif /* __LINUX_UACCESS_H__ */
