// Edit-distance suggestions for misspelt names.
#include "engine/lang/Suggest.h"

#include <algorithm>
#include <cctype>

namespace lemma::lang {

namespace {

// Levenshtein distance with adjacent transpositions counted as one edit ("sqtr" is one edit
// from "sqrt"): the optimal-string-alignment variant.
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

bool equalIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::string closestName(std::string_view name, const std::vector<std::string>& candidates) {
    for (const std::string& c : candidates) {
        if (c != name && equalIgnoringCase(c, name))
            return c;
    }
    const std::size_t limit = name.size() <= 1 ? 0 : name.size() <= 3 ? 1 : 2;
    std::string best;
    std::size_t bestDistance = limit + 1;
    for (const std::string& c : candidates) {
        if (c == name)
            continue;
        const std::size_t lengthGap =
            c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
        if (lengthGap >= bestDistance)
            continue;
        const std::size_t d = editDistance(name, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

}  // namespace lemma::lang
