#include "mpilife/app.hpp"
namespace mpilife { int app_main(int, char**) { return 0; } }
