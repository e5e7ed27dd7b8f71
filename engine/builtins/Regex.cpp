// regexp's pattern matcher (see Regex.h): a parser to a syntax tree, a compiler to the
// instructions of a Pike virtual machine, and the machine.
#include "engine/builtins/Regex.h"

#include <cctype>
#include <memory>
#include <stdexcept>

namespace lemma::builtins {

namespace {

using Op = Regex::Op;
using Inst = Regex::Inst;

struct Node {
    enum class Kind {
        Empty,
        Char,
        Any,
        Class,
        Bol,
        Eol,
        WordBoundary,
        NotWordBoundary,
        Group,
        Concat,
        Alt,
        Repeat
    };
    Kind kind = Kind::Empty;
    int value = 0;  // Char: the byte; Class: the class; Group: the group (-1: not capturing)
    int min = 0;
    int max = -1;  // Repeat: -1 for no upper bound
    bool greedy = true;
    std::vector<std::unique_ptr<Node>> kids;
};

using NodePtr = std::unique_ptr<Node>;

NodePtr node(Node::Kind kind, int value = 0) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    n->value = value;
    return n;
}

bool isWord(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool isDigit(unsigned char c) {
    return c >= '0' && c <= '9';
}

bool isSpace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

[[noreturn]] void refuse(const std::string& message) {
    throw std::invalid_argument(message);
}

// Recursive descent over the pattern, its depth bounded by Regex::kMaxNesting.
class Parser {
public:
    Parser(std::string_view pattern, std::vector<std::bitset<256>>& classes)
        : m_p(pattern), m_classes(classes) {}

    NodePtr parse() {
        NodePtr root = alternation(0);
        if (m_i < m_p.size())
            refuse("unmatched ) at position " + std::to_string(m_i + 1));
        return root;
    }
    int groups() const { return m_groups; }

private:
    bool more() const { return m_i < m_p.size(); }
    char peek() const { return m_p[m_i]; }

    NodePtr alternation(int depth) {
        if (depth > Regex::kMaxNesting)
            refuse("groups nested more than " + std::to_string(Regex::kMaxNesting) + " deep");
        NodePtr first = concatenation(depth);
        if (!more() || peek() != '|')
            return first;
        NodePtr alt = node(Node::Kind::Alt);
        alt->kids.push_back(std::move(first));
        while (more() && peek() == '|') {
            ++m_i;
            alt->kids.push_back(concatenation(depth));
        }
        return alt;
    }

    NodePtr concatenation(int depth) {
        NodePtr seq = node(Node::Kind::Concat);
        while (more() && peek() != '|' && peek() != ')')
            seq->kids.push_back(repetition(depth));
        return seq;
    }

    // A count of {m,n}: digits, at most 100000.
    bool count(int& out) {
        const std::size_t start = m_i;
        long long v = 0;
        while (more() && isDigit(static_cast<unsigned char>(peek()))) {
            v = v * 10 + (peek() - '0');
            if (v > 100000)
                refuse("repetition count too large at position " + std::to_string(start + 1));
            ++m_i;
        }
        out = static_cast<int>(v);
        return m_i > start;
    }

    // {m}, {m,}, {m,n} at m_i (on its '{'); false, with m_i unchanged, when it is not one.
    bool braces(int& min, int& max) {
        const std::size_t start = m_i;
        ++m_i;
        if (!count(min)) {
            m_i = start;
            return false;
        }
        max = min;
        if (more() && peek() == ',') {
            ++m_i;
            max = -1;
            int upper = 0;
            if (count(upper))
                max = upper;
        }
        if (!more() || peek() != '}') {
            m_i = start;
            return false;
        }
        ++m_i;
        if (max >= 0 && max < min)
            refuse("repetition {" + std::to_string(min) + "," + std::to_string(max) +
                   "} has its bounds in the wrong order");
        return true;
    }

    NodePtr repetition(int depth) {
        const std::size_t at = m_i;
        NodePtr atom = this->atom(depth);
        bool repeated = false;
        while (more()) {
            int min = 0;
            int max = -1;
            const char c = peek();
            if (c == '*') {
                ++m_i;
            } else if (c == '+') {
                min = 1;
                ++m_i;
            } else if (c == '?') {
                max = 1;
                ++m_i;
            } else if (c == '{' && braces(min, max)) {
            } else {
                break;
            }
            const Node::Kind k = atom->kind;
            if (repeated || k == Node::Kind::Bol || k == Node::Kind::Eol ||
                k == Node::Kind::WordBoundary || k == Node::Kind::NotWordBoundary)
                refuse("nothing to repeat at position " + std::to_string(at + 1));
            repeated = true;
            NodePtr rep = node(Node::Kind::Repeat);
            rep->min = min;
            rep->max = max;
            if (more() && peek() == '?') {
                rep->greedy = false;
                ++m_i;
            }
            rep->kids.push_back(std::move(atom));
            atom = std::move(rep);
        }
        return atom;
    }

    NodePtr atom(int depth) {
        const std::size_t at = m_i;
        const char c = m_p[m_i++];
        switch (c) {
            case '.':
                return node(Node::Kind::Any);
            case '^':
                return node(Node::Kind::Bol);
            case '$':
                return node(Node::Kind::Eol);
            case '*':
            case '+':
            case '?':
                refuse("nothing to repeat at position " + std::to_string(at + 1));
            case '[':
                return node(Node::Kind::Class, characterClass());
            case '\\':
                return escape();
            case '(':
                return group(depth, at);
            default:
                return node(Node::Kind::Char, static_cast<unsigned char>(c));
        }
    }

    NodePtr group(int depth, std::size_t at) {
        int index = -1;
        if (more() && peek() == '?') {
            const std::string_view rest = m_p.substr(m_i);
            if (rest.starts_with("?:")) {
                m_i += 2;
            } else if (rest.starts_with("?=") || rest.starts_with("?!") ||
                       rest.starts_with("?<=") || rest.starts_with("?<!")) {
                refuse("lookaround (" + std::string(rest.substr(0, rest[1] == '<' ? 3 : 2)) +
                       "…) is not supported");
            } else if (rest.starts_with("?<") && rest.find('>') != std::string_view::npos) {
                m_i += rest.find('>') + 1;
                index = ++m_groups;
            } else {
                refuse("unknown group syntax (? at position " + std::to_string(at + 1));
            }
        } else {
            index = ++m_groups;
        }
        NodePtr g = node(Node::Kind::Group, index);
        g->kids.push_back(alternation(depth + 1));
        if (!more() || peek() != ')')
            refuse("missing ) for the group at position " + std::to_string(at + 1));
        ++m_i;
        return g;
    }

    // After a backslash: the escaped byte, or -1 for a class escape (\d \w \s and their
    // negations), which is added to `set`.
    int escapedByte(std::bitset<256>& set, bool inClass) {
        if (!more())
            refuse("the pattern ends with a lone backslash");
        const char c = m_p[m_i++];
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'f':
                return '\f';
            case 'v':
                return '\v';
            case '0':
                return 0;
            case 'x': {
                if (m_i + 2 > m_p.size() || hexDigit(m_p[m_i]) < 0 || hexDigit(m_p[m_i + 1]) < 0)
                    refuse("\\x needs two hexadecimal digits");
                const int v = hexDigit(m_p[m_i]) * 16 + hexDigit(m_p[m_i + 1]);
                m_i += 2;
                return v;
            }
            case 'd':
            case 'D':
            case 'w':
            case 'W':
            case 's':
            case 'S': {
                std::bitset<256> cls;
                for (int b = 0; b < 256; ++b) {
                    const auto u = static_cast<unsigned char>(b);
                    const char lower = static_cast<char>(c | 0x20);
                    cls[b] = lower == 'd' ? isDigit(u) : lower == 'w' ? isWord(u) : isSpace(u);
                }
                if (c == 'D' || c == 'W' || c == 'S')
                    cls.flip();
                set |= cls;
                return -1;
            }
            case 'b':
                if (inClass)
                    return '\b';
                break;
            default:
                break;
        }
        if (c >= '1' && c <= '9')
            refuse("backreferences (\\" + std::string(1, c) + ") are not supported");
        if (std::isalpha(static_cast<unsigned char>(c)))
            refuse("unknown escape \\" + std::string(1, c));
        return static_cast<unsigned char>(c);
    }

    NodePtr escape() {
        if (more() && (peek() == 'b' || peek() == 'B')) {
            const bool b = m_p[m_i++] == 'b';
            return node(b ? Node::Kind::WordBoundary : Node::Kind::NotWordBoundary);
        }
        std::bitset<256> set;
        const int byte = escapedByte(set, false);
        if (byte >= 0)
            return node(Node::Kind::Char, byte);
        m_classes.push_back(set);
        return node(Node::Kind::Class, static_cast<int>(m_classes.size()) - 1);
    }

    // After '[': the class up to its ']', added to m_classes; returns its index.
    int characterClass() {
        const std::size_t at = m_i - 1;
        bool negated = false;
        if (more() && peek() == '^') {
            negated = true;
            ++m_i;
        }
        std::bitset<256> set;
        while (true) {
            if (!more())
                refuse("missing ] for the class at position " + std::to_string(at + 1));
            if (peek() == ']') {
                ++m_i;
                break;
            }
            int low = static_cast<unsigned char>(m_p[m_i++]);
            if (low == '\\') {
                low = escapedByte(set, true);
                if (low < 0)
                    continue;
            }
            if (m_i + 1 < m_p.size() && peek() == '-' && m_p[m_i + 1] != ']') {
                ++m_i;
                int high = static_cast<unsigned char>(m_p[m_i++]);
                if (high == '\\') {
                    std::bitset<256> ignored;
                    high = escapedByte(ignored, true);
                    if (high < 0)
                        refuse("a class escape cannot end a range");
                }
                if (high < low)
                    refuse("range out of order in the class at position " + std::to_string(at + 1));
                for (int b = low; b <= high; ++b)
                    set[b] = true;
            } else {
                set[low] = true;
            }
        }
        if (negated)
            set.flip();
        m_classes.push_back(set);
        return static_cast<int>(m_classes.size()) - 1;
    }

    std::string_view m_p;
    std::size_t m_i = 0;
    int m_groups = 0;
    std::vector<std::bitset<256>>& m_classes;
};

// Emits a syntax tree as instructions, refusing programs past Regex::kMaxInstructions.
class Compiler {
public:
    explicit Compiler(std::vector<Inst>& program) : m_program(program) {}

    void emit(const Node& n) {
        switch (n.kind) {
            case Node::Kind::Empty:
                break;
            case Node::Kind::Char:
                add({Op::Char, n.value});
                break;
            case Node::Kind::Any:
                add({Op::Any});
                break;
            case Node::Kind::Class:
                add({Op::Class, n.value});
                break;
            case Node::Kind::Bol:
                add({Op::Bol});
                break;
            case Node::Kind::Eol:
                add({Op::Eol});
                break;
            case Node::Kind::WordBoundary:
                add({Op::WordBoundary});
                break;
            case Node::Kind::NotWordBoundary:
                add({Op::NotWordBoundary});
                break;
            case Node::Kind::Group:
                if (n.value >= 0)
                    add({Op::Save, 2 * n.value});
                emit(*n.kids[0]);
                if (n.value >= 0)
                    add({Op::Save, 2 * n.value + 1});
                break;
            case Node::Kind::Concat:
                for (const auto& k : n.kids)
                    emit(*k);
                break;
            case Node::Kind::Alt: {
                std::vector<std::size_t> jumps;
                for (std::size_t k = 0; k + 1 < n.kids.size(); ++k) {
                    const std::size_t split = add({Op::Split});
                    m_program[split].x = here();
                    emit(*n.kids[k]);
                    jumps.push_back(add({Op::Jmp}));
                    m_program[split].y = here();
                }
                emit(*n.kids.back());
                for (std::size_t j : jumps)
                    m_program[j].x = here();
                break;
            }
            case Node::Kind::Repeat:
                repeat(n);
                break;
        }
    }

private:
    int here() const { return static_cast<int>(m_program.size()); }

    std::size_t add(Inst inst) {
        if (m_program.size() >= Regex::kMaxInstructions)
            refuse("the pattern is too large (more than " +
                   std::to_string(Regex::kMaxInstructions) +
                   " steps once its repetitions are expanded)");
        m_program.push_back(inst);
        return m_program.size() - 1;
    }

    // min copies of the body, then a loop (no upper bound) or max - min optional copies; each
    // split prefers the body when greedy and what follows when lazy.
    void repeat(const Node& n) {
        const Node& body = *n.kids[0];
        for (int k = 0; k < n.min; ++k)
            emit(body);
        if (n.max < 0) {
            const std::size_t loop = add({Op::Split});
            m_program[loop].x = here();
            emit(body);
            add({Op::Jmp, static_cast<int>(loop)});
            m_program[loop].y = here();
            if (!n.greedy)
                std::swap(m_program[loop].x, m_program[loop].y);
            return;
        }
        std::vector<std::size_t> splits;
        for (int k = n.min; k < n.max; ++k) {
            splits.push_back(add({Op::Split}));
            m_program[splits.back()].x = here();
            emit(body);
        }
        for (std::size_t s : splits) {
            m_program[s].y = here();
            if (!n.greedy)
                std::swap(m_program[s].x, m_program[s].y);
        }
    }

    std::vector<Inst>& m_program;
};

// The threads of one step: a sparse set of the instructions reached (so that each is followed
// once per step, which also ends empty loops) and, in priority order, the threads waiting on
// a character or a match with their captures.
class Threads {
public:
    Threads(std::size_t instructions, std::size_t slots) : m_sparse(instructions), m_slots(slots) {}

    bool visit(int pc) {
        const std::size_t i = m_sparse[pc];
        if (i < m_dense.size() && m_dense[i] == pc)
            return false;
        m_sparse[pc] = m_dense.size();
        m_dense.push_back(pc);
        return true;
    }
    void add(int pc, const std::vector<std::ptrdiff_t>& caps) {
        m_pcs.push_back(pc);
        m_caps.insert(m_caps.end(), caps.begin(), caps.end());
    }
    void clear() {
        m_dense.clear();
        m_pcs.clear();
        m_caps.clear();
    }
    std::size_t size() const { return m_pcs.size(); }
    int pc(std::size_t t) const { return m_pcs[t]; }
    const std::ptrdiff_t* caps(std::size_t t) const { return m_caps.data() + t * m_slots; }

private:
    std::vector<std::size_t> m_sparse;
    std::vector<int> m_dense;
    std::vector<int> m_pcs;
    std::vector<std::ptrdiff_t> m_caps;
    std::size_t m_slots;
};

}  // namespace

struct Regex::Scratch {
    Scratch(std::size_t instructions, std::size_t slots)
        : current(instructions, slots), next(instructions, slots), caps(slots, -1) {}
    Threads current;
    Threads next;
    std::vector<std::ptrdiff_t> caps;
    std::vector<std::ptrdiff_t> best;
    std::size_t work = 0;  // since the last poll
};

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

Regex::Regex(std::string_view pattern) {
    Parser parser(pattern, m_classes);
    const NodePtr root = parser.parse();
    m_groups = parser.groups();
    Compiler compiler(m_program);
    m_program.push_back({Op::Save, 0});
    compiler.emit(*root);
    m_program.push_back({Op::Save, 1});
    m_program.push_back({Op::Match});
    // Each step may hold a thread per instruction, each with its captures.
    if (static_cast<double>(m_program.size()) * (2.0 * m_groups + 2.0) > 8.0e6)
        refuse("the pattern is too large (" + std::to_string(m_groups) + " groups in " +
               std::to_string(m_program.size()) + " steps)");
}

bool Regex::search(std::string_view text, std::size_t from, RegexMatch& match,
                   const std::function<void()>& poll) const {
    const std::size_t slots = 2 * static_cast<std::size_t>(m_groups) + 2;
    const auto n = static_cast<std::ptrdiff_t>(text.size());
    if (!m_scratch)
        m_scratch = std::make_unique<Scratch>(m_program.size(), slots);
    Threads& current = m_scratch->current;
    Threads& next = m_scratch->next;
    current.clear();
    next.clear();
    std::vector<std::ptrdiff_t>& caps = m_scratch->caps;
    std::vector<std::ptrdiff_t>& best = m_scratch->best;
    std::size_t& work = m_scratch->work;
    bool matched = false;

    auto wordAt = [&](std::ptrdiff_t i) {
        return i >= 0 && i < n && isWord(static_cast<unsigned char>(text[i]));
    };
    // Follows the instructions that consume nothing from `start`, in priority order, with an
    // explicit stack (a pattern may be long); a slot's old value is restored after its branch.
    struct Frame {
        int pc;
        int slot;  // >= 0: restore caps[slot] = value instead
        std::ptrdiff_t value;
    };
    std::vector<Frame> stack;  // empty between calls of follow
    auto follow = [&](Threads& list, int start, std::ptrdiff_t pos) {
        stack.push_back({start, -1, 0});
        while (!stack.empty()) {
            const Frame f = stack.back();
            stack.pop_back();
            if (f.slot >= 0) {
                caps[f.slot] = f.value;
                continue;
            }
            if (!list.visit(f.pc))
                continue;
            ++work;
            const Inst& inst = m_program[f.pc];
            switch (inst.op) {
                case Op::Jmp:
                    stack.push_back({inst.x, -1, 0});
                    break;
                case Op::Split:
                    stack.push_back({inst.y, -1, 0});
                    stack.push_back({inst.x, -1, 0});
                    break;
                case Op::Save:
                    stack.push_back({0, inst.x, caps[inst.x]});
                    caps[inst.x] = pos;
                    stack.push_back({f.pc + 1, -1, 0});
                    break;
                case Op::Bol:
                    if (pos == 0)
                        stack.push_back({f.pc + 1, -1, 0});
                    break;
                case Op::Eol:
                    if (pos == n)
                        stack.push_back({f.pc + 1, -1, 0});
                    break;
                case Op::WordBoundary:
                case Op::NotWordBoundary:
                    if ((wordAt(pos - 1) != wordAt(pos)) == (inst.op == Op::WordBoundary))
                        stack.push_back({f.pc + 1, -1, 0});
                    break;
                default:
                    list.add(f.pc, caps);
                    break;
            }
        }
    };

    for (auto pos = static_cast<std::ptrdiff_t>(from); pos <= n; ++pos) {
        if (work >= (std::size_t(1) << 16)) {
            work = 0;
            if (poll)
                poll();
        }
        if (!matched) {
            std::fill(caps.begin(), caps.end(), -1);
            follow(current, 0, pos);
        }
        if (matched && current.size() == 0)
            break;
        const auto byte = pos < n ? static_cast<unsigned char>(text[pos]) : 0;
        for (std::size_t t = 0; t < current.size(); ++t) {
            ++work;
            const Inst& inst = m_program[current.pc(t)];
            bool advance = false;
            switch (inst.op) {
                case Op::Match:
                    matched = true;
                    best.assign(current.caps(t), current.caps(t) + slots);
                    break;
                case Op::Char:
                    advance = pos < n && byte == inst.x;
                    break;
                case Op::Any:
                    advance = pos < n && byte != '\n' && byte != '\r';
                    break;
                case Op::Class:
                    advance = pos < n && m_classes[inst.x][byte];
                    break;
                default:
                    break;
            }
            if (inst.op == Op::Match)
                break;  // the threads after it have lower priority
            if (advance) {
                caps.assign(current.caps(t), current.caps(t) + slots);
                follow(next, current.pc(t) + 1, pos + 1);
            }
        }
        std::swap(current, next);
        next.clear();
    }
    if (!matched)
        return false;
    match.begin.assign(m_groups + 1, -1);
    match.end.assign(m_groups + 1, -1);
    for (int g = 0; g <= m_groups; ++g) {
        if (best[2 * g] >= 0 && best[2 * g + 1] >= 0) {
            match.begin[g] = best[2 * g];
            match.end[g] = best[2 * g + 1];
        }
    }
    return true;
}

}  // namespace lemma::builtins
