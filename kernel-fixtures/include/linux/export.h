/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EXPORT_SYMBOL() as Linux 6.12 builds it for vmlinux (include/linux/export.h,
 * include/linux/compiler.h __ADDRESSABLE): a redeclaration of the symbol and
 * a static pointer to it in a variable named __UNIQUE_ID___addressable_<sym>.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define __ADDRESSABLE(sym)						\
	static void *__attribute__((__used__))				\
	__UNIQUE_ID(__PASTE(__addressable_, sym)) = (void *)(unsigned long)&sym;

#define EXPORT_SYMBOL(sym)						\
	extern typeof(sym) sym;						\
	__ADDRESSABLE(sym)

#endif /* _LINUX_EXPORT_H */
