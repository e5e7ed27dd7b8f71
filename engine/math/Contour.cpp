// Marching squares. Each crossing of a level lies on a grid edge, and each edge is shared by at
// most two cells, so a crossing is named by its edge: the segments of neighbouring cells meet
// at exactly the same point, and joining segments into polylines is a walk along edge names
// rather than a fuzzy match of coordinates.
#include "engine/math/Contour.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace lemma::math {

namespace {

// The edges of a cell, counter-clockwise from the bottom: bottom (corner 0 to 1), right
// (1 to 2), top (3 to 2), left (0 to 3), with corners 0 = (i, j), 1 = (i, j+1),
// 2 = (i+1, j+1), 3 = (i+1, j).
enum Edge : int { Bottom, Right, Top, Left };

struct Segment {
    std::uint64_t a, b;  // edge names
};

// The cells' segments at one level and the points they join.
class Marcher {
public:
    Marcher(const arma::vec& x, const arma::vec& y, const arma::mat& z)
        : m_x(x), m_y(y), m_z(z), m_cols(z.n_cols) {}

    std::vector<Segment> segments(double level) const {
        std::vector<Segment> out;
        for (arma::uword i = 0; i + 1 < m_z.n_rows; ++i) {
            for (arma::uword j = 0; j + 1 < m_cols; ++j)
                cellSegments(i, j, level, out);
        }
        return out;
    }

    // The crossing of `level` on an edge.
    std::pair<double, double> point(std::uint64_t edge, double level) const {
        const std::uint64_t cell = edge / 2;
        const arma::uword r = cell / m_cols, c = cell % m_cols;
        const bool vertical = edge % 2 == 1;
        const double za = m_z(r, c);
        const double zb = vertical ? m_z(r + 1, c) : m_z(r, c + 1);
        const double t = std::clamp((level - za) / (zb - za), 0.0, 1.0);
        if (vertical)
            return {m_x(c), m_y(r) + t * (m_y(r + 1) - m_y(r))};
        return {m_x(c) + t * (m_x(c + 1) - m_x(c)), m_y(r)};
    }

private:
    // A horizontal edge from (r, c) to (r, c+1) is even, a vertical one from (r, c) to
    // (r+1, c) is odd.
    std::uint64_t name(arma::uword i, arma::uword j, Edge e) const {
        switch (e) {
            case Bottom:
                return 2 * (i * m_cols + j);
            case Top:
                return 2 * ((i + 1) * m_cols + j);
            case Left:
                return 2 * (i * m_cols + j) + 1;
            case Right:
                return 2 * (i * m_cols + j + 1) + 1;
        }
        return 0;
    }

    void cellSegments(arma::uword i, arma::uword j, double level, std::vector<Segment>& out) const {
        auto add = [&](Edge a, Edge b) { out.push_back({name(i, j, a), name(i, j, b)}); };
        const std::array<double, 4> v = {m_z(i, j), m_z(i, j + 1), m_z(i + 1, j + 1),
                                         m_z(i + 1, j)};
        int index = 0;
        for (int k = 0; k < 4; ++k) {
            if (std::isnan(v[k]))
                return;
            if (v[k] >= level)
                index |= 1 << k;
        }
        const bool centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4.0 >= level;
        switch (index) {
            case 1:
            case 14:
                add(Left, Bottom);
                break;
            case 2:
            case 13:
                add(Bottom, Right);
                break;
            case 3:
            case 12:
                add(Left, Right);
                break;
            case 4:
            case 11:
                add(Right, Top);
                break;
            case 6:
            case 9:
                add(Bottom, Top);
                break;
            case 7:
            case 8:
                add(Top, Left);
                break;
            case 5:  // corners 0 and 2 above: joined through the centre, or cut off
                if (centreAbove) {
                    add(Bottom, Right);
                    add(Top, Left);
                } else {
                    add(Left, Bottom);
                    add(Right, Top);
                }
                break;
            case 10:  // corners 1 and 3 above
                if (centreAbove) {
                    add(Left, Bottom);
                    add(Right, Top);
                } else {
                    add(Bottom, Right);
                    add(Top, Left);
                }
                break;
            default:
                break;  // 0 and 15: the level does not cross the cell
        }
    }

    const arma::vec& m_x;
    const arma::vec& m_y;
    const arma::mat& m_z;
    arma::uword m_cols;
};

// Chains of segments that share edges, each as the list of its edges in order.
std::vector<std::pair<std::deque<std::uint64_t>, bool>> join(const std::vector<Segment>& segs) {
    // Every edge touches at most two segments (one from each cell beside it).
    std::unordered_map<std::uint64_t, std::array<std::size_t, 2>> at;
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    at.reserve(segs.size() * 2);
    for (std::size_t s = 0; s < segs.size(); ++s) {
        for (const std::uint64_t e : {segs[s].a, segs[s].b}) {
            auto [it, fresh] = at.try_emplace(e, std::array<std::size_t, 2>{kNone, kNone});
            it->second[it->second[0] == kNone ? 0 : 1] = s;
        }
    }
    std::vector<bool> used(segs.size(), false);
    // The unused segment at `edge` other than `from`, or kNone.
    auto next = [&](std::uint64_t edge, std::size_t from) {
        for (const std::size_t s : at[edge]) {
            if (s != kNone && s != from && !used[s])
                return s;
        }
        return kNone;
    };
    auto other = [&](std::size_t s, std::uint64_t edge) {
        return segs[s].a == edge ? segs[s].b : segs[s].a;
    };

    std::vector<std::pair<std::deque<std::uint64_t>, bool>> chains;
    for (std::size_t start = 0; start < segs.size(); ++start) {
        if (used[start])
            continue;
        used[start] = true;
        std::deque<std::uint64_t> chain = {segs[start].a, segs[start].b};
        bool closed = false;
        for (std::size_t s = start; (s = next(chain.back(), s)) != kNone;) {
            used[s] = true;
            const std::uint64_t e = other(s, chain.back());
            if (e == chain.front()) {
                closed = true;
                break;
            }
            chain.push_back(e);
        }
        if (!closed) {
            for (std::size_t s = start; (s = next(chain.front(), s)) != kNone;) {
                used[s] = true;
                chain.push_front(other(s, chain.front()));
            }
        }
        chains.emplace_back(std::move(chain), closed);
    }
    return chains;
}

bool increasing(const arma::vec& v) {
    for (arma::uword k = 1; k < v.n_elem; ++k) {
        if (!(v(k) > v(k - 1)))
            return false;
    }
    return true;
}

}  // namespace

std::vector<IsoLine> contourLines(const arma::vec& x, const arma::vec& y, const arma::mat& z,
                                  const std::vector<double>& levels) {
    if (z.n_rows < 2 || z.n_cols < 2)
        throw std::invalid_argument("contour: the grid must be at least 2×2");
    if (z.n_rows != y.n_elem || z.n_cols != x.n_elem)
        throw std::invalid_argument("contour: the grid's size does not match its coordinates");
    if (!increasing(x) || !increasing(y))
        throw std::invalid_argument("contour: grid coordinates must be strictly increasing");
    const Marcher marcher(x, y, z);
    std::vector<IsoLine> out;
    for (const double level : levels) {
        if (!std::isfinite(level))
            continue;
        for (auto& [edges, closed] : join(marcher.segments(level))) {
            IsoLine line;
            line.level = level;
            line.closed = closed;
            line.x.reserve(edges.size());
            line.y.reserve(edges.size());
            for (const std::uint64_t e : edges) {
                const auto [px, py] = marcher.point(e, level);
                line.x.push_back(px);
                line.y.push_back(py);
            }
            out.push_back(std::move(line));
        }
    }
    return out;
}

arma::mat sampleGrid(const std::function<double(double, double)>& f, const arma::vec& x,
                     const arma::vec& y) {
    arma::mat z(y.n_elem, x.n_elem);
    for (arma::uword j = 0; j < x.n_elem; ++j) {
        for (arma::uword i = 0; i < y.n_elem; ++i)
            z(i, j) = f(x(j), y(i));
    }
    return z;
}

std::vector<double> contourLevels(const arma::mat& z, int count) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const double v : z) {
        if (!std::isfinite(v))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    std::vector<double> levels;
    if (!(hi > lo) || count < 1)
        return levels;
    for (int k = 1; k <= count; ++k)
        levels.push_back(lo + (hi - lo) * k / (count + 1));
    return levels;
}

}  // namespace lemma::math
