/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PROBE_ERRNAMES_H
#define PROBE_ERRNAMES_H

/* "EFAULT" for EFAULT; the number, in buf, for an errno without a name here. */
const char *errname(int err, char buf[static 12]);

#endif
