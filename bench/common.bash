# Shared by the bench drivers: source it.

# median DECIMALS: the median of the numbers on stdin (separated by spaces or newlines); the mean of
# the two middle ones, with DECIMALS decimals, for an even count.
median() {
  tr ' ' '\n' | grep . | sort -g | awk -v d="$1" '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.*f\n", d, (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# cpu_name: the CPU's model name.
cpu_name() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1; }
