// Timing and checks: tic, toc, timeit and assert.
//
// A timer lives in the run's state (Context::runState), so tic and toc pair up within one
// cell run: a toc in another cell, or in a re-run, has no tic to measure from.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

#include "engine/lang/Builtin.h"
#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Support.h"

namespace lemma::builtins {

using namespace support;

namespace {

using Clock = std::chrono::steady_clock;

struct Stopwatch {
    bool started = false;
    Clock::time_point start;
};

// Microseconds since the clock's epoch: what t = tic returns, for toc(t).
double ticks(Clock::time_point t) {
    return double(
        std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

// Whether observed matches expected within tol (Octave's assert(obs, exp, tol): tol > 0
// absolute, tol < 0 relative).
bool close(const arma::cx_mat& a, const arma::cx_mat& b, double tol, std::string& why) {
    if (a.n_rows != b.n_rows || a.n_cols != b.n_cols) {
        why = "sizes differ: " + shape(a) + " and " + shape(b);
        return false;
    }
    for (arma::uword k = 0; k < a.n_elem; ++k) {
        const auto x = a(k), y = b(k);
        const bool bothNaN = std::isnan(std::abs(x)) && std::isnan(std::abs(y));
        if (bothNaN || x == y)
            continue;
        const double err = std::abs(x - y);
        const double bound = tol >= 0 ? tol : -tol * std::abs(y);
        if (!(err <= bound)) {
            why = "entry " + std::to_string(k + 1) + " differs by " + shortest(err) +
                  " (tolerance " + shortest(bound) + ")";
            return false;
        }
    }
    return true;
}

}  // namespace

void registerTiming(Registry& r) {
    r.add("tic", "tic, t = tic",
          "Starts the cell's stopwatch; toc reads it. t = tic also returns the start time (in "
          "microseconds) for toc(t). The stopwatch belongs to this run of this cell.",
          [](Call& c) {
              c.requireCount(0, 0);
              auto& w = c.context().runState<Stopwatch>();
              w.started = true;
              w.start = Clock::now();
              if (c.nargout() >= 1)
                  return std::vector<Value>{Value(ticks(w.start))};
              return std::vector<Value>{};
          });
    r.add("toc", "toc, elapsed = toc, toc(t)",
          "Seconds since tic in this cell (or since t = tic). Without an output it prints "
          "\"Elapsed time is … seconds.\"",
          [](Call& c) {
              c.requireCount(0, 1);
              const auto now = Clock::now();
              double elapsed = 0.0;
              if (c.has(0)) {
                  elapsed = (ticks(now) - c.scalar(0)) / 1e6;
              } else {
                  const auto& w = c.context().runState<Stopwatch>();
                  if (!w.started)
                      c.fail(
                          "call tic first (in this cell: a timer does not carry over to "
                          "other cells)");
                  elapsed = seconds(now - w.start);
              }
              if (c.nargout() >= 1)
                  return std::vector<Value>{Value(elapsed)};
              char buffer[64];
              std::snprintf(buffer, sizeof buffer, "Elapsed time is %.6f seconds.\n", elapsed);
              c.context().emit(output::Text{buffer});
              return std::vector<Value>{};
          });
    r.add("timeit", "timeit(f), timeit(f, nargout)",
          "The typical time in seconds that f() takes: the median of several timed calls after "
          "a warm-up call (more calls for faster functions, about a second in all at most). "
          "f takes no arguments: wrap a call as @() g(x).",
          [](Call& c) {
              c.requireCount(1, 2);
              const Value f = callbacks::functionArg(c, 0);
              const int nout = c.has(1) ? int(c.integer(1)) : 0;
              auto once = [&] {
                  c.context().checkCancelled();
                  const auto t0 = Clock::now();
                  c.context().call(f, {}, nout);
                  return seconds(Clock::now() - t0);
              };
              const double first = once();
              // Repeat each timing enough times to rise well above the clock's resolution.
              const int inner =
                  first > 1e-3 ? 1 : int(std::min(1000.0, std::ceil(1e-3 / std::max(first, 1e-7))));
              std::vector<double> samples;
              double total = first;
              while (samples.size() < 11 && (samples.size() < 3 || total < 1.0)) {
                  double t = 0.0;
                  for (int k = 0; k < inner; ++k)
                      t += once();
                  total += t;
                  samples.push_back(t / inner);
              }
              std::nth_element(samples.begin(), samples.begin() + samples.size() / 2,
                               samples.end());
              return std::vector<Value>{Value(samples[samples.size() / 2])};
          });
    r.add("assert", "assert(cond), assert(cond, message, args…), assert(observed, expected, tol)",
          "Stops with an error when cond is false (or has a zero entry): \"assertion failed\", "
          "or the message formatted like sprintf. With observed and expected values (Octave's "
          "form) they must have the same size and agree within tol (default 0; negative tol "
          "is relative).",
          [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              const Value& cond = c.arg(0);
              const bool comparison = c.count() >= 2 && !c.arg(1).isString();
              if (comparison) {
                  const Value& expected = c.arg(1);
                  const double tol = c.has(2) ? c.scalar(2) : 0.0;
                  if (cond.isString() || expected.isString()) {
                      if (!(cond.isString() && expected.isString() &&
                            cond.string() == expected.string()))
                          throw Error("assertion failed: the values differ");
                      return std::vector<Value>{};
                  }
                  std::string why;
                  if (!close(numeric(c, 0).toComplex(), numeric(c, 1).toComplex(), tol, why))
                      throw Error("assertion failed: " + why);
                  return std::vector<Value>{};
              }
              if (!cond.isNumeric())
                  c.fail("the condition must be logical or numeric, got " + describe(cond));
              if (cond.isTrue())
                  return std::vector<Value>{};
              if (!c.has(1))
                  throw Error("assertion failed");
              std::vector<Value> args;
              for (std::size_t i = 1; i < c.count(); ++i)
                  args.push_back(c.arg(i));
              const auto text = c.context().call(
                  [] {
                      auto f = std::make_shared<lang::FunctionData>();
                      f->kind = lang::FunctionData::Kind::Builtin;
                      f->name = "sprintf";
                      return Value(std::shared_ptr<const lang::FunctionData>(std::move(f)));
                  }(),
                  args, 1);
              throw Error(text.empty() || !text[0].isString() ? "assertion failed"
                                                              : text[0].string());
          });
}

}  // namespace lemma::builtins
