#include "mpilife/app.hpp"

int main(int argc, char** argv) { return mpilife::app_main(argc, argv); }
