#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <mpi.h>
int main(int argc, char** argv) { MPI_Init(&argc, &argv); int r = 0; MPI_Finalize(); return r; }
