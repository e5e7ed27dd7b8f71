// The notebook window's entry point.
#pragma once

#include "app/CommandLine.h"

namespace lemma::app {

int guiMain(int& argc, char** argv, const CommandLine& cl);

}  // namespace lemma::app
