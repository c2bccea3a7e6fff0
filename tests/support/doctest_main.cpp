// The main of every unit-test binary (no MPI_Init: these tests run without MPI).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
