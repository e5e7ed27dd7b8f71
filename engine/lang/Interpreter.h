// The tree-walking interpreter: runs a parsed cell against the notebook's global names.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "engine/core/Value.h"
#include "engine/lang/Ast.h"
#include "engine/lang/Builtin.h"
#include "engine/output/Output.h"

namespace lemma::lang {

// The notebook's global names and their values.
using Globals = std::map<std::string, Value, std::less<>>;

struct RunOptions {
    std::uint64_t seed = 42;                       // every cell run starts the generator here
    const std::atomic<bool>* cancel = nullptr;     // set from another thread to stop the run
    std::function<void(double)> progress;          // a builtin's progress, 0…1
    std::function<void(output::Outputs)> partial;  // outputs to show while the run goes on
    std::filesystem::path dataDir;                 // where load() reads from
    int maxCallDepth = 200;                        // deeper recursion is an error, not a crash
    std::uint64_t memoryBudget = 0;  // bytes a cell may hold (MemoryBudget); 0: the default
    output::NumberStyle numberStyle = output::NumberStyle::Short;  // the notebook's format
};

struct RunResult {
    output::Outputs outputs;  // in order; on failure the last one is an output::Error
    bool ok = true;
    bool cancelled = false;
    SourcePos stoppedAt;  // where a cancelled run stopped, when known
    // The format in effect when the run ended (after its `format long` / `format short`).
    output::NumberStyle numberStyle = output::NumberStyle::Short;
};

class Interpreter {
public:
    explicit Interpreter(const builtins::Registry& registry);

    // Runs a cell. Top-level assignments and functions write into `globals`; everything the
    // cell shows or prints is in the result. Never throws: errors (including Armadillo's and
    // std::bad_alloc) become an output::Error with the position of the failing expression;
    // a cancellation ends the run with cancelled = true.
    RunResult run(const std::shared_ptr<const ast::Program>& program, Globals& globals,
                  const RunOptions& options);

private:
    const builtins::Registry& m_registry;
};

}  // namespace lemma::lang
