/* helper_a(char *optval, int *optlen) is a comment, not a definition. */
int helper_b(char *optval, int *optlen);
int helper_c(char *optval, int *optlen);

#ifdef CONFIG_HELPER_C
int helper_c(char *optval, int *optlen)
{
	return 0;
}
#endif

int helper_a(char *optval, int *optlen)
{
	return helper_b(optval, optlen) ?: helper_c(optval, optlen);
}
