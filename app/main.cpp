// The lemma executable: the command line, or the notebook window.
#include <iostream>
#include <string>
#include <vector>

#include "app/CommandLine.h"
#include "app/ExportCommand.h"
#include "app/GuiMain.h"
#include "app/RunCommand.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const auto cl = lemma::app::CommandLine::parse(args);
    if (!cl.error.empty()) {
        std::cerr << "lemma: " << cl.error << "\n\n" << lemma::app::CommandLine::usage();
        return 2;
    }
    switch (cl.mode) {
        case lemma::app::CommandLine::Mode::Help:
            std::cout << "Lemma " LEMMA_VERSION
                         " — a notebook for the mathematics of large language models\n\n"
                      << lemma::app::CommandLine::usage();
            return 0;
        case lemma::app::CommandLine::Mode::Version:
            std::cout << "lemma " LEMMA_VERSION "\n";
            return 0;
        case lemma::app::CommandLine::Mode::Run:
            return lemma::app::runCommand(cl, std::cout, std::cerr);
        case lemma::app::CommandLine::Mode::Export:
            return lemma::app::exportCommand(argc, argv, cl, std::cout, std::cerr);
        case lemma::app::CommandLine::Mode::Gui:
            return lemma::app::guiMain(argc, argv, cl);
    }
    return 0;
}
