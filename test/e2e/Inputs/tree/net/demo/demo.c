/* The demo protocol: one option is defined next to its getsockopt. */
#define DEMO_LOCAL	7
