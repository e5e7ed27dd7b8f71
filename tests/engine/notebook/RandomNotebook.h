// A seeded generator of notebook files for the format's property tests: structured notebooks
// whose code cells are known in advance, and chaotic ones built from fence-like fragments.
#pragma once

#include <random>
#include <string>
#include <vector>

namespace lemma::testing {

// A generated file and what a correct reader must find in it.
struct GeneratedNotebook {
    std::string bytes;
    std::vector<std::string> codeSources;  // in order
    std::string kinds;                     // 'M' and 'C' per cell, in order
    bool unclosed = false;                 // the last code cell's fence is never closed
    bool unclosedFence = false;            // some fence (lemma or not) is never closed
};

class RandomNotebook {
public:
    explicit RandomNotebook(unsigned seed) : m_rng(seed) {}

    GeneratedNotebook structured() {
        GeneratedNotebook g;
        m_crlf = chance(0.3);
        m_mixed = chance(0.15);
        const int elements = uniform(0, 8);
        bool inProse = false;
        for (int e = 0; e < elements; ++e) {
            const bool last = e + 1 == elements;
            const int what = uniform(0, 9);
            if (what < 3) {
                blankLines(g.bytes);
            } else if (what < 6) {
                if (!inProse)
                    g.kinds += 'M';
                inProse = true;
                proseLines(g.bytes);
            } else if (what < 7) {
                if (!inProse)
                    g.kinds += 'M';
                inProse = true;
                const bool unclosed = last && chance(0.3);
                otherFence(g.bytes, unclosed);
                g.unclosedFence = unclosed;
            } else {
                inProse = false;
                g.kinds += 'C';
                const bool unclosed = last && chance(0.25);
                g.codeSources.push_back(codeCell(g.bytes, unclosed));
                g.unclosed = unclosed;
                g.unclosedFence = unclosed;
            }
        }
        if (!g.bytes.empty() && chance(0.3) && g.bytes.back() == '\n') {
            g.bytes.pop_back();
            if (!g.bytes.empty() && g.bytes.back() == '\r')
                g.bytes.pop_back();
            // An unclosed cell whose last line was blank loses that line with the newline.
            if (g.unclosed && !g.codeSources.back().empty() &&
                g.codeSources.back().back() == '\n') {
                g.codeSources.back().pop_back();
            }
        }
        return g;
    }

    // Lines drawn from fragments that stress the fence rules, with any line endings.
    std::string chaotic() {
        static const std::vector<std::string> fragments = {"```lemma",
                                                           "```",
                                                           "````",
                                                           "~~~lemma",
                                                           "~~~",
                                                           "~~~~~",
                                                           "  ```lemma lazy",
                                                           "    ```lemma",
                                                           "```python",
                                                           "``` lemma id=x",
                                                           "```lemma `x`",
                                                           "---",
                                                           "...",
                                                           "seed: 7",
                                                           "x = 1",
                                                           "",
                                                           " ",
                                                           "\t",
                                                           "# heading",
                                                           "> ```lemma",
                                                           "text with ``` inside",
                                                           "λ = 1 🎉",
                                                           "a\rb",
                                                           "```   ",
                                                           " ~~~ ",
                                                           "```lemmas",
                                                           "\r"};
        const std::vector<std::string> endings = {"\n", "\r\n", "\n", ""};
        std::string out;
        const int lines = uniform(0, 25);
        for (int i = 0; i < lines; ++i) {
            out += fragments[static_cast<std::size_t>(uniform(0, int(fragments.size()) - 1))];
            const std::string& end = endings[static_cast<std::size_t>(uniform(0, 3))];
            out += end.empty() && i + 1 < lines ? "\n" : end;
        }
        return out;
    }

    // A code cell source that may contain fence-like lines, blank lines and indentation.
    std::string codeSource() {
        static const std::vector<std::string> lines = {
            "x = 1;", "y = x + 2",   "",         "  indented = 3", "```",
            "````",   "~~~",         "```lemma", "s = \"```\"",    "for i = 1:3",
            "end",    "α = 2 % ∑ 🚀", "    deep", "\t tab"};
        std::string out;
        const int n = uniform(0, 6);
        for (int i = 0; i < n; ++i) {
            if (i > 0)
                out += '\n';
            out += lines[static_cast<std::size_t>(uniform(0, int(lines.size()) - 1))];
        }
        if (n > 0 && chance(0.2))
            out += '\n';
        return out;
    }

    // Prose without blank lines at its edges and without any fence.
    std::string markdownSource() {
        std::string out;
        const int n = uniform(1, 5);
        for (int i = 0; i < n; ++i) {
            if (i > 0)
                out += '\n';
            out += i > 0 && i + 1 < n && chance(0.3) ? std::string() : proseLine();
        }
        return out;
    }

private:
    bool chance(double p) { return std::bernoulli_distribution(p)(m_rng); }
    int uniform(int a, int b) { return std::uniform_int_distribution<int>(a, b)(m_rng); }
    std::string eol() {
        if (m_mixed)
            return chance(0.5) ? "\r\n" : "\n";
        return m_crlf ? "\r\n" : "\n";
    }

    std::string proseLine() {
        static const std::vector<std::string> lines = {"# Attention",
                                                       "Some prose with $\\lambda_1 = 1$.",
                                                       "- a list item",
                                                       "> quoted",
                                                       "    indented code ```lemma",
                                                       "Inline `code` and ``` in the middle.",
                                                       "Ελληνικά 🚀",
                                                       "## Heading with trailing spaces  ",
                                                       "1. first",
                                                       "a lone\rcarriage return",
                                                       "seed: 9",
                                                       "  two leading spaces",
                                                       "``not a fence",
                                                       "~~ nor this"};
        return lines[static_cast<std::size_t>(uniform(0, int(lines.size()) - 1))];
    }

    void blankLines(std::string& out) {
        static const std::vector<std::string> blanks = {"", " ", "\t", "  \t "};
        const int n = uniform(1, 3);
        for (int i = 0; i < n; ++i) {
            out += blanks[static_cast<std::size_t>(uniform(0, 3))] + eol();
        }
    }

    void proseLines(std::string& out) {
        const int n = uniform(1, 4);
        for (int i = 0; i < n; ++i)
            out += proseLine() + eol();
    }

    // A fenced block of another language, prose to the reader; may hold a lemma fence line.
    void otherFence(std::string& out, bool unclosed) {
        const char ch = chance(0.5) ? '`' : '~';
        const int length = uniform(3, 5);
        const std::string run(static_cast<std::size_t>(length), ch);
        static const std::vector<std::string> infos = {"python", "", " text", "lemmas", "markdown"};
        out += std::string(static_cast<std::size_t>(uniform(0, 3)), ' ') + run +
               infos[static_cast<std::size_t>(uniform(0, 4))] + eol();
        const int n = uniform(0, 4);
        for (int i = 0; i < n; ++i) {
            static const std::vector<std::string> body = {
                "import numpy", "```lemma", "~~~lemma", "", "x = 1", "``"};
            // A fence line with an info string never closes a block, so "```lemma" here is
            // only prose.
            out += body[static_cast<std::size_t>(uniform(0, 5))] + eol();
        }
        if (!unclosed)
            out += run + std::string(static_cast<std::size_t>(uniform(0, 2)), ch) + eol();
    }

    // Writes one lemma cell and returns the source a reader must find.
    std::string codeCell(std::string& out, bool unclosed) {
        const char ch = chance(0.6) ? '`' : '~';
        const char other = ch == '`' ? '~' : '`';
        const int length = uniform(3, 5);
        const int indent = uniform(0, 3) == 0 ? uniform(1, 3) : 0;
        const std::string run(static_cast<std::size_t>(length), ch);
        static const std::vector<std::string> infos = {"lemma",
                                                       "lemma",
                                                       " lemma",
                                                       "lemma hide-code",
                                                       "lemma id=attn",
                                                       "lemma lazy ",
                                                       "lemma  id=\"two words\"\tlazy"};
        out += std::string(static_cast<std::size_t>(indent), ' ') + run +
               infos[static_cast<std::size_t>(uniform(0, int(infos.size()) - 1))] + eol();
        std::string source;
        const int n = uniform(0, 5);
        for (int i = 0; i < n; ++i) {
            std::string line;
            switch (uniform(0, 6)) {
                case 0:
                    line = "";
                    break;
                case 1:
                    line = "x = [1 2; 3 4];";
                    break;
                case 2:
                    line = "  y = x' * 2";
                    break;
                case 3:
                    line = std::string(3, other) + "lemma";
                    break;
                case 4:
                    line = std::string(static_cast<std::size_t>(length - 1), ch);
                    break;
                case 5:
                    line = "s = \"" + run + "\"";
                    break;
                default:
                    line = "λ = 1 % 🎉";
                    break;
            }
            // Case 4 is shorter than the fence, so it never closes it: three backticks inside
            // a four-backtick fence are only code.
            const bool shallow = !line.empty() && line.front() != ' ' && chance(0.3);
            const int prefix = shallow ? uniform(0, indent) : indent;
            out += (line.empty() ? std::string()
                                 : std::string(static_cast<std::size_t>(prefix), ' ')) +
                   line + eol();
            if (i > 0)
                source += '\n';
            source += line;
        }
        if (!unclosed) {
            out += std::string(static_cast<std::size_t>(uniform(0, 3)), ' ') + run +
                   std::string(static_cast<std::size_t>(uniform(0, 2)), ch) +
                   std::string(static_cast<std::size_t>(uniform(0, 2)), ' ') + eol();
        }
        return source;
    }

    std::mt19937 m_rng;
    bool m_crlf = false;
    bool m_mixed = false;
};

}  // namespace lemma::testing
