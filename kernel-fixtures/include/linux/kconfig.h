/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for include/linux/kconfig.h + include/generated/autoconf.h
 * for the sockopt-migrate fixture tree.  Force-included on every compile
 * (-include kernel-fixtures/include/linux/kconfig.h), as Kbuild does.
 *
 * CONFIG_FIXTURE_DEBUG is deliberately NOT defined: net/hidden/hidden.c keeps
 * an access inside #ifdef CONFIG_FIXTURE_DEBUG that must stay invisible.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#define CONFIG_NET 1
#define CONFIG_INET 1
#define CONFIG_64BIT 1
#define CONFIG_BT 1

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val

#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)

/*
 * IS_ENABLED(CONFIG_FOO) evaluates to 1 if CONFIG_FOO is set to 'y',
 * 0 otherwise.  (No modules in the fixture tree, so no _MODULE variant.)
 */
#define IS_ENABLED(option) __is_defined(option)

#endif /* _LINUX_KCONFIG_H */
