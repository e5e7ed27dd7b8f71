// Interpreter::run: runs one cell with an Evaluator and turns whatever it throws into the
// run's result, so that nothing escapes to the session.
#include "engine/lang/Interpreter.h"

#include <new>
#include <optional>

#include "engine/lang/Evaluator.h"

namespace lemma::lang {

Interpreter::Interpreter(const builtins::Registry& registry) : m_registry(registry) {}

RunResult Interpreter::run(const std::shared_ptr<const ast::Program>& program, Globals& globals,
                           const RunOptions& options) {
    RunResult result;
    auto fail = [&](std::string message, SourcePos pos) {
        result.ok = false;
        result.outputs.push_back(output::Error{std::move(message), pos});
    };
    std::optional<Evaluator> evaluator;
    try {
        if (!program)
            throw Error("there is no program to run");
        result.numberStyle = options.numberStyle;
        evaluator.emplace(m_registry, globals, options, program, result.outputs);
        evaluator->run();
        result.numberStyle = evaluator->numberStyle();
    } catch (const Cancelled&) {
        result.ok = false;
        result.cancelled = true;
        if (evaluator)
            result.stoppedAt = evaluator->stoppedAt();
    } catch (const Error& e) {
        fail(e.what(), e.pos());
    } catch (const std::bad_alloc&) {
        fail("out of memory", {});
    } catch (const std::exception& e) {
        fail(e.what(), {});
    } catch (...) {
        fail("internal error", {});
    }
    return result;
}

}  // namespace lemma::lang
