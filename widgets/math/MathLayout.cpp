// TeX's layout rules (see MathLayout.h). The numbers come from the font's MATH constants (or
// TeX's values for Computer Modern, see MathFont); the rules are appendix G's, simplified
// where the subset does not need them (no kerning between scripts and bases).
#include "widgets/math/MathLayout.h"

#include <algorithm>
#include <cmath>

#include "widgets/math/MathSymbols.h"

namespace lemma::widgets::math {

namespace {

using C = AtomClass;

// TeX's spacing between atom classes (The TeXbook, chapter 18): 1 thin, 2 medium, 3 thick;
// negative: only in display and text styles.
constexpr int kSpacing[8][8] = {
    // Ord Op Bin Rel Open Close Punct Inner
    {0, 1, -2, -3, 0, 0, 0, -1},      // Ord
    {1, 1, 0, -3, 0, 0, 0, -1},       // Op
    {-2, -2, 0, 0, -2, 0, 0, -2},     // Bin
    {-3, -3, 0, 0, -3, 0, 0, -3},     // Rel
    {0, 0, 0, 0, 0, 0, 0, 0},         // Open
    {0, 1, -2, -3, 0, 0, 0, -1},      // Close
    {-1, -1, 0, -1, -1, -1, -1, -1},  // Punct
    {-1, 1, -2, -3, -1, 0, -1, -1},   // Inner
};

constexpr double kMu[4] = {0, 3, 4, 5};
// \nulldelimiterspace, and TeX's delimiter rule (\delimiterfactor 901, \delimitershortfall 5pt).
constexpr double kNullDelimiter = 0.12;
constexpr double kDelimiterFactor = 0.901;
constexpr double kDelimiterShortfall = 0.5;

double interSpace(C left, C right, MathStyle style) {
    const int s = kSpacing[int(left)][int(right)];
    if (s == 0 || (s < 0 && style.level > 1))
        return 0;
    return kMu[std::abs(s)] / 18.0;
}

void shiftDown(MathBox& box, double dy) {
    for (MathItem& item : box.items) {
        item.y += dy;
        if (item.kind == MathItem::Kind::Rule)
            item.rect.translate(0, dy);
        else if (item.kind == MathItem::Kind::Path)
            item.path.translate(0, dy);
    }
    box.ascent -= dy;
    box.descent += dy;
}

bool isAlignEnvironment(const QString& env) {
    return env.startsWith(QLatin1String("align")) || env == QLatin1String("split") ||
           env.startsWith(QLatin1String("eqnarray"));
}

}  // namespace

double MathLayout::scale(MathStyle style) const {
    if (style.level == 2)
        return m_font.constant(MathConstant::ScriptPercentScaleDown) / 100.0;
    if (style.level == 3)
        return m_font.constant(MathConstant::ScriptScriptPercentScaleDown) / 100.0;
    return 1.0;
}

double MathLayout::constant(MathConstant c, MathStyle style) const {
    return m_font.constant(c) * scale(style);
}

MathBox MathLayout::glyphBox(FontGlyph glyph, double size) {
    MathBox box;
    const GlyphMetrics m = m_font.metrics(glyph);
    box.width = m.advance * size;
    box.ascent = m.ascent * size;
    box.descent = m.descent * size;
    box.italic = m.italic * size;
    box.topAccent = m.topAccent * size;
    box.character = true;
    MathItem item;
    item.glyph = glyph;
    item.size = size;
    box.items.push_back(item);
    return box;
}

MathBox MathLayout::symbol(char32_t code, MathStyle style) {
    FontGlyph g = m_font.glyph(code);
    if (!g.valid()) {
        const char32_t plain = MathSymbols::plain(code);
        g = m_font.glyph(plain, plain != code);
    }
    if (!g.valid())
        g = m_font.glyph(0xFFFD);
    if (!g.valid())
        g = m_font.glyph('?');
    return glyphBox(g, scale(style));
}

MathBox MathLayout::text(const QString& text, MathStyle style, bool italic) {
    MathBox box;
    const double s = scale(style);
    const QList<uint> codes = text.toUcs4();
    for (uint code : codes) {
        FontGlyph g = italic ? m_font.glyph(code, true) : m_font.glyph(code);
        if (!g.valid() && (code == ' ' || code == 0xA0)) {
            box.appendSpace(0.333 * s);
            continue;
        }
        if (!g.valid())
            g = m_font.glyph('?');
        MathBox glyph = glyphBox(g, s);
        box.append(glyph);
    }
    box.italic = 0;
    return box;
}

MathBox MathLayout::layoutList(const MathList& list, MathStyle style) {
    // Classes first: a Bin where an operand cannot be on its left, or before a Rel, Close or
    // Punct, becomes an Ord (appendix G, rules 5 and 6).
    std::vector<C> classes(list.size(), C::Ord);
    int previous = -1;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const MathAtom& a = list[i];
        if (a.kind == AtomKind::Space || a.kind == AtomKind::Style)
            continue;
        C cls = a.cls;
        const C prev = previous < 0 ? C::Open : classes[std::size_t(previous)];
        if (cls == C::Bin && (previous < 0 || prev == C::Bin || prev == C::Op || prev == C::Rel ||
                              prev == C::Open || prev == C::Punct))
            cls = C::Ord;
        if ((cls == C::Rel || cls == C::Close || cls == C::Punct) && previous >= 0 &&
            prev == C::Bin)
            classes[std::size_t(previous)] = C::Ord;
        classes[i] = cls;
        previous = int(i);
    }
    if (previous >= 0 && classes[std::size_t(previous)] == C::Bin)
        classes[std::size_t(previous)] = C::Ord;

    MathBox box;
    int last = -1;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const MathAtom& a = list[i];
        if (a.kind == AtomKind::Style) {
            style = MathStyle{a.style, style.cramped};
            continue;
        }
        if (a.kind == AtomKind::Space) {
            box.appendSpace(a.em * scale(style) + a.mu / 18.0 * scale(style));
            continue;
        }
        if (last >= 0)
            box.appendSpace(interSpace(classes[std::size_t(last)], classes[i], style) *
                            scale(style));
        MathBox b = atom(a, style);
        const bool first = box.items.empty() && box.width == 0;
        box.append(b);
        if (first) {
            box.character = b.character && list.size() == 1;
            box.topAccent = b.topAccent;
        }
        last = int(i);
    }
    if (list.size() != 1)
        box.character = false;
    return box;
}

MathBox MathLayout::atom(const MathAtom& a, MathStyle style) {
    MathBox base = nucleus(a, style);
    if (a.color.isValid())
        base.colorize(a.color);
    const bool stack = (a.limits == 1 || (a.limits == 0 && a.cls == C::Op && style.level == 0)) &&
                       (a.hasSup || a.hasSub || a.kind == AtomKind::Brace);
    if (stack)
        return limits(std::move(base), a, style);
    if (!a.hasSup && !a.hasSub) {
        if (base.character && !a.large)
            base.width += base.italic;
        return base;
    }
    return scripts(std::move(base), a, style);
}

MathBox MathLayout::nucleus(const MathAtom& a, MathStyle style) {
    switch (a.kind) {
        case AtomKind::Symbol: {
            MathBox box = symbol(a.code, style);
            if (a.large) {
                if (style.level == 0) {
                    const double min = constant(MathConstant::DisplayOperatorMinHeight, style);
                    box = stretchy(a.code, min, scale(style), true, false);
                    box.character = true;
                }
                // Big operators sit centred on the axis.
                const double axis = constant(MathConstant::AxisHeight, style);
                shiftDown(box, (box.ascent - box.descent) / 2 - axis);
            }
            return box;
        }
        case AtomKind::Group: {
            MathBox box = layoutList(a.body, style);
            if (a.cls == C::Op)
                box.character = false;
            return box;
        }
        case AtomKind::Fraction:
            return fraction(a, style);
        case AtomKind::Radical:
            return radical(a, style);
        case AtomKind::Delimited:
            return delimited(a, style);
        case AtomKind::BigDelimiter: {
            static constexpr double sizes[5] = {0, 1.08, 1.62, 2.16, 2.7};
            MathBox box = delimiter(a.code, sizes[std::clamp(a.size, 1, 4)] * scale(style), style);
            box.character = false;
            return box;
        }
        case AtomKind::Accent:
            return accent(a, style);
        case AtomKind::Overline:
            return bar(a, style, true);
        case AtomKind::Underline:
            return bar(a, style, false);
        case AtomKind::Brace:
            return brace(a, style);
        case AtomKind::Array:
            return array(a, style);
        case AtomKind::Text:
            return text(a.text, style, a.italicText);
        case AtomKind::Space:
        case AtomKind::Style:
            break;
    }
    return MathBox();
}

MathBox MathLayout::scripts(MathBox base, const MathAtom& a, MathStyle style) {
    const MathStyle supStyle = style.superscript();
    const MathStyle subStyle = style.subscript();
    MathBox sup = a.hasSup ? layoutList(a.sup, supStyle) : MathBox();
    MathBox sub = a.hasSub ? layoutList(a.sub, subStyle) : MathBox();
    const bool character = base.character && !a.large;
    double u =
        character ? 0 : base.ascent - constant(MathConstant::SuperscriptBaselineDropMax, supStyle);
    double v =
        character ? 0 : base.descent + constant(MathConstant::SubscriptBaselineDropMin, subStyle);
    if (!a.hasSup) {
        v = std::max({v, constant(MathConstant::SubscriptShiftDown, style),
                      sub.ascent - constant(MathConstant::SubscriptTopMax, style)});
    } else {
        u = std::max({u,
                      constant(style.cramped ? MathConstant::SuperscriptShiftUpCramped
                                             : MathConstant::SuperscriptShiftUp,
                               style),
                      sup.descent + constant(MathConstant::SuperscriptBottomMin, style)});
        if (a.hasSub) {
            v = std::max(v, constant(MathConstant::SubscriptShiftDown, style));
            const double gap = (u - sup.descent) - (sub.ascent - v);
            const double minGap = constant(MathConstant::SubSuperscriptGapMin, style);
            if (gap < minGap)
                v += minGap - gap;
            const double psi = constant(MathConstant::SuperscriptBottomMaxWithSubscript, style) -
                               (u - sup.descent);
            if (psi > 0) {
                u += psi;
                v -= psi;
            }
        }
    }
    MathBox box;
    box.width = base.width;
    box.ascent = base.ascent;
    box.descent = base.descent;
    box.place(base, 0, 0);
    double right = base.width;
    // A letter's superscript clears its slant; a big operator's subscript tucks under it.
    const double supX = a.large ? base.width : base.width + base.italic;
    const double subX = a.large ? base.width - base.italic : base.width;
    if (a.hasSup) {
        box.place(sup, supX, -u);
        right = std::max(right, supX + sup.width);
        box.ascent = std::max(box.ascent, u + sup.ascent);
        box.descent = std::max(box.descent, sup.descent - u);
    }
    if (a.hasSub) {
        box.place(sub, subX, v);
        right = std::max(right, subX + sub.width);
        box.descent = std::max(box.descent, v + sub.descent);
        box.ascent = std::max(box.ascent, sub.ascent - v);
    }
    box.width = right + constant(MathConstant::SpaceAfterScript, style);
    return box;
}

MathBox MathLayout::limits(MathBox base, const MathAtom& a, MathStyle style) {
    MathBox sup = a.hasSup ? layoutList(a.sup, style.superscript()) : MathBox();
    MathBox sub = a.hasSub ? layoutList(a.sub, style.subscript()) : MathBox();
    const double delta = a.large ? base.italic : 0;
    const double width = std::max({base.width, sup.width + delta, sub.width + delta});
    MathBox box;
    box.width = width;
    const double baseX = (width - base.width) / 2;
    box.place(base, baseX, 0);
    box.ascent = base.ascent;
    box.descent = base.descent;
    if (a.hasSup) {
        const double gap =
            std::max(constant(MathConstant::UpperLimitGapMin, style),
                     constant(MathConstant::UpperLimitBaselineRiseMin, style) - sup.descent);
        const double y = -(base.ascent + gap + sup.descent);
        box.place(sup, (width - sup.width) / 2 + delta / 2, y);
        box.ascent = base.ascent + gap + sup.height();
    }
    if (a.hasSub) {
        const double gap =
            std::max(constant(MathConstant::LowerLimitGapMin, style),
                     constant(MathConstant::LowerLimitBaselineDropMin, style) - sub.ascent);
        const double y = base.descent + gap + sub.ascent;
        box.place(sub, (width - sub.width) / 2 - delta / 2, y);
        box.descent = base.descent + gap + sub.height();
    }
    return box;
}

MathBox MathLayout::fraction(const MathAtom& a, MathStyle style) {
    const MathStyle f{a.fractionStyle >= 0 ? a.fractionStyle : style.level, style.cramped};
    const double s = scale(f);
    MathBox num = layoutList(a.body, f.numerator());
    MathBox den = layoutList(a.denominator, f.denominator());
    const bool display = f.level == 0;
    const double axis = constant(MathConstant::AxisHeight, f);
    double u, v;
    double t = 0;
    if (a.bar) {
        t = constant(MathConstant::FractionRuleThickness, f);
        u = constant(display ? MathConstant::FractionNumeratorDisplayStyleShiftUp
                             : MathConstant::FractionNumeratorShiftUp,
                     f);
        v = constant(display ? MathConstant::FractionDenominatorDisplayStyleShiftDown
                             : MathConstant::FractionDenominatorShiftDown,
                     f);
        const double gapN = constant(display ? MathConstant::FractionNumDisplayStyleGapMin
                                             : MathConstant::FractionNumeratorGapMin,
                                     f);
        const double gapD = constant(display ? MathConstant::FractionDenomDisplayStyleGapMin
                                             : MathConstant::FractionDenominatorGapMin,
                                     f);
        if ((u - num.descent) - (axis + t / 2) < gapN)
            u = gapN + axis + t / 2 + num.descent;
        if ((axis - t / 2) - (den.ascent - v) < gapD)
            v = gapD + den.ascent - axis + t / 2;
    } else {
        u = constant(
            display ? MathConstant::StackTopDisplayStyleShiftUp : MathConstant::StackTopShiftUp, f);
        v = constant(display ? MathConstant::StackBottomDisplayStyleShiftDown
                             : MathConstant::StackBottomShiftDown,
                     f);
        const double gap = constant(
            display ? MathConstant::StackDisplayStyleGapMin : MathConstant::StackGapMin, f);
        const double actual = (u - num.descent) - (den.ascent - v);
        if (actual < gap) {
            u += (gap - actual) / 2;
            v += (gap - actual) / 2;
        }
    }
    const double w = std::max(num.width, den.width);
    const double pad = a.bar ? kNullDelimiter * s : 0;
    MathBox box;
    box.width = w + 2 * pad;
    box.place(num, pad + (w - num.width) / 2, -u);
    box.place(den, pad + (w - den.width) / 2, v);
    if (a.bar)
        box.addRule(pad, -(axis + t / 2), w, t, QColor());
    box.ascent = u + num.ascent;
    box.descent = v + den.descent;
    if (!a.left && !a.right)
        return box;
    // \binom: delimiters of TeX's \delim1 / \delim2 size around the stack.
    const double size = std::max(display ? 2.39 * s : 1.01 * s,
                                 2 * std::max(box.ascent - axis, box.descent + axis) * 0.95);
    MathBox out = delimiter(a.left, size, f);
    out.append(box);
    out.append(delimiter(a.right, size, f));
    out.character = false;
    return out;
}

MathBox MathLayout::radical(const MathAtom& a, MathStyle style) {
    const double s = scale(style);
    MathBox body = layoutList(a.body, style.crampedStyle());
    const double t = constant(MathConstant::RadicalRuleThickness, style);
    double gap = constant(style.level == 0 ? MathConstant::RadicalDisplayStyleVerticalGap
                                           : MathConstant::RadicalVerticalGap,
                          style);
    const double need = body.ascent + body.descent + gap + t;
    MathBox sign = stretchy(0x221A, need, s, true, false);
    const double signHeight = sign.ascent + sign.descent;
    if (signHeight > need)
        gap += (signHeight - need) / 2;
    const double top = body.ascent + gap + t;
    // The sign's top meets the rule: its baseline moves so that its ink top is at `top`.
    const double signY = sign.ascent - top;
    MathBox box;
    double x = 0;
    if (!a.degree.empty()) {
        MathBox degree = layoutList(a.degree, MathStyle{3, false});
        const double before = constant(MathConstant::RadicalKernBeforeDegree, style);
        const double after = constant(MathConstant::RadicalKernAfterDegree, style);
        const double raise =
            m_font.constant(MathConstant::RadicalDegreeBottomRaisePercent) / 100.0 * signHeight;
        const double degreeY = signY + sign.descent - raise;
        box.place(degree, before, degreeY);
        box.ascent = std::max(box.ascent, degree.ascent - degreeY);
        x = std::max(0.0, before + degree.width + after);
    }
    box.place(sign, x, signY);
    box.addRule(x + sign.width, -top, body.width, t, QColor());
    box.place(body, x + sign.width, 0);
    box.width = x + sign.width + body.width;
    box.ascent = std::max(box.ascent, top + constant(MathConstant::RadicalExtraAscender, style));
    box.descent = std::max(body.descent, sign.descent + signY);
    return box;
}

MathBox MathLayout::delimiter(char32_t code, double size, MathStyle style) {
    const double s = scale(style);
    if (code == 0) {
        MathBox box;
        box.width = kNullDelimiter * s;
        return box;
    }
    MathBox box = stretchy(code, size, s, true, false);
    const double axis = constant(MathConstant::AxisHeight, style);
    shiftDown(box, (box.ascent - box.descent) / 2 - axis);
    box.character = false;
    box.italic = 0;
    return box;
}

MathBox MathLayout::delimited(const MathAtom& a, MathStyle style) {
    std::vector<MathBox> parts;
    double height = 0, depth = 0;
    for (const MathList& part : a.parts) {
        parts.push_back(layoutList(part, style));
        height = std::max(height, parts.back().ascent);
        depth = std::max(depth, parts.back().descent);
    }
    const double axis = constant(MathConstant::AxisHeight, style);
    const double delta = std::max(height - axis, depth + axis);
    const double size =
        std::max(2 * delta * kDelimiterFactor, 2 * delta - kDelimiterShortfall * scale(style));
    MathBox box;
    for (std::size_t i = 0; i < a.delims.size(); ++i) {
        MathBox d = delimiter(a.delims[i], size, style);
        box.append(d);
        if (i < parts.size())
            box.append(parts[i]);
    }
    box.character = false;
    box.italic = 0;
    return box;
}

MathBox MathLayout::accent(const MathAtom& a, MathStyle style) {
    const double s = scale(style);
    MathBox body = layoutList(a.body, style.crampedStyle());
    MathBox mark = a.wide ? stretchy(a.code, body.width, s, false, true) : symbol(a.code, style);
    const double baseAttach =
        body.character && body.topAccent >= 0 ? body.topAccent : body.width / 2;
    const GlyphMetrics markMetrics =
        mark.items.size() == 1 ? m_font.metrics(mark.items.front().glyph) : GlyphMetrics();
    const double markAttach = mark.items.size() == 1 && !a.wide
                                  ? markMetrics.topAccent * s
                                  : (mark.items.empty() ? 0 : mark.width / 2);
    const double lift =
        std::max(0.0, body.ascent - constant(MathConstant::AccentBaseHeight, style));
    MathBox box;
    box.place(body, 0, 0);
    double markX = baseAttach - markAttach;
    if (a.wide && mark.items.size() == 1)
        markX = baseAttach - (markMetrics.left + markMetrics.right) / 2 * s;
    box.place(mark, markX, -lift);
    box.width = body.width;
    box.ascent = std::max(body.ascent, mark.ascent + lift);
    box.descent = body.descent;
    box.italic = body.italic;
    return box;
}

MathBox MathLayout::bar(const MathAtom& a, MathStyle style, bool over) {
    MathBox body = layoutList(a.body, over ? style.crampedStyle() : style);
    MathBox box;
    box.place(body, 0, 0);
    box.width = body.width;
    if (over) {
        const double gap = constant(MathConstant::OverbarVerticalGap, style);
        const double t = constant(MathConstant::OverbarRuleThickness, style);
        box.addRule(0, -(body.ascent + gap + t), body.width, t, QColor());
        box.ascent = body.ascent + gap + t + constant(MathConstant::OverbarExtraAscender, style);
        box.descent = body.descent;
    } else {
        const double gap = constant(MathConstant::UnderbarVerticalGap, style);
        const double t = constant(MathConstant::UnderbarRuleThickness, style);
        box.addRule(0, body.descent + gap, body.width, t, QColor());
        box.ascent = body.ascent;
        box.descent =
            body.descent + gap + t + constant(MathConstant::UnderbarExtraDescender, style);
    }
    return box;
}

MathBox MathLayout::brace(const MathAtom& a, MathStyle style) {
    const double s = scale(style);
    MathBox body = layoutList(a.body, style);
    MathBox brace = stretchy(a.code, body.width, s, false, false);
    const double gap = 0.1 * s;
    const bool over = a.code == 0x23DE;
    const double braceWidth = brace.width;
    MathBox box;
    box.width = std::max(body.width, braceWidth);
    box.place(body, (box.width - body.width) / 2, 0);
    if (over) {
        const double y = -(body.ascent + gap + brace.descent);
        box.place(brace, (box.width - braceWidth) / 2, y);
        box.ascent = body.ascent + gap + brace.height();
        box.descent = body.descent;
    } else {
        const double y = body.descent + gap + brace.ascent;
        box.place(brace, (box.width - braceWidth) / 2, y);
        box.ascent = body.ascent;
        box.descent = body.descent + gap + brace.height();
    }
    return box;
}

MathBox MathLayout::array(const MathAtom& a, MathStyle style) {
    const QString& env = a.environment;
    const bool align = isAlignEnvironment(env) || env == QLatin1String("aligned") ||
                       env.startsWith(QLatin1String("alignat")) ||
                       env == QLatin1String("alignedat");
    const bool cases = env == QLatin1String("cases") || env == QLatin1String("dcases");
    const bool gather = env.startsWith(QLatin1String("gather")) ||
                        env.startsWith(QLatin1String("equation")) ||
                        env.startsWith(QLatin1String("multline"));
    const bool small = env == QLatin1String("smallmatrix");
    MathStyle cellStyle{align || gather || env == QLatin1String("dcases") ? 0 : 1, false};
    if (small)
        cellStyle = MathStyle{2, false};
    if (style.level > 1 && !small)
        cellStyle = style;
    const double s = scale(style);
    // Lay out every cell; in align, the left-aligned cells start with {} so that a leading
    // relation keeps its space.
    std::size_t columns = 0;
    for (const auto& row : a.rows)
        columns = std::max(columns, row.size());
    std::vector<std::vector<MathBox>> cells(a.rows.size());
    std::vector<double> widths(columns, 0);
    for (std::size_t r = 0; r < a.rows.size(); ++r) {
        for (std::size_t c = 0; c < a.rows[r].size(); ++c) {
            MathList list = a.rows[r][c];
            if (align && c % 2 == 1) {
                MathAtom empty;
                empty.kind = AtomKind::Group;
                list.insert(list.begin(), empty);
            }
            cells[r].push_back(layoutList(list, cellStyle));
            widths[c] = std::max(widths[c], cells[r][c].width);
        }
    }
    // Column alignment and the space after each column.
    std::vector<char> alignment(columns, 'c');
    std::vector<double> gaps(columns, small ? 0.5 * s : 1.0 * s);
    if (align) {
        for (std::size_t c = 0; c < columns; ++c) {
            alignment[c] = c % 2 == 0 ? 'r' : 'l';
            gaps[c] = c % 2 == 0 ? 0 : 2.0 * s;
        }
    } else if (cases) {
        std::fill(alignment.begin(), alignment.end(), 'l');
    } else if (env == QLatin1String("array")) {
        std::size_t c = 0;
        for (QChar ch : a.text) {
            if ((ch == QLatin1Char('l') || ch == QLatin1Char('c') || ch == QLatin1Char('r')) &&
                c < columns)
                alignment[c++] = char(ch.unicode());
        }
    }
    // Rows: at least a strut tall, and in display environments \jot apart.
    const double strutAscent = (small ? 0.6 : 0.84) * s;
    const double strutDescent = (small ? 0.25 : 0.36) * s;
    const double jot = align || gather ? 0.3 * s : 0;
    MathBox box;
    double y = 0;
    std::vector<double> baselines;
    for (std::size_t r = 0; r < cells.size(); ++r) {
        double ascent = strutAscent, descent = strutDescent;
        for (const MathBox& cell : cells[r]) {
            ascent = std::max(ascent, cell.ascent);
            descent = std::max(descent, cell.descent);
        }
        if (r > 0)
            y += jot;
        y += ascent;
        baselines.push_back(y);
        double x = 0;
        for (std::size_t c = 0; c < cells[r].size(); ++c) {
            const MathBox& cell = cells[r][c];
            double dx = 0;
            if (alignment[c] == 'c')
                dx = (widths[c] - cell.width) / 2;
            else if (alignment[c] == 'r')
                dx = widths[c] - cell.width;
            box.place(cell, x + dx, y);
            x += widths[c] + (c + 1 < columns ? gaps[c] : 0);
        }
        y += descent;
    }
    double width = 0;
    for (std::size_t c = 0; c < columns; ++c)
        width += widths[c] + (c + 1 < columns ? gaps[c] : 0);
    box.width = width;
    // Centre the whole on the axis (y so far runs from the top, 0, to the bottom, y).
    const double axis = constant(MathConstant::AxisHeight, style);
    const double top = y / 2 + axis;
    shiftDown(box, -top);
    box.ascent = top;
    box.descent = y - top;
    if (cases) {
        MathBox inner = box;
        const double delta = std::max(inner.ascent - axis, inner.descent + axis);
        const double size =
            std::max(2 * delta * kDelimiterFactor, 2 * delta - kDelimiterShortfall * s);
        MathBox out = delimiter('{', size, style);
        out.appendSpace(0.17 * s);
        out.append(inner);
        out.appendSpace(kNullDelimiter * s);
        return out;
    }
    char32_t left = 0, right = 0;
    if (env == QLatin1String("pmatrix"))
        left = '(', right = ')';
    else if (env == QLatin1String("bmatrix"))
        left = '[', right = ']';
    else if (env == QLatin1String("Bmatrix"))
        left = '{', right = '}';
    else if (env == QLatin1String("vmatrix"))
        left = '|', right = '|';
    else if (env == QLatin1String("Vmatrix"))
        left = 0x2016, right = 0x2016;
    if (!left)
        return box;
    const double delta = std::max(box.ascent - axis, box.descent + axis);
    const double size = std::max(2 * delta * kDelimiterFactor, 2 * delta - kDelimiterShortfall * s);
    MathBox out = delimiter(left, size, style);
    out.appendSpace(0.2 * s);
    out.append(box);
    out.appendSpace(0.2 * s);
    out.append(delimiter(right, size, style));
    return out;
}

MathBox MathLayout::stretchy(char32_t code, double size, double scale, bool vertical, bool widest) {
    FontGlyph g = m_font.glyph(code);
    if (!g.valid())
        return symbol(code, MathStyle{1, false});
    const GlyphConstruction* c =
        g.font == MathFont::Math
            ? (vertical ? m_font.table().vertical(g.index) : m_font.table().horizontal(g.index))
            : nullptr;
    auto extent = [&](FontGlyph glyph) {
        const GlyphMetrics m = m_font.metrics(glyph);
        return (vertical ? m.ascent + m.descent : m.advance) * scale;
    };
    if (!c)
        return glyphBox(g, scale);
    FontGlyph chosen{MathFont::Math, c->variants.front()};
    for (quint32 v : c->variants) {
        const FontGlyph candidate{MathFont::Math, v};
        if (widest) {
            // Accents: the widest variant not wider than the base.
            if (extent(candidate) <= size * 1.05)
                chosen = candidate;
            continue;
        }
        chosen = candidate;
        if (extent(candidate) >= size)
            return glyphBox(candidate, scale);
    }
    if (widest)
        return glyphBox(chosen, scale);
    if (!c->parts.isEmpty())
        return assemble(c->parts, size, scale, vertical);
    MathBox box = glyphBox(chosen, scale);
    if (vertical && box.height() > 0) {
        const double stretch = size / box.height();
        box.items.front().stretch = stretch;
        box.items.front().y = 0;
        box.ascent *= stretch;
        box.descent *= stretch;
    }
    return box;
}

MathBox MathLayout::assemble(const QList<GlyphPart>& parts, double size, double scale,
                             bool vertical) {
    const double upem = m_font.unitsPerEm();
    const double minOverlap = m_font.table().minConnectorOverlap() / upem * scale;
    // Repeat the extenders until the pieces, overlapping as little as allowed, reach `size`.
    QList<GlyphPart> pieces;
    for (int repeat = 1; repeat < 64; ++repeat) {
        pieces.clear();
        for (const GlyphPart& p : parts) {
            for (int i = 0; i < (p.extender ? repeat : 1); ++i)
                pieces.append(p);
        }
        double longest = 0;
        for (const GlyphPart& p : pieces)
            longest += p.fullAdvance / upem * scale;
        longest -= minOverlap * double(pieces.size() - 1);
        if (longest >= size)
            break;
    }
    // Spread the overlap evenly over the joints, within what the connectors allow.
    double total = 0;
    double maxOverlap = 1e9;
    for (int i = 0; i < pieces.size(); ++i) {
        total += pieces[i].fullAdvance / upem * scale;
        if (i > 0)
            maxOverlap = std::min(
                maxOverlap,
                std::min(pieces[i - 1].endConnector, pieces[i].startConnector) / upem * scale);
    }
    const int joints = int(pieces.size()) - 1;
    double overlap = joints > 0 ? (total - size) / joints : 0;
    overlap = std::clamp(overlap, minOverlap, std::max(minOverlap, maxOverlap));
    const double length = total - overlap * joints;
    MathBox box;
    double at = 0;  // from the bottom (vertical) or the left
    double thickness = 0;
    for (const GlyphPart& p : pieces) {
        const FontGlyph g{MathFont::Math, p.glyph};
        const GlyphMetrics m = m_font.metrics(g);
        MathItem item;
        item.glyph = g;
        item.size = scale;
        if (vertical) {
            // The piece's ink bottom sits at `at` above the assembly's bottom.
            item.y = -(at + m.descent * scale);
            item.x = 0;
            thickness = std::max(thickness, m.advance * scale);
        } else {
            item.x = at;
            item.y = 0;
            box.ascent = std::max(box.ascent, m.ascent * scale);
            box.descent = std::max(box.descent, m.descent * scale);
        }
        box.items.push_back(item);
        at += p.fullAdvance / upem * scale - overlap;
    }
    if (vertical) {
        box.width = thickness;
        box.ascent = length;
        box.descent = 0;
    } else {
        box.width = length;
    }
    return box;
}

}  // namespace lemma::widgets::math
