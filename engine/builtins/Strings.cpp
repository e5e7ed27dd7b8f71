// Text functions with MATLAB's names: strcat, strsplit, strjoin, upper, lower and regexp.
// Lemma's strings are whole values (not character arrays); where MATLAB returns a cell array
// of strings these return a list.
#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "engine/builtins/Budget.h"
#include "engine/builtins/Callbacks.h"
#include "engine/builtins/Families.h"
#include "engine/builtins/Regex.h"
#include "engine/builtins/Support.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

using namespace support;

namespace {

std::string rtrim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    return s;
}

template <class F>
std::vector<Value> mapText(Call& c, F f) {
    c.requireCount(1, 1);
    const Value& v = c.arg(0);
    if (v.isString())
        return {Value(f(v.string()))};
    if (v.isList()) {
        std::vector<Value> out;
        for (const Value& item : v.items()) {
            if (!item.isString())
                c.fail("list elements must be strings, got " + describe(item));
            out.emplace_back(f(item.string()));
        }
        return {Value::list(std::move(out))};
    }
    if (v.isNumeric())
        return {v};  // MATLAB leaves numbers unchanged
    c.fail("argument 1 must be a string or a list of strings, got " + describe(v));
}

std::vector<std::string> stringList(Call& c, const Value& v, const std::string& what) {
    std::vector<std::string> out;
    if (v.isString()) {
        out.push_back(v.string());
        return out;
    }
    if (!v.isList())
        c.fail(what + " must be a string or a list of strings, got " + describe(v));
    for (const Value& item : v.items()) {
        if (!item.isString())
            c.fail(what + " must hold strings, got " + describe(item));
        out.push_back(item.string());
    }
    return out;
}

// A MATLAB pattern as an ECMAScript one: named groups (?<name>…) become plain groups, their
// names remembered in order.
std::string translatePattern(const std::string& pattern, std::vector<std::string>& groupNames,
                             std::vector<int>& namedIndex) {
    std::string out;
    int group = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char ch = pattern[i];
        if (ch == '\\' && i + 1 < pattern.size()) {
            out += ch;
            out += pattern[++i];
            continue;
        }
        if (ch == '(') {
            if (i + 2 < pattern.size() && pattern[i + 1] == '?' && pattern[i + 2] == '<' &&
                i + 3 < pattern.size() && pattern[i + 3] != '=' && pattern[i + 3] != '!') {
                const std::size_t close = pattern.find('>', i + 3);
                if (close != std::string::npos) {
                    ++group;
                    groupNames.push_back(pattern.substr(i + 3, close - i - 3));
                    namedIndex.push_back(group);
                    out += '(';
                    i = close;
                    continue;
                }
            }
            if (!(i + 1 < pattern.size() && pattern[i + 1] == '?'))
                ++group;
        }
        out += ch;
    }
    return out;
}

// A match with the calls the outputs below use: position(g) and length(g) of group g (a group
// that took no part: the match's start and 0), str(g) and size() (groups + 1).
struct Match {
    RegexMatch m;
    const std::string* text;
    std::size_t size() const { return m.begin.size(); }
    bool took(std::size_t g) const { return m.begin[g] >= 0; }
    std::size_t position(std::size_t g) const {
        return static_cast<std::size_t>(took(g) ? m.begin[g] : m.begin[0]);
    }
    std::size_t length(std::size_t g) const {
        return took(g) ? static_cast<std::size_t>(m.end[g] - m.begin[g]) : 0;
    }
    std::string str(std::size_t g) const { return text->substr(position(g), length(g)); }
};

}  // namespace

void registerStrings(Registry& r) {
    r.add("strcat", "strcat(s1, s2, …)",
          "Joins strings end to end, dropping trailing blanks of each argument as MATLAB does "
          "for character arrays. With a list argument, joins element by element and returns a "
          "list.",
          [](Call& c) {
              c.requireCount(1, static_cast<std::size_t>(-1));
              std::size_t n = 1;
              bool anyList = false;
              for (std::size_t i = 0; i < c.count(); ++i) {
                  const Value& v = c.arg(i);
                  if (v.isList()) {
                      if (anyList && v.items().size() != n)
                          c.fail("the lists must have the same length");
                      n = v.items().size();
                      anyList = true;
                  } else if (!v.isString()) {
                      c.fail("argument " + std::to_string(i + 1) + " must be a string, got " +
                             describe(v) + " (convert numbers with num2str)");
                  }
              }
              std::vector<Value> out;
              for (std::size_t k = 0; k < n; ++k) {
                  std::string s;
                  for (std::size_t i = 0; i < c.count(); ++i) {
                      const Value& v = c.arg(i);
                      if (v.isList()) {
                          const Value& item = v.items()[k];
                          if (!item.isString())
                              c.fail("list elements must be strings, got " + describe(item));
                          s += item.string();
                      } else {
                          s += anyList ? v.string() : rtrim(v.string());
                      }
                  }
                  out.emplace_back(s);
              }
              if (anyList)
                  return std::vector<Value>{Value::list(std::move(out))};
              return std::vector<Value>{out.front()};
          });
    r.add("strsplit",
          "strsplit(s), strsplit(s, delimiter), strsplit(s, {d1, d2}), "
          "strsplit(…, \"CollapseDelimiters\", false)",
          "Splits s at a delimiter (default: whitespace) into a list of strings. Runs of "
          "delimiters count as one unless \"CollapseDelimiters\" is false, as in MATLAB.",
          [](Call& c) {
              c.requireCount(1, 4);
              const std::string& s = c.string(0);
              std::vector<std::string> delims{" ", "\f", "\n", "\r", "\t", "\v"};
              std::size_t next = 1;
              if (c.has(1) && !(c.arg(1).isString() &&
                                callbacks::lower(c.arg(1).string()) == "collapsedelimiters")) {
                  delims = stringList(c, c.arg(1), "the delimiter");
                  next = 2;
              }
              const callbacks::Options options(c, next, {"CollapseDelimiters"});
              const bool collapse = options.boolean("CollapseDelimiters", true);
              for (std::string& d : delims) {
                  std::string unescaped;
                  for (std::size_t i = 0; i < d.size(); ++i) {
                      if (d[i] == '\\' && i + 1 < d.size()) {
                          const char e = d[i + 1];
                          unescaped += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                          ++i;
                      } else {
                          unescaped += d[i];
                      }
                  }
                  if (unescaped.empty())
                      c.fail("a delimiter cannot be empty");
                  d = unescaped;
              }
              std::sort(
                  delims.begin(), delims.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
              std::vector<Value> parts;
              std::string current;
              bool lastWasDelimiter = false;
              std::size_t scanned = 0;
              for (std::size_t i = 0; i < s.size();) {
                  // A long text without delimiters makes no parts to poll at.
                  if (++scanned % budget::kItemChunk == 0)
                      c.context().checkCancelled();
                  std::size_t matched = 0;
                  for (const std::string& d : delims) {
                      if (s.compare(i, d.size(), d) == 0) {
                          matched = d.size();
                          break;
                      }
                  }
                  if (matched == 0) {
                      current += s[i++];
                      lastWasDelimiter = false;
                      continue;
                  }
                  if (!(collapse && lastWasDelimiter)) {
                      parts.emplace_back(current);
                      budget::itemDone(c, parts.size(), true);
                  }
                  current.clear();
                  lastWasDelimiter = true;
                  i += matched;
              }
              parts.emplace_back(current);
              return std::vector<Value>{Value::list(std::move(parts))};
          });
    r.add("strjoin", "strjoin(L), strjoin(L, delimiter)",
          "Joins a list of strings into one, with a blank (or the delimiter) between them.",
          [](Call& c) {
              c.requireCount(1, 2);
              const std::vector<std::string> parts = stringList(c, c.arg(0), "argument 1");
              std::string delim = c.has(1) ? c.string(1) : " ";
              std::string out;
              for (std::size_t k = 0; k < parts.size(); ++k)
                  out += (k ? delim : "") + parts[k];
              return std::vector<Value>{Value(out)};
          });
    r.add("upper", "upper(s)",
          "s with its letters in upper case (ASCII); a list of strings element by element.",
          [](Call& c) {
              return mapText(c, [](std::string s) {
                  for (char& ch : s)
                      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                  return s;
              });
          });
    r.add("lower", "lower(s)",
          "s with its letters in lower case (ASCII); a list of strings element by element.",
          [](Call& c) {
              return mapText(c, [](std::string s) {
                  for (char& ch : s)
                      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                  return s;
              });
          });
    r.add("regexp",
          "regexp(s, pattern), regexp(s, pattern, \"match\" | \"tokens\" | \"names\" | "
          "\"start\" | \"end\" | \"split\", …, \"once\")",
          "Regular-expression search. With no option, the 1-based start of each match. Each "
          "option asks for one output, in order: \"match\" the matched strings (a list), "
          "\"tokens\" the captured groups (a list of lists), \"names\" a struct of the named "
          "groups (?<name>…), \"start\"/\"end\" positions, \"split\" the text between matches. "
          "\"once\" returns only the first match, unwrapped. The pattern syntax is ECMAScript's "
          "(close to MATLAB's) without backreferences and lookaround; matching takes time "
          "proportional to the text and Stop interrupts it.",
          [](Call& c) {
              c.requireCount(2, static_cast<std::size_t>(-1));
              const std::string& s = c.string(0);
              std::vector<std::string> names;
              std::vector<int> namedIndex;
              const std::string pattern = translatePattern(c.string(1), names, namedIndex);
              std::optional<Regex> re;
              try {
                  re.emplace(pattern);
              } catch (const std::invalid_argument& e) {
                  c.fail("invalid pattern \"" + c.string(1) + "\": " + e.what());
              }
              bool once = false;
              std::vector<std::string> wanted;
              for (std::size_t i = 2; i < c.count(); ++i) {
                  const std::string opt = callbacks::lower(c.string(i));
                  if (opt == "once")
                      once = true;
                  else if (opt == "match" || opt == "tokens" || opt == "names" || opt == "start" ||
                           opt == "end" || opt == "split" || opt == "tokenextents")
                      wanted.push_back(opt);
                  else
                      c.fail("unknown option \"" + opt +
                             "\" (use match, tokens, names, start, end, split or once)");
              }
              if (wanted.empty())
                  wanted = {"start", "end", "tokenextents", "match", "tokens", "names", "split"};
              // The matcher polls Stop as it scans; a text with many matches polls (and checks
              // the lists it will build against the budget) every kItemChunk matches.
              Context& context = c.context();
              const std::function<void()> poll = [&context] { context.checkCancelled(); };
              std::vector<Match> matches;
              for (std::size_t from = 0; from <= s.size();) {
                  RegexMatch m;
                  if (!re->search(s, from, m, poll))
                      break;
                  matches.push_back(Match{std::move(m), &s});
                  budget::itemDone(c, matches.size(), true);
                  if (once)
                      break;
                  const auto& last = matches.back().m;
                  from = static_cast<std::size_t>(last.end[0] > last.begin[0] ? last.end[0]
                                                                              : last.end[0] + 1);
              }
              std::vector<Value> out;
              for (const std::string& w : wanted) {
                  if (w == "start" || w == "end") {
                      arma::mat pos(1, matches.size());
                      for (std::size_t k = 0; k < matches.size(); ++k)
                          pos(k) = double(matches[k].position(0)) +
                                   (w == "start" ? 1.0 : double(matches[k].length(0)));
                      if (once)
                          out.emplace_back(matches.empty() ? Value(arma::mat()) : Value(pos(0)));
                      else
                          out.emplace_back(pos);
                  } else if (w == "match") {
                      std::vector<Value> m;
                      for (const auto& mt : matches)
                          m.emplace_back(mt.str(0));
                      if (once)
                          out.push_back(matches.empty() ? Value(std::string()) : m.front());
                      else
                          out.push_back(Value::list(std::move(m)));
                  } else if (w == "tokens") {
                      std::vector<Value> all;
                      for (const auto& mt : matches) {
                          std::vector<Value> groups;
                          for (std::size_t g = 1; g < mt.size(); ++g)
                              groups.emplace_back(mt.str(g));
                          if (mt.size() == 1)
                              groups.emplace_back(mt.str(0));
                          all.push_back(Value::list(std::move(groups)));
                      }
                      if (once)
                          out.push_back(all.empty() ? Value::list({}) : all.front());
                      else
                          out.push_back(Value::list(std::move(all)));
                  } else if (w == "names") {
                      lang::StructData st;
                      for (std::size_t k = 0; k < names.size(); ++k)
                          st.set(names[k], matches.empty()
                                               ? Value(std::string())
                                               : Value(matches.front().str(namedIndex[k])));
                      out.emplace_back(std::move(st));
                  } else if (w == "split") {
                      std::vector<Value> pieces;
                      std::size_t from = 0;
                      for (const auto& mt : matches) {
                          pieces.emplace_back(s.substr(from, mt.position(0) - from));
                          from = mt.position(0) + mt.length(0);
                      }
                      pieces.emplace_back(s.substr(from));
                      out.push_back(Value::list(std::move(pieces)));
                  } else {
                      std::vector<Value> extents;
                      for (const auto& mt : matches) {
                          arma::mat e(std::max<std::size_t>(mt.size(), 2) - 1, 2);
                          for (std::size_t g = 1; g < mt.size(); ++g) {
                              e(g - 1, 0) = double(mt.position(g)) + 1.0;
                              e(g - 1, 1) = double(mt.position(g) + mt.length(g));
                          }
                          if (mt.size() == 1) {
                              e(0, 0) = double(mt.position(0)) + 1.0;
                              e(0, 1) = double(mt.position(0) + mt.length(0));
                          }
                          extents.emplace_back(e);
                      }
                      out.push_back(Value::list(std::move(extents)));
                  }
              }
              return out;
          });
}

}  // namespace lemma::builtins
