/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sockets the probe opens and the getsockopt levels and optnames it
 * calls on each, read from the kernel's getsockopt implementations.
 */
#ifndef PROBE_FAMILIES_H
#define PROBE_FAMILIES_H

#include <stddef.h>

/* An optname the implementation handles at a level: one of its case labels. */
struct optname {
	int num;
	const char *name;
};

/*
 * One level the probe calls: every optname from first to last, each with
 * every optlen. names[] (ends with a NULL name) only labels the transcript.
 */
struct level {
	int level;
	const char *name;
	int first, last;
	const struct optname *names;
};

/* What to do to a fresh socket before each getsockopt. */
enum setup {
	SETUP_NONE,
	SETUP_BT_BIND,	/* bind to BDADDR_ANY, channel 0: state BT_BOUND */
};

struct entry {
	const char *name;	/* the transcript's name for it */
	const char *impl;	/* the struct proto_ops getsockopt serving it */
	int family, type, protocol;
	enum setup setup;
	const struct level *levels;	/* ends with a NULL name */
};

extern const struct entry entries[];
extern const size_t nr_entries;

#endif
