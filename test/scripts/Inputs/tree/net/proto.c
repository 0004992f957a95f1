/* A getsockopt implementation that hands optval/optlen to helpers in other
 * files: one always built, one built only with CONFIG_TCP_AO, one a header
 * stub, one defined once per architecture. */
int helper_a(char *optval, int *optlen);

static int proto_getsockopt(int level, int optname, char *optval, int *optlen)
{
	if (optname == 1)
		return helper_a(optval, optlen);
	if (optname == 2)
		return tcp_ao_get(optval, optlen);
	if (optname == 3)
		return stub_inline(optval, optlen);
	return dual_fn(optval, optlen);
}
