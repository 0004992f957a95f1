int dual_fn(char *optval, int *optlen)
{
	return 0;
}
