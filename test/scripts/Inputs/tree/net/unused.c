/* Mentions getsockopt, but its object is not in obj-y/obj-m. */
int unused_getsockopt(char *optval, int *optlen)
{
	return optlen_reader(optlen);
}
