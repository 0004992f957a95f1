/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/kernel.h, minmax.h, array_size.h and
 * container_of.h.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/types.h>

/*
 * min()/max() refuse to compare values of different types, as the kernel's
 * do: the pointer comparison warns when typeof(x) and typeof(y) differ.
 */
#define __cmp_once(op, x, y) ({			\
	__typeof__(x) __x1 = (x);		\
	__typeof__(y) __y1 = (y);		\
	(void)(&__x1 == &__y1);			\
	__x1 op __y1 ? __x1 : __y1; })

/**
 * min - return minimum of two values of the same or compatible types
 * @x: first value
 * @y: second value
 */
#define min(x, y)	__cmp_once(<, x, y)

/**
 * max - return maximum of two values of the same or compatible types
 * @x: first value
 * @y: second value
 */
#define max(x, y)	__cmp_once(>, x, y)

/**
 * min_t - return minimum of two values, using the specified type
 * @type: data type to use
 * @x: first value
 * @y: second value
 */
#define min_t(type, x, y) ({			\
	type __min_tx = (x);			\
	type __min_ty = (y);			\
	__min_tx < __min_ty ? __min_tx : __min_ty; })

/**
 * max_t - return maximum of two values, using the specified type
 * @type: data type to use
 * @x: first value
 * @y: second value
 */
#define max_t(type, x, y) ({			\
	type __max_tx = (x);			\
	type __max_ty = (y);			\
	__max_tx > __max_ty ? __max_tx : __max_ty; })

/**
 * ARRAY_SIZE - get the number of elements in array @arr
 * @arr: array to be sized
 */
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

/**
 * container_of - cast a member of a structure out to the containing structure
 * @ptr:	the pointer to the member.
 * @type:	the type of the container struct this is embedded in.
 * @member:	the name of the member within the struct.
 */
#define container_of(ptr, type, member) \
	((type *)((void *)(ptr) - offsetof(type, member)))

#define BIT(nr)		(1UL << (nr))

extern void __might_fault(const char *file, int line);
#define might_fault() __might_fault(__FILE__, __LINE__)

#endif /* _LINUX_KERNEL_H */
