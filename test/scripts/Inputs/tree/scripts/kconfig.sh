# kconfig.sh [CONFIG]: the .config Kconfig would write for the settings in
# CONFIG (a KCONFIG_ALLCONFIG file or an old .config): what it sets, else
# allmodconfig's values, and TCP_AO only while "depends on IPV6 != m" holds.
ipv6=m md5=y helper_b=m tcp_ao=y
if [ -n "$1" ]; then
	while IFS= read -r line; do
		case $line in
		CONFIG_IPV6=*) ipv6=${line#*=} ;;
		CONFIG_TCP_AO=*) tcp_ao=${line#*=} ;;
		CONFIG_TCP_MD5SIG=*) md5=${line#*=} ;;
		CONFIG_HELPER_B=*) helper_b=${line#*=} ;;
		"# CONFIG_TCP_AO is not set") tcp_ao=n ;;
		"# CONFIG_HELPER_B is not set") helper_b=n ;;
		esac
	done < "$1"
fi
[ "$ipv6" != m ] || tcp_ao=n
echo "# Automatically generated file; DO NOT EDIT."
echo "CONFIG_IPV6=$ipv6"
[ "$tcp_ao" = n ] && echo "# CONFIG_TCP_AO is not set" || echo "CONFIG_TCP_AO=$tcp_ao"
echo "CONFIG_TCP_MD5SIG=$md5"
[ "$helper_b" = n ] && echo "# CONFIG_HELPER_B is not set" || echo "CONFIG_HELPER_B=$helper_b"
