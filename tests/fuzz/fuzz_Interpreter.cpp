// Fuzz target: the interpreter on whatever parses, with the standard library. A run ends in
// outputs or an error output; it is stopped after a quarter of a second as a user's Stop
// would, so endless loops are not findings, but a crash, a hang past the stop, or an exception
// escaping Interpreter::run is.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <thread>

#include "engine/core/Error.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Json.h"
#include "engine/output/OutputText.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const lemma::builtins::Registry registry = lemma::builtins::Registry::standard();
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    std::shared_ptr<const lemma::lang::ast::Program> program;
    try {
        program = lemma::lang::parseProgram(source);
    } catch (const lemma::Error&) {
        return 0;
    }
    if (!program)
        return 0;
    std::atomic<bool> cancel{false};
    std::mutex m;
    std::condition_variable done;
    bool finished = false;
    std::thread watchdog([&] {
        std::unique_lock lock(m);
        if (!done.wait_for(lock, std::chrono::milliseconds(250), [&] { return finished; }))
            cancel = true;
    });
    lemma::lang::Interpreter interpreter(registry);
    lemma::lang::Globals globals;
    lemma::lang::RunOptions options;
    options.cancel = &cancel;
    // The default budget is half of physical memory, more than libFuzzer's RSS limit (4 GiB in
    // `make fuzz`): a cell may legitimately allocate 5 GB there (zeros(5, 2^27)), which the
    // fuzzer would report as out-of-memory. A 1 GiB budget keeps every allowed allocation
    // within the limit, so an out-of-memory report is an allocation the budget missed.
    options.memoryBudget = std::uint64_t(1) << 30;
    const lemma::lang::RunResult result = interpreter.run(program, globals, options);
    // What `lemma run` and `--json` would print of it (work must not grow with a dimension of
    // an empty matrix).
    for (const auto& out : result.outputs) {
        (void)lemma::output::outputText(out);
        (void)lemma::output::jsonOutput(out);
    }
    {
        std::lock_guard lock(m);
        finished = true;
    }
    done.notify_one();
    watchdog.join();
    return 0;
}
