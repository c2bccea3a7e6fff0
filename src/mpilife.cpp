#include "mpilife/app/main.hpp"

#ifdef MPILIFE_HAVE_VIEWER
#include "sdl_display.hpp"
#endif

int main(int argc, char** argv) {
#ifdef MPILIFE_HAVE_VIEWER
  return mpilife::app_main(argc, argv, mpilife::viz::make_sdl_display);
#else
  return mpilife::app_main(argc, argv);
#endif
}
